"""Capture as a coach does it: keys, chips, shortcuts; edit, undo, delete; drafts that survive."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.clients import find_client
from journal.entries.capture import interactions_of
from journal.entries.commitments import commitments_of
from journal.entries.drafts import pending_drafts
from journal.store.database import Journal
from journal.store.models import Client
from journal.timeline import interaction_by_id
from tests.conftest import NOW
from ui.dialogs.capture.dialog import CaptureDialog, dialog_for_pending_draft


def clock() -> dt.datetime:
    return NOW


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a dialog with typed words asks; a modal box would hang the test, so keep them."""
    monkeypatch.setattr(CaptureDialog, "_ask_discard", lambda self: QMessageBox.StandardButton.Save)


@pytest.fixture
def client(journal: Journal) -> Client:
    from journal.clients import create_client

    return create_client("Maja Lindqvist")


def open_dialog(
    qtbot: QtBot, stack: QUndoStack, client_id: int | None = None, **kw
) -> CaptureDialog:
    dialog = CaptureDialog(stack, client_id, clock=clock, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)  # window shortcuts (Ctrl+Return...) need it active
    return dialog


def test_a_capture_typed_with_the_keyboard_is_saved_whole(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    assert dialog.client.currentText() == "Maja Lindqvist"
    qtbot.keyClicks(dialog.summary, "Call about the proposal")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # &Phone
    qtbot.waitUntil(lambda: dialog.channels.checkedButton().property("value") == "phone")
    dialog.feeling.setFocus()
    qtbot.keyClick(dialog.feeling, Qt.Key.Key_4)
    qtbot.mouseClick(dialog.emotions.chip("hopeful"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.emotions.other, "relieved")
    qtbot.keyClick(dialog.emotions.other, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.notes, "She wants to start in April.")
    qtbot.mouseClick(dialog.awaits_reply, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.commitment_text, "Send the April dates")
    qtbot.keyClick(dialog.commitment_text, Qt.Key.Key_Return)
    dialog.commitment_owner.setCurrentIndex(1)
    qtbot.keyClicks(dialog.commitment_text, "Confirm the budget")  # typed, never added: kept
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    [saved] = interactions_of(client)
    assert saved.summary == "Call about the proposal"
    assert saved.channel == "phone"
    assert saved.direction == "two_way"
    assert saved.feeling == 1
    assert saved.emotions == ["hopeful", "relieved"]
    assert saved.notes == "She wants to start in April."
    assert saved.awaits_reply is True
    assert saved.at == NOW
    promises = {(c.owner, c.text) for c in commitments_of(client)}
    assert promises == {("me", "Send the April dates"), ("client", "Confirm the budget")}
    assert all(c.interaction_id == saved.id for c in commitments_of(client))
    assert stack.count() == 1
    assert pending_drafts() == []  # cleared only because the save succeeded


def test_feeling_keys_one_to_five_map_to_the_scale_and_zero_clears(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    for key, expected in zip("12345", (-2, -1, 0, 1, 2), strict=True):
        qtbot.keyClick(dialog.feeling, key)
        assert dialog.feeling.value() == expected
    qtbot.keyClick(dialog.feeling, "0")
    assert dialog.feeling.value() is None
    qtbot.keyClick(dialog.summary, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert dialog.feeling.value() == -2
    assert dialog.summary.text() == ""  # the shortcut did not type into the summary


def test_self_check_answers_are_stored_with_the_interaction(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    qtbot.keyClicks(dialog.summary, "Session")
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog.self_check_box.isVisible)
    dialog.self_check["asked_before_advising"].setCurrentIndex(2)  # No
    dialog.self_check["kept_my_word"].setCurrentIndex(1)  # Yes
    dialog.accept()
    [saved] = interactions_of(client)
    assert saved.self_check == {"asked_before_advising": False, "kept_my_word": True}


def test_a_refused_save_keeps_the_dialog_open_with_every_word(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    qtbot.keyClicks(dialog.notes, "Long notes, no summary yet")
    dialog.accept()
    assert dialog.isVisible()
    assert "summary" in dialog.error.text() and dialog.error.isVisible()
    assert dialog.notes.toPlainText() == "Long notes, no summary yet"
    assert interactions_of(client) == [] and stack.count() == 0
    [draft] = pending_drafts()  # and the words are already safe as a draft
    assert draft.payload["notes"] == "Long notes, no summary yet"


def test_undo_and_redo_a_capture_with_its_promises(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    qtbot.keyClicks(dialog.summary, "Kick-off")
    qtbot.keyClicks(dialog.commitment_text, "Send the contract")
    dialog.accept()
    [saved] = interactions_of(client)
    stack.undo()
    assert interactions_of(client) == [] and commitments_of(client) == []
    stack.redo()
    [back] = interactions_of(client)
    assert (back.id, back.uid, back.summary) == (saved.id, saved.uid, "Kick-off")
    [promise] = commitments_of(client)
    assert promise.interaction_id == back.id


def test_edit_changes_only_what_changed_and_undo_restores_it(
    qtbot: QtBot, demo_journal: Journal, stack: QUndoStack
) -> None:
    victor = find_client("Victor Hale")
    target = interactions_of(victor)[0]
    before = (target.summary, target.feeling, list(target.emotions), target.at)
    dialog = open_dialog(qtbot, stack, interaction_id=target.id)
    assert dialog.summary.text() == target.summary
    assert not dialog.client.isEnabled()
    dialog.summary.selectAll()
    qtbot.keyClicks(dialog.summary, "Session: calmer than I feared")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dialog.emotions.chip("dread"), Qt.MouseButton.LeftButton)  # un-tick it
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    edited = interaction_by_id(target.id)
    assert (edited.summary, edited.feeling, edited.emotions) == (
        "Session: calmer than I feared",
        0,
        [],
    )
    assert edited.at == before[3]
    stack.undo()
    restored = interaction_by_id(target.id)
    assert (restored.summary, restored.feeling, restored.emotions, restored.at) == before
    stack.redo()
    assert interaction_by_id(target.id).summary == "Session: calmer than I feared"


def test_a_draft_survives_a_crash_and_the_next_dialog_offers_it_back(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    first = CaptureDialog(stack, client.id, clock=clock, autosave_ms=50)
    first.show()
    qtbot.keyClicks(first.summary, "Hard call")
    qtbot.keyClicks(first.notes, "He said he might leave; I froze.")
    qtbot.keyClick(first.feeling, "1")
    qtbot.waitUntil(
        lambda: len(pending_drafts()) == 1 and "froze" in pending_drafts()[0].payload["notes"]
    )
    shiboken6.delete(first)  # the process dies: no reject, no close event, nothing tidy

    second = open_dialog(qtbot, stack)
    assert second.draft_bar.isVisible()
    assert "Hard call" in second.draft_label.text()
    qtbot.mouseClick(second.restore_button, Qt.MouseButton.LeftButton)
    assert second.summary.text() == "Hard call"
    assert second.notes.toPlainText() == "He said he might leave; I froze."
    assert second.feeling.value() == -2
    assert second.client.currentData() == client.id
    second.accept()
    assert [i.summary for i in interactions_of(client)] == ["Hard call"]
    assert pending_drafts() == []


def test_at_start_up_the_newest_draft_opens_in_a_dialog(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    assert dialog_for_pending_draft(stack, clock=clock) is None
    crashed = CaptureDialog(stack, client.id, clock=clock)
    qtbot.keyClicks(crashed.summary, "Unfinished")
    crashed.autosave()
    shiboken6.delete(crashed)
    dialog = dialog_for_pending_draft(stack, clock=clock)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.draft_bar.isVisibleTo(dialog)


@pytest.mark.parametrize(
    ("choice", "kept"),
    [(QMessageBox.StandardButton.Save, 1), (QMessageBox.StandardButton.Discard, 0)],
)
def test_cancelling_asks_whether_to_keep_the_words(
    qtbot: QtBot,
    client: Client,
    stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
    choice: QMessageBox.StandardButton,
    kept: int,
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    asked: list[bool] = []
    monkeypatch.setattr(dialog, "_ask_discard", lambda: asked.append(True) or choice)
    qtbot.keyClicks(dialog.notes, "half a thought")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and not dialog.isVisible()
    assert len(pending_drafts()) == kept


def test_cancelling_an_untouched_dialog_asks_nothing(
    qtbot: QtBot, client: Client, stack: QUndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, stack, client.id)
    monkeypatch.setattr(dialog, "_ask_discard", lambda: pytest.fail("asked needlessly"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and pending_drafts() == []


def test_with_no_client_open_none_is_guessed_and_save_asks_for_one(
    qtbot: QtBot, client: Client, stack: QUndoStack
) -> None:
    """Ctrl+N from Today: filing private notes under the first client in the list would be
    worse than one question."""
    from journal.clients import create_client

    create_client("Anna Berg")  # first in the list, and not who the call was with
    dialog = open_dialog(qtbot, stack)
    assert dialog.client.currentIndex() == -1
    assert dialog.client.hasFocus()  # typing a name's first letters picks it
    qtbot.keyClicks(dialog.summary, "Call about the proposal")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "Choose the client" in dialog.error.text()
    assert stack.count() == 0
    dialog.client.setCurrentIndex(dialog.client.findText("Maja Lindqvist"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [i.summary for i in interactions_of(client)] == ["Call about the proposal"]
