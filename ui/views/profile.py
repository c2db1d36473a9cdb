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

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from journal.clients import PROFILE_FIELDS
from journal.cues.model import Severity
from journal.entries import commitments
from journal.entries.undo import commitment_by_uid
from journal.errors import RapportError
from journal.overview import commitment_by_id
from journal.timeline import client_by_id
from journal.values.dates import day_label
from journal.values.vocabulary import CHANNELS, STATUSES
from ui.commands import (
    AddCommitmentCommand,
    JournalCommand,
    Report,
    SaveProfileCommand,
    SetClientThresholdsCommand,
    run_undoable,
)
from ui.style import severity_color
from ui.views.cue_actions import CueActions, HeldNote

FIT_WORDS = ("not rated", "1 poor fit", "2 weak", "3 fair", "4 good", "5 ideal client")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# What the form edits: the profile but for the thresholds, which have their own section.
FORM_FIELDS = tuple(key for key in PROFILE_FIELDS if key != "cue_settings")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _called(name: str) -> str:
    """How a coach refers to a client in a short line: the first name, skipping a title."""
    return next((word for word in name.split() if not word.endswith(".")), name)


class TickCommitment(JournalCommand):
    """Tick a commitment done (or reopen it); undo puts it back as it was.

    Its first write happens before it goes on the stack (`run_undoable`), so a refused tick
    (a busy journal, a commitment deleted from the terminal) is one line in the panel and
    leaves no undo entry. It finds the commitment again by its uid, which an undo and redo of
    the capture that made it keeps, whatever else was written meanwhile.
    """

    def __init__(
        self,
        commitment_id: int,
        done_on: dt.date | None,
        refresh: Callable[[], None],
        report: Report | None = None,
    ) -> None:
        current = commitment_by_id(commitment_id)
        text = current.text if len(current.text) <= 40 else current.text[:39] + "…"
        super().__init__(f"Tick “{text}” done" if done_on else f"Reopen “{text}”", report)
        self._done_on = done_on
        self._refresh = refresh
        self._uid = current.uid
        self._before = current.done_on
        self.promise = current.text

    def _apply(self, value: dt.date | None) -> None:
        commitments.set_done(commitment_by_uid(self._uid), value)
        self._refresh()

    def _redo(self) -> None:
        self._apply(self._done_on)

    def _undo(self) -> None:
        self._apply(self._before)


