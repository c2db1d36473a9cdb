"""Restoring a backup from File > Backups…: the journal closes the way it does at quit (its
undo history goes, the workers let go of it, it is closed), `journal.store.restore` checks
the backup, sets the journal aside (never deletes it) and puts the backup in its place, and
the journal opens again through `open_journal`, every view refreshed by one change.

The key is found on the UI thread (it may ask for a passphrase or the recovery key in a
dialog); the copy and its check run on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from journal.errors import RapportError
from journal.i18n import _
from journal.store.database import open_journal
from journal.store.restore import backup_key, restore_with
from journal.store.secrets import AskPassphrase, PassphrasePurpose
from ui.background import release_connections, run_op
from ui.dialogs.unlock import ask_with_dialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def not_now(window: MainWindow, asking: QWidget) -> str:
    """Why a restore cannot start now ("" when it can): work under way that would be lost."""
    if window.backups.running:
        return _("A backup is under way; restore once it is done.")
    others = [
        dialog
        for dialog in window.findChildren(QDialog)
        if dialog.isVisible() and dialog is not asking
    ]
    if others:
        return _("Close the open “{window}” window first; then restore.").format(
            window=others[0].windowTitle()
        )
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


def restore_into(
    window: MainWindow, backup: Path, asking: QWidget, done: Callable[[str], None]
) -> None:
    """Make `backup` the window's journal, then `done` with what happened, in one line. The
    key is found first, on this thread (it may ask the coach); the copy and its check, which
    grow with the journal, run on a worker. A backup that fails changes nothing: the
    journal that was open opens again."""
    journal = window.journal
    assert journal is not None
    home = journal.home
    ask_restore, ask_reopen = _remembering(ask_with_dialog(asking))
    try:
        key = backup_key(home, backup, ask=ask_restore)
    except RapportError as exc:
        done(_("Nothing was restored: {problem}").format(problem=exc))
        return
    window.window_actions.set_enabled(False)
    window.show_today()  # no client page on a record the backup may not hold
    window.undo_stack.blockSignals(True)
    window.undo_stack.clear()  # its commands name records of the journal that goes
    window.undo_stack.blockSignals(False)
    release_connections()
    window.journal = None
    journal.close()
    window.statusBar().showMessage(_("Restoring {name}…").format(name=backup.name))

    def reopen(said: str) -> None:
        try:
            reopened = open_journal(home, ask_reopen, create=False)
        except RapportError as exc:
            done(
                said
                + " "
                + _("The journal could not be opened again ({problem}); restart Rapport.").format(
                    problem=exc
                )
            )
            return
        window.set_journal(reopened)  # every view re-reads the journal it now holds
        done(said)

    def restored(aside: Path | None) -> None:
        said = _("Restored the backup {name}.").format(name=backup.name)
        if aside:
            said += " " + _("The journal that was open is set aside in {folder}.").format(
                folder=aside
            )
        reopen(said)

    run_op(
        window,
        lambda _progress: restore_with(home, backup, key),
        restored,
        lambda message: reopen(_("Nothing was restored: {problem}").format(problem=message)),
    )


def choose_and_restore(window: MainWindow, asking: QWidget, done: Callable[[str], None]) -> None:
    """The welcome page's "Restore from a backup…": a backup file chosen from anywhere (a
    drive, a download from another computer), asked about once, then `restore_into`."""
    why_not = not_now(window, asking)
    if why_not:
        done(why_not)
        return
    chosen, _filter = QFileDialog.getOpenFileName(
        asking, _("Restore from a backup"), str(Path.home()), _("Rapport backups (*.db)")
    )
    if not chosen:
        return
    assert window.journal is not None
    aside = window.journal.home / "set-aside"
    answer = QMessageBox.question(
        asking,
        _("Restore this backup?"),
        _(
            "Restore {name}? The journal open now is set aside in {folder}, not deleted, and "
            "the backup takes its place."
        ).format(name=Path(chosen).name, folder=aside),
    )
    if answer == QMessageBox.StandardButton.Yes:
        restore_into(window, Path(chosen), asking, done)
