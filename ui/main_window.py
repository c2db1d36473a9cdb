"""The main window: the client list (the full app grows from here)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableView

from journal.cli import client_overview
from journal.store import Journal

Index = QModelIndex | QPersistentModelIndex


class ClientTableModel(QAbstractTableModel):
    HEADERS = ("Client", "Status", "Last contact", "Interactions", "Open commitments")
    KEYS = ("name", "status", "last_contact", "interactions", "open_commitments")

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.KEYS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self._rows[index.row()][self.KEYS[index.column()]]
        if self.KEYS[index.column()] == "last_contact":
            return value[:10] if value else "never"
        return value

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class MainWindow(QMainWindow):
    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.setWindowTitle("Rapport")
        self.model = ClientTableModel(client_overview())
        self.table = QTableView()
        self.table.setAccessibleName("Clients")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.setCentralWidget(self.table)
        self.resize(900, 600)
