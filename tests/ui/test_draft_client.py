"""Restoring a kept draft keeps the client chosen in the dialog when the draft named none
(issue 16: "Restoring a kept draft clears the chosen client")."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.drafts import pending_drafts
from journal.store.database import Journal
from tests.conftest import NOW
from ui.dialogs.capture.dialog import CaptureDialog


def test_a_draft_without_a_client_keeps_the_one_chosen(
    qtbot: QtBot, journal: Journal, stack: QUndoStack
) -> None:
    maja = create_client("Maja Lindqvist")
    crashed = CaptureDialog(stack, None, clock=lambda: NOW)  # Ctrl+N with no client open
    qtbot.keyClicks(crashed.summary, "Call about the offer")
    assert crashed.autosave()
    shiboken6.delete(crashed)
    assert pending_drafts()[0].client_id is None

    dialog = CaptureDialog(stack, maja.id, clock=lambda: NOW)  # opened on Maja's page
    qtbot.addWidget(dialog)
    assert dialog.client.currentData() == maja.id
    dialog.restore_button.click()
    assert dialog.summary.text() == "Call about the offer"
    assert dialog.client.currentData() == maja.id


def test_a_draft_for_a_client_brings_its_client_back(
    qtbot: QtBot, journal: Journal, stack: QUndoStack
) -> None:
    maja, tom = create_client("Maja Lindqvist"), create_client("Tom Berg")
    crashed = CaptureDialog(stack, tom.id, clock=lambda: NOW)
    qtbot.keyClicks(crashed.summary, "Tom's call")
    assert crashed.autosave()
    shiboken6.delete(crashed)

    dialog = CaptureDialog(stack, maja.id, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    assert dialog.client.currentData() == tom.id  # the words are about Tom
