"""The client's profile and the open commitments of both sides.

Profile fields are those the cues read (preferred channel, agreed cadence, fit, status) plus
notes; they are saved through `journal.clients.update_client`, which checks them. Commitments
are ticked done (undoably, on the window's undo stack) and added inline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal import clients, commitments
from journal.errors import RapportError
from journal.models import CHANNELS, STATUSES
from journal.overview import commitment_by_id
from journal.timeline import client_by_id
from journal.undo import commitment_by_uid
from ui.commands import AddCommitmentCommand, run_undoable

FIT_WORDS = ("not rated", "1 poor fit", "2 weak", "3 fair", "4 good", "5 ideal client")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _called(name: str) -> str:
    """How a coach refers to a client in a short line: the first name, skipping a title."""
    return next((word for word in name.split() if not word.endswith(".")), name)


class TickCommitment(QUndoCommand):
    """Tick a commitment done (or reopen it); undo puts it back as it was.

    It finds the commitment again by its uid, which an undo and redo of the capture that
    made it keeps, whatever else was written meanwhile.
    """

    def __init__(
        self, commitment_id: int, done_on: dt.date | None, refresh: Callable[[], None]
    ) -> None:
        super().__init__()
        self._done_on = done_on
        self._refresh = refresh
        current = commitment_by_id(commitment_id)
        self._uid = current.uid
        self._before = current.done_on
        text = current.text if len(current.text) <= 40 else current.text[:39] + "…"
        self.setText(f"Tick “{text}” done" if done_on else f"Reopen “{text}”")

    def _apply(self, value: dt.date | None) -> None:
        commitments.set_done(commitment_by_uid(self._uid), value)
        self._refresh()

    def redo(self) -> None:
        self._apply(self._done_on)

    def undo(self) -> None:
        self._apply(self._before)


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

        self.title = QLabel()
        self.title.setAccessibleName("Client name")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)

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
        self.save_button = QPushButton("Save profile")
        self.save_button.setAccessibleName("Save profile")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_profile)
        self.message = QLabel()
        self.message.setAccessibleName("Profile message")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Preferred channel", self.channel)
        form.addRow("Agreed contact", self.cadence)
        form.addRow("Fit", self.fit)
        form.addRow("Status", self.status)
        form.addRow("Notes", self.notes)
        for widget in (self.channel, self.fit, self.status):
            widget.currentIndexChanged.connect(self._edited)
        self.cadence.valueChanged.connect(self._edited)
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
        self.new_due.setDisplayFormat("yyyy-MM-dd")
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
        commitments_layout.addLayout(adder)
        commitments_layout.addLayout(adder_second)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(profile_box)
        layout.addWidget(commitments_box, 1)
        self.set_client(None)

    # --- loading ---------------------------------------------------------------------------
    def client_id(self) -> int | None:
        return self._client_id

    def set_client(self, client_id: int | None) -> None:
        self._client_id = client_id
        self.setEnabled(client_id is not None)
        self.message.clear()
        if client_id is None:
            self.title.setText("No client selected")
            self.commitment_tree.clear()
            return
        try:
            client = client_by_id(client_id)
        except RapportError as exc:
            self._client_id = None
            self.title.setText(str(exc))
            self.setEnabled(False)
            return
        self._loading = True
        try:
            self.title.setText(client.name)
            self.channel.setCurrentIndex(max(self.channel.findData(client.preferred_channel), 0))
            self.cadence.setValue(client.cadence_days or 0)
            self.fit.setCurrentIndex(client.fit or 0)
            self.status.setCurrentIndex(max(self.status.findData(client.status), 0))
            self.notes.setPlainText(client.notes)
            self.new_due.setDate(_qdate(self._today() + dt.timedelta(days=7)))
        finally:
            self._loading = False
        self.save_button.setEnabled(False)
        self.reload_commitments()

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
                row = QTreeWidgetItem(
                    [f"{who}: {item.text}", item.due.isoformat() if item.due else ""]
                )
                row.setData(0, ID_ROLE, item.id)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                row.setToolTip(
                    0, f"{'You' if item.owner == 'me' else client.name} promised: {item.text}"
                )
                if item.due and item.due < today:
                    font = row.font(1)
                    font.setBold(True)
                    row.setFont(1, font)
                    row.setToolTip(1, f"Overdue since {item.due.isoformat()}")
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
            "preferred_channel": self.channel.currentData(),
            "cadence_days": self.cadence.value() or None,
            "fit": self.fit.currentData(),
            "status": self.status.currentData(),
            "notes": self.notes.toPlainText(),
        }

    def save_profile(self) -> bool:
        if self._client_id is None:
            return False
        try:
            clients.update_client(client_by_id(self._client_id), **self.profile_values())
        except RapportError as exc:
            self.message.setText(str(exc))
            return False
        self.save_button.setEnabled(False)
        self.message.setText("Saved.")
        self.changed.emit(self._client_id)
        return True

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
            if self._undo is not None:
                self._undo.push(command)  # push() runs redo()
            else:
                command.redo()
        except RapportError as exc:
            self.message.setText(str(exc))
            self.reload_commitments()
