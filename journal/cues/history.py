"""A client's history as plain values, the only thing the rules see.

Loading reads rows straight off the cursor (a handful of queries for the whole journal, not
one per client) and skips peewee's per-row conversion: at 100,000 interactions that
conversion alone would take longer than computing every cue.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from journal.models import Client, database

UTC = dt.UTC
REPLY_DIRECTIONS = frozenset({"in", "two_way"})


@dataclass(frozen=True, slots=True)
class Contact:
    """One interaction: what the rules need of it, nothing more."""

    uid: str
    at: dt.datetime  # aware, UTC
    channel: str
    direction: str  # out / in / two_way
    awaits_reply: bool = False
    feeling: int | None = None
    emotions: tuple[str, ...] = ()

    @property
    def is_reply(self) -> bool:
        """The client reached us, or we spoke with each other: real contact."""
        return self.direction in REPLY_DIRECTIONS


@dataclass(frozen=True, slots=True)
class Promise:
    """One commitment. `due` and `done_on` are the coach's calendar days."""

    uid: str
    owner: str  # me / client
    text: str
    due: dt.date | None = None
    done_on: dt.date | None = None


@dataclass(frozen=True)
class History:
    """Everything about one client that a cue may look at, interactions in time order."""

    client_id: int
    name: str
    status: str = "active"
    cadence_days: int | None = None
    preferred_channel: str | None = None
    contacts: tuple[Contact, ...] = ()
    promises: tuple[Promise, ...] = ()
    overrides: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def first_name(self) -> str:
        """How a sentence names the client: "Maja", or "Dr. Raman" for a titled name."""
        parts = self.name.split()
        if len(parts) > 1 and parts[0].rstrip(".").casefold() in _TITLES:
            return f"{parts[0]} {parts[-1]}"
        return parts[0] if parts else self.name


_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"})


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _emotions(text: str | None) -> tuple[str, ...]:
    if not text or text == "[]":
        return ()
    return tuple(json.loads(text))


_INTERACTIONS_SQL = (
    "SELECT client_id, uid, at, channel, direction, awaits_reply, feeling, emotions "
    "FROM interaction WHERE at <= ? {extra} ORDER BY client_id, at, id"
)
_COMMITMENTS_SQL = (
    "SELECT client_id, uid, owner, text, due, done_on FROM commitment {where} "
    "ORDER BY client_id, id"
)


def _stamp(as_of: dt.datetime) -> str:
    """as_of in the stored text shape, so the cut happens in SQL on the index."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    return as_of.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _load(
    clients: Iterable[Client], as_of: dt.datetime, client_id: int | None = None
) -> list[History]:
    params: list[object] = [_stamp(as_of)]
    extra, where = "", ""
    if client_id is not None:
        extra, where = "AND client_id = ?", "WHERE client_id = ?"
        params.append(client_id)
    contacts: dict[int, list[Contact]] = defaultdict(list)
    cursor = database.execute_sql(_INTERACTIONS_SQL.format(extra=extra), params)
    for cid, uid, at, channel, direction, awaits, feeling, emotions in cursor:
        contacts[cid].append(
            Contact(
                uid, _moment(at), channel, direction, bool(awaits), feeling, _emotions(emotions)
            )
        )
    promises: dict[int, list[Promise]] = defaultdict(list)
    cursor = database.execute_sql(_COMMITMENTS_SQL.format(where=where), params[1:])
    for cid, uid, owner, text, due, done_on in cursor:
        promises[cid].append(Promise(uid, owner, text, _day(due), _day(done_on)))
    return [
        History(
            client_id=c.id,
            name=c.name,
            status=c.status,
            cadence_days=c.cadence_days,
            preferred_channel=c.preferred_channel,
            contacts=tuple(contacts.get(c.id, ())),
            promises=tuple(promises.get(c.id, ())),
            overrides=dict(c.cue_settings or {}),
        )
        for c in clients
    ]


def history_of(client: Client, as_of: dt.datetime) -> History:
    """One client's history up to as_of (two indexed queries)."""
    return _load([client], as_of, client.id)[0]


def all_histories(as_of: dt.datetime) -> list[History]:
    """Every client's history up to as_of, in three queries whatever the journal's size."""
    return _load(Client.select().order_by(Client.name), as_of)
