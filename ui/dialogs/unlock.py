"""The passphrase dialog at start: unlock a journal, or choose a passphrase for a new one.

Used only where no system keyring holds the key. A wrong passphrase brings the dialog back
with a kind line saying so; the journal is never touched by a failed attempt.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from journal.i18n import _
from journal.store.secrets import MIN_PASSPHRASE_LENGTH, AskPassphrase, PassphrasePurpose


class UnlockDialog(QDialog):
    def __init__(
        self, purpose: PassphrasePurpose, error: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.purpose = purpose
        creating = purpose is PassphrasePurpose.CREATE
        self.setWindowTitle(
            _("Create your Rapport journal")
            if creating
            else _("Join a synced journal")
            if purpose is PassphrasePurpose.JOIN
            else _("Unlock Rapport")
        )
        self.setAccessibleName(self.windowTitle())
        joining = purpose is PassphrasePurpose.JOIN
        recovering = purpose is PassphrasePurpose.RECOVER or joining
        intro = QLabel(
            _(
                "No system keyring is available on this computer, so your journal will be "
                "locked with a passphrase. Choose one of at least {count} characters; there is "
                "no way to recover the journal without it."
            ).format(count=MIN_PASSPHRASE_LENGTH)
            if creating
            else _(
                "Type the recovery key from the journal's recovery sheet (or its passphrase, "
                "if it has one): the key the journal had when sync was set up. Rapport keeps "
                "it in this computer's keyring."
            )
            if joining
            else _(
                "This computer's keyring does not hold the journal's key. Type the recovery "
                "key from your recovery sheet (or the journal's passphrase, if it has one); "
                "Rapport puts the key back in the keyring."
            )
            if recovering
            else _("Your journal is locked. Type your passphrase to open it.")
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(_("Explanation"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(_("Passphrase again"))
        self.message = QLabel(error)
        self.message.setAccessibleName(_("Unlock message"))
        self.message.setWordWrap(True)
        self.message.setVisible(bool(error))
        self.message.setStyleSheet("color: #b4543f;")
        form = QFormLayout()
        form.addRow(_("Recovery key") if recovering else _("Passphrase"), self.passphrase)
        if creating:
            form.addRow(_("Again"), self.repeat)
        else:
            self.repeat.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Create journal") if creating else _("Join") if joining else _("Unlock")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.passphrase.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def accept(self) -> None:
        text = self.passphrase.text()
        if not text:
            self._say(_("Type the passphrase first."))
            return
        if self.purpose is PassphrasePurpose.CREATE:
            if len(text) < MIN_PASSPHRASE_LENGTH:
                self._say(_("Use at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH))
                return
            if self.repeat.text() != text:
                self._say(_("The two passphrases differ; type them again."))
                self.repeat.clear()
                self.repeat.setFocus()
                return
        super().accept()


def ask_with_dialog(parent: QWidget | None = None, error: str = "") -> AskPassphrase:
    """The `ask_passphrase` callable that `journal.store.open_journal` expects."""

    def ask(purpose: PassphrasePurpose) -> str | None:
        dialog = UnlockDialog(purpose, error, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase.text()

    return ask
