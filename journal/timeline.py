"""A client's history as light rows for the timeline, with the cues placed where they begin.

The timeline must stay smooth for a client with ten thousand interactions, so rows are read
with one plain query into small frozen records instead of peewee model instances, and the
cues are merged in by one pass over an already sorted list.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journal.cues.model import Cue, Severity
from journal.i18n import _
from journal.store.models import Client, Commitment, Interaction, database, get_record


@dataclass(frozen=True, slots=True)
class Entry:
    """One interaction as the timeline draws it."""

    id: int
    uid: str
    at: dt.datetime
    channel: str
    direction: str
    summary: str
    notes: str
    feeling: int | None
    emotions: tuple[str, ...]
    awaits_reply: bool
    follow_up_on: dt.date | None
    self_check: dict[str, bool] | None


@dataclass(frozen=True, slots=True)
class CueMark:
    """A cue drawn in the timeline, just above the newest entry at or before its start."""

    cue: Cue


TimelineItem = Entry | CueMark

_ENTRY_SQL = (
    "SELECT id, uid, at, channel, direction, summary, notes, feeling, emotions, awaits_reply, "
    "follow_up_on, self_check FROM interaction WHERE client_id = ? ORDER BY at DESC, id DESC"
)


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def entries_of(client_id: int) -> list[Entry]:
    """The client's interactions, newest first, read in one query."""
    rows = database.execute_sql(_ENTRY_SQL, (client_id,)).fetchall()
    return [
        Entry(
            id=row[0],
            uid=row[1],
            at=_moment(row[2]),
            channel=row[3],
            direction=row[4],
            summary=row[5],
            notes=row[6],
            feeling=row[7],
            emotions=tuple(json.loads(row[8])) if row[8] and row[8] != "[]" else (),
            awaits_reply=bool(row[9]),
            follow_up_on=dt.date.fromisoformat(row[10]) if row[10] else None,
            self_check=json.loads(row[11]) if row[11] else None,
        )
        for row in rows
    ]


def place_cues(entries: Sequence[Entry], cues: Iterable[Cue]) -> list[TimelineItem]:
    """Merge cues into newest-first entries at the moment each began.

    A cue goes just above the newest entry at or before its `since`, so "3 emails without
    reply since 2 March" sits on top of the 2 March email and a gap that runs until now sits
    at the very top. Cues beginning at the same moment keep worst-first order.
    """
    # Positions are found by bisecting the ascending sequence of negated timestamps.
    keys = [-entry.at.timestamp() for entry in entries]
    slots: dict[int, list[Cue]] = {}
    for cue in sorted(cues, key=lambda c: (-c.since.timestamp(), -c.severity)):
        slots.setdefault(bisect.bisect_left(keys, -cue.since.timestamp()), []).append(cue)
    items: list[TimelineItem] = []
    for position, entry in enumerate(entries):
        items.extend(CueMark(cue) for cue in slots.get(position, ()))
        items.append(entry)
    items.extend(CueMark(cue) for cue in slots.get(len(entries), ()))
    return items


def evidence_bands(cues: Iterable[Cue]) -> dict[str, Severity]:
    """For each interaction uid that is evidence of a cue, the worst such cue's severity."""
    bands: dict[str, Severity] = {}
    for cue in cues:
        for ref in cue.evidence:
            if ref.type == "interaction" and cue.severity > bands.get(ref.id, 0):
                bands[ref.id] = cue.severity
    return bands


def client_by_id(client_id: int) -> Client:
    return get_record(Client, client_id, hint=_("pick another one from the list"))


def interaction_by_id(interaction_id: int) -> Interaction:
    return get_record(Interaction, interaction_id)


def commitments_made_in(interaction_id: int) -> list[Commitment]:
    return list(
        Commitment.select().where(Commitment.interaction == interaction_id).order_by(Commitment.id)
    )


def interaction_id_of_uid(uid: str) -> int | None:
    row = Interaction.select(Interaction.id).where(Interaction.uid == uid).first()
    return row.id if row is not None else None
