"""Capture by keyboard as an acceptance walk-through found it: one Tab stop for the emotion
chips, Tab into a radio row lands on its checked option, the channel starts where the client
usually is, and a chosen feeling chip shows its whole word."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QUndoStack
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.capture import log_interaction
from journal.store.database import Journal
from journal.store.models import Client
from tests.conftest import NOW
from tests.ui.test_capture import no_modal_questions  # noqa: F401 (autouse fixture)
from ui.dialogs.capture.dialog import CaptureDialog
from ui.dialogs.capture.widgets import EMOTION_WORDS


@pytest.fixture
def clients(journal: Journal) -> tuple[Client, Client, Client]:
    prefers_phone = create_client("Priya", preferred_channel="phone")
    by_video = create_client("Tom")
    log_interaction(
        by_video, at=NOW - dt.timedelta(days=9), channel="email", direction="out", summary="a"
    )
    log_interaction(
        by_video, at=NOW - dt.timedelta(days=2), channel="video", direction="two_way", summary="b"
    )
    new = create_client("Ann")
    return prefers_phone, by_video, new


def open_dialog(qtbot: QtBot, stack: QUndoStack, client_id: int | None) -> CaptureDialog:
    dialog = CaptureDialog(stack, client_id, clock=lambda: NOW, offer_drafts=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.summary)
    return dialog


def channel(dialog: CaptureDialog) -> str:
    return dialog.values()["channel"]


def tab_until(qtbot: QtBot, dialog: CaptureDialog, wanted, limit: int = 40) -> list:
    seen = []
    for _ in range(limit):
        widget = QApplication.focusWidget()
        if wanted(widget):
            return seen
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError("never reached")


def test_the_channel_starts_where_the_client_usually_is(
    qtbot: QtBot, clients, stack: QUndoStack
) -> None:
    prefers_phone, by_video, new = clients
    assert channel(open_dialog(qtbot, stack, prefers_phone.id)) == "phone"
    assert channel(open_dialog(qtbot, stack, by_video.id)) == "video"  # their latest interaction
    assert channel(open_dialog(qtbot, stack, new.id)) == "email"


def test_the_channel_follows_the_client_until_the_coach_picks_one(
    qtbot: QtBot, clients, stack: QUndoStack
) -> None:
    prefers_phone, by_video, new = clients
    dialog = open_dialog(qtbot, stack, new.id)
    qtbot.keyClick(dialog.client, Qt.Key.Key_Down)  # Ann -> Priya
    assert dialog.client.currentData() == prefers_phone.id
    assert channel(dialog) == "phone"
    meeting = next(b for b in dialog.channels.buttons() if b.property("value") == "meeting")
    qtbot.mouseClick(meeting, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.client, Qt.Key.Key_Down)  # Priya -> Tom
    assert dialog.client.currentData() == by_video.id
    assert channel(dialog) == "meeting"


def test_tab_into_a_radio_row_lands_on_the_checked_option(
    qtbot: QtBot, clients, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, clients[0].id)  # phone; direction "both ways"
    tab_until(qtbot, dialog, lambda w: w in dialog.channels.buttons())
    assert QApplication.focusWidget().property("value") == "phone"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().property("value") == "two_way"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert dialog.values()["direction"] == "in"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().property("value") == "in"  # the newly checked one


def test_the_emotion_chips_are_one_tab_stop_with_arrows_and_space(
    qtbot: QtBot, clients, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, clients[0].id)
    chips = [dialog.emotions.chip(word) for word in EMOTION_WORDS]
    tab_until(qtbot, dialog, lambda w: w in chips)
    assert QApplication.focusWidget() is chips[0]
    qtbot.keyClick(chips[0], Qt.Key.Key_Right)
    qtbot.keyClick(chips[1], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is chips[2]
    qtbot.keyClick(chips[2], Qt.Key.Key_Space)
    assert dialog.emotions.words() == [EMOTION_WORDS[2]]
    qtbot.keyClick(chips[2], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.emotions.other  # next stop: the word box
    qtbot.keyClick(dialog.emotions.other, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is chips[2]  # back to where the coach was


def test_a_checked_feeling_chip_shows_its_whole_bold_word(
    qtbot: QtBot, clients, stack: QUndoStack
) -> None:
    dialog = open_dialog(qtbot, stack, clients[0].id)
    dialog.feeling.set_value(1)
    qtbot.wait(10)
    for button in dialog.feeling._buttons.values():
        bold = QFont(button.font())
        bold.setBold(True)
        # text, 10px padding each side, 2px border each side
        assert button.width() >= QFontMetrics(bold).horizontalAdvance(button.text()) + 24
    assert not isinstance(button, QToolButton)