def _shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class ThresholdsSection(QWidget):
    """This client's own warning-sign thresholds, folded away by default.

    An empty field follows the global setting (shown greyed in it); a value counts for this
    client only. Saving writes all changes in one undoable step.
    """

    changed = Signal(int)

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        from journal.settings import CUE_SETTINGS

        super().__init__(parent)
        self._undo = undo_stack
        self._client_id: int | None = None
        self._own: dict[str, Any] = {}
        self._loading = False
        self._stale = False

        self.toggle = QToolButton()
        self.toggle.setText("Warning signs for this client")
        self.toggle.setAccessibleName("Show this client's warning-sign thresholds")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._show_body)
        self.summary = QLabel()
        self.summary.setAccessibleName("Own thresholds")
        self.summary.setEnabled(False)  # greyed: a quiet note, not a control
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle)
        header.addWidget(self.summary, 1)

        intro = QLabel("Empty fields follow Preferences. A value here counts for this client only.")
        intro.setWordWrap(True)
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setColumnStretch(0, 1)
        field_width = self.fontMetrics().horizontalAdvance("default (2.5)") + 30
        for number, spec in enumerate(CUE_SETTINGS):
            field = QLineEdit()
            field.setAccessibleName(spec.label)
            field.setToolTip(f"{spec.help} Empty: as in Preferences.")
            field.setClearButtonEnabled(True)
            field.textEdited.connect(self._edited)
            label = QLabel(spec.label)
            label.setWordWrap(True)
            label.setToolTip(spec.help)
            label.setBuddy(field)
            if spec.type is str:  # the dread words: a line of their own under the label
                grid.addWidget(label, 2 * number, 0, 1, 2)
                grid.addWidget(field, 2 * number + 1, 0, 1, 2)
            else:
                field.setFixedWidth(field_width)
                grid.addWidget(label, 2 * number, 0)
                grid.addWidget(field, 2 * number, 1, Qt.AlignmentFlag.AlignTop)
            self.fields[spec.key] = field
            self.labels[spec.key] = label
        self.scroll = QScrollArea()
        self.scroll.setWidget(rows)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.message = QLabel()
        self.message.setAccessibleName("Thresholds message")
        self.message.setWordWrap(True)
        self.reset_button = QPushButton("Use Preferences for all")
        self.reset_button.setAccessibleName("Reset every threshold to Preferences")
        self.reset_button.clicked.connect(self.reset_all)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save thresholds")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(18, 0, 0, 0)
        body_layout.addWidget(intro)
        body_layout.addWidget(self.scroll, 1)
        body_layout.addWidget(self.message)
        body_layout.addLayout(buttons)
        self.body.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        if undo_stack is not None:  # an undo or redo elsewhere may have changed them
            undo_stack.indexChanged.connect(self._stack_moved)  # a slot: gone with self

    def _stack_moved(self, _index: int) -> None:
        if self.isVisible():
            self.reload()
        else:  # hidden (or closing with the window): read the journal when shown again
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def _show_body(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, shown: bool) -> None:
        self.toggle.setChecked(shown)

    def set_client(self, client_id: int | None) -> None:
        self._client_id = client_id
        self.message.clear()
        self.reload(force=True)

    def reload(self, force: bool = False) -> None:
        """Show the stored values; keeps unsaved typing unless `force`."""
        from journal.cues import client_thresholds

        if self._client_id is None or (self.save_button.isEnabled() and not force):
            if self._client_id is None:
                self._own = {}
                self.summary.clear()
            return
        try:
            rows = client_thresholds(client_by_id(self._client_id))
        except RapportError as exc:
            self.message.setText(str(exc))
            return
        self._own = {row.key: row.own_value for row in rows if row.own_value is not None}
        self._loading = True
        try:
            for row in rows:
                field = self.fields[row.key]
                field.setPlaceholderText(f"default ({_shown(row.global_value)})")
                field.setText("" if row.own_value is None else _shown(row.own_value))
                font = self.labels[row.key].font()
                font.setBold(row.own_value is not None)
                self.labels[row.key].setFont(font)
        finally:
            self._loading = False
        count = len(self._own)
        self.summary.setText(f"{count} own value{'s' if count > 1 else ''}" if count else "")
        self.reset_button.setEnabled(bool(count))
        self.save_button.setEnabled(False)

    def _edited(self, _text: str) -> None:
        if not self._loading:
            self.save_button.setEnabled(True)
            self.message.clear()

    def changes(self) -> dict[str, Any]:
        """What the fields change against what is stored; raises UserInputError for the
        first field that does not hold a value it accepts (and focuses it)."""
        from journal.cues import parse_threshold

        out: dict[str, Any] = {}
        for key, field in self.fields.items():
            text = field.text().strip()
            if not text:
                value = None
            else:
                try:
                    value = parse_threshold(key, text)
                except RapportError:
                    field.setFocus()
                    field.selectAll()
                    raise
            if value != self._own.get(key):
                out[key] = value
        return out

    def save(self) -> bool:
        """Store every changed field in one undoable step."""
        if self._client_id is None:
            return False
        try:
            changes = self.changes()
        except RapportError as exc:
            self.message.setText(str(exc).split(": ", 1)[-1])
            return False
        return self._apply(changes, "Saved.")

    def reset_all(self) -> bool:
        """Let every threshold of this client follow Preferences again (one undoable step)."""
        if self._client_id is None:
            return False
        return self._apply({key: None for key in self._own}, "All as in Preferences again.")

    def _apply(self, changes: dict[str, Any], done: str) -> bool:
        assert self._client_id is not None
        if not changes:
            self.reload(force=True)
            self.message.setText("Nothing to change.")
            return False
        try:
            run_undoable(self._undo, SetClientThresholdsCommand(self._client_id, changes))
        except RapportError as exc:
            self.message.setText(str(exc))
            return False
        self.reload(force=True)
        self.message.setText(done)
        self.changed.emit(self._client_id)
        return True


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
        self.title.setAccessibleName("Client name")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.email = QLineEdit()
        self.email.setAccessibleName("Email")
        self.email.setPlaceholderText("name@example.com")
        self.phone = QLineEdit()
        self.phone.setAccessibleName("Phone")
        self.project = QLineEdit()
        self.project.setAccessibleName("Project")
        self.project.setPlaceholderText("What the coaching is about")
        self.channel = QComboBox()
        self.channel.setAccessibleName("Preferred channel")
        self.channel.addItem("not asked yet", None)
        for name in CHANNELS:
            self.channel.addItem(name, name)
        self.cadence = QSpinBox()
        self.cadence.setAccessibleName("Agreed cadence in days")
        self.cadence.setRange(0, 365)
        self.cadence.setSpecialValueText("none agreed")
        self.cadence.setPrefix("every ")
        self.cadence.setSuffix(" days")
        self.fit = QComboBox()
        self.fit.setAccessibleName("Fit")
        for number, word in enumerate(FIT_WORDS):
            self.fit.addItem(word, number or None)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for name in STATUSES:
            self.status.addItem(name, name)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Client notes")
        self.notes.setPlaceholderText("What matters about this client")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        # Never squeezed to a sliver when a section opens below: the panel scrolls instead.
        self.notes.setMinimumHeight(4 * self.notes.fontMetrics().lineSpacing() + 12)
        self.save_button = QPushButton("Save profile")
        self.save_button.setAccessibleName("Save profile")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_profile)
        self.message = QLabel()
        self.message.setAccessibleName("Profile message")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Email", self.email)
        form.addRow("Phone", self.phone)
        form.addRow("Project", self.project)
        form.addRow("Preferred channel", self.channel)
        form.addRow("Agreed contact", self.cadence)
        form.addRow("Fit", self.fit)
        form.addRow("Status", self.status)
        form.addRow("Notes", self.notes)
        for widget in (self.channel, self.fit, self.status):
            widget.currentIndexChanged.connect(self._edited)
        self.cadence.valueChanged.connect(self._edited)
        for line in (self.name, self.email, self.phone, self.project):
            line.textChanged.connect(self._edited)
        self.notes.textChanged.connect(self._edited)
        profile_box = QGroupBox("Profile")
        profile_layout = QVBoxLayout(profile_box)
        profile_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        profile_layout.addLayout(buttons)

        self.commitment_tree = QTreeWidget()
        self.commitment_tree.setAccessibleName("Open commitments")
        self.commitment_tree.setHeaderLabels(["Promise", "Due"])
        self.commitment_tree.setRootIsDecorated(False)
        self.commitment_tree.setUniformRowHeights(True)
        # The panel is narrow: a long promise keeps its start, which says what it is (its
        # middle cut out left "Maja: …ptions"); the tooltip has it whole.
        self.commitment_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.commitment_tree.itemChanged.connect(self._item_ticked)
        self.new_owner = QComboBox()
        self.new_owner.setAccessibleName("Who promised")
        self.new_owner.addItem("Me", "me")
        self.new_owner.addItem("Client", "client")
        self.new_text = QLineEdit()
        self.new_text.setAccessibleName("New commitment")
        self.new_text.setPlaceholderText("New promise, e.g. Send the agenda")
        self.new_text.returnPressed.connect(self.add_commitment)
        self.new_has_due = QCheckBox("due")
        self.new_has_due.setAccessibleName("Has a due date")
        self.new_has_due.setChecked(True)
        self.new_due = QDateEdit()
        self.new_due.setAccessibleName("Due date")
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("d MMM yyyy")  # as capture and the lists show days
        self.new_has_due.toggled.connect(self.new_due.setEnabled)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add commitment")
        self.add_button.clicked.connect(self.add_commitment)
        adder = QHBoxLayout()
        adder.addWidget(self.new_owner)
        adder.addWidget(self.new_text, 1)
        adder_second = QHBoxLayout()
        adder_second.addWidget(self.new_has_due)
        adder_second.addWidget(self.new_due)
        adder_second.addStretch(1)
        adder_second.addWidget(self.add_button)
        commitments_box = QGroupBox("Open commitments")
        commitments_layout = QVBoxLayout(commitments_box)
        commitments_layout.addWidget(self.commitment_tree, 1)
        # A tick's note reuses the cue note: its Undo takes back exactly that tick, and shows
        # only while the tick is the newest thing done on the window's stack.
        self.tick_actions = CueActions(
            self, clock=dt.datetime.now, stack=lambda: self._undo, refresh=self.reload_commitments
        )
        self.tick_note = HeldNote(self.tick_actions, indent=0)
        self.tick_note.setAccessibleName("Commitment note")
        commitments_layout.addWidget(self.tick_note)
        commitments_layout.addLayout(adder)
        commitments_layout.addLayout(adder_second)

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
        layout.addWidget(commitments_box, 1)
        if undo_stack is not None:  # an undo or redo may have changed the profile shown
            undo_stack.indexChanged.connect(self._stack_moved)
        self.set_client(None)

    def _stack_moved(self, _index: int) -> None:
        if not (isValid(self) and isValid(self._undo)):  # the window is being torn down
            return
        self.tick_actions.stack_moved.emit()
        if self._client_id is not None and not self.save_button.isEnabled():
            self._load_profile()  # never over unsaved typing
            if self._undo is not None and self._undo.command(self._undo.index()) is not None:
                self.message.clear()  # something was undone: "Saved." no longer holds

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

    def _leave(self) -> dict[str, Any] | None:
        """Save the shown client's unsaved edits; if refused, hold them (and return them)."""
        if self._client_id is None or not self.save_button.isEnabled():
            return None
        values = self.profile_values()
        error = self._write(self._client_id, values)
        if error is None:
            self.save_button.setEnabled(False)
            self.message.setText(f"Saved {values['name'].strip()}'s profile.")
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
        self.tick_note.hide()
        if client_id is None:
            self.title.setText("No client selected")
            self.commitment_tree.clear()
            return
        if not self._load_profile():
            return
        self.new_due.setDate(_qdate(self._today() + dt.timedelta(days=7)))
        held = self._held.pop(client_id, None)
        if held is not None:
            values, error = held
            self._fill(values)
            self.save_button.setEnabled(True)
            self.message.setText(f"Not saved yet: {error}")
        self.reload_commitments()

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
            self.cadence.setValue(values["cadence_days"] or 0)
            self.fit.setCurrentIndex(values["fit"] or 0)
            self.status.setCurrentIndex(max(self.status.findData(values["status"]), 0))
            self.notes.setPlainText(values["notes"] or "")
        finally:
            self._loading = False

    def focus_commitment(self, commitment_id: int | None) -> None:
        """Show the coach the promise they opened (from Today or a search): it is the current
        row, so Space ticks that one and no other."""
        tree = self.commitment_tree
        for number in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(number)
            if item.data(0, ID_ROLE) == commitment_id:
                tree.setCurrentItem(item)
                tree.scrollToItem(item)
                break
        else:
            tree.setCurrentItem(None)  # done or gone: nothing preselected to tick by mistake
        tree.setFocus()

    def reload_commitments(self) -> None:
        self.commitment_tree.blockSignals(True)
        try:
            self.commitment_tree.clear()
            if self._client_id is None:
                return
            today = self._today()
            client = client_by_id(self._client_id)
            for item in commitments.commitments_of(client, open_only=True):
                who = "Me" if item.owner == "me" else _called(client.name)
                due = day_label(item.due, today, weekday=False) if item.due else ""
                row = QTreeWidgetItem([f"{who}: {item.text}", due])
                row.setData(0, ID_ROLE, item.id)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                row.setToolTip(
                    0, f"{'You' if item.owner == 'me' else client.name} promised: {item.text}"
                )
                if item.due and item.due < today:  # in words and colour, not by weight alone
                    row.setText(1, f"{due} · overdue")
                    font = row.font(1)
                    font.setBold(True)
                    row.setFont(1, font)
                    row.setForeground(1, QBrush(severity_color(Severity.CRITICAL)))
                    row.setToolTip(1, f"Overdue since {day_label(item.due, today)}")
                self.commitment_tree.addTopLevelItem(row)
        finally:
            self.commitment_tree.blockSignals(False)
        self.commitment_tree.resizeColumnToContents(1)
        header = self.commitment_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)

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
            "cadence_days": self.cadence.value() or None,
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
        self.message.setText("Saved.")
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
        if self._client_id is None:
            return False
        text = self.new_text.text().strip()
        if not text:
            self.message.setText("Write the promise first, then press Add.")
            self.new_text.setFocus()
            return False
        due = self.new_due.date().toPython() if self.new_has_due.isChecked() else None
        command = AddCommitmentCommand(self._client_id, self.new_owner.currentData(), text, due)
        try:
            run_undoable(self._undo, command)
        except RapportError as exc:
            self.message.setText(str(exc))
            return False
        self.new_text.clear()
        self.message.setText("Commitment added.")
        self.reload_commitments()
        self.changed.emit(self._client_id)
        return True

    def _item_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0 or item.checkState(0) != Qt.CheckState.Checked or self._client_id is None:
            return
        # The tree is rebuilt afterwards; never delete an item inside its own change signal.
        commitment_id = int(item.data(0, ID_ROLE))
        QTimer.singleShot(0, lambda: self._tick(commitment_id))

    def _tick(self, commitment_id: int) -> None:
        client_id = self._client_id
        if client_id is None:
            return

        def refresh() -> None:
            if self._client_id == client_id:
                self.reload_commitments()
            self.changed.emit(client_id)

        try:
            command = TickCommitment(commitment_id, self._today(), refresh)
            run_undoable(self._undo, command)
        except RapportError as exc:
            self.message.setText(str(exc))
            self.reload_commitments()
            return
        undoes = command if self._undo is not None else None
        self.tick_note.say(f"Done: “{command.promise}”", undoes)
