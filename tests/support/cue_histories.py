"""Building client histories in memory for the pure cue rules (no database)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from journal.cues.engine import evaluate
from journal.cues.history import Contact, History, Promise
from journal.cues.model import Cue
from journal.cues.thresholds import Thresholds
from tests.conftest import NOW

_ids = itertools.count(1)


def at(days_ago: float, hour: int = 10) -> dt.datetime:
    """A moment `days_ago` days before NOW, at `hour` o'clock in NOW's zone."""
    return (NOW - dt.timedelta(days=days_ago)).replace(hour=hour, minute=0)


def day(days_from_now: int) -> dt.date:
    return NOW.date() + dt.timedelta(days=days_from_now)


def contact(
    days_ago: float,
    channel: str = "email",
    direction: str = "two_way",
    *,
    awaits: bool = False,
    feeling: int | None = None,
    emotions: tuple[str, ...] = (),
    hour: int = 10,
    template: str = "",
    self_check: dict[str, bool] | None = None,
) -> Contact:
    return Contact(
        f"i{next(_ids)}",
        at(days_ago, hour),
        channel,
        direction,
        awaits,
        feeling,
        emotions,
        template,
        self_check=tuple((self_check or {}).items()),
    )


def out(days_ago: float, channel: str = "email", **kw: Any) -> Contact:
    """An outgoing message that awaits a reply."""
    return contact(days_ago, channel, "out", awaits=True, **kw)


def reply(days_ago: float, channel: str = "email", **kw: Any) -> Contact:
    return contact(days_ago, channel, "in", **kw)


def talk(days_ago: float, channel: str = "video", **kw: Any) -> Contact:
    return contact(days_ago, channel, "two_way", **kw)


def promise(owner: str, due: int, done: int | None = None, text: str = "Do the thing") -> Promise:
    return Promise(f"c{next(_ids)}", owner, text, day(due), None if done is None else day(done))


def history(
    *contacts: Contact,
    promises: tuple[Promise, ...] = (),
    cadence: int | None = None,
    status: str = "active",
    preferred: str | None = None,
    name: str = "Ada Lovelace",
) -> History:
    return History(
        client_id=1,
        name=name,
        status=status,
        cadence_days=cadence,
        preferred_channel=preferred,
        contacts=tuple(sorted(contacts, key=lambda c: c.at)),
        promises=promises,
    )


def cues(h: History, as_of: dt.datetime = NOW, **thresholds: Any) -> dict[str, Cue]:
    """The cues by kind (each kind at most once per client)."""
    found = evaluate(h, Thresholds.default(**thresholds), as_of)
    by_kind = {c.kind: c for c in found}
    assert len(by_kind) == len(found), "one cue per kind and client"
    return by_kind


def evidence_ids(cue: Cue) -> list[str]:
    return [ref.id for ref in cue.evidence]


def weekly_sessions(weeks: int = 10, feeling: int = 1, channel: str = "video") -> list[Contact]:
    """A healthy rhythm: a session every 7 days, the last one 2 days ago."""
    return [talk(2 + 7 * k, channel, feeling=feeling) for k in range(weeks)]
