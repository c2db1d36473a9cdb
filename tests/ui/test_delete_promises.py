"""Deleting an interaction asks whether the promises made in it go too; both are undoable."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from journal.clients import find_client
from journal.entries.capture import NewCommitment, log_interaction
from journal.entries.commitments import commitments_of
from journal.store.database import Journal
from journal.store.models import Client, Commitment, Interaction
from tests.conftest import NOW
from tests.support.window_changes import follow_stack
from ui.commands import DeleteInteractionCommand, push_applied
from ui.views.timeline.view import TimelineView


@pytest.fixture
def maja(demo_journal: Journal) -> Client:
    return find_client("Maja Lindqvist")


@pytest.fixture
def view(qtbot: QtBot, maja: Client, stack: QUndoStack) -> TimelineView:
    timeline = TimelineView(clock=lambda: NOW, cue_source=lambda c, t: [], undo_stack=stack)
    follow_stack(stack, timeline)
    qtbot.addWidget(timeline)
    timeline.resize(700, 900)
    timeline.show()
    timeline.set_client(maja.id)
    return timeline


def _session(maja: Client) -> Interaction:
    return log_interaction(
        maja,
        at=NOW - dt.timedelta(hours=2),
        channel="video",
        direction="two_way",
        summary="Session on saying no",
        commitments=[
            NewCommitment("me", "Send the boundary script"),
            NewCommitment("client", "Drop two meetings", NOW.date() + dt.timedelta(days=7)),
        ],
    )


def _promises(maja: Client) -> dict[str, tuple[int, int | None]]:
    """Each promise's text: (its id, the interaction it was made in)."""
    return {c.text: (c.id, c.interaction_id) for c in commitments_of(maja)}


def _delete_answering(qtbot: QtBot, view: TimelineView, interaction: Interaction, button: str):
    """Press Delete on the interaction and click `button` in the question; returns its text."""
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        chosen = next(b for b in box.buttons() if b.text() == button)
        chosen.click()

    view.refresh()
    view.scroll_to_interaction(interaction.id)
    QTimer.singleShot(0, answer)
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert len(asked) == 1
    return asked[0]


def test_deleting_with_its_promises_takes_them_too_and_undo_brings_all_back(
    qtbot: QtBot, view: TimelineView, maja: Client, stack: QUndoStack
) -> None:
    session = _session(maja)
    before = _promises(maja)
    question = _delete_answering(qtbot, view, session, "Delete with its 2 promises")
    assert question.startswith("2 promises were made in this interaction.")
    assert Interaction.get_or_none(Interaction.id == session.id) is None
    assert "Send the boundary script" not in _promises(maja)
    assert "Drop two meetings" not in _promises(maja)
    assert stack.undoText() == "Delete “Session on saying no” and its 2 promises"
    touched = stack.command(stack.index() - 1).touched()
    assert touched.commitments == {ids[0] for ids in before.values() if ids[1] == session.id}

    stack.undo()
    assert _promises(maja) == before  # same ids, tied to the interaction again
    assert Interaction.get_by_id(session.id).uid == session.uid
    stack.redo()
    assert Interaction.get_or_none(Interaction.id == session.id) is None
    assert "Send the boundary script" not in _promises(maja)
    stack.undo()
    assert _promises(maja) == before


def test_keeping_the_promises_leaves_them_untied_and_undo_ties_them_again(
    qtbot: QtBot, view: TimelineView, maja: Client, stack: QUndoStack
) -> None:
    session = _session(maja)
    before = _promises(maja)
    _delete_answering(qtbot, view, session, "Keep the promises")
    assert Interaction.get_or_none(Interaction.id == session.id) is None
    kept = _promises(maja)
    assert kept["Send the boundary script"] == (before["Send the boundary script"][0], None)
    assert kept["Drop two meetings"] == (before["Drop two meetings"][0], None)
    assert stack.undoText() == "Delete “Session on saying no”"

    stack.undo()
    assert _promises(maja) == before
    stack.redo()
    assert _promises(maja)["Drop two meetings"] == (before["Drop two meetings"][0], None)
    stack.undo()
    assert _promises(maja) == before


def test_cancel_deletes_nothing(qtbot: QtBot, view: TimelineView, maja: Client) -> None:
    session = _session(maja)
    before = _promises(maja)
    _delete_answering(qtbot, view, session, "Cancel")
    assert Interaction.get_by_id(session.id).uid == session.uid
    assert _promises(maja) == before
    assert view._stack is not None and view._stack.count() == 0


def test_an_interaction_without_promises_is_deleted_without_a_question(
    qtbot: QtBot, view: TimelineView, maja: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(view, "ask_about_promises", lambda n: asked.append(n) or True)
    plain = log_interaction(
        maja, at=NOW - dt.timedelta(hours=1), channel="phone", direction="two_way", summary="Hi"
    )
    promised = Commitment.select().count()
    view.refresh()
    view.scroll_to_interaction(plain.id)
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert asked == []
    assert Interaction.get_or_none(Interaction.id == plain.id) is None
    assert Commitment.select().count() == promised


class _Killed(Exception):
    """Stands for the process dying between the two deletes."""


def test_a_delete_killed_midway_leaves_the_interaction_and_its_promises(
    maja: Client, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _session(maja)
    before = _promises(maja)

    def killed(self: Interaction) -> None:
        raise _Killed  # the promises are already deleted in this transaction

    monkeypatch.setattr(Interaction, "delete_instance", killed)
    with pytest.raises(_Killed):
        push_applied(stack, DeleteInteractionCommand(session.id, with_promises=True))
    assert _promises(maja) == before
    assert Interaction.get_by_id(session.id).uid == session.uid
    assert stack.count() == 0
