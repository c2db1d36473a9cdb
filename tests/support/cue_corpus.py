"""A labelled corpus for the warning signs (issue 14), in three families:

- stories: the field's stories (../shared/DOMAIN.md), each in noisy variants; each must
  raise its cue;
- healthy: look-alikes of those stories that are fine (a client who answers by phone, a
  holiday with the next session booked, the coach's own conference); each must raise nothing;
- declines: relationships that slowly fail, read weekly as a coach would; the first warning
  must come at least LEAD_TARGET_DAYS before the break.

`python -m tests.support.cue_corpus` prints recall per kind, false alarms and lead times,
the figures in the README.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from journal.cues.engine import evaluate
from journal.cues.history import Contact, History
from journal.cues.thresholds import Thresholds
from journal.values.away import Away
from tests.conftest import NOW
from tests.support.cue_histories import contact, day, history, out, promise, reply, talk

VARIANTS = 6
LEAD_TARGET_DAYS = 14
DEFAULTS = Thresholds.default()


@dataclass(frozen=True)
class Case:
    name: str
    history: History
    expected: str | None = None
    """The cue kind a story must raise; None for a healthy client (no cue at all)."""
    break_day: dt.date | None = None
    """For a decline: the day the relationship broke."""


def _jitter(rng: random.Random, h: History) -> History:
    """Moments moved by up to six hours either way, as real logs are (never past NOW)."""
    latest = NOW - dt.timedelta(minutes=1)
    moved = tuple(
        sorted(
            (
                dataclasses.replace(
                    c, at=min(c.at + dt.timedelta(minutes=rng.randint(-360, 360)), latest)
                )
                for c in h.contacts
            ),
            key=lambda c: c.at,
        )
    )
    return dataclasses.replace(h, contacts=moved)


def _weeks(first: float, count: int, every: float = 7, **kw: object) -> list[Contact]:
    return [talk(first + every * k, **kw) for k in range(count)]  # type: ignore[arg-type]


def _away(h: History, *periods: tuple[int, int]) -> History:
    return dataclasses.replace(h, away=tuple(Away(day(-a), day(-b)) for a, b in periods))


def _booked(c: Contact, days_ahead: int) -> Contact:
    return dataclasses.replace(c, follow_up_on=day(days_ahead))


# -- the stories ------------------------------------------------------------------------------

STORIES: dict[str, Callable[[random.Random], History]] = {
    "unanswered": lambda r: history(
        talk(40, "phone", feeling=1), reply(35), reply(30), out(25), out(18), out(11), out(4)
    ),
    "channel_mismatch": lambda r: history(
        talk(40, "meeting"),
        out(33),
        out(26),
        talk(21, "phone"),
        out(14),
        talk(9, "phone"),
        out(4),
        preferred="email",
    ),
    "neglect": lambda r: history(*_weeks(12 + r.random(), 8, every=3.5), cadence=3.5),
    "missed_deadlines": lambda r: history(
        *_weeks(3, 6), promises=(promise("client", -10), promise("client", -5))
    ),
    "inconsistency": lambda r: history(
        *_weeks(2, 6), promises=(promise("me", -9), promise("me", -20, done=-12))
    ),
    "over_contact": lambda r: history(
        talk(45),
        talk(38),
        talk(14, "meeting"),
        *[reply(13 - k, hour=8 + k % 10) for k in range(13)],
        cadence=7,
    ),
    "dread": lambda r: history(
        *_weeks(23, 6, feeling=1),
        *[talk(d, feeling=-1, emotions=("drained",)) for d in (16, 9, 2)],
        cadence=7,
    ),
    "mood_decline": lambda r: history(
        *[talk(2 + 7 * k, feeling=f) for k, f in enumerate((-1, 0, 0, 1, 2, 2, 2))], cadence=7
    ),
}


# -- healthy look-alikes ----------------------------------------------------------------------


def _phone_back(r: random.Random) -> History:
    weeks = [c for k in range(10) for c in (out(3 + 7 * k), contact(2 + 7 * k, "phone", "in"))]
    return history(*weeks, cadence=7, preferred="email")


def _text_back(r: random.Random) -> History:
    weeks = [c for k in range(10) for c in (out(4 + 7 * k), reply(3 + 7 * k, "message"))]
    return history(*weeks, *_weeks(2, 10), cadence=7, preferred="email")


def _holiday_booked(r: random.Random) -> History:
    sessions = _weeks(23, 8)
    last = _booked(talk(16), 2)  # "see you on the 23rd, after the holiday"
    return _away(history(*sessions, last, cadence=7), (15, 1))


def _parental_leave(r: random.Random) -> History:
    return _away(history(*_weeks(50, 8, every=14), cadence=14), (48, -30))


def _coach_conference(r: random.Random) -> History:
    return _away(history(*_weeks(12, 8), cadence=7), (10, 2))


HEALTHY: dict[str, Callable[[random.Random], History]] = {
    "answers email by phoning back": _phone_back,
    "answers by text message": _text_back,
    "holiday, next session booked": _holiday_booked,
    "parental leave": _parental_leave,
    "the coach's own conference": _coach_conference,
    "twice a week, kept": lambda r: history(*_weeks(1 + r.random(), 16, every=3.5), cadence=3.5),
    "monthly, kept": lambda r: history(*_weeks(20, 5, every=30), cadence=30),
    "slow but answering": lambda r: history(
        *[c for k in range(8) for c in (out(9 + 7 * k), reply(7 + 7 * k))],
        *_weeks(2, 8),
        cadence=7,
    ),
    "the overdue call, logged": lambda r: history(*_weeks(14, 6), talk(0, hour=9), cadence=7),
    "one bad session among good ones": lambda r: history(
        *_weeks(9, 6, feeling=1), talk(2, feeling=-1, emotions=("drained",)), cadence=7
    ),
    "writes often, always has": lambda r: history(
        *[reply(k * 1.1, hour=9 + k % 8) for k in range(80)], *_weeks(2, 12), cadence=7
    ),
    "uneasy follow-ups answered": lambda r: history(
        *_weeks(9, 6), out(6, feeling=-1, emotions=("uneasy",)), reply(5), cadence=7
    ),
    "promises kept on time": lambda r: history(
        *_weeks(2, 6),
        promises=(promise("client", -10, done=-11), promise("me", -5, done=-5)),
        cadence=7,
    ),
}


# -- slow declines ----------------------------------------------------------------------------


def _drifting(r: random.Random) -> tuple[History, dt.date]:
    """Weekly sessions whose gaps widen until the client stops coming (day -5)."""
    gaps = (7, 7, 7, 9, 11, 14, 18)
    days, at = [], 90.0
    for gap in gaps:
        days.append(at)
        at -= gap
    return history(*[talk(d) for d in days], cadence=7), day(-5)


def _souring(r: random.Random) -> tuple[History, dt.date]:
    """Sessions that feel worse week by week; the client leaves at the last."""
    feelings = (2, 2, 1, 1, 1, 0, 0, -1, -1, -2)
    sessions = [talk(2 + 7 * k, feeling=f) for k, f in enumerate(reversed(feelings))]
    return history(*sessions, cadence=7), day(0)


def _going_quiet(r: random.Random) -> tuple[History, dt.date]:
    """Replies come later and later, then not at all; the client is gone by day 0."""
    items: list[Contact] = []
    for k, delay in enumerate((1, 1, 2, 2, 3)):
        sent = 70 - 7 * k
        items += [out(sent), reply(sent - delay)]
    items += [out(30), out(23), out(16), out(9)]
    return history(talk(80), *items, cadence=7), day(0)


DECLINES: dict[str, Callable[[random.Random], tuple[History, dt.date]]] = {
    "gaps widen": _drifting,
    "sessions sour": _souring,
    "replies slow, then stop": _going_quiet,
}


def corpus(seed: int = 14) -> Iterator[Case]:
    rng = random.Random(seed)
    for kind, make in STORIES.items():
        for n in range(VARIANTS):
            yield Case(f"{kind} #{n + 1}", _jitter(rng, make(rng)), expected=kind)
    for name, make in HEALTHY.items():
        for n in range(VARIANTS):
            yield Case(f"{name} #{n + 1}", _jitter(rng, make(rng)))
    for name, make_decline in DECLINES.items():
        for n in range(VARIANTS):
            h, broke = make_decline(rng)
            yield Case(f"{name} #{n + 1}", _jitter(rng, h), break_day=broke)


def kinds_at(h: History, as_of: dt.datetime = NOW) -> set[str]:
    return {cue.kind for cue in evaluate(h, DEFAULTS, as_of)}


def first_warning(case: Case) -> dt.date | None:
    """The first weekly reading, from 16 weeks before the break, that raises any cue."""
    assert case.break_day is not None
    reading = NOW - dt.timedelta(days=(NOW.date() - case.break_day).days + 16 * 7)
    while reading.date() <= case.break_day:
        if kinds_at(case.history, reading):
            return reading.date()
        reading += dt.timedelta(days=7)
    return None


@dataclass
class Figures:
    recall: dict[str, tuple[int, int]]
    false_alarms: list[tuple[str, set[str]]]
    healthy: int
    lead_days: dict[str, list[int | None]]


def measure(seed: int = 14) -> Figures:
    figures = Figures({}, [], 0, {})
    for case in corpus(seed):
        if case.expected:
            hit, seen = figures.recall.get(case.expected, (0, 0))
            found = case.expected in kinds_at(case.history)
            figures.recall[case.expected] = (hit + found, seen + 1)
        elif case.break_day:
            first = first_warning(case)
            lead = None if first is None else (case.break_day - first).days
            figures.lead_days.setdefault(case.name.split(" #")[0], []).append(lead)
        else:
            figures.healthy += 1
            raised = kinds_at(case.history)
            if raised:
                figures.false_alarms.append((case.name, raised))
    return figures


def main() -> None:
    figures = measure()
    print("Recall per kind (stories, noisy variants):")
    for kind, (hit, seen) in figures.recall.items():
        print(f"  {kind:<18} {hit}/{seen}")
    print(f"False alarms: {len(figures.false_alarms)} of {figures.healthy} healthy look-alikes")
    for name, raised in figures.false_alarms:
        print(f"  {name}: {', '.join(sorted(raised))}")
    print(f"Lead time before the break (target >= {LEAD_TARGET_DAYS} days):")
    for name, leads in figures.lead_days.items():
        shown = ", ".join("none" if lead is None else str(lead) for lead in leads)
        print(f"  {name:<24} {shown}")


if __name__ == "__main__":
    main()
