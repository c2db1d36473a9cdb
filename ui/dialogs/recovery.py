"""The recovery sheet in the app: save it as a PDF, then type its key's last group back, so
Rapport knows the coach kept it (as password managers do with an emergency kit)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import recovery_sheet
from journal.errors import RapportError
from journal.i18n import _
from journal.store.database import Journal
from ui.reports import default_page_size
from ui.reports.recovery import render_recovery_sheet

SHEET_NAME = "rapport-recovery-sheet.pdf"


class RecoverySheetDialog(QDialog):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.sheet = recovery_sheet.sheet_for(journal)
        self.setWindowTitle(_("Recovery sheet"))
        self.setAccessibleName(_("Recovery sheet"))
        self.setMinimumWidth(480)
        by_key = self.sheet.recovery_key is not None
        intro = QLabel(
            _(
                "The recovery sheet holds your journal's key on paper, with where the journal and "
                "its backups live and how to restore them on any computer. Without it, a lost or "
                "new computer cannot open your backups."
            )
            if by_key
            else _(
                "Your journal is locked with a passphrase, and the passphrase is its key. The "
                "sheet says where the journal and its backups live and how to restore them."
            )
        )
        intro.setWordWrap(True)
        self.state = QLabel(recovery_sheet.sheet_state_in_words(journal))
        self.state.setAccessibleName(_("Recovery sheet state"))
        self.state.setWordWrap(True)
        self.save_button = QPushButton(_("Save the sheet as PDF…"))
        self.save_button.clicked.connect(self.save_sheet)
        self.typed = QLineEdit()
        self.typed.setAccessibleName(_("Last group of the key"))
        self.typed.setPlaceholderText(_("the last four characters of the key"))
        self.typed.setMaxLength(8)
        self.check_button = QPushButton(_("Check") if by_key else _("I have kept it"))
        self.check_button.clicked.connect(self.check)
        check_row = QHBoxLayout()
        if by_key:
            check_row.addWidget(QLabel(_("Then type the key's last group:")))
            check_row.addWidget(self.typed)
        else:
            self.typed.hide()
        check_row.addWidget(self.check_button)
        self.message = QLabel()
        self.message.setAccessibleName(_("Recovery sheet message"))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.state)
        layout.addWidget(self.save_button)
        layout.addLayout(check_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save_sheet(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the recovery sheet"), str(Path(folder) / SHEET_NAME), _("PDF (*.pdf)")
        )
        if chosen:
            self.write_to(Path(chosen))

    def write_to(self, path: Path) -> bool:
        try:
            render_recovery_sheet(self.sheet, path, default_page_size())
            recovery_sheet.record_made(self.journal)
        except (RapportError, OSError) as exc:
            self.message.setText(_("The sheet could not be written: {problem}").format(problem=exc))
            return False
        self.message.setText(
            _("Saved {path}. Print it, keep it somewhere safe, then check it.").format(path=path)
        )
        self._show_state()
        return True

    def check(self) -> None:
        if recovery_sheet.sheet_made_on(self.journal) is None:
            self.message.setText(_("Save the sheet first."))
            return
        if recovery_sheet.record_checked(self.journal, self.typed.text(), self.sheet):
            self.message.setText(_("That matches your sheet. Keep it safe."))
        else:
            self.message.setText(_("That is not the last group on the sheet; look again."))
        self._show_state()

    def _show_state(self) -> None:
        self.state.setText(recovery_sheet.sheet_state_in_words(self.journal))


def open_recovery_sheet(journal: Journal, parent: QWidget | None = None) -> None:
    RecoverySheetDialog(journal, parent).exec()
