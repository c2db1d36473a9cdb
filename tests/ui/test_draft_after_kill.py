"""Issue 4's promise, tested the hard way: a real process types into the real capture dialog,
is killed with SIGKILL once the autosave timer has kept the words, and the next start (this
test process, opening the same journal afresh) finds the draft and offers it back whole.

The in-process crash test in test_capture.py shares one connection and one process with the
dialog; only a separate process that dies shows that the words were on disk, committed,
before the kill, and that a fresh open of the encrypted journal reads them back.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import create_client, find_client
from journal.entries.capture import interactions_of
from journal.entries.drafts import pending_drafts
from journal.store.database import open_journal
from ui.dialogs.capture.dialog import dialog_for_pending_draft

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

PASSPHRASE = "a passphrase for the killed child"
SUMMARY = "Hard call with Maja: she wants to pause"
NOTES = (
    "Maja said the pricing felt heavy; she will decide by Friday.\n"
    "I felt my chest tighten and over-explained — Ångström-level detail. Breathe next time."
)
MARKER = "DRAFT-KEPT"

# The child: open the journal, type into a real CaptureDialog whose autosave timer is short
# (the constructor's autosave_ms; the product default stays), wait until the timer (not an
# explicit call) has kept every word, say so, and die without any chance to tidy up.
CHILD = """
import json, os, signal, sys, time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journal.clients import find_client
from journal.entries.drafts import pending_drafts
from journal.store.database import open_journal
from ui.dialogs.capture.dialog import CaptureDialog


def type_into(widget, text):
    # Key by key. QTest.keyClicks knows ASCII only: Return for a line break, and a key
    # event carrying the character for the rest, as a keyboard layout delivers them.
    for char in text:
        if char == "\\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                Qt.KeyboardModifier.NoModifier,
            )


summary, notes, marker = json.loads(sys.argv[1])
app = QApplication([])
open_journal(Path(os.environ["RAPPORT_HOME"]), create=False)
dialog = CaptureDialog(QUndoStack(), find_client("Maja").id, autosave_ms=100)
dialog.show()
type_into(dialog.summary, summary)
type_into(dialog.notes, notes)
QTest.keyClick(dialog.feeling, "2")


def kept():
    return any(
        d.payload.get("summary") == summary
        and d.payload.get("notes") == notes
        and d.payload.get("feeling") == -1
        for d in pending_drafts()
    )


deadline = time.monotonic() + 8
while not kept():
    if time.monotonic() > deadline:
        sys.exit("the autosave never kept the draft")
    QTest.qWait(20)
print(marker, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
sys.exit("still alive after SIGKILL")
"""


@pytest.fixture
def passphrase_home(home: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A passphrase journal with one client, closed again: both processes can open it, and
    neither touches a keyring."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    journal = open_journal(home)
    try:
        create_client("Maja Lindqvist")
    finally:
        journal.close()
    return home


def _type_then_get_killed(home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "RAPPORT_HOME": str(home),
        "RAPPORT_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([SUMMARY, NOTES, MARKER])],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_draft_typed_before_a_kill_is_offered_back_at_the_next_start(
    qtbot: QtBot, passphrase_home: Path, stack: QUndoStack
) -> None:
    child = _type_then_get_killed(passphrase_home)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert child.stdout.strip() == MARKER

    journal = open_journal(passphrase_home, create=False)  # a fresh start of the journal
    try:
        maja = find_client("Maja")
        [draft] = pending_drafts()
        assert draft.payload["summary"] == SUMMARY
        assert draft.payload["notes"] == NOTES  # every word, the line break and Å included
        assert draft.payload["feeling"] == -1
        assert draft.client_id == maja.id

        # What the app does at start (MainWindow.offer_pending_draft): a capture dialog
        # offering the newest draft back.
        dialog = dialog_for_pending_draft(stack)
        assert dialog is not None
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.draft_bar.isVisible()
        assert SUMMARY in dialog.draft_label.text()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        assert dialog.summary.text() == SUMMARY
        assert dialog.notes.toPlainText() == NOTES
        assert dialog.feeling.value() == -1
        assert dialog.client.currentData() == maja.id

        dialog.accept()  # finishing the entry saves it and only then clears the draft
        [saved] = interactions_of(maja)
        assert (saved.summary, saved.notes) == (SUMMARY, NOTES)
        assert pending_drafts() == []
    finally:
        journal.close()
