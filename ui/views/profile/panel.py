"""The client's profile and the open commitments of both sides.

Profile fields are the client's name and contact details, those the cues read (preferred
channel, agreed cadence, fit, status) and notes; they are saved through
`journal.clients.update_client`, which checks them, as one undoable step on the window's stack.
Nothing typed is lost: showing another client (or closing the window) saves unsaved edits with
a one-line note; edits it refuses (a name another client has) are held for this session and
are back in the form, with the reason, when the coach returns to that client. Commitments are
ticked done (undoably, with a note whose Undo takes back that tick) and added inline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.changes import Changes
from journal.clients import PROFILE_FIELDS
from journal.errors import RapportError
from journal.i18n import N_, _
from journal.timeline import client_by_id
from journal.values.vocabulary import CHANNELS, STATUSES
from ui.commands import SaveProfileCommand, run_undoable
from ui.views.profile.commitments import CommitmentsSection
from ui.views.profile.rhythm import AwayEditor, RhythmField
from ui.views.profile.thresholds import ThresholdsSection
from ui.views.timeline.glyphs import channel_word, status_word

FIT_WORDS = (
    N_("not rated"),
    N_("1 poor fit"),
    N_("2 weak"),
    N_("3 fair"),
    N_("4 good"),
    N_("5 ideal client"),
)
# What the form edits: the profile but for the thresholds, which have their own section.
FORM_FIELDS = tuple(key for key in PROFILE_FIELDS if key != "cue_settings")


class ProfilePanel(QWidget):
    """Edit one client's profile and commitments. `changed` carries the client id."""

    changed = Signal(int)

    def __init__(
        self,
        undo_stack: QUndoStack | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._undo = undo_stack
        self._today = today
        self._client_id: int | None = None
        self._loading = False
        # Edits a save refused (say a name another client has), per client, for this session:
        # the form values and the reason, put back when the coach returns to that client.
        self._held: dict[int, tuple[dict[str, Any], str]] = {}
        self._watched_window: QWidget | None = None

        self.title = QLabel()
        self.title.setAccessibleName(_("Client name"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name"))
        self.email = QLineEdit()
        self.email.setAccessibleName(_("Email"))
        self.email.setPlaceholderText(_("name@example.com"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(_("Phone"))
        self.project = QLineEdit()
        self.project.setAccessibleName(_("Project"))
        self.project.setPlaceholderText(_("What the coaching is about"))
        self.channel = QComboBox()
        self.channel.setAccessibleName(_("Preferred channel"))
        self.channel.addItem(_("not asked yet"), None)
        for name in CHANNELS:
            self.channel.addItem(channel_word(name), name)
        self.cadence = RhythmField()
        self.away = AwayEditor(_("Client's away periods"))
        self.fit = QComboBox()
        self.fit.setAccessibleName(_("Fit"))
        for number, word in enumerate(FIT_WORDS):
            self.fit.addItem(_(word), number or None)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        for name in STATUSES:
            self.status.addItem(status_word(name), name)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_("Client notes"))
        self.notes.setPlaceholderText(_("What matters about this client"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        # Never squeezed to a sliver when a section opens below: the panel scrolls instead.
        self.notes.setMinimumHeight(4 * self.notes.fontMetrics().lineSpacing() + 12)
        self.save_button = QPushButton(_("Save profile"))
        self.save_button.setAccessibleName(_("Save profile"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_profile)
        self.message = QLabel()
        self.message.setAccessibleName(_("Profile message"))
        self.message.setWordWrap(True)

        form = QFormLayout()
        # On a narrow panel (a small screen, search open) a label goes above its field.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Email"), self.email)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Project"), self.project)
        form.addRow(_("Preferred channel"), self.channel)
        form.addRow(_("Agreed rhythm"), self.cadence)
        form.addRow(_("Away"), self.away)
        form.addRow(_("Fit"), self.fit)
        form.addRow(_("Status"), self.status)
        form.addRow(_("Notes"), self.notes)
        for widget in (self.channel, self.fit, self.status):
            widget.currentIndexChanged.connect(self._edited)
        self.cadence.changed.connect(self._edited)
        self.away.changed.connect(self._edited)
        for line in (self.name, self.email, self.phone, self.project):
            line.textChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        profile_box = QGroupBox(_("Profile"))
        profile_layout = QVBoxLayout(profile_box)
        profile_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        profile_layout.addLayout(buttons)

        self.commitments = CommitmentsSection(undo_stack, today)
        self.commitments.changed.connect(self.changed)
        self.commitments.said.connect(self.message.setText)
        # The commitment widgets, by the names the window and tests know them by.
        self.commitment_tree = self.commitments.commitment_tree
        self.new_owner = self.commitments.new_owner
        self.new_text = self.commitments.new_text
        self.add_button = self.commitments.add_button
        self.tick_note = self.commitments.tick_note

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(profile_box)
        self.thresholds = ThresholdsSection(undo_stack)
        self.thresholds.changed.connect(self.changed)
        self.thresholds.toggle.toggled.connect(
            lambda shown: layout.setStretchFactor(self.thresholds, 1 if shown else 0)
        )
        layout.addWidget(self.thresholds)
        layout.addWidget(self.commitments, 1)
        self.set_client(None)

    def apply_changes(self, changes: Changes) -> None:
        """A write, undo or redo (the window's `changed`): re-read what it touched of the
        client shown, never over unsaved typing."""
        self.commitments.tick_actions.stack_moved.emit()
        if not changes.concerns(self._client_id):
            return
        if not self.save_button.isEnabled():
            self._load_profile()
            if self._undo is not None and self._undo.command(self._undo.index()) is not None:
                self.message.clear()  # something was undone: "Saved." no longer holds
        self.thresholds.apply_changes(changes)
        self.commitments.reload()

    # --- leaving a client: nothing typed is lost -------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_window and event.type() == QEvent.Type.Close:
            self.save_before_closing()
        return super().eventFilter(watched, event)

    def save_before_closing(self) -> None:
        """The window is closing: save unsaved edits; if the save is refused (only the name
        can be: empty or another client's), save everything else and keep the stored name."""
        values = self._leave()
        if values is not None and self._client_id is not None:
            values.pop("name", None)
            self._held.pop(self._client_id, None)
            self._write(self._client_id, values)

    def pass_unsaved_to(self, other: ProfilePanel) -> None:
        """This panel is being replaced (the app changed its language): save the unsaved
        edits; those a save refused go to `other`, which shows them with their client."""
        self._leave()
        other._held.update(self._held)

    def _leave(self) -> dict[str, Any] | None:
        """Save the shown client's unsaved edits; if refused, hold them (and return them)."""
        if self._client_id is None or not self.save_button.isEnabled():
            return None
        values = self.profile_values()
        error = self._write(self._client_id, values)
        if error is None:
            self.save_button.setEnabled(False)
            self.message.setText(_("Saved {name}'s profile.").format(name=values["name"].strip()))
            return None
        self._held[self._client_id] = (values, error)
        return values

    # --- loading ---------------------------------------------------------------------------
    def client_id(self) -> int | None:
        return self._client_id

    def set_client(self, client_id: int | None) -> None:
        """Show a client; unsaved edits of the one shown are saved first (or held)."""
        self.message.clear()
        self._leave()  # its note ("Saved Tom Becker's profile.") stays for the next client
        self._client_id = client_id
        self.setEnabled(client_id is not None)
        self.thresholds.set_client(client_id)
        self.commitments.set_client(None)
        if client_id is None:
            self.title.setText(_("No client selected"))
            return
        if not self._load_profile():
            return
        held = self._held.pop(client_id, None)
        if held is not None:
            values, error = held
            self._fill(values)
            self.save_button.setEnabled(True)
            self.message.setText(_("Not saved yet: {problem}").format(problem=error))
        self.commitments.set_client(client_id)

    def _load_profile(self) -> bool:
        """Fill the form from the journal; False (and a disabled panel) if the client is gone."""
        assert self._client_id is not None
        try:
            client = client_by_id(self._client_id)
        except RapportError as exc:
            self._client_id = None
            self.title.setText(str(exc))
            self.setEnabled(False)
            return False
        self.title.setText(client.name)
        self._fill({key: getattr(client, key) for key in FORM_FIELDS})
        self.save_button.setEnabled(False)
        return True

    def _fill(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for key in ("name", "email", "phone", "project"):
                field = getattr(self, key)
                field.setText(values[key] or "")
                field.setCursorPosition(0)  # a long value shows its start, not its end
            self.channel.setCurrentIndex(max(self.channel.findData(values["preferred_channel"]), 0))
            self.cadence.setValue(values["cadence_days"])
            self.away.set_periods(values["away"])
            self.fit.setCurrentIndex(values["fit"] or 0)
            self.status.setCurrentIndex(max(self.status.findData(values["status"]), 0))
            self.notes.setPlainText(values["notes"] or "")
        finally:
            self._loading = False

    def focus_commitment(self, commitment_id: int | None) -> None:
        self.commitments.focus(commitment_id)

    def reload_commitments(self) -> None:
        self.commitments.reload()

    # --- editing ---------------------------------------------------------------------------
    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self.save_button.setEnabled(True)
            self.message.clear()

    def profile_values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "email": self.email.text().strip(),
            "phone": self.phone.text().strip(),
            "project": self.project.text().strip(),
            "preferred_channel": self.channel.currentData(),
            "cadence_days": self.cadence.value(),
            "away": self.away.periods(),
            "fit": self.fit.currentData(),
            "status": self.status.currentData(),
            "notes": self.notes.toPlainText(),
        }

    def save_profile(self) -> bool:
        if self._client_id is None:
            return False
        values = self.profile_values()
        error = self._write(self._client_id, values)
        if error is not None:
            self.message.setText(error)
            return False
        self.save_button.setEnabled(False)
        self._load_profile()  # the stored values (a trimmed name) and the title
        self.message.setText(_("Saved."))
        return True

    def _write(self, client_id: int, values: dict[str, Any]) -> str | None:
        """Save the fields that differ from the journal as one undoable step; the reason in
        one line if it is refused, else None."""
        try:
            client = client_by_id(client_id)
            changes = {key: value for key, value in values.items() if value != getattr(client, key)}
            if changes:
                run_undoable(self._undo, SaveProfileCommand(client_id, changes))
        except RapportError as exc:
            return str(exc)
        if changes:
            self.changed.emit(client_id)
        return None

    def add_commitment(self) -> bool:
        return self.commitments.add()

    def _tick(self, commitment_id: int) -> None:
        self.commitments.tick(commitment_id)
