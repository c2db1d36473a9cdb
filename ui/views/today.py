"""Today: every open cue, follow-up and commitment falling due, in one list, most urgent first.

Activating a line opens the right client (and, for a follow-up, the interaction that set it).
The rows come from `journal.overview.today_agenda`; the cues are computed off the UI thread
by the window and handed in. A cue line's context menu (right click, the Menu key,
Shift+F10) and the bar under the list offer Dismiss and Snooze (ui/views/cue_actions.py): the line
goes at once, and the window's own recomputation, set off by its undo stack, confirms it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeyEvent, QPainter, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journal.cues.model import Cue
from journal.i18n import N_, _, language, ngettext
from journal.overview import AgendaItem
from journal.values.dates import day_label, weekday_date
from ui.style import muted_color, paint_severity, severity_word
from ui.views.cue_actions import CueActionBar, CueActions, HeldNote, is_menu_key

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_WORDS = {"cue": N_("Cue"), "follow_up": N_("Follow-up"), "commitment": N_("Commitment")}
CHECKING = N_("Checking for cues…")  # not "nothing needs you" before anyone has looked


def heading_text(today: dt.date, lang: str) -> str:
    return _("Today, {date}").format(date=weekday_date(today, lang))


class AgendaModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[AgendaItem] = []
        self._today = dt.date.today()
        self.lang = "en"

    def set_items(self, items: Sequence[AgendaItem], today: dt.date, lang: str = "en") -> None:
        self.beginResetModel()
        self._items = list(items)
        self._today = today
        self.lang = lang
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    @property
    def items(self) -> list[AgendaItem]:
        return list(self._items)

    @property
    def today(self) -> dt.date:
        return self._today

    def day_text(self, item: AgendaItem) -> str:
        if item.day is None:
            return ""
        if item.kind == "cue":
            since = day_label(item.day, self._today, weekday=False, lang=self.lang)
            return _("since {date}").format(date=since)
        return day_label(item.day, self._today, lang=self.lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.client}: {item.title}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _("{kind} for {client}, {severity}: {title} ({detail}, {day})").format(
                kind=_(KIND_WORDS[item.kind]),
                client=item.client,
                severity=severity_word(item.severity),
                title=item.title,
                detail=item.detail,
                day=self.day_text(item),
            )
        return None


class AgendaDelegate(QStyledItemDelegate):
    """Two calm lines: the client and what kind of thing it is, then the thing itself."""

    PAD = 8
    DOT = 10
    MAX_LINES = 3  # the sentence wraps (it is the point); beyond three lines it is cut

    def _title_width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        if isinstance(view, QListView):
            width = view.viewport().width()
            bar = view.verticalScrollBar()
            if not bar.isVisible():  # it may appear once the rows are laid out: room for it
                width -= bar.sizeHint().width()
        else:
            width = option.rect.width()
        return max(width - 3 * self.PAD - self.DOT, 80)

    def _title_height(self, option: QStyleOptionViewItem, title: str, width: int) -> int:
        line = option.fontMetrics.height()
        flags = int(Qt.TextFlag.TextWordWrap)
        wrapped = option.fontMetrics.boundingRect(QRect(0, 0, width, 1000), flags, title).height()
        return min(max(wrapped, line), self.MAX_LINES * line)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        item: AgendaItem | None = index.data(ITEM_ROLE)
        title = item.title if item is not None else ""
        title_h = self._title_height(option, title, self._title_width(option))
        return QSize(320, line + title_h + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item: AgendaItem | None = index.data(ITEM_ROLE)
        if item is None:
            return
        model = index.model()
        day_text = model.day_text(item) if isinstance(model, AgendaModel) else ""
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(text_role)
        muted = text_colour if selected else muted_color()
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        line = option.fontMetrics.height()

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dot = QRectF(rect.left(), rect.top() + (line - self.DOT) // 2, self.DOT, self.DOT)
        paint_severity(painter, dot, item.severity)
        left = rect.left() + self.DOT + self.PAD

        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(option.font)
        day_width = option.fontMetrics.horizontalAdvance(day_text) + self.PAD
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.right() - day_width, rect.top(), day_width, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            day_text,
        )
        painter.setFont(bold)
        painter.setPen(text_colour)
        name_width = painter.fontMetrics().horizontalAdvance(item.client) + self.PAD
        painter.drawText(QRect(left, rect.top(), name_width, line), 0, item.client)
        painter.setFont(option.font)
        painter.setPen(muted)
        kind = f"{_(KIND_WORDS[item.kind])} · {item.detail}"
        room = rect.right() - day_width - left - name_width
        painter.drawText(
            QRect(left + name_width, rect.top(), max(room, 0), line),
            0,
            option.fontMetrics.elidedText(kind, Qt.TextElideMode.ElideRight, max(room, 0)),
        )
        painter.setPen(text_colour)
        width = rect.right() - left
        title_h = self._title_height(option, item.title, width)
        painter.drawText(
            QRect(left, rect.top() + line + self.PAD // 2, width, title_h),
            int(Qt.TextFlag.TextWordWrap),
            item.title,
        )
        painter.restore()


class TodayView(QWidget):
    """The day's list. `itemActivated` carries the AgendaItem the coach opened.

    Dismiss and snooze go on the shell's undo stack and read the shell's clock; when the window
    does not hand them in, Today takes its window's `undo_stack` and `clock`.
    """

    itemActivated = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._stack = undo_stack
        self.heading = QLabel()
        self.heading.setAccessibleName(_("Today heading"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.heading.setFont(font)
        self.summary = QLabel(_(CHECKING))
        self.summary.setAccessibleName(_("Today summary"))
        self.summary.setWordWrap(True)
        self.model = AgendaModel(self)
        self.list = QListView()
        self.list.setAccessibleName(_("Today's list"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(AgendaDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # sentences re-wrap on resize
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(self._activated)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.installEventFilter(self)
        # The line goes at once either way, so a direct write (no stack) needs no reload.
        self.cue_actions = CueActions(self, self._now, self._undo_stack, lambda: None)
        self.cue_actions.held.connect(lambda cue, _note: self._drop(cue))
        self.cue_actions.focus_home = self.list  # after Dismiss/Snooze, back to the list
        self.cue_note = HeldNote(self.cue_actions, self, indent=0)
        self.cue_bar = CueActionBar(self.cue_actions, self, indent=0)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.cue_note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.cue_bar)
        self._cues_pending = True

    def set_items(
        self,
        items: Sequence[AgendaItem],
        today: dt.date,
        cues_pending: bool = False,
        lang: str | None = None,
    ) -> None:
        """`lang`: the language of the dates (the app's by default)."""
        lang = lang or language()
        self.model.set_items(items, today, lang)
        self._cues_pending = cues_pending
        self.heading.setText(heading_text(today, lang))
        self.summary.setText(self._summary(items))

    def _summary(self, items: Sequence[AgendaItem]) -> str:
        cues = sum(1 for i in items if i.kind == "cue")
        due = sum(1 for i in items if i.kind != "cue")
        clients = len({i.client_id for i in items})
        if not items and self._cues_pending:
            return _(CHECKING)
        if not items:
            base = _("Nothing needs you today. A good day to fill the pipeline.")
        else:
            parts = []
            if cues:
                parts.append(ngettext("%(n)d cue", "%(n)d cues", cues) % {"n": cues})
            if due:
                parts.append(
                    ngettext("%(n)d thing falling due", "%(n)d things falling due", due)
                    % {"n": due}
                )
            base = ngettext(
                "%(what)s across %(n)d client.", "%(what)s across %(n)d clients.", clients
            ) % {"what": _(" and ").join(parts), "n": clients}
        return base + (" " + _(CHECKING) if self._cues_pending else "")

    def _activated(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is not None:
            self.itemActivated.emit(item)

    # --- dismiss and snooze ---------------------------------------------------------------

    def set_undo_stack(self, stack: QUndoStack) -> None:
        self._stack = stack

    def _undo_stack(self) -> QUndoStack | None:
        return self._stack

    def _now(self) -> dt.datetime:
        return self._clock() if self._clock is not None else dt.datetime.now().astimezone()

    def _current_cue(self) -> Cue | None:
        item = self.list.currentIndex().data(ITEM_ROLE)
        return item.cue if item is not None and item.kind == "cue" else None

    def _current_changed(self, *_args: Any) -> None:
        self.cue_bar.set_cue(self._current_cue())

    def _drop(self, cue: Cue) -> None:
        """Take the put-away cue's line out now; the window's recomputation follows."""
        row = self.list.currentIndex().row()
        items = [i for i in self.model.items if i.cue != cue]
        if len(items) == self.model.rowCount():
            return
        self.set_items(items, self.model.today, self._cues_pending, self.model.lang)
        if items:
            self.list.setCurrentIndex(self.model.index(min(max(row, 0), len(items) - 1)))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        item = index.data(ITEM_ROLE)
        if item is None or item.cue is None:
            return
        self.list.setCurrentIndex(index)
        opening = QAction(_("&Open client"))
        opening.triggered.connect(lambda: self.itemActivated.emit(item))
        self.cue_actions.show_menu(item.cue, self.list.viewport().mapToGlobal(pos), [opening])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            index = self.list.currentIndex()
            if isinstance(event, QKeyEvent) and index.isValid() and is_menu_key(event):
                self._context_menu(self.list.visualRect(index).center())
                return True
        return super().eventFilter(watched, event)
