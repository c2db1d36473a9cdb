"""A closed window's undo history goes with the close, while the journal is still open.

Qt deletes the window later: at quit, after `run_app` has closed the journal, or during some
later test. QUndoStack's destructor clears whatever the stack still holds, and the
indexChanged it sends then used to refresh the window and start a cue job on the closed
journal. At quit, every session that had undoable edits logged "unexpected error in
background work".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from journal.clients import find_client
from journal.store.database import Journal
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.commands import AddCommitmentCommand, push_applied
from ui.main_window import MainWindow


def test_deleting_a_closed_window_refreshes_nothing(qapp, demo_journal: Journal) -> None:
    window = MainWindow(demo_journal, clock=lambda: NOW, restore_geometry=False)
    window.show()
    maja = find_client("Maja Lindqvist")
    push_applied(window.undo_stack, AddCommitmentCommand(maja.id, "me", "Send the notes"))
    wait_for_background()
    refreshed: list[str] = []
    window.journal_changed = lambda: refreshed.append("journal_changed")  # type: ignore[method-assign]

    window.close()
    window.deleteLater()  # what happens to the window at quit
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    wait_for_background()

    assert refreshed == []
