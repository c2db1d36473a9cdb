"""A client's open commitments in the profile panel: ticked done undoably, added inline.

A tick's note reuses the cue note: its Undo takes back exactly that tick, and shows only while
the tick is the newest thing done on the window's stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.changes import Changes
from journal.cues.model import Severity
from journal.entries import commitments
from journal.entries.undo import commitment_by_uid
from journal.errors import RapportError
from journal.i18n import _, language
from journal.overview import commitment_by_id
from journal.timeline import client_by_id
from journal.values.dates import day_label
from journal.values.names import first_name
from ui.commands import AddCommitmentCommand, JournalCommand, Report, run_undoable
from ui.dialogs.qt_dates import from_qdate
from ui.style import severity_color
from ui.views.cue_actions import CueActions, HeldNote

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _WrapInColumn(QStyledItemDelegate):
    """Rows as tall as their text wrapped in its column's width (a tree sizes rows as if
    every column were as wide as its text)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        tree = self.parent()
        if isinstance(tree, QTreeWidget):
            width = tree.header().sectionSize(index.column())
            if index.column() == 0:  # beside the tick box
                width -= tree.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
            option.rect = QRect(0, 0, width, 1)  # a valid rect: Qt wraps only within one
        return super().sizeHint(option, index)


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
        label = _("Tick “{commitment}” done") if done_on else _("Reopen “{commitment}”")
        super().__init__(label.format(commitment=text), report)
        self._done_on = done_on
        self._refresh = refresh
        self._uid = current.uid
        self._client_id = current.client_id
        self._commitment_id = commitment_id
        self._before = current.done_on
        self.promise = current.text

    def touched(self) -> Changes:
        return Changes.of(clients=[self._client_id], commitments=[self._commitment_id])

    def _apply(self, value: dt.date | None) -> None:
        commitments.set_done(commitment_by_uid(self._uid), value)
        self._refresh()

    def _redo(self) -> None:
        self._apply(self._done_on)

    def _undo(self) -> None:
        self._apply(self._before)


