"""The journal's files from the File menu: JSON import and export, PDF reports, backups,
preferences.

Import and export run in the background with progress; what they change reaches the views
through the window's one change signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog

from journal import settings
from journal.backup_plan import Outcome, backup_before_commit
from journal.changes import EVERYTHING, Changes
from journal.i18n import _, ngettext
from journal.interchange import export, importing
from journal.interchange.importing import ImportSummary
from ui.background import Progress, run_with_progress
from ui.dialogs.settings import SettingsDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _clients(count: int) -> str:
    return ngettext("%(n)d client", "%(n)d clients", count) % {"n": count}


def import_summary(summary: ImportSummary, name: str) -> str:
    """What an import added, in words ("1 client", not "1 clients")."""
    interactions, commitments = summary.interactions, summary.commitments
    return _("Imported {clients}, {interactions} and {commitments} from {name}.").format(
        clients=_clients(summary.clients),
        interactions=ngettext("%(n)d interaction", "%(n)d interactions", interactions)
        % {"n": interactions},
        commitments=ngettext("%(n)d commitment", "%(n)d commitments", commitments)
        % {"n": commitments},
        name=name,
    ) + "".join(f" {line}" for line in (summary.carried(), summary.kept_line()) if line)


def import_json(window: MainWindow, path: str | None = None) -> None:
    """Add the clients of a Rapport JSON export, in the background; all or nothing."""
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(
            window, _("Import a Rapport JSON export"), str(Path.home()), _("JSON (*.json)")
        )
    if not path:
        return
    chosen = Path(path)
    actions = window.window_actions
    journal = window.journal
    assert journal is not None

    def work(_progress: Progress) -> tuple[ImportSummary, Outcome]:
        backups: list[Outcome] = []  # no import without a backup; none for a refused file

        def back_up() -> None:
            backups.append(backup_before_commit(journal, "import"))

        return importing.import_file(chosen, back_up), backups[0]

    def done(result: tuple[ImportSummary, Outcome]) -> None:
        summary, before = result
        QTimer.singleShot(0, window, actions.sync_undo)  # once the job is off the books
        window.journal_changed(EVERYTHING)
        news = window.backups.news(before)
        said = import_summary(summary, chosen.name) + (f" {news}" if news else "")
        window.statusBar().showMessage(said, 60000 if news else 10000)

    def failed(message: str) -> None:
        QTimer.singleShot(0, window, actions.sync_undo)
        window.tell(
            _("Nothing was imported. {problem}").format(problem=message), title=_("Import failed")
        )

    window.progress = run_with_progress(
        window,
        _("Importing"),
        _("Importing {name}, then backing up the journal as it was…").format(name=chosen.name),
        work,
        done,
        failed,
        writes=True,
    )
    actions.sync_undo()


def export_json(window: MainWindow, path: str | None = None) -> None:
    """Write the whole journal as JSON, in the background."""
    if path is None:
        suggested = Path.home() / f"rapport-{window.clock().date().isoformat()}.json"
        path, _filter = QFileDialog.getSaveFileName(
            window, _("Export the journal as JSON"), str(suggested), _("JSON (*.json)")
        )
    if not path:
        return
    target = Path(path)

    def work(_progress: Progress) -> int:
        return export.write_export(target)

    def done(count: int) -> None:
        window.statusBar().showMessage(
            _("Exported {clients} to {target}.").format(clients=_clients(count), target=target),
            10000,
        )

    def failed(message: str) -> None:
        window.tell(message, title=_("Export failed"))

    window.progress = run_with_progress(
        window, _("Exporting"), _("Writing {name}…").format(name=target.name), work, done, failed
    )


def export_pdf(window: MainWindow, kind: str) -> None:
    from ui.reports.dialog import export_report  # PDF reports load only when asked for

    export_report(window, kind, window.current_client_id())


def open_backups(window: MainWindow) -> None:
    """File > Backups…: the list, "Back up now", "Show in folder" and "Restore…"."""
    from ui.dialogs.backups import BackupsDialog  # built on first use

    assert window.journal is not None
    dialog = BackupsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def open_recovery(window: MainWindow) -> None:
    from ui.dialogs.recovery import open_recovery_sheet  # a PDF: loads only when asked for

    assert window.journal is not None
    open_recovery_sheet(window.journal, window)


def open_preferences(window: MainWindow) -> None:
    """The preferences dialog; the settings it changed go out as one change."""
    assert window.journal is not None
    before = settings.get_all()
    dialog = SettingsDialog(window.journal, window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        after = settings.get_all()
        window.journal_changed(Changes.of(settings=[k for k in after if after[k] != before[k]]))
    dialog.deleteLater()  # Qt's, not Python's garbage: the window may be rebuilt by now
