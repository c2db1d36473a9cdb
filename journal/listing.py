"""The rows the client list and Today show, and the order that puts attention first.

Plain data and pure functions, apart from the queries (journal.overview) that fill them: the
app's first paint builds its list from rows read ahead in a helper process, and loads this
without peewee and the models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the cues' own module loads with the cues, after the first paint
    from journal.cues.model import Cue

NO_CUE = 0  # the severity of a client with nothing open: below Severity.INFO


@dataclass(frozen=True)
class ClientRow:
    """What the client list shows for one client."""

    id: int
    uid: str
    name: str
    status: str
    project: str
    last_contact: dt.datetime | None
    next_follow_up: dt.date | None
    interactions: int
    open_commitments: int
    severity: int = NO_CUE  # the worst open cue's Severity, or NO_CUE
    cue_kind: str = ""
    cue_explanation: str = ""
    open_cues: int = 0

    def follow_up_due(self, today: dt.date) -> bool:
        return self.next_follow_up is not None and self.next_follow_up <= today


@dataclass(frozen=True)
class AgendaItem:
    """One line of Today: an open cue, a follow-up that is due, or a commitment falling due."""

    kind: str  # "cue", "follow_up" or "commitment"
    client_id: int
    client: str
    day: dt.date | None
    title: str
    detail: str
    severity: int
    cue: Cue | None = None
    interaction_id: int | None = None
    commitment_id: int | None = None


def worst_cues(cues: Iterable[Cue]) -> dict[int, tuple[Cue, int]]:
    """Each client's worst cue and how many cues the client has open."""
    worst: dict[int, tuple[Cue, int]] = {}
    for cue in cues:
        held = worst.get(cue.client_id)
        if held is None:
            worst[cue.client_id] = (cue, 1)
        else:
            best = cue if cue.severity > held[0].severity else held[0]
            worst[cue.client_id] = (best, held[1] + 1)
    return worst


def with_cues(rows: Sequence[ClientRow], cues: Iterable[Cue]) -> list[ClientRow]:
    """The rows with their health filled in from the open cues."""
    worst = worst_cues(cues)
    out = []
    for row in rows:
        found = worst.get(row.id)
        if found is None:
            out.append(replace(row, severity=NO_CUE, cue_kind="", cue_explanation="", open_cues=0))
        else:
            cue, count = found
            out.append(
                replace(
                    row,
                    severity=int(cue.severity),
                    cue_kind=cue.kind,
                    cue_explanation=cue.explanation,
                    open_cues=count,
                )
            )
    return out


def attention_key(row: ClientRow, today: dt.date) -> tuple[Any, ...]:
    """Sort key putting first whoever needs the coach: worst cue, then a due follow-up.

    Within a level, whoever was heard from longest ago comes first; paused and closed go last.
    """
    last = row.last_contact.timestamp() if row.last_contact else float("-inf")
    return (
        row.status in ("paused", "closed"),
        -row.severity,
        not row.follow_up_due(today),
        row.next_follow_up or dt.date.max,
        last,
        row.name.casefold(),
    )


def by_attention(rows: Iterable[ClientRow], today: dt.date) -> list[ClientRow]:
    return sorted(rows, key=lambda row: attention_key(row, today))
