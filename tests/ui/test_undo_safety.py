"""Undo never loses an entry, and never lands on the wrong one, whatever was written meanwhile.

Two ways a write could get between a command and its undo: a write in the window that skipped
the undo stack (Log as sent, Add commitment did), and a write from elsewhere that no stack
sees (`rapport log` in a terminal, here called straight through the journal services). Undo
puts rows back under their own ids, so neither may ever be handed one of those ids.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.capture import NewCommitment, interactions_of, log_interaction
from journal.entries.commitments import add_commitment, commitments_of
from journal.store.database import Journal
from journal.store.models import Client, Commitment, Interaction
from tests.conftest import NOW
from ui import commands
from ui.commands import AddInteractionCommand, DeleteInteractionCommand, push_applied
from ui.dialogs.template import dialog as template_dialog
from ui.dialogs.template.dialog import TemplateDialog
from ui.views.profile.panel import ProfilePanel


@pytest.fixture
def failures(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What an undo or redo reported as failed (a message box in the app)."""
    said: list[str] = []
    monkeypatch.setattr(commands, "show_failure", said.append)
    return said


@pytest.fixture
def client(journal: Journal) -> Client:
    return create_client("Maja Lindqvist", email="maja@example.org")


def _session_with_notes(client: Client) -> Interaction:
    """The newest entry, so its id is the highest: the one SQLite used to hand out again."""
    log_interaction(
        client, at=NOW - dt.timedelta(days=9), channel="email", direction="out", summary="Intro"
    )
    return log_interaction(
        client,
        at=NOW - dt.timedelta(days=2),
        channel="video",
        direction="two_way",
        summary="Session on saying no",
        notes="She named three meetings to drop; worried about her manager's reaction.",
        feeling=-1,
        commitments=[NewCommitment("me", "Send the boundary script")],
    )


def _snapshot(entry: Interaction) -> tuple:
    return (entry.id, entry.uid, entry.summary, entry.notes, entry.feeling)


def _panel(qtbot: QtBot, stack: QUndoStack, client: Client) -> ProfilePanel:
    panel = ProfilePanel(stack, today=lambda: NOW.date())
    qtbot.addWidget(panel)
    panel.set_client(client.id)
    return panel


def _capture_with_promise(stack: QUndoStack, client: Client) -> None:
    """A capture saved from the capture dialog: a call in which the client promised something."""
    capture = AddInteractionCommand(
        client.id,
        {"at": NOW, "channel": "phone", "direction": "two_way", "summary": "Check-in call"},
        [NewCommitment("client", "Draft the delegation list")],
    )
    push_applied(stack, capture)


def _add_in_panel(qtbot: QtBot, panel: ProfilePanel, text: str) -> None:
    qtbot.keyClicks(panel.new_text, text)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Commitment added."


def test_delete_then_log_as_sent_then_undo_twice_brings_both_back_as_they_were(
    qtbot: QtBot,
    client: Client,
    stack: QUndoStack,
    failures: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = _session_with_notes(client)
    before = _snapshot(session)
    promise = Commitment.get(Commitment.text == "Send the boundary script")
    push_applied(stack, DeleteInteractionCommand(session.id))

    monkeypatch.setattr(template_dialog, "_ask", lambda *args: True)  # "log it with gaps?"
    shell = QWidget()  # the main window, as far as the dialog cares: it owns the stack
    shell.undo_stack = stack
    qtbot.addWidget(shell)
    dialog = TemplateDialog(client.id, "closing-the-loop", as_of=NOW, parent=shell)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.logged) as logged:
        dialog.log_as_sent()
    sent = Interaction.get_by_id(logged.args[0])
    assert sent.awaits_reply and sent.id != session.id
    assert stack.undoText().startswith("Log “") and stack.undoText().endswith("” as sent")

    stack.undo()  # Ctrl+Z: the logged message goes first
    assert not Interaction.select().where(Interaction.uid == sent.uid).exists()
    stack.undo()  # Ctrl+Z: the deleted session comes back, notes and promise link included
    assert failures == []
    restored = Interaction.get(Interaction.uid == session.uid)
    assert _snapshot(restored) == before
    assert Commitment.get_by_id(promise.id).interaction_id == restored.id
    stack.redo()
    stack.redo()
    assert failures == []
    assert Interaction.get(Interaction.uid == sent.uid).notes == sent.notes


def test_undo_of_a_delete_survives_an_entry_written_outside_the_stack(
    client: Client, stack: QUndoStack, failures: list[str]
) -> None:
    session = _session_with_notes(client)
    before = _snapshot(session)
    push_applied(stack, DeleteInteractionCommand(session.id))
    # `rapport log` from a terminal, while the window's stack holds the delete.
    elsewhere = log_interaction(
        client, at=NOW, channel="phone", direction="in", summary="She called back"
    )
    stack.undo()
    assert failures == []
    assert _snapshot(Interaction.get(Interaction.uid == session.uid)) == before
    assert [i.summary for i in interactions_of(client)] == [
        "She called back",
        "Session on saying no",
        "Intro",
    ]
    assert elsewhere.id > session.id


def test_capture_undone_then_commitment_added_in_the_panel_loses_nothing(
    qtbot: QtBot, client: Client, stack: QUndoStack, failures: list[str]
) -> None:
    _capture_with_promise(stack, client)
    stack.undo()
    panel = _panel(qtbot, stack, client)
    _add_in_panel(qtbot, panel, "Book the follow-up")

    # The new promise is on the stack like any write, so the undone capture is no longer
    # offered for redo (instead of being redone into a clash and thrown away).
    assert not stack.canRedo()
    assert stack.undoText() == "Add commitment “Book the follow-up”"
    added = Commitment.get(Commitment.text == "Book the follow-up")
    stack.undo()
    assert not Commitment.select().where(Commitment.uid == added.uid).exists()
    stack.redo()
    assert failures == []
    back = Commitment.get(Commitment.uid == added.uid)
    assert (back.id, back.owner, back.due) == (added.id, "me", NOW.date() + dt.timedelta(days=7))


def test_redo_of_a_capture_survives_a_commitment_added_outside_the_stack(
    qtbot: QtBot, client: Client, stack: QUndoStack, failures: list[str]
) -> None:
    _capture_with_promise(stack, client)
    stack.undo()
    add_commitment(client, "me", "Book the follow-up")  # `rapport` from a terminal
    stack.redo()
    assert failures == []
    entry = Interaction.get(Interaction.summary == "Check-in call")
    assert [(c.text, c.interaction_id) for c in commitments_of(client)] == [
        ("Draft the delegation list", entry.id),
        ("Book the follow-up", None),
    ]


def test_redoing_a_tick_ticks_the_same_promise_after_a_write_outside_the_stack(
    qtbot: QtBot, client: Client, stack: QUndoStack, failures: list[str]
) -> None:
    _capture_with_promise(stack, client)
    panel = _panel(qtbot, stack, client)
    panel.commitment_tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: stack.count() == 2)
    stack.undo()  # the tick
    stack.undo()  # the capture, its promise with it
    add_commitment(client, "me", "Book the follow-up")  # written where no stack sees it
    stack.redo()
    stack.redo()
    assert failures == []
    done = {c.text: c.done_on for c in commitments_of(client)}
    assert done == {"Draft the delegation list": NOW.date(), "Book the follow-up": None}
