"""The capture form: an interaction's fields, its promises and the self-check, in one dialog.

CaptureForm lays out the widgets and reads and writes them through the one mapping
(ui/dialogs/capture/fields.py); CaptureDialog (dialog.py) adds drafts and saving on top.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.clients import list_clients
from journal.entries.capture import SELF_CHECK_QUESTIONS, NewCommitment
from journal.entries.usual_channel import usual_channel
from journal.i18n import N_, _, language
from journal.values.dates import short_date
from journal.values.vocabulary import CHANNELS, DIRECTIONS
from ui.dialogs.capture import fields
from ui.dialogs.capture.widgets import (
    ChipRow,
    EnterLineEdit,
    FeelingPicker,
    OptionalDate,
    pick,
    tab_to_checked,
)
from ui.views.timeline.glyphs import channel_icon

CHANNEL_LABELS = {
    "email": N_("&Email"),
    "phone": N_("&Phone"),
    "video": N_("&Video"),
    "meeting": N_("&Meeting"),
    "message": N_("Me&ssage"),
}
DIRECTION_LABELS = {
    "out": N_("I reached &out"),
    "in": N_("They reached &in"),
    "two_way": N_("&Both ways"),
}


class NotesEdit(QPlainTextEdit):
    """The notes ask for their minimum height and take what room the dialog has: at a text
    box's own wish the dialog with the self-check open was 759 pixels, too tall for a
    768-pixel screen."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class CaptureForm(QDialog):
    """The fields of one interaction; `editing` fixes the client and the channel."""

    def __init__(self, *, editing: bool, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editing = editing
        self._today = today
        self._channel_chosen = editing  # until then a new entry's channel follows the client
        self.lang = language()  # for dates in words

    # --- building -------------------------------------------------------------------------

    def _build_form(self, layout: QVBoxLayout) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        top = QHBoxLayout()
        self.client = QComboBox()
        self.client.setAccessibleName(_("Client"))
        for row in list_clients():
            self.client.addItem(row.name, row.id)
        # With no client open, none is guessed: an entry filed under the wrong person is worse
        # than a question. Save refuses until one is picked; typing a name's first letters
        # picks it.
        self.client.setPlaceholderText(_("Choose a client…"))
        self.client.setCurrentIndex(-1)
        self.when = QDateTimeEdit()
        self.when.setAccessibleName(_("When"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy  HH:mm")
        # No maximum: with one, Qt refused a typed day that the month shown would put ahead
        # (25 typed over 2 Mar), so typing a date did nothing. Save says when an entry is
        # dated ahead (journal.entries.capture.check_happened).
        top.addWidget(self.client, 2)
        top.addWidget(self.when, 1)
        form.addRow(_("Client"), top)

        self.summary = QLineEdit()
        self.summary.setAccessibleName(_("Summary"))
        self.summary.setPlaceholderText(_("What happened, in one line"))
        form.addRow(_("Summar&y"), self.summary)

        self.channels, channel_row = self._radio_row(CHANNELS, CHANNEL_LABELS)
        for button in self.channels.buttons():
            channel = button.property("value")
            button.setIcon(channel_icon(channel))
            button.setAccessibleName(_(CHANNEL_LABELS[channel]).replace("&", ""))
        form.addRow(_("Channel"), channel_row)
        self.directions, direction_row = self._radio_row(DIRECTIONS, DIRECTION_LABELS)
        for button in self.directions.buttons():
            label = DIRECTION_LABELS[button.property("value")]
            button.setAccessibleName(_(label).replace("&", ""))
        form.addRow(_("Direction"), direction_row)
        pick(self.channels, "email")
        pick(self.directions, "two_way")
        self.channels.buttonClicked.connect(lambda _b: setattr(self, "_channel_chosen", True))
        self.client.activated.connect(self._follow_client)  # the coach's own choice

        self.feeling = FeelingPicker()
        form.addRow(_("&Feeling"), self.feeling)
        feeling_label = form.labelForField(self.feeling)
        if isinstance(feeling_label, QLabel):  # the one addRow made from the text
            feeling_label.setBuddy(self.feeling)

        self.emotions = ChipRow()
        form.addRow(_("Felt"), self.emotions)

        self.notes = NotesEdit()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setPlaceholderText(_("Notes: what was said, what you noticed"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(110)
        form.addRow(_("&Notes"), self.notes)

        follow = QHBoxLayout()
        self.awaits_reply = QCheckBox(_("&Awaiting a reply"))
        self.awaits_reply.setAccessibleName(_("Awaiting a reply"))
        in_a_week = self._today + dt.timedelta(days=7)
        self.follow_up = OptionalDate(_("Follow &up on"), _("Follow up"), in_a_week)
        self.follow_up.date.setAccessibleName(_("Follow-up date"))
        follow.addWidget(self.awaits_reply)
        follow.addSpacing(16)
        self.follow_up.add_to(follow)
        follow.addStretch(1)
        form.addRow("", follow)

        self.commitments = QListWidget()
        self.commitments.setAccessibleName(_("Commitments made in this interaction"))
        self.commitments.setMaximumHeight(80)
        self.commitments.hide()
        add = QHBoxLayout()
        self.commitment_owner = QComboBox()
        self.commitment_owner.setAccessibleName(_("Who promised"))
        self.commitment_owner.addItem(_("I will"), "me")
        self.commitment_owner.addItem(_("Client will"), "client")
        self.commitment_text = EnterLineEdit()
        self.commitment_text.setAccessibleName(_("Commitment"))
        self.commitment_text.setPlaceholderText(_("a promise made on this call; Enter adds it"))
        self.commitment_due = OptionalDate(_("by"), _("Has a due date"), in_a_week)
        self.commitment_due.date.setAccessibleName(_("Due date"))
        self.commitment_text.returnPressed.connect(self.add_commitment_from_row)
        add.addWidget(self.commitment_owner)
        add.addWidget(self.commitment_text, 1)
        self.commitment_due.add_to(add)
        box = QVBoxLayout()
        box.addWidget(self.commitments)
        box.addLayout(add)
        form.addRow(_("P&romises"), box)
        promises_label = form.labelForField(box)
        if isinstance(promises_label, QLabel):
            promises_label.setBuddy(self.commitment_text)
        layout.addLayout(form)
        self._build_self_check(layout)

    def _radio_row(
        self, values: tuple[str, ...], labels: dict[str, str]
    ) -> tuple[QButtonGroup, QHBoxLayout]:
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for value in values:
            button = QRadioButton(_(labels[value]))
            button.setProperty("value", value)
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        group.buttonToggled.connect(lambda _b, _on: tab_to_checked(group))
        return group, row

    def _build_self_check(self, layout: QVBoxLayout) -> None:
        self.self_check_toggle = QToolButton()
        self.self_check_toggle.setText(_("Self-check on the five behaviours (optional)"))
        self.self_check_toggle.setCheckable(True)
        self.self_check_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.self_check_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.self_check_toggle.setAutoRaise(True)
        self.self_check_toggle.setAccessibleName(_("Show the self-check"))
        self.self_check_toggle.setShortcut(QKeySequence("Ctrl+K"))
        layout.addWidget(self.self_check_toggle)
        self.self_check_box = QWidget()
        check_form = QFormLayout(self.self_check_box)
        check_form.setContentsMargins(24, 0, 0, 0)
        check_form.setVerticalSpacing(3)  # five short questions: one block, not a page
        self.self_check: dict[str, QComboBox] = {}
        for key, question in SELF_CHECK_QUESTIONS:
            answer = QComboBox()
            answer.addItem(_("not answered"), None)
            answer.addItem(_("Yes"), True)
            answer.addItem(_("No"), False)
            answer.setAccessibleName(_(question))
            check_form.addRow(_(question), answer)
            self.self_check[key] = answer
        self.self_check_box.hide()
        self.self_check_toggle.toggled.connect(self._show_self_check)
        layout.addWidget(self.self_check_box)

    def _show_self_check(self, shown: bool) -> None:
        self.self_check_box.setVisible(shown)
        self.self_check_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        if shown:
            next(iter(self.self_check.values())).setFocus()

    # --- the client and its usual channel -----------------------------------------------------

    def _set_client(self, client_id: int | None) -> None:
        index = self.client.findData(client_id) if client_id is not None else -1
        self.client.setCurrentIndex(index)
        self._follow_client()

    def _follow_client(self, _index: int = -1) -> None:
        """A new entry starts on the client's usual channel until the coach picks one."""
        if not self._channel_chosen:
            pick(self.channels, usual_channel(self.client.currentData()))

    # --- values in and out --------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The interaction fields as journal.entries.capture takes them."""
        return fields.read_form(self)

    def set_values(self, values: dict[str, Any]) -> None:
        """Show an interaction's fields (a stored one, or a draft's); answers open the check."""
        fields.write_form(self, values)
        if values.get("self_check"):
            self.self_check_toggle.setChecked(True)

    # --- promises -----------------------------------------------------------------------------

    def add_commitment_from_row(self) -> None:
        text = self.commitment_text.text().strip()
        if not text:
            return
        owner = str(self.commitment_owner.currentData())
        self._add_commitment_item(NewCommitment(owner, text, self.commitment_due.value()))
        self.commitment_text.clear()

    def _add_commitment_item(self, made: Any, *, existing: bool = False) -> None:
        """One promise in the list; one already saved is shown but not sent again."""
        item = QListWidgetItem(commitment_label(made.owner, made.text, made.due, self.lang))
        item.setData(Qt.ItemDataRole.UserRole, None if existing else made)
        if existing:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.commitments.addItem(item)
        self.commitments.show()

    def show_saved_commitments(self, made: list[Any]) -> None:
        """The promises an interaction being edited made, in place of all listed."""
        self.commitments.clear()
        self.commitments.hide()
        for commitment in made:
            self._add_commitment_item(commitment, existing=True)

    def set_new_commitments(self, new: list[NewCommitment]) -> None:
        """A draft's promises in place of the new ones listed; saved ones stay."""
        for row in range(self.commitments.count() - 1, -1, -1):
            if self.commitments.item(row).data(Qt.ItemDataRole.UserRole) is not None:
                self.commitments.takeItem(row)
        for made in new:
            self._add_commitment_item(made)

    def new_commitments(self) -> list[NewCommitment]:
        """Listed promises plus one still typed in the row: a typed promise is never dropped."""
        listed = (self.commitments.item(row) for row in range(self.commitments.count()))
        out = [
            made
            for made in (item.data(Qt.ItemDataRole.UserRole) for item in listed)
            if made is not None
        ]
        typed = self.commitment_text.text().strip()
        if typed:
            owner = str(self.commitment_owner.currentData())
            out.append(NewCommitment(owner, typed, self.commitment_due.value()))
        return out


def commitment_label(owner: str, text: str, due: dt.date | None, lang: str) -> str:
    who = _("I will") if owner == "me" else _("Client will")
    due_text = _("  (by {date})").format(date=short_date(due, lang)) if due else ""
    return f"{who}: {text}{due_text}"
