"""File > Backups…: the journal's backups (when, why, how big, where, verified), "Back up now"
on a worker with its progress, "Show in folder" and "Restore…" (ui.dialogs.restoring).

The list is `journal.store.backups.list_backups` over the home's backups/ and the second
folder; a backup made here goes through the window's AutoBackup, so its news (a second folder
that fails) is said once, as for the automatic ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.backup_plan import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    Outcome,
    second_folder,
    why_made,
)
from journal.i18n import N_, _, language
from journal.store.backups import Backup, list_backups
from journal.store.home import backups_dir
from journal.values.dates import date_and_time
from ui.dialogs.restoring import not_now, restore_into

if TYPE_CHECKING:
    from ui.main_window import MainWindow

COLUMNS = (N_("Made"), N_("Why"), N_("Size"), N_("Where"), N_("Verified"))
WHY = {
    "": N_("By hand"),
    "daily": N_("Daily"),
    "at-quit": N_("At quit"),
    "before-import": N_("Before an import"),
    "before-restore": N_("Before a restore"),
    "before-rekey": N_("Before a key change"),
    "before-schema": N_("Before an update"),
}
Index = QModelIndex | QPersistentModelIndex


def size_in_words(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size, 1000) // 1000} KB"


def _shown(path: Path) -> str:
    """A folder as a coach reads it: their home folder as ~."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


class BackupsModel(QAbstractTableModel):
    """The backups, newest first, one row each."""

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.backups: list[Backup] = []

    def reload(self) -> None:
        self.beginResetModel()
        folder = second_folder()
        self.backups = list_backups(self.home, *([folder] if folder else []))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return date_and_time(backup.made, language())
        if column == 1:
            why = why_made(backup.path) if backup.verified else "before-schema"
            return _(WHY[why]) if why in WHY else why.replace("-", " ").capitalize()
        if column == 2:
            return size_in_words(backup.size)
        if column == 3:
            inside = backup.path.parent == backups_dir(self.home)
            return _("Journal's backups folder") if inside else _shown(backup.path.parent)
        return _("Yes") if backup.verified else _("No (older Rapport)")


class BackupsDialog(QDialog):
    """The backups of the window's journal, made and told through its AutoBackup."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.journal is not None
        self.main = window
        self.home = home = window.journal.home
        self.auto = auto = window.backups
        self.setWindowTitle(_("Backups"))
        self.setAccessibleName(_("Backups"))
        self.policy = QLabel(self._policy())
        self.policy.setWordWrap(True)
        self.policy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = BackupsModel(home, self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Backups list"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setAccessibleName(_("Backup status"))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Backup progress"))
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.back_up_now = QPushButton(_("Back up now"))
        self.back_up_now.clicked.connect(self.start_backup)
        self.show_folder = QPushButton(_("Show in folder"))
        self.show_folder.setToolTip(_("Open the folder that holds the chosen backup"))
        self.show_folder.clicked.connect(self.open_folder)
        self.restore = QPushButton(_("Restore…"))
        self.restore.setToolTip(
            _(
                "Put the chosen backup in the journal's place; the journal now open is set aside, "
                "never deleted"
            )
        )
        self.restore.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.back_up_now)
        row.addWidget(self.show_folder)
        row.addWidget(self.restore)
        row.addStretch(1)
        row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.policy)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        auto.progressed.connect(self._progressed)
        auto.finished.connect(self._finished)
        self.table.selectionModel().selectionChanged.connect(self._sync_buttons)
        self.reload()
        if auto.running:
            self._under_way()
        elif auto.last_problem:
            self.status.setText(auto.last_problem)
        self.resize(760, 460)

    def _policy(self) -> str:
        folder = second_folder()
        where = (
            _("They are written to the journal's backups folder and to {folder}.").format(
                folder=_shown(folder)
            )
            if folder
            else _(
                "They are written to the journal's backups folder; choose a second folder (an "
                "external drive or a synced cloud folder) in Preferences."
            )
        )
        return _(
            "Rapport backs up at quit, once a day while it runs and before every import. Each "
            "copy is encrypted with the journal's key and checked before it counts. Kept: "
            "every copy of the last day, then one a day for {daily} days, one a week for "
            "{weekly} weeks and one a month for {monthly} months. {where}"
        ).format(daily=KEEP_DAILY, weekly=KEEP_WEEKLY, monthly=KEEP_MONTHLY, where=where)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def reload(self) -> None:
        self.model.reload()
        if self.model.backups:
            self.table.selectRow(0)
        self._sync_buttons()

    def _sync_buttons(self, *_changed: object) -> None:
        chosen = self.selected() is not None
        self.show_folder.setEnabled(chosen)
        self.restore.setEnabled(chosen and not self.auto.running)
        self.back_up_now.setEnabled(not self.auto.running)

    def _under_way(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(_("Backing up and checking the copy…"))
        self._sync_buttons()

    def start_backup(self) -> None:
        if self.auto.run():
            self._under_way()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finished(self, outcome: Outcome | None, failure: str) -> None:
        self.progress.hide()
        self.reload()
        if outcome is None:
            self.status.setText(_("The backup failed: {problem}").format(problem=failure))
        elif outcome.problem:
            self.status.setText(
                _("Backed up and verified: {where}. {problem}").format(
                    where=outcome.home, problem=outcome.problem
                )
            )
        else:
            copies = _(" and ").join(str(p) for p in (outcome.home, outcome.second) if p)
            self.status.setText(_("Backed up and verified: {where}.").format(where=copies))

    def open_folder(self) -> None:
        backup = self.selected()
        if backup is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup.path.parent)))

    def confirm_restore(self, backup: Backup) -> bool:
        """Ask before the journal is replaced, saying what happens to the one open now."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Restore this backup?"),
            _(
                "Restore the backup made {made}?\n\nThe journal as it is now is set aside in "
                "{aside}, not deleted, and the backup takes its place. What was written after "
                "the backup was made stays only in the journal set aside."
            ).format(
                made=date_and_time(backup.made, language()),
                aside=_shown(self.home / "set-aside"),
            ),
            parent=self,
        )
        box.setAccessibleName(_("Restore this backup?"))
        go = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        why_not = not_now(self.main, self)
        if why_not:
            self.status.setText(why_not)
            return
        if not self.confirm_restore(backup):
            return
        restore_into(self.main, backup.path, self, self._restored)

    def _restored(self, said: str) -> None:
        self.reload()
        self.status.setText(said)
        self.main.statusBar().showMessage(said, 15000)
