"""Properties of the cue rules over generated histories (pure evaluate, no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.cues.engine import evaluate
from journal.cues.history import Contact, History, Promise
from journal.cues.model import Cue
from journal.cues.thresholds import Thresholds
from journal.values.vocabulary import CHANNELS

BASE = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
DEFAULTS = Thresholds.default()
ZONES = [
    ZoneInfo(name)
    for name in (
        "Europe/Stockholm",
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "UTC",
    )
]
QUICK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def contacts(draw: st.DrawFn, max_size: int = 40) -> list[Contact]:
    """Interactions within 150 days, minute resolution, in time order; often a silent stretch
    before as_of, sometimes filled with messages awaiting a reply (so every kind shows up)."""
    silence = draw(st.sampled_from((0, 0, 5, 20, 60)))
    items = []
    for k in range(draw(st.integers(0, max_size))):
        minutes = draw(st.integers(silence * 24 * 60, 150 * 24 * 60))
        direction = draw(st.sampled_from(("out", "out", "in", "two_way")))
        items.append(
            Contact(
                uid=f"i{k}",
                at=BASE - dt.timedelta(minutes=minutes),
                channel=draw(st.sampled_from(CHANNELS)),
                direction=direction,
                awaits_reply=direction == "out" and draw(st.booleans()),
                feeling=draw(st.none() | st.integers(-2, 2)),
                emotions=tuple(
                    draw(st.lists(st.sampled_from(("dread", "calm", "drained")), max_size=2))
                ),
            )
        )
    for k in range(draw(st.integers(0, 5)) if silence else 0):
        minutes = draw(st.integers(0, silence * 24 * 60))
        channel = draw(st.sampled_from(("email", "email", "message", "phone")))
        items.append(Contact(f"t{k}", BASE - dt.timedelta(minutes=minutes), channel, "out", True))
    return sorted(items, key=lambda c: (c.at, c.uid))


@st.composite
def promises(draw: st.DrawFn) -> tuple[Promise, ...]:
    items = []
    for k in range(draw(st.integers(0, 6))):
        due = BASE.date() + dt.timedelta(days=draw(st.integers(-90, 30)))
        done = draw(st.none() | st.integers(-5, 20))
        items.append(
            Promise(
                f"c{k}",
                draw(st.sampled_from(("me", "client"))),
                "A promise",
                due,
                None if done is None else due + dt.timedelta(days=done),
            )
        )
    return tuple(items)


@st.composite
def histories(draw: st.DrawFn, with_promises: bool = True) -> History:
    return History(
        client_id=1,
        name="Ada Lovelace",
        status=draw(st.sampled_from(("active", "active", "prospect", "paused"))),
        cadence_days=draw(st.none() | st.sampled_from((3, 7, 14, 30))),
        preferred_channel=draw(st.none() | st.sampled_from(CHANNELS)),
        contacts=tuple(draw(contacts())),
        promises=draw(promises()) if with_promises else (),
    )


def essence(cue: Cue, shift: dt.timedelta = dt.timedelta(0)) -> tuple[object, ...]:
    """What must not change: kind, severity, evidence, template and the moment it began."""
    return (cue.kind, cue.severity, cue.evidence, cue.template, cue.since - shift)


@QUICK
@given(histories())
def test_cues_are_deterministic(history: History) -> None:
    first = evaluate(history, DEFAULTS, BASE)
    again = evaluate(History(**{**history.__dict__}), DEFAULTS, BASE)
    assert first == again
    assert all(c.since <= BASE for c in first)


@QUICK
@given(
    histories(),
    st.integers(0, 150 * 24 * 60),
    st.sampled_from(CHANNELS),
    st.sampled_from(("in", "two_way")),
)
def test_adding_a_reply_never_adds_an_unanswered_cue(
    history: History, minutes_ago: int, channel: str, direction: str
) -> None:
    before = {c.kind: c for c in evaluate(history, DEFAULTS, BASE)}.get("unanswered")
    answer = Contact("reply", BASE - dt.timedelta(minutes=minutes_ago), channel, direction)
    more = History(
        **{
            **history.__dict__,
            "contacts": tuple(sorted((*history.contacts, answer), key=lambda c: c.at)),
        }
    )
    after = {c.kind: c for c in evaluate(more, DEFAULTS, BASE)}.get("unanswered")
    if after is not None:
        assert before is not None
        assert after.severity <= before.severity
        assert set(after.evidence) <= set(before.evidence)


@QUICK
@given(histories(with_promises=False), st.integers(-3 * 365 * 24 * 3600, 3 * 365 * 24 * 3600))
def test_shifting_history_and_as_of_together_changes_nothing(
    history: History, seconds: int
) -> None:
    shift = dt.timedelta(seconds=seconds)
    moved = History(
        **{
            **history.__dict__,
            "contacts": tuple(
                Contact(
                    c.uid,
                    c.at + shift,
                    c.channel,
                    c.direction,
                    c.awaits_reply,
                    c.feeling,
                    c.emotions,
                )
                for c in history.contacts
            ),
        }
    )
    expected = [essence(c) for c in evaluate(history, DEFAULTS, BASE)]
    assert [essence(c, shift) for c in evaluate(moved, DEFAULTS, BASE + shift)] == expected


@QUICK
@given(histories(), st.integers(-1000, 1000))
def test_shifting_by_whole_days_moves_deadlines_along(history: History, days: int) -> None:
    shift = dt.timedelta(days=days)
    moved = History(
        **{
            **history.__dict__,
            "contacts": tuple(
                Contact(
                    c.uid,
                    c.at + shift,
                    c.channel,
                    c.direction,
                    c.awaits_reply,
                    c.feeling,
                    c.emotions,
                )
                for c in history.contacts
            ),
            "promises": tuple(
                Promise(
                    p.uid, p.owner, p.text, p.due and p.due + shift, p.done_on and p.done_on + shift
                )
                for p in history.promises
            ),
        }
    )
    expected = [essence(c) for c in evaluate(history, DEFAULTS, BASE)]
    assert [essence(c, shift) for c in evaluate(moved, DEFAULTS, BASE + shift)] == expected


@QUICK
@given(histories(with_promises=False), st.sampled_from(ZONES), st.sampled_from(ZONES))
def test_the_zone_moments_were_written_in_does_not_move_a_cue(
    history: History, zone: ZoneInfo, as_of_zone: ZoneInfo
) -> None:
    elsewhere = History(
        **{
            **history.__dict__,
            "contacts": tuple(
                Contact(
                    c.uid,
                    c.at.astimezone(zone),
                    c.channel,
                    c.direction,
                    c.awaits_reply,
                    c.feeling,
                    c.emotions,
                )
                for c in history.contacts
            ),
        }
    )
    expected = [essence(c) for c in evaluate(history, DEFAULTS, BASE)]
    assert [essence(c) for c in evaluate(elsewhere, DEFAULTS, BASE.astimezone(as_of_zone))] == (
        expected
    )


@QUICK
@given(st.integers(0, 23), st.sampled_from((3, 7, 14)), st.integers(4, 10))
def test_a_daylight_saving_switch_does_not_raise_neglect_on_a_kept_rhythm(
    hour: int, cadence: int, sessions: int
) -> None:
    """Sessions at the same local hour every `cadence` days across the March and October
    switches in Stockholm: a clock hour gained or lost is no lapse."""
    stockholm = ZoneInfo("Europe/Stockholm")
    for switch in (dt.date(2026, 3, 29), dt.date(2026, 10, 25)):
        first = dt.datetime.combine(
            switch - dt.timedelta(days=cadence * (sessions // 2)), dt.time(hour), tzinfo=stockholm
        )
        talks = tuple(
            Contact(f"i{k}", first + dt.timedelta(days=cadence * k), "video", "two_way", feeling=1)
            for k in range(sessions)
        )
        as_of = talks[-1].at + dt.timedelta(days=cadence)  # the next session is due just now
        h = History(client_id=1, name="Ada", cadence_days=cadence, contacts=talks)
        assert evaluate(h, DEFAULTS, as_of) == []


def test_gaps_are_real_elapsed_time_even_when_every_moment_shares_one_zone() -> None:
    """Python subtracts datetimes sharing a tzinfo by wall clock; 25 October 2026 has 25 hours
    in Stockholm, so 23.5 wall-clock hours are 24.5 real ones: past a one-day cadence."""
    stockholm = ZoneInfo("Europe/Stockholm")
    call = Contact("i1", dt.datetime(2026, 10, 24, 12, 0, tzinfo=stockholm), "phone", "two_way")
    as_of = dt.datetime(2026, 10, 25, 11, 30, tzinfo=stockholm)
    h = History(client_id=1, name="Ada", cadence_days=1, contacts=(call,))
    strict = Thresholds.default(neglect_tolerance=1.0)
    assert [c.kind for c in evaluate(h, strict, as_of)] == ["neglect"]
    assert [c.kind for c in evaluate(h, strict, as_of - dt.timedelta(hours=1))] == []