class CommitmentsSection(QGroupBox):
    """The open promises of both sides; `said` carries a line for the panel's message."""

    changed = Signal(int)  # the client id
    said = Signal(str)

    def __init__(
        self,
        undo_stack: QUndoStack | None,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Open commitments"), parent)
        self._undo = undo_stack
        self._today = today
        self._client_id: int | None = None
        self.commitment_tree = QTreeWidget()
        self.commitment_tree.setAccessibleName(_("Open commitments"))
        self.commitment_tree.setHeaderLabels([_("Promise"), _("Due")])
        self.commitment_tree.setRootIsDecorated(False)
        # The panel is narrow: a long promise wraps onto more lines rather than being cut
        # ("Tom: Share th…" at 1280 pixels wide); the tooltip has it whole too.
        self.commitment_tree.setWordWrap(True)
        self.commitment_tree.setItemDelegate(_WrapInColumn(self.commitment_tree))
        self.commitment_tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.commitment_tree.header().sectionResized.connect(
            lambda *_args: self.commitment_tree.doItemsLayout()
        )
        self.commitment_tree.itemChanged.connect(self._item_ticked)
        self.new_owner = QComboBox()
        self.new_owner.setAccessibleName(_("Who promised"))
        self.new_owner.addItem(_("Me"), "me")
        self.new_owner.addItem(_("Client"), "client")
        self.new_text = QLineEdit()
        self.new_text.setAccessibleName(_("New commitment"))
        self.new_text.setPlaceholderText(_("New promise, e.g. Send the agenda"))
        self.new_text.returnPressed.connect(self.add)
        self.new_has_due = QCheckBox(_("due"))
        self.new_has_due.setAccessibleName(_("Has a due date"))
        self.new_has_due.setChecked(True)
        self.new_due = QDateEdit()
        self.new_due.setAccessibleName(_("Due date"))
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("d MMM yyyy")  # as capture and the lists show days
        self.new_has_due.toggled.connect(self.new_due.setEnabled)
        self.add_button = QPushButton(_("Add"))
        self.add_button.setAccessibleName(_("Add commitment"))
        self.add_button.clicked.connect(self.add)
        adder = QHBoxLayout()
        adder.addWidget(self.new_owner)
        adder.addWidget(self.new_text, 1)
        adder_second = QHBoxLayout()
        adder_second.addWidget(self.new_has_due)
        adder_second.addWidget(self.new_due)
        adder_second.addStretch(1)
        adder_second.addWidget(self.add_button)
        commitments_layout = QVBoxLayout(self)
        commitments_layout.addWidget(self.commitment_tree, 1)
        # A tick's note reuses the cue note: its Undo takes back exactly that tick, and shows
        # only while the tick is the newest thing done on the window's stack.
        self.tick_actions = CueActions(
            self, clock=dt.datetime.now, stack=lambda: self._undo, refresh=self.reload
        )
        self.tick_note = HeldNote(self.tick_actions, indent=0)
        self.tick_note.setAccessibleName(_("Commitment note"))
        commitments_layout.addWidget(self.tick_note)
        commitments_layout.addLayout(adder)
        commitments_layout.addLayout(adder_second)

    def set_client(self, client_id: int | None) -> None:
        self._client_id = client_id
        self.tick_note.hide()
        if client_id is None:
            self.commitment_tree.clear()
            return
        self.new_due.setDate(_qdate(self._today() + dt.timedelta(days=7)))
        self.reload()

    def focus(self, commitment_id: int | None) -> None:
        """Show the coach the promise they opened (from Today or a search): it is the current
        row, so Space ticks that one and no other."""
        tree = self.commitment_tree
        for number in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(number)
            if item is not None and item.data(0, ID_ROLE) == commitment_id:
                tree.setCurrentItem(item)
                tree.scrollToItem(item)
                break
        else:
            # done or gone: nothing preselected to tick by mistake (PySide6's stubs omit None)
            tree.setCurrentItem(None)  # type: ignore[call-overload]
        tree.setFocus()

    def reload(self) -> None:
        self.commitment_tree.blockSignals(True)
        try:
            self.commitment_tree.clear()
            if self._client_id is None:
                return
            today = self._today()
            lang = language()
            client = client_by_id(self._client_id)
            for item in commitments.commitments_of(client, open_only=True):
                who = _("Me") if item.owner == "me" else first_name(client.name)
                due = day_label(item.due, today, weekday=False, lang=lang) if item.due else ""
                row = QTreeWidgetItem([f"{who}: {item.text}", due])
                row.setData(0, ID_ROLE, item.id)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(0, Qt.CheckState.Unchecked)
                said = (
                    _("You promised: {commitment}")
                    if item.owner == "me"
                    else _("{name} promised: {commitment}")
                )
                row.setToolTip(0, said.format(name=client.name, commitment=item.text))
                if item.due and item.due < today:  # in words and colour, not by weight alone
                    row.setText(1, _("{date} · overdue").format(date=due))
                    font = row.font(1)
                    font.setBold(True)
                    row.setFont(1, font)
                    row.setForeground(1, QBrush(severity_color(Severity.CRITICAL)))
                    since = day_label(item.due, today, lang=lang)
                    row.setToolTip(1, _("Overdue since {date}").format(date=since))
                self.commitment_tree.addTopLevelItem(row)
        finally:
            self.commitment_tree.blockSignals(False)
        self.commitment_tree.resizeColumnToContents(1)
        header = self.commitment_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)

    def add(self) -> bool:
        if self._client_id is None:
            return False
        text = self.new_text.text().strip()
        if not text:
            self.said.emit(_("Write the promise first, then press Add."))
            self.new_text.setFocus()
            return False
        due = from_qdate(self.new_due.date()) if self.new_has_due.isChecked() else None
        command = AddCommitmentCommand(self._client_id, self.new_owner.currentData(), text, due)
        try:
            run_undoable(self._undo, command)
        except RapportError as exc:
            self.said.emit(str(exc))
            return False
        self.new_text.clear()
        self.said.emit(_("Commitment added."))
        self.reload()
        self.changed.emit(self._client_id)
        return True

    def _item_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0 or item.checkState(0) != Qt.CheckState.Checked or self._client_id is None:
            return
        # The tree is rebuilt afterwards; never delete an item inside its own change signal.
        commitment_id = int(item.data(0, ID_ROLE))
        QTimer.singleShot(0, lambda: self.tick(commitment_id))

    def tick(self, commitment_id: int) -> None:
        client_id = self._client_id
        if client_id is None:
            return

        def refresh() -> None:
            if self._client_id == client_id:
                self.reload()
            self.changed.emit(client_id)

        try:
            command = TickCommitment(commitment_id, self._today(), refresh)
            run_undoable(self._undo, command)
        except RapportError as exc:
            self.said.emit(str(exc))
            self.reload()
            return
        undoes = command if self._undo is not None else None
        self.tick_note.say(_("Done: “{commitment}”").format(commitment=command.promise), undoes)
