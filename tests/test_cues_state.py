"""Dismiss and snooze hand back what they replaced, and undo puts exactly that back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack

from journal.clients import find_client
from journal.cues.api import cues_for_client
from journal.cues.state import dismiss_cue, snooze_cue, undo_hold
from journal.store.database import Journal
from journal.store.models import Client, CueDismissal
from tests.conftest import NOW
from ui.commands import HoldCueCommand, push_applied

DAY = dt.timedelta(days=1)


def _kinds(client: Client, as_of: dt.datetime = NOW) -> set[str]:
    return {c.kind for c in cues_for_client(client, as_of)}


def _greta_over_contact():
    greta = find_client("Greta")
    return greta, next(c for c in cues_for_client(greta, NOW) if c.kind == "over_contact")


def test_undoing_a_dismissal_brings_back_the_older_snooze(
    demo_journal: Journal, stack: QUndoStack
) -> None:
    greta, cue = _greta_over_contact()
    push_applied(stack, HoldCueCommand(cue, NOW + 3 * DAY))  # snooze for three days
    push_applied(stack, HoldCueCommand(cue))  # then dismiss the same cue (as a held list offers)
    stack.undo()  # takes back the dismissal only
    assert "over_contact" not in _kinds(greta)  # still snoozed ...
    assert "over_contact" in _kinds(greta, NOW + 4 * DAY)  # ... until its moment, not dismissed
    stack.undo()  # and the snooze
    assert "over_contact" in _kinds(greta)
    stack.redo()
    stack.redo()  # dismissed again, the snooze replaced once more
    assert "over_contact" not in _kinds(greta, NOW + 4 * DAY)
    assert CueDismissal.select().where(CueDismissal.client == greta.id).count() == 1


def test_dismiss_reports_the_hold_it_replaced_and_undo_restores_it_exactly(
    demo_journal: Journal,
) -> None:
    greta, cue = _greta_over_contact()
    first = snooze_cue(cue, NOW + 3 * DAY)
    assert first.replaced == ()
    before = CueDismissal.get_by_id(first.added_id)
    second = dismiss_cue(cue)
    [replaced] = second.replaced
    assert (replaced.kind, replaced.snoozed_until) == ("over_contact", NOW + 3 * DAY)
    undo_hold(second)
    [row] = CueDismissal.select().where(CueDismissal.client == greta.id)
    assert (row.evidence_key, row.snoozed_until, row.created_at) == (
        before.evidence_key,
        before.snoozed_until,
        before.created_at,
    )


def test_undo_leaves_other_kinds_and_clients_alone(demo_journal: Journal) -> None:
    maja = find_client("Maja")
    kept = next(c for c in cues_for_client(maja, NOW) if c.kind == "missed_deadlines")
    dismiss_cue(kept)
    greta, cue = _greta_over_contact()
    undo_hold(dismiss_cue(cue))
    assert "over_contact" in _kinds(greta)
    assert "missed_deadlines" not in _kinds(maja)
