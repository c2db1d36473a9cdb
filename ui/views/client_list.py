"""The client list: every client with a health dot, last contact and next follow-up.

Model/view over plain rows from `journal.overview`: the model (ui/views/client_model.py) keeps
the rows in attention order (worst cue first); the proxy filters as the coach types and by
status, and sorts by any column on request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.i18n import _, ngettext
from journal.overview import ClientRow
from journal.values.vocabulary import STATUSES
from ui.dialogs.new_client import EmptyListHint
from ui.views import client_columns
from ui.views.client_model import CLIENT_ID_ROLE, SORT_ROLE, ClientListModel, Index
from ui.views.timeline.glyphs import status_word

if TYPE_CHECKING:
    from journal.cues.model import Cue


class ClientFilterProxy(QSortFilterProxyModel):
    """Filter as you type (name or project, any case) and by status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._status: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange()

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Attention order is the model's own order: shown as it is, with no comparisons
        through Python on every refresh."""
        ascending = order == Qt.SortOrder.AscendingOrder
        if column == ClientListModel.HEALTH and ascending:
            column = -1
        super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ClientListModel):
            return True
        row = model.client_row(source_row)
        if self._status is not None and row.status != self._status:
            return False
        if not self._text:
            return True
        return self._text in row.name.casefold() or self._text in row.project.casefold()


class ClientListPanel(QWidget):
    """Filter box, status filter and the table; tells the window which client is chosen."""

    clientSelected = Signal(int)  # a client id, or -1 when none is selected
    clientActivated = Signal(int)  # Enter or double-click: the coach wants to work with it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClientListModel(self)
        self.proxy = ClientFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter clients"))
        self.filter_edit.setAccessibleName(_("Filter clients"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.filter_edit.returnPressed.connect(self._activate_first)

        self.status_box = QComboBox()
        self.status_box.setAccessibleName(_("Status filter"))
        self.status_box.addItem(_("All statuses"), None)
        for status in STATUSES:
            word = status_word(status)
            self.status_box.addItem(word[:1].upper() + word[1:], status)
        self.status_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_box.currentData())
        )

        self.table = QTableView()
        self.table.setAccessibleName(_("Clients"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves the list in one step; arrow keys move between clients. (Tab moving from
        # cell to cell trapped keyboard users and quietly switched the open client.)
        self.table.setTabKeyNavigation(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Names first: the name column keeps the width of the longest name (up to NAME_CHARS
        # characters) and the panel never gets narrower than the health and the name. The other
        # columns scroll sideways on a small screen, and the last takes what is left on a wide
        # one. (A stretched name column collapsed to "…" at 1024 pixels wide.)
        header.setStretchLastSection(True)
        header.resizeSection(ClientListModel.HEALTH, 34)
        client_columns.fit_words(self.table)
        header.resizeSection(ClientListModel.NEXT, 100)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        # The indicator first: switching sorting on sorts by it, and attention order is the
        # model's own (no comparisons through Python).
        header.setSortIndicator(ClientListModel.HEALTH, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Client count"))
        self.empty_hint = EmptyListHint()
        self._loaded = False

        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.count_label)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_count()

    # --- feeding, keeping the coach's selection across refreshes -------------------------
    def set_rows(
        self,
        rows: Sequence[ClientRow],
        today: dt.date,
        zone: dt.tzinfo | None = None,
        cues: Sequence[Cue] | None = None,
        lang: str = "en",
    ) -> None:
        keep = self.current_client_id()
        self._loaded = True
        self.model.set_rows(rows, today, zone, cues, lang)
        client_columns.fit_names(self.table, [row.name for row in rows])
        self._restore(keep)

    def update_rows(
        self,
        rows: Sequence[ClientRow],
        touched: frozenset[int],
        cues: Sequence[Cue],
        today: dt.date,
    ) -> None:
        """After a change to the clients `touched`: only their rows are updated (see
        ClientListModel.update_rows), and only their names measured."""
        keep = self.current_client_id()
        blocker = self.table.selectionModel().blockSignals(True)  # the window keeps its client
        try:
            self.model.update_rows(rows, touched, cues, today)
        finally:
            self.table.selectionModel().blockSignals(blocker)
        names = [row.name for row in rows if row.id in touched]
        client_columns.fit_names(self.table, names, widen_only=True)
        self._restore(keep)

    def wanted_width(self) -> int:
        """The width that shows every column whole: the main window's first split."""
        return client_columns.wanted_width(self.table)

    def set_cues(self, cues: Sequence[Cue] | None) -> None:
        keep = self.current_client_id()
        self.model.set_cues(cues)
        self._restore(keep)

    def _restore(self, client_id: int | None) -> None:
        if client_id is None:
            return
        blocker = self.table.selectionModel().blockSignals(True)
        try:
            found = self.select_client(client_id)
        finally:
            self.table.selectionModel().blockSignals(blocker)
        if not found:
            self.clientSelected.emit(-1)

    # --- selection -----------------------------------------------------------------------
    def current_client_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return int(index.data(CLIENT_ID_ROLE))

    def select_client(self, client_id: int) -> bool:
        """Select a client by id, clearing a filter that would hide it."""
        source_row = self.model.row_of(client_id)
        if source_row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not proxy_index.isValid():
            self.filter_edit.clear()
            self.status_box.setCurrentIndex(0)
            proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(proxy_index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.clientSelected.emit(int(current.data(CLIENT_ID_ROLE)) if current.isValid() else -1)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.clientActivated.emit(int(index.data(CLIENT_ID_ROLE)))

    def _activate_first(self) -> None:
        """Enter in the filter box opens the first match: type three letters, press Enter."""
        if self.proxy.rowCount() == 0:
            return
        first = self.proxy.index(0, 0)
        self.table.selectionModel().setCurrentIndex(
            first,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setFocus()
        self._activated(first)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        empty = self._loaded and total == 0  # not while the journal is still opening
        self.empty_hint.show_if(empty)  # an empty list says how to fill it
        self.table.setVisible(not empty)
        self.count_label.setText(
            ngettext("%(n)d client", "%(n)d clients", total) % {"n": total}
            if shown == total
            else ngettext("%(shown)d of %(n)d client", "%(shown)d of %(n)d clients", total)
            % {"shown": shown, "n": total}
        )
