"""Restoring a backup from File > Backups…: the journal closes the way it does at quit (its
undo history goes, the workers let go of it, it is closed), `journal.store.restore` checks
the backup, sets the journal aside (never deletes it) and puts the backup in its place, and
the journal opens again through `open_journal`, every view refreshed by one change.

On the UI thread: the restore may ask for a passphrase or the recovery key in a dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from journal.changes import EVERYTHING
from journal.errors import RapportError
from journal.store.database import open_journal
from journal.store.restore import restore_backup
from journal.store.secrets import AskPassphrase, PassphrasePurpose
from ui.background import release_connections
from ui.dialogs.unlock import ask_with_dialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def not_now(window: MainWindow, asking: QWidget) -> str:
    """Why a restore cannot start now ("" when it can): work under way that would be lost."""
    if window.backups.running:
        return "A backup is under way; restore once it is done."
    others = [
        dialog
        for dialog in window.findChildren(QDialog)
        if dialog.isVisible() and dialog is not asking
    ]
    if others:
        return f"Close the open “{others[0].windowTitle()}” window first; then restore."
    return ""


def _remembering(ask: AskPassphrase) -> tuple[AskPassphrase, AskPassphrase]:
    """The question for the restore, and one for the reopen that first reuses what the coach
    typed for the restore (a passphrase journal is asked once, not twice)."""
    typed: list[str] = []

    def for_restore(purpose: PassphrasePurpose) -> str | None:
        answer = ask(purpose)
        if answer:
            typed.append(answer)
        return answer

    def for_reopen(purpose: PassphrasePurpose) -> str | None:
        return typed.pop() if typed else ask(purpose)

    return for_restore, for_reopen


def restore_into(window: MainWindow, backup: Path, asking: QWidget) -> str:
    """Make `backup` the window's journal; what happened, in one line. A backup that fails
    changes nothing: the journal that was open opens again."""
    journal = window.journal
    assert journal is not None
    home = journal.home
    ask_restore, ask_reopen = _remembering(ask_with_dialog(asking))
    window.window_actions.set_enabled(False)
    window.show_today()  # no client page on a record the backup may not hold
    window.undo_stack.blockSignals(True)
    window.undo_stack.clear()  # its commands name records of the journal that goes
    window.undo_stack.blockSignals(False)
    release_connections()
    window.journal = None
    journal.close()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        aside = restore_backup(home, backup, ask=ask_restore)
        said = f"Restored the backup {backup.name}." + (
            f" The journal that was open is set aside in {aside}." if aside else ""
        )
    except RapportError as exc:
        said = f"Nothing was restored: {exc}"
    finally:
        QGuiApplication.restoreOverrideCursor()
    try:
        reopened = open_journal(home, ask_reopen, create=False)
    except RapportError as exc:
        return f"{said} The journal could not be opened again ({exc}); restart Rapport."
    window.set_journal(reopened)
    window.journal_changed(EVERYTHING)
    return said
