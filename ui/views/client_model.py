"""The client list's rows as a Qt model: attention order (worst cue first), kept in step with
the journal by updating only the rows a change touched.

The rows are plain `journal.overview.ClientRow`s, so scrolling never touches the database.
The list's own module (ui/views/client_list.py) filters, sorts on request and keeps the
coach's selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from journal.i18n import N_, _, ngettext
from journal.overview import ClientRow, by_attention, with_cues
from journal.values.dates import date_and_time, format_date, relative_day
from journal.values.vocabulary import STATUSES
from ui.style import severity_dot, severity_word
from ui.views.client_columns import COLUMNS_IN_ORDER
from ui.views.timeline.glyphs import status_word

if TYPE_CHECKING:
    from journal.cues.model import Cue

Index = QModelIndex | QPersistentModelIndex

Role = Qt.ItemDataRole
CLIENT_ID_ROLE = Role.UserRole + 1
SORT_ROLE = Role.UserRole + 2
STATUS_ROLE = Role.UserRole + 3


class ClientListModel(QAbstractTableModel):
    """Rows in attention order; the health column sorts back to that order."""

    COLUMNS = (N_("Health"), N_("Client"), N_("Status"), N_("Last contact"), N_("Next follow-up"))
    HEALTH, NAME, STATUS, LAST, NEXT = COLUMNS_IN_ORDER

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plain: list[ClientRow] = []
        self._cues: list[Cue] | None = None
        self._rows: list[ClientRow] = []
        self._ids: list[int] = []  # the rows' client ids, in the same order
        self._today = dt.date.today()
        self._zone: dt.tzinfo | None = None
        self._lang = "en"

    # --- feeding -------------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[ClientRow],
        today: dt.date,
        zone: dt.tzinfo | None = None,
        cues: Sequence[Cue] | None = None,
        lang: str = "en",
    ) -> None:
        """New rows; `cues` (when given) replace the open cues in the same reset; dates in
        the journal's language `lang`."""
        self._plain = list(rows)
        self._today = today
        self._zone = zone
        self._lang = lang
        if cues is not None:
            self._cues = list(cues)
        self._rebuild()

    def set_cues(self, cues: Sequence[Cue] | None) -> None:
        """Open cues fill in the health column (None: not computed yet)."""
        self._cues = None if cues is None else list(cues)
        self._rebuild()

    def _rebuild(self) -> None:
        rows = with_cues(self._plain, self._cues) if self._cues is not None else self._plain
        self.beginResetModel()
        self._rows = by_attention(rows, self._today)
        self._ids = [row.id for row in self._rows]
        self.endResetModel()

    def update_rows(
        self,
        rows: Sequence[ClientRow],
        touched: frozenset[int],
        cues: Sequence[Cue],
        today: dt.date,
    ) -> None:
        """Every client's row in attention order on `today` with `cues` merged in, after a
        change that touched only `touched`: those rows change in place, move, come or go, and
        no other row is touched unless it differs (an earlier quick read). (A reset
        re-filtered, re-laid out and repainted every client on each save.) On a new day, or
        when more than those moved, it is a reset after all."""
        ids = [row.id for row in rows]
        now = {cid: ids.index(cid) for cid in touched if cid in ids}
        before = {cid: self._ids.index(cid) for cid in touched if cid in self._ids}
        moved = {cid for cid in touched if now.get(cid) != before.get(cid)}
        self._plain, self._cues = list(rows), list(cues)
        if today != self._today or _without(self._ids, before, moved) != _without(ids, now, moved):
            self._today = today
            self._rebuild()
            return
        for position in sorted((before[cid] for cid in moved if cid in before), reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position], self._ids[position]
            self.endRemoveRows()
        for position in sorted(now[cid] for cid in moved if cid in now):
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, rows[position])
            self._ids.insert(position, ids[position])
            self.endInsertRows()
        for position, row in enumerate(rows):
            # The touched rows, and any other whose row differs (the quick rows of the start
            # are complete once the first computation is in).
            if self._rows[position] != row:
                self._rows[position] = row
                last = self.index(position, len(self.COLUMNS) - 1)
                self.dataChanged.emit(self.index(position, 0), last)

    @property
    def cues_known(self) -> bool:
        return self._cues is not None

    def row_of(self, client_id: int) -> int:
        return self._ids.index(client_id) if client_id in self._ids else -1

    def client_row(self, number: int) -> ClientRow:
        return self._rows[number]

    # --- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        """The health column's header is its dot; its name is in the tooltip."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Role.DisplayRole:
            return "" if section == self.HEALTH else _(self.COLUMNS[section])
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return _(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CLIENT_ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        if role == Role.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(index.row(), row, column)
        if role == Role.DecorationRole and column == self.HEALTH:
            return severity_dot(row.severity) if self.cues_known else None
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return self._tooltip(row, column)
        if role == Role.FontRole and column == self.NEXT and row.follow_up_due(self._today):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, row: ClientRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.STATUS:
            return status_word(row.status)
        if column == self.LAST:
            text = (
                relative_day(
                    row.last_contact.astimezone(self._zone).date(), self._today, self._lang
                )
                if row.last_contact
                else _("never")
            )
            reached = row.reached_out_since
            if reached is None:
                return text
            since = relative_day(reached.astimezone(self._zone).date(), self._today, self._lang)
            return _("{last} · you wrote {since}").format(last=text, since=since)
        if column == self.NEXT:
            follow_up = row.next_follow_up
            return "" if follow_up is None else relative_day(follow_up, self._today, self._lang)
        return ""

    def _sort_value(self, number: int, row: ClientRow, column: int) -> Any:
        if column == self.HEALTH:
            return number  # the rows are kept in attention order
        if column == self.NAME:
            return row.name.casefold()
        if column == self.STATUS:
            return STATUSES.index(row.status) if row.status in STATUSES else len(STATUSES)
        if column == self.LAST:
            return row.last_contact.timestamp() if row.last_contact else float("-inf")
        if column == self.NEXT:
            return row.next_follow_up.toordinal() if row.next_follow_up else 10**9
        return None

    def _tooltip(self, row: ClientRow, column: int) -> str:
        if column == self.HEALTH:
            if not self.cues_known:
                return _("{name}: checking for cues…").format(name=row.name)
            if not row.open_cues:
                return _("{name}: nothing needs attention").format(name=row.name)
            others = row.open_cues - 1
            more = (
                ngettext(" (+%(n)d more)", " (+%(n)d more)", others) % {"n": others}
                if others
                else ""
            )
            return f"{row.name}, {severity_word(row.severity)}: {row.cue_explanation}{more}"
        if column == self.NAME and row.project:
            return f"{row.name}: {row.project}"
        if column == self.LAST and (row.last_contact or row.last_reached_out):
            parts = []
            if row.last_contact:
                moment = row.last_contact.astimezone(self._zone)
                when = date_and_time(moment, self._lang)
                parts.append(_("Last contact {moment}").format(moment=when))
            if row.reached_out_since:
                moment = row.reached_out_since.astimezone(self._zone)
                when = date_and_time(moment, self._lang)
                parts.append(_("you last reached out {moment}").format(moment=when))
            return "; ".join(parts)
        if column == self.NEXT and row.next_follow_up:
            day = format_date(row.next_follow_up, self._lang)
            return _("Follow up on {date}").format(date=day)
        return self._display(row, column)


def _without(ids: list[int], positions: dict[int, int], gone: set[int]) -> list[int]:
    """`ids` without the clients `gone` (found at `positions`)."""
    rest = list(ids)
    for position in sorted((positions[cid] for cid in gone if cid in positions), reverse=True):
        del rest[position]
    return rest
