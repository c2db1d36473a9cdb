"""Search (Ctrl+F): full text over every note and commitment, matches highlighted.

Searches as the coach types (after a short pause) through `journal.search`, which escapes
whatever is typed. Opening a result (Enter, double-click) emits `resultOpened` with the hit;
the window selects the client and scrolls the timeline to it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journal.i18n import _, language, ngettext
from journal.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, search
from journal.values.dates import day_label
from ui.background import run_op
from ui.style import match_mark

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 20
"""Keystrokes this close together (a paste, fast typing) make one query; each query runs on a
worker and a newer one overtakes it, so there is no need to wait for the typing to stop."""
LIMIT = 200
SEARCH_MIN_WIDTH = 280


def _when(hit: SearchHit) -> str:
    """Days as the timeline and Today show them, not ISO dates."""
    today = dt.date.today()
    if isinstance(hit.when, dt.datetime):
        return day_label(hit.when.astimezone().date(), today, lang=language())
    if isinstance(hit.when, dt.date):
        return _("due {date}").format(date=day_label(hit.when, today, lang=language()))
    return ""


def highlighted_html(text: str, mark: str, ink: str) -> str:
    """Escape the text, then turn the search markers into a soft highlight in its own ink."""
    escaped = html.escape(text)
    start = f'<span style="background-color:{mark}; color:{ink}; font-weight:600">'
    return escaped.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, "</span>")


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            snippet = hit.plain(hit.snippet).strip()
            what = {"commitment": "Commitment", "client": "Profile"}.get(hit.kind, "Note")
            when = _when(hit)
            text = f"{hit.client_name}{', ' + when if when else ''}. {what}: {hit.plain(hit.title)}"
            return f"{text}. {snippet}" if snippet else text
        return None


class SearchHitDelegate(QStyledItemDelegate):
    """Client and date on the first line, then the title and the snippet with matches marked."""

    PAD = 6

    def _document(
        self, option: QStyleOptionViewItem, hit: SearchHit, selected: bool
    ) -> QTextDocument:
        mark, ink = (colour.name() for colour in match_mark(option.palette))
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role).name()
        muted = (
            colour if selected else option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        )
        kind = {"commitment": _("commitment · "), "client": _("profile")}.get(hit.kind, "")
        snippet = hit.snippet.strip()
        parts = [
            f'<div style="color:{colour}"><b>{html.escape(hit.client_name)}</b>'
            f'&nbsp;&nbsp;<span style="color:{muted}">{kind}{html.escape(_when(hit))}</span></div>',
            f'<div style="color:{colour}">{highlighted_html(hit.title, mark, ink)}</div>',
        ]
        if snippet:
            parts.append(f'<div style="color:{muted}">{highlighted_html(snippet, mark, ink)}</div>')
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml("".join(parts))
        document.setTextWidth(max(option.rect.width() - 2 * self.PAD, 120))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().sizeHint(option, index)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 320
        option.rect.setWidth(width)
        document = self._document(option, hit, False)
        return QSize(width, int(document.size().height()) + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return
        painter.save()
        if option.widget is not None:
            option.widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, hit, selected)
        painter.translate(option.rect.left() + self.PAD, option.rect.top() + self.PAD)
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchPanel(QWidget):
    """The search box and its results."""

    resultOpened = Signal(object)  # a journal.search.SearchHit
    dismissed = Signal()  # Escape: the window hides the panel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(_("Search all notes and commitments"))
        self.query_edit.setAccessibleName(_("Search"))
        self.query_edit.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setAccessibleName(_("Search status"))
        self.status.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setAccessibleName(_("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchHitDelegate(self.results))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.activated.connect(self._open)
        self._latest = 0  # the number of the newest query asked
        self._open_first = False  # Enter was pressed: open the first result once it arrives
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _t: self._timer.start())
        self.query_edit.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def run_search(self) -> None:
        """Search on a worker; only the latest query's results are shown. A query that a
        newer one overtook before its turn came is skipped, and one that had started is
        dropped when it returns."""
        self._timer.stop()
        query = self.query_edit.text()
        self._latest += 1
        asked = self._latest
        if not query.strip():
            self._open_first = False
            self.model.set_hits([])
            self.status.setText("")
            return

        def work(_progress: Any) -> list[SearchHit] | None:
            return search(query, limit=LIMIT) if asked == self._latest else None

        run_op(
            self,
            work,
            lambda hits: self._show(asked, query, hits),
            lambda message: self._show(asked, query, None, message),
        )

    def _show(self, asked: int, query: str, hits: list[SearchHit] | None, error: str = "") -> None:
        if asked != self._latest:
            return  # a newer query is on its way
        if hits is None:
            self.model.set_hits([])
            self.status.setText(error)
            self._open_first = False
            return
        self.model.set_hits(hits)
        if not hits:
            self.status.setText(_("Nothing found for “{query}”.").format(query=query.strip()))
        elif len(hits) >= LIMIT:
            self.status.setText(
                _("The first {count} matches; type more to narrow them down.").format(count=LIMIT)
            )
        else:
            count = len(hits)
            self.status.setText(ngettext("%(n)d match.", "%(n)d matches.", count) % {"n": count})
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        if self._open_first and hits:
            self._open(self.results.currentIndex())
        self._open_first = False

    def _enter(self) -> None:
        """Enter searches at once, and opens the first result when it arrives."""
        self._open_first = True
        self.run_search()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismissed.emit()  # Escape closes search, as everywhere else
            return
        # Down from the search box walks into the results without reaching for the mouse.
        if event.key() == Qt.Key.Key_Down and self.query_edit.hasFocus() and self.model.rowCount():
            self.results.setFocus()
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE) if index.isValid() else None
        if hit is not None:
            self.resultOpened.emit(hit)


class SearchDock(QDockWidget):
    """The search panel, docked at the window's right.

    Results stay readable: the dock is never squeezed to a strip of words. On a window too
    narrow for `beside` (the client list, the timeline and the profile) and search side by
    side, search takes the place of `gives_way` (the client list) until it closes: squeezed,
    every column of all four was cut off.
    """

    def __init__(self, window: QMainWindow, gives_way: QWidget, beside: QWidget) -> None:
        super().__init__(_("Search"), window)
        self._gives_way = gives_way
        self._beside = beside
        self.panel = SearchPanel()
        self.panel.dismissed.connect(self.hide)
        self.setObjectName("search_dock")
        self.setAccessibleName(_("Search"))
        self.setWidget(self.panel)
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.setMinimumWidth(SEARCH_MIN_WIDTH)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.hide()

    def setVisible(self, visible: bool) -> None:
        """Room is made before the dock shows, while the window still has its own width."""
        if visible and not self.isVisible():
            window = self.parentWidget()
            needed = self._beside.minimumSizeHint().width() + SEARCH_MIN_WIDTH
            self._gives_way.setVisible(window is None or needed <= window.width())
            self._beside.updateGeometry()  # the window's layout forgets the old minimum now
        elif not visible:
            self._gives_way.setVisible(True)
        super().setVisible(visible)
