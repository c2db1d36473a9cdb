"""Undoing dismissals and snoozes, in any order and with the CLI writing in between, brings
back exactly the cues they hid: a hold's id is never handed out twice."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack

from journal.clients import find_client
from journal.cues.api import cues_for_client
from journal.cues.model import Cue
from journal.cues.state import dismiss_cue
from journal.entries.capture import log_interaction
from journal.store.database import Journal
from journal.store.models import Client, CueDismissal
from tests.conftest import NOW
from ui.commands import HoldCueCommand, push_applied

DAY = dt.timedelta(days=1)


def _first_cue(name: str) -> tuple[Client, Cue]:
    client = find_client(name)
    return client, cues_for_client(client, NOW)[0]


def _open_kinds(client: Client) -> set[str]:
    return {c.kind for c in cues_for_client(client, NOW)}


def test_undoing_every_hold_in_turn_brings_every_cue_back(
    demo_journal: Journal, stack: QUndoStack
) -> None:
    greta, greta_cue = _first_cue("Greta")
    tom, tom_cue = _first_cue("Tom")
    push_applied(stack, HoldCueCommand(greta_cue))  # dismiss Greta's
    push_applied(stack, HoldCueCommand(tom_cue))  # dismiss Tom's
    push_applied(stack, HoldCueCommand(greta_cue, NOW + 3 * DAY))  # then snooze Greta's
    assert greta_cue.kind not in _open_kinds(greta)
    assert tom_cue.kind not in _open_kinds(tom)

    stack.undo()  # the snooze: Greta's dismissal is back
    [held] = CueDismissal.select().where(CueDismissal.client == greta.id)
    assert held.snoozed_until is None
    stack.undo()  # Tom's dismissal
    assert tom_cue.kind in _open_kinds(tom)
    assert greta_cue.kind not in _open_kinds(greta)
    stack.undo()  # Greta's dismissal
    assert greta_cue.kind in _open_kinds(greta)
    assert CueDismissal.select().count() == 0

    # And forward again, then back again: the same end state each way.
    stack.redo()
    stack.redo()
    stack.redo()
    assert greta_cue.kind not in _open_kinds(greta)
    assert tom_cue.kind not in _open_kinds(tom)
    assert CueDismissal.select().count() == 2
    for _ in range(3):
        stack.undo()
    assert CueDismissal.select().count() == 0
    assert greta_cue.kind in _open_kinds(greta)
    assert tom_cue.kind in _open_kinds(tom)


def test_undo_leaves_a_dismissal_the_cli_stored_meanwhile(
    demo_journal: Journal, stack: QUndoStack
) -> None:
    """The app dismisses Greta's cue; news arrives, the cue is back and the CLI dismisses it
    again (`rapport cues --client Greta --dismiss KIND`). The app's Ctrl+Z takes back its own
    dismissal only; the one stored from the terminal stays."""
    greta, cue = _first_cue("Greta")
    push_applied(stack, HoldCueCommand(cue))
    log_interaction(
        greta, at=NOW - dt.timedelta(hours=1), channel="phone", direction="in", summary="Again"
    )
    again = next(c for c in cues_for_client(greta, NOW) if c.kind == cue.kind)
    from_cli = dismiss_cue(again)  # what the CLI's --dismiss calls
    stack.undo()
    assert [row.id for row in CueDismissal.select()] == [from_cli.added_id]
    assert cue.kind not in _open_kinds(greta)


def test_a_freed_hold_id_is_never_handed_out_again(demo_journal: Journal) -> None:
    _, greta_cue = _first_cue("Greta")
    _, tom_cue = _first_cue("Tom")
    first = dismiss_cue(greta_cue)
    again = dismiss_cue(greta_cue)  # replaces the first, which had the highest id
    assert again.added_id > first.added_id
    assert [hold.id for hold in again.replaced] == [first.added_id]
    CueDismissal.delete_by_id(again.added_id)
    assert dismiss_cue(tom_cue).added_id > again.added_id
