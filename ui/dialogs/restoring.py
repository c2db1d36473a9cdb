"""Putting another journal in the window's journal's place: a backup restored (File >
Backups…, or the welcome page), or the journal another computer syncs through a folder,
joined from the welcome page. The journal closes the way it does at quit (its undo history
goes, the workers let go of it, it is closed); `journal.store.restore` or
`journal.sync.service.join_in_place` sets it aside (never deletes it) and puts the other in
its place; then the journal opens again through `open_journal`, every view refreshed by one
change.

The key is found on the UI thread (it may ask for a passphrase or the recovery key in a
dialog); the work that grows with the journal runs on a worker.
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
from journal.store.secrets import AskPassphrase, PassphrasePurpose, key_from_answer
from journal.store.switch import SET_ASIDE_DIR
from journal.sync import service
from ui.background import release_connections, run_with_progress
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
    assert window.journal is not None
    home = window.journal.home
    ask_restore, ask_reopen = _remembering(ask_with_dialog(asking))
    try:
        key = backup_key(home, backup, ask=ask_restore)
    except RapportError as exc:
        done(_("Nothing was restored: {problem}").format(problem=exc))
        return
    _replace_journal(
        window,
        _("Restoring {name}…").format(name=backup.name),
        lambda: restore_with(home, backup, key),
        _("Restored the backup {name}.").format(name=backup.name),
        _("Nothing was restored: {problem}"),
        ask_reopen,
        done,
    )


def join_into(
    window: MainWindow, folder: Path, asking: QWidget, done: Callable[[str], None]
) -> None:
    """Make the journal synced in `folder` the window's journal (the app's new, empty one is
    set aside), then `done` with what happened. The key is asked for and checked against the
    folder first, on this thread; the journal is built from the folder on a worker."""
    assert window.journal is not None
    home = window.journal.home
    ask_join, ask_reopen = _remembering(ask_with_dialog(asking))
    answer = ask_join(PassphrasePurpose.JOIN)
    if not answer:
        return
    try:
        key = key_from_answer(answer)
        folder = service.joinable(folder, key)
    except RapportError as exc:
        done(_("Nothing was joined: {problem}").format(problem=exc))
        return
    _replace_journal(
        window,
        _("Joining the journal synced in {folder}…").format(folder=folder),
        lambda: service.join_in_place(home, folder, key),
        _("Joined the journal synced in {folder}.").format(folder=folder),
        _("Nothing was joined: {problem}"),
        ask_reopen,  # a passphrase journal opens with what was typed
        done,
    )


def _replace_journal(
    window: MainWindow,
    status: str,
    work: Callable[[], Path | None],
    succeeded: str,
    failed: str,
    ask_reopen: AskPassphrase,
    done: Callable[[str], None],
) -> None:
    """Close the window's journal the way it closes at quit (its undo history goes, the
    workers let go of it), run `work` on a worker (it puts another journal in its place, and
    returns where the one that was there was set aside), then open the journal again and
    hand it to every view. A failed `work` changed nothing: the same journal opens again, with
    the passphrase it had (what was typed for the other journal may not be it)."""
    journal = window.journal
    assert journal is not None
    home = journal.home
    window.window_actions.set_enabled(False)
    window.show_today()  # no client page on a record the new journal may not hold
    window.undo_stack.blockSignals(True)
    window.undo_stack.clear()  # its commands name records of the journal that goes
    window.undo_stack.blockSignals(False)
    release_connections()
    window.journal = None
    kept = journal.key if journal.key_mode == "passphrase" else None
    journal.close()
    window.statusBar().showMessage(status)

    def reopen(said: str, ask: AskPassphrase) -> None:
        try:
            reopened = open_journal(home, ask, create=False)
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

    def finished(aside: Path | None) -> None:
        said = succeeded
        if aside:
            said += " " + _("The journal that was open is set aside in {folder}.").format(
                folder=aside
            )
        reopen(said, ask_reopen)

    run_with_progress(  # grows with the journal: a dialog says the app is at work
        window,
        _("Rapport"),
        status,
        lambda _progress: work(),
        finished,
        lambda message: reopen(failed.format(problem=message), lambda _purpose: kept),
    )


def choose_and_restore(window: MainWindow, asking: QWidget, done: Callable[[str], None]) -> None:
    """The welcome page's "Restore from a backup…": a backup file chosen from anywhere (a
    drive, a download from another computer), asked about once, then `restore_into`."""
    if _busy(window, asking, done):
        return
    chosen, _filter = QFileDialog.getOpenFileName(
        asking, _("Restore from a backup"), str(Path.home()), _("Rapport backups (*.db)")
    )
    question = _(
        "Restore {name}? The journal open now is set aside in {folder}, not deleted, and "
        "the backup takes its place."
    )
    if chosen and _agreed(
        asking,
        _("Restore this backup?"),
        question.format(name=Path(chosen).name, folder=_aside(window)),
    ):
        restore_into(window, Path(chosen), asking, done)


def choose_and_join(window: MainWindow, asking: QWidget, done: Callable[[str], None]) -> None:
    """The welcome page's "Join a synced journal…": the folder another computer syncs the
    journal through (Syncthing, a cloud drive, a share), chosen, confirmed, then `join_into`."""
    if _busy(window, asking, done):
        return
    chosen = QFileDialog.getExistingDirectory(
        asking, _("The folder your journal syncs through"), str(Path.home())
    )
    question = _(
        "Join the journal synced in {folder}? The journal open now is set aside in "
        "{aside}, not deleted, and the synced journal takes its place."
    )
    if chosen and _agreed(
        asking,
        _("Join the journal synced there?"),
        question.format(folder=chosen, aside=_aside(window)),
    ):
        join_into(window, Path(chosen), asking, done)


def _busy(window: MainWindow, asking: QWidget, done: Callable[[str], None]) -> bool:
    """Whether work under way forbids replacing the journal now (`done` is told why)."""
    why_not = not_now(window, asking)
    if why_not:
        done(why_not)
    return bool(why_not)


def _aside(window: MainWindow) -> Path:
    assert window.journal is not None
    return window.journal.home / SET_ASIDE_DIR


def _agreed(asking: QWidget, title: str, question: str) -> bool:
    return QMessageBox.question(asking, title, question) == QMessageBox.StandardButton.Yes
