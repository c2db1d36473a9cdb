"""A new client: name, preferred channel and agreed rhythm, the three things a coach knows on
the first day. One form, used by File > New client… and by the welcome page's first step, so
a client starts the same way from both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from journal.changes import Changes
from journal.clients import create_client
from journal.errors import RapportError, UserInputError
from journal.i18n import N_, _
from journal.store.models import Client
from journal.values.vocabulary import CHANNELS
from ui.dialogs.help import plain_menu_text
from ui.style import problem_label
from ui.views.profile.rhythm import RhythmField

if TYPE_CHECKING:
    from ui.main_window import MainWindow

CHANNEL_LABELS = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "video": N_("Video call"),
    "meeting": N_("Meeting"),
    "message": N_("Text message"),
}
"""The channels as a coach names them in a chooser (the stored values are CHANNELS)."""


NEW_CLIENT_KEYS = "Ctrl+Shift+N"
"""File > New client…'s shortcut (ui.menus gives the action the same; a test holds them)."""


def where_to_add_a_client() -> str:
    """Where New client is, in the menus' own words (the same catalogue entries), for every
    message that sends the coach there."""
    return "{menu} > {item} ({keys})".format(
        menu=plain_menu_text(_("&File")),
        item=plain_menu_text(_("New &client…")),
        keys=QKeySequence(NEW_CLIENT_KEYS).toString(QKeySequence.SequenceFormat.NativeText),
    )


class EmptyListHint(QLabel):
    """What an empty client list says instead of its empty table: where to add a client."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("No clients yet"))
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(24)
        self.hide()

    def show_if(self, empty: bool) -> None:
        """Shown for an empty list, in the language spoken now."""
        if empty:
            self.setText(
                _("No clients yet. Add your first with {place}.").format(
                    place=where_to_add_a_client()
                )
            )
        self.setVisible(empty)


class ClientForm(QWidget):
    """The name, the preferred channel and the agreed rhythm (both optional)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Client's name"))
        self.name.setPlaceholderText(_("First and last name"))
        self.channel = QComboBox()
        self.channel.setAccessibleName(_("Preferred channel"))
        self.channel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.channel.addItem(_("not asked yet"), None)
        for channel in CHANNELS:
            self.channel.addItem(_(CHANNEL_LABELS[channel]), channel)
        self.rhythm = RhythmField()
        self.rhythm.setToolTip(_("How often you agreed to meet; Rapport notices when it slips."))
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addRow(_("Name"), self.name)
        layout.addRow(_("Preferred channel"), self.channel)
        layout.addRow(_("Agreed rhythm"), self.rhythm)

    def values(self) -> dict[str, Any]:
        """The profile fields as journal.clients.create_client takes them."""
        return {
            "name": self.name.text(),
            "preferred_channel": self.channel.currentData(),
            "cadence_days": self.rhythm.value(),
        }

    def add_client(self) -> Client:
        """Create the client; raises RapportError (an empty or taken name) for the caller."""
        values = self.values()
        name = values.pop("name")
        if not name.strip():
            raise UserInputError(_("Give the client a name."))
        return create_client(name, **values)


def client_added(window: MainWindow, client: Client) -> None:
    """A client was created: list it, open it, and tell every view once."""
    window.cue_refresh.show_new_client(client.id)  # the new row, to select it now
    window.open_client(client.id)
    window.journal_changed(Changes.of(clients=[client.id]))


class NewClientDialog(QDialog):
    """File > New client…: the form, a line for what to fix, Add and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New client"))
        self.setAccessibleName(_("New client"))
        self.setMinimumWidth(440)
        self.client: Client | None = None
        self.form = ClientForm()
        self.error = problem_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(_("Add client"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.form.name.setFocus()

    def accept(self) -> None:
        try:
            self.client = self.form.add_client()
        except RapportError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.form.name.setFocus()
            return
        super().accept()


def ask_new_client(window: MainWindow) -> None:
    """File > New client…: the dialog, window-modal; the client opens once added."""
    dialog = NewClientDialog(window)

    def done(result: int) -> None:
        if result == QDialog.DialogCode.Accepted and dialog.client is not None:
            client_added(window, dialog.client)

    dialog.finished.connect(done)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
