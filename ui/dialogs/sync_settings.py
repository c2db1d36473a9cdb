"""Preferences' sync group: the folder, the devices seen, set up and leave."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from journal.i18n import _
from journal.store.database import Journal
from journal.sync import service, wording
from journal.sync.service import Status
from ui.background import run_op


class SyncBox(QGroupBox):
    """Set up sync through a folder, see the devices, or leave. `changed` is called after
    sync was set up or left, so the window's status bar follows."""

    def __init__(
        self, journal: Journal, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Sync"), parent)
        self._journal = journal
        self._changed = changed
        form = QFormLayout(self)
        self.folder_label = QLabel()
        self.folder_label.setAccessibleName(_("Sync folder"))
        self.folder_label.setWordWrap(True)
        self.choose = QPushButton(_("Choose folder…"))
        self.choose.setToolTip(
            _(
                "A folder Syncthing, a cloud drive or a network share copies between your "
                "devices. Rapport writes only encrypted change files there."
            )
        )
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.choose)
        form.addRow(_("Folder"), row)
        self.devices = QLabel()
        self.devices.setAccessibleName(_("Devices seen"))
        self.devices.setWordWrap(True)
        form.addRow(_("Devices"), self.devices)
        self.leave_button = QPushButton(_("Leave sync"))
        self.leave_button.setToolTip(
            _("This device stops syncing; its journal and the other devices' stay as they are.")
        )
        self.leave_button.clicked.connect(self._leave)
        leave_row = QHBoxLayout()
        leave_row.addStretch(1)
        leave_row.addWidget(self.leave_button)
        form.addRow(leave_row)
        self.refresh()

    def refresh(self) -> None:
        """Read where sync stands on a worker: the folder may be a slow network share."""
        journal = self._journal
        run_op(self, lambda _progress: service.status(journal), self._show)

    def _show(self, status: Status) -> None:
        syncing = bool(status.folder)
        self.folder_label.setText(status.folder or _("Not set up"))
        self.leave_button.setEnabled(syncing)
        lines = [
            _("{label} ({device}), last synced {when}").format(
                label=d["label"] or "?", device=d["device"], when=wording.moment(d["at"])
            )
            for d in status.devices
        ]
        if syncing and not lines:
            lines = [_("No other device yet")]
        self.devices.setText("\n".join(lines) if syncing else "—")

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Sync folder"))
        if not chosen:
            return
        self.choose.setEnabled(False)
        self.folder_label.setText(_("Setting up…"))
        journal = self._journal

        def done(_outcome: object) -> None:
            self.choose.setEnabled(True)
            self.refresh()
            self._changed()

        def failed(message: str) -> None:
            self.choose.setEnabled(True)
            self.refresh()
            QMessageBox.warning(self, _("Sync"), message)

        run_op(self, lambda _progress: service.set_up(journal, Path(chosen)), done, failed)

    def _leave(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Leave sync"),
            _(
                "Stop syncing this journal on this device? Nothing is deleted: the journal "
                "stays here as it is, and the other devices keep theirs."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service.leave(self._journal)
        self.refresh()
        self._changed()
