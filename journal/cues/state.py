"""Dismissed and snoozed cues, kept in the CueDismissal table.

A dismissal remembers the cue's evidence and severity: the cue stays away until new evidence
arrives (an interaction or commitment it did not have) or it gets worse. A snooze hides the
kind for that client until its moment, whatever the evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from journal.cues.model import Cue, Severity
from journal.errors import UserInputError
from journal.i18n import _
from journal.store.models import Client, CueDismissal, database
from journal.values import fields

_SEVERITIES = frozenset(str(int(level)) for level in Severity)
_REF = re.compile(r"[ic]:\S+")


@dataclass(frozen=True)
class Hold:
    """One stored dismissal or snooze, as plain values."""

    severity: int
    evidence: frozenset[str]
    snoozed_until: dt.datetime | None


def evidence_key(cue: Cue) -> str:
    """'<severity>|i:<uid> c:<uid> ...' with the references sorted: a stable fingerprint."""
    refs = sorted(f"{ref.type[0]}:{ref.id}" for ref in cue.evidence)
    return f"{int(cue.severity)}|{' '.join(refs)}"


def checked_evidence_key(value: Any, where: str) -> str:
    """An evidence key read from a file, in the shape `evidence_key` writes: a severity, then
    references to interactions (i:) and commitments (c:) by their ids."""
    severity, bar, refs = value.partition("|") if isinstance(value, str) else ("", "", "")
    parts = refs.split()
    if not bar or severity not in _SEVERITIES or not all(_REF.fullmatch(p) for p in parts):
        raise fields.fail(where, _("must look like '2|i:<interaction id> c:<commitment id>'"))
    return f"{severity}|{' '.join(sorted(parts))}"


def _hold(key: str, snoozed_until: dt.datetime | None) -> Hold:
    severity, _, refs = key.partition("|")
    try:
        level = int(severity)
    except ValueError:
        level = int(Severity.CRITICAL)
    return Hold(level, frozenset(refs.split()), snoozed_until)


def hold_of(cue: Cue, holds: Sequence[Hold], as_of: dt.datetime) -> Hold | None:
    """The dismissal or snooze that hides this cue as of a moment; None while it is open."""
    refs = {f"{ref.type[0]}:{ref.id}" for ref in cue.evidence}
    for hold in holds:
        if hold.snoozed_until is not None:
            if hold.snoozed_until > as_of:
                return hold
        elif cue.severity <= hold.severity and refs <= hold.evidence:
            return hold
    return None


def is_held(cue: Cue, holds: Sequence[Hold], as_of: dt.datetime) -> bool:
    return hold_of(cue, holds, as_of) is not None


def load_holds(client_id: int | None = None) -> dict[tuple[int, str], list[Hold]]:
    """Every hold by (client id, kind); one query."""
    query = CueDismissal.select()
    if client_id is not None:
        query = query.where(CueDismissal.client == client_id)
    holds: dict[tuple[int, str], list[Hold]] = defaultdict(list)
    for row in query:  # a handful of rows: the model objects cost nothing here
        holds[(row.client_id, row.kind)].append(_hold(row.evidence_key, row.snoozed_until))
    return holds


def without_held(
    cues: Iterable[Cue], holds: dict[tuple[int, str], list[Hold]], as_of: dt.datetime
) -> list[Cue]:
    return [c for c in cues if not is_held(c, holds.get((c.client_id, c.kind), ()), as_of)]


@dataclass(frozen=True)
class StoredHold:
    """One CueDismissal row as plain values, so it can be put back exactly, under its own id
    (ids are never handed out twice, so the id is still free and still names only this)."""

    id: int
    client_id: int
    kind: str
    evidence_key: str
    snoozed_until: dt.datetime | None
    created_at: dt.datetime


@dataclass(frozen=True)
class HoldChange:
    """What one dismissal or snooze did: the row it stored (by id) and the holds it replaced.
    `undo_hold` removes only that row and puts exactly those holds back."""

    added_id: int
    replaced: tuple[StoredHold, ...]


def _stored(row: CueDismissal) -> StoredHold:
    return StoredHold(
        int(row.id), row.client_id, row.kind, row.evidence_key, row.snoozed_until, row.created_at
    )


def _replace(cue: Cue, snoozed_until: dt.datetime | None) -> HoldChange:
    same = (CueDismissal.client == cue.client_id) & (CueDismissal.kind == cue.kind)
    with database.atomic():
        replaced = tuple(_stored(row) for row in CueDismissal.select().where(same))
        CueDismissal.delete().where(same).execute()
        row = CueDismissal.create(
            client=cue.client_id,
            kind=cue.kind,
            evidence_key=evidence_key(cue),
            snoozed_until=snoozed_until,
        )
    return HoldChange(int(row.id), replaced)


def dismiss_cue(cue: Cue) -> HoldChange:
    """Hide this cue until new evidence arrives or it grows more severe; returns what it
    replaced (an earlier dismissal or snooze of the kind) for undo."""
    return _replace(cue, None)


def snooze_cue(cue: Cue, until: dt.datetime) -> HoldChange:
    """Hide this kind of cue for this client until `until`; returns what it replaced."""
    if until.tzinfo is None:
        raise UserInputError(_("Snooze until: needs a time zone, e.g. 2026-03-09T09:00+01:00."))
    return _replace(cue, until)


def undo_hold(change: HoldChange) -> None:
    """Take back one dismissal or snooze: remove the hold it stored, and only that, and put
    back the holds it replaced, so an older snooze survives undoing a newer dismissal.

    The replaced holds return under their own ids: an earlier command that stored one of them
    (undone next, as a stack does) then finds and removes exactly it."""
    with database.atomic():
        CueDismissal.delete().where(CueDismissal.id == change.added_id).execute()
        for hold in change.replaced:
            CueDismissal.create(
                id=hold.id,
                client=hold.client_id,
                kind=hold.kind,
                evidence_key=hold.evidence_key,
                snoozed_until=hold.snoozed_until,
                created_at=hold.created_at,
            )


def restore_cues(client: Client, kind: str | None = None) -> int:
    """Undo dismissals and snoozes for a client (one kind or all); returns how many."""
    query = CueDismissal.delete().where(CueDismissal.client == client.id)
    if kind is not None:
        query = query.where(CueDismissal.kind == kind)
    with database.atomic():
        return int(query.execute())
