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
from typing import Any

from journal import settings
from journal.store.models import Client, database
from journal.values.away import Away, away_periods
from journal.values.names import first_name
from journal.values.vocabulary import REPLY_DIRECTIONS

UTC = dt.UTC


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
    template: str = ""  # the template a logged message was made from
    follow_up_on: dt.date | None = None  # the next contact agreed in it, a day

    @property
    def is_reply(self) -> bool:
        """The client reached us, or we spoke with each other: real contact."""
        return self.direction in REPLY_DIRECTIONS

    @property
    def awaiting(self) -> bool:
        """We wrote and asked for an answer."""
        return self.direction == "out" and self.awaits_reply


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
    """Everything about one client that a cue may look at, interactions in time order.

    Loaded from the journal it starts at a horizon (engine.required_days) rather than the
    first interaction: the rules look no further back, and loading years of history on every
    save would cost more than all the rules together.
    """

    client_id: int
    name: str
    status: str = "active"
    cadence_days: float | None = None
    preferred_channel: str | None = None
    contacts: tuple[Contact, ...] = ()
    promises: tuple[Promise, ...] = ()
    overrides: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    away: tuple[Away, ...] = ()
    """The client's away periods and the coach's own, by start."""

    @property
    def first_name(self) -> str:
        """How a sentence names the client (journal.values.names)."""
        return first_name(self.name)


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text + "+00:00")  # faster than .replace(tzinfo=)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _emotions(text: str | None) -> tuple[str, ...]:
    if not text or text == "[]":
        return ()
    return tuple(json.loads(text))


_COLUMNS = (
    "client_id, uid, at, channel, direction, awaits_reply, feeling, emotions, template, "
    "follow_up_on"
)
_RECENT_SQL = (
    f"SELECT {_COLUMNS} FROM interaction WHERE at <= ? AND at > ? {{only}} "
    "ORDER BY client_id, at, id"
)
# The last few interactions before the horizon, for clients who were quiet within it.
_TAIL_SQL = (
    f"SELECT {_COLUMNS} FROM (SELECT {_COLUMNS}, ROW_NUMBER() OVER "
    "(PARTITION BY client_id ORDER BY at DESC, id DESC) AS rn FROM interaction "
    "WHERE at <= ? AND client_id IN ({ids})) WHERE rn <= ? ORDER BY client_id, rn DESC"
)
# Only what a rule can use: due by as_of's day, and open or finished within the horizon.
_COMMITMENTS_SQL = (
    "SELECT client_id, uid, owner, text, due, done_on FROM commitment "
    "WHERE due IS NOT NULL AND due <= ? AND (done_on IS NULL OR done_on > ?) {only} "
    "ORDER BY client_id, due, id"
)
MIN_TAIL = 30
"""A client quiet within the horizon still brings this many of their last interactions."""


def _stamp(moment: dt.datetime) -> str:
    """A moment in the stored text shape, so the cut happens in SQL on the index."""
    if moment.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _contacts(rows: Iterable[tuple[Any, ...]], into: dict[int, list[Contact]]) -> None:
    """Rows of _COLUMNS, straight off the cursor."""
    for cid, uid, at, channel, direction, awaits, feeling, emotions, template, follow in rows:
        into[cid].append(
            Contact(
                uid,
                _moment(at),
                channel,
                direction,
                bool(awaits),
                feeling,
                _emotions(emotions),
                template,
                _day(follow),
            )
        )


def _load(
    clients: Iterable[Client], as_of: dt.datetime, days: int, client_id: int | None = None
) -> list[History]:
    """Interactions of the last `days` before as_of (or at least MIN_TAIL per client)."""
    horizon = _stamp(as_of - dt.timedelta(days=days))
    only = "" if client_id is None else "AND client_id = ?"
    params: list[object] = [_stamp(as_of), horizon] + ([] if client_id is None else [client_id])
    recent: dict[int, list[Contact]] = defaultdict(list)
    _contacts(database.execute_sql(_RECENT_SQL.format(only=only), params), recent)
    clients = list(clients)
    quiet = [c.id for c in clients if len(recent.get(c.id, ())) < MIN_TAIL]
    older: dict[int, list[Contact]] = defaultdict(list)
    if quiet:
        marks = ", ".join("?" * len(quiet))
        _contacts(
            database.execute_sql(_TAIL_SQL.format(ids=marks), [horizon, *quiet, MIN_TAIL]), older
        )
    promises: dict[int, list[Promise]] = defaultdict(list)
    days_back = (as_of - dt.timedelta(days=days)).date().isoformat()
    rows = database.execute_sql(
        _COMMITMENTS_SQL.format(only=only), [as_of.date().isoformat(), days_back, *params[2:]]
    )
    for cid, uid, owner, text, due, done_on in rows:
        promises[cid].append(Promise(uid, owner, text, _day(due), _day(done_on)))
    mine = away_periods(settings.get("away"))
    return [
        History(
            client_id=c.id,
            name=c.name,
            status=c.status,
            cadence_days=c.cadence_days,
            preferred_channel=c.preferred_channel,
            contacts=tuple(older.get(c.id, [])) + tuple(recent.get(c.id, ())),
            promises=tuple(promises.get(c.id, ())),
            overrides=dict(c.cue_settings or {}),
            away=tuple(sorted([*away_periods(c.away or []), *mine])),
        )
        for c in clients
    ]


def history_of(client: Client, as_of: dt.datetime, days: int) -> History:
    """One client's recent history up to as_of (a few indexed queries)."""
    return _load([client], as_of, days, client.id)[0]


def all_histories(as_of: dt.datetime, days: int) -> list[History]:
    """Every client's recent history up to as_of, in four queries whatever the journal's size."""
    return _load(Client.select().order_by(Client.name), as_of, days)
