"""The client timeline, the centre of the app: entries newest first, cues drawn where they begin.

Model/view all the way: `TimelineModel` holds light `journal.timeline` rows and
`TimelineDelegate` paints each with QPainter, with sizes from font metrics alone (no text
layout for a collapsed entry), so a client with ten thousand interactions opens and scrolls
smoothly. Above the list, the shared feeling chart (ui/views/feeling_chart.py, also used on paper).

Clicking a cue highlights its evidence entries; its "write" link (or Enter, or a double
click) emits `cueActivated(cue)` so the shell can open the template. Double-click or Enter on
an entry emits `editRequested(id)`; Delete pushes an undoable delete on the shell's stack.
A cue's context menu (right click, the Menu key, Shift+F10) and the bar above the list while a
cue is chosen offer Dismiss and Snooze (ui/views/cue_actions.py), undoable on the shell's stack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTextCharFormat,
    QTextDocument,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journal.cues.model import Cue, Severity
from journal.errors import RapportError
from journal.reports.chart import chart_data
from journal.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit
from journal.store.models import Client
from journal.timeline import (
    CueMark,
    Entry,
    TimelineItem,
    client_by_id,
    entries_of,
    evidence_bands,
    place_cues,
)
from ui.style import severity_color
from ui.views.cue_actions import CueActionBar, CueActions, HeldNote, is_menu_key
from ui.views.feeling_chart import ChartStyle, paint_feeling_chart

Index = QModelIndex | QPersistentModelIndex
Clock = Callable[[], dt.datetime]
CueSource = Callable[[Client, dt.datetime], list[Cue]]

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1

FEELING_WORDS = {-2: "very bad", -1: "bad", 0: "neutral", 1: "good", 2: "very good"}
_FEELING_COLOURS = {-2: "#b5523b", -1: "#d0895a", 0: "#8d939b", 1: "#6c9f80", 2: "#3d7a5c"}
DIRECTION_TEXT = {"out": "→ to client", "in": "← from client", "two_way": "⇄ both ways"}
# The "Write: …" link names a template as the template list does, in the journal's language
# (a user's own version of it included); refreshed whenever a timeline loads.
_template_titles: dict[str, str] = {}


def feeling_color(feeling: int | None) -> QColor:
    return QColor(_FEELING_COLOURS.get(feeling, "#8d939b") if feeling is not None else "#8d939b")


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def default_cue_source(client: Client, as_of: dt.datetime) -> list[Cue]:
    from journal.cues import cues_for_client

    return cues_for_client(client, as_of)


# --- channel glyphs: drawn, not fonts, so they are crisp at any DPI and follow the palette ----


def paint_channel_glyph(painter: QPainter, rect: QRectF, channel: str, colour: QColor) -> None:
    """A small line drawing of the channel inside rect."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.2, rect.width() / 11))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = rect.adjusted(
        rect.width() * 0.1, rect.height() * 0.18, -rect.width() * 0.1, -rect.height() * 0.18
    )
    if channel == "email":
        painter.drawRoundedRect(r, 1.5, 1.5)
        path = QPainterPath(r.topLeft())
        path.lineTo(QPointF(r.center().x(), r.center().y() + r.height() * 0.1))
        path.lineTo(r.topRight())
        painter.drawPath(path)
    elif channel == "phone":
        path = QPainterPath()
        w, h, x, y = r.width(), rect.height() * 0.8, r.left(), rect.top() + rect.height() * 0.1
        path.moveTo(x + w * 0.22, y)
        path.cubicTo(
            x - w * 0.1, y + h * 0.25, x + w * 0.45, y + h * 1.05, x + w * 0.85, y + h * 0.8
        )
        painter.drawPath(path)
        painter.drawLine(QPointF(x + w * 0.12, y + h * 0.05), QPointF(x + w * 0.32, y + h * 0.22))
        painter.drawLine(QPointF(x + w * 0.68, y + h * 0.7), QPointF(x + w * 0.92, y + h * 0.82))
    elif channel == "video":
        body = QRectF(r.left(), r.top(), r.width() * 0.64, r.height())
        painter.drawRoundedRect(body, 1.5, 1.5)
        path = QPainterPath(QPointF(body.right() + 1, r.center().y()))
        path.lineTo(QPointF(r.right(), r.top() + 1))
        path.lineTo(QPointF(r.right(), r.bottom() - 1))
        path.closeSubpath()
        painter.drawPath(path)
    elif channel == "meeting":
        d = r.width() * 0.3
        for cx in (r.left() + r.width() * 0.3, r.left() + r.width() * 0.72):
            painter.drawEllipse(QPointF(cx, r.top() + d * 0.55), d * 0.45, d * 0.45)
            arc = QRectF(cx - d * 0.8, r.top() + d * 1.25, d * 1.6, d * 1.8)
            painter.drawArc(arc, 0, 180 * 16)
    else:  # message: a speech bubble
        bubble = QRectF(r.left(), r.top(), r.width(), r.height() * 0.78)
        painter.drawRoundedRect(bubble, r.height() * 0.3, r.height() * 0.3)
        tail = QPainterPath(QPointF(r.left() + r.width() * 0.25, bubble.bottom()))
        tail.lineTo(QPointF(r.left() + r.width() * 0.2, r.bottom()))
        tail.lineTo(QPointF(r.left() + r.width() * 0.45, bubble.bottom()))
        painter.drawPath(tail)
    painter.restore()


_icon_cache: dict[tuple[str, str], QIcon] = {}


def channel_icon(channel: str, size: int = 16) -> QIcon:
    colour = QApplication.palette().color(QPalette.ColorRole.WindowText)
    key = (channel, colour.name())
    if key not in _icon_cache:
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_channel_glyph(painter, QRectF(0, 0, size, size), channel, colour)
        painter.end()
        _icon_cache[key] = QIcon(pixmap)
    return _icon_cache[key]


# --- model ------------------------------------------------------------------------------------


class TimelineModel(QAbstractListModel):
    """Entries and cue marks, newest first, plus what the view shows about them."""

    cueChosen = Signal(object)  # the cue whose evidence is shown, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[TimelineItem] = []
        self.bands: dict[str, Severity] = {}
        self.expanded: set[int] = set()
        self.highlighted: set[str] = set()
        self.selected_cue: Cue | None = None
        self.marked: dict[int, tuple[str, ...]] = {}  # entry id -> words a search hit found
        self._row_of_id: dict[int, int] = {}

    def reset(self, items: list[TimelineItem], bands: dict[str, Severity]) -> None:
        self.beginResetModel()
        self.items = items
        self.bands = bands
        self._row_of_id = {
            item.id: row for row, item in enumerate(items) if isinstance(item, Entry)
        }
        self.expanded &= set(self._row_of_id)
        self.marked = {k: v for k, v in self.marked.items() if k in self._row_of_id}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(item)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(item, CueMark):
            return item.cue.explanation
        return None

    def row_of_interaction(self, interaction_id: int) -> int | None:
        return self._row_of_id.get(interaction_id)

    def rows_of_uids(self, uids: set[str]) -> list[int]:
        return [
            row
            for row, item in enumerate(self.items)
            if isinstance(item, Entry) and item.uid in uids
        ]

    def toggle_expanded(self, row: int) -> None:
        item = self.items[row]
        if isinstance(item, Entry):
            self.expanded ^= {item.id}
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def unfold(self, row: int, terms: Sequence[str] = ()) -> None:
        """Open an entry's notes, marking `terms` in them (a search hit's words)."""
        item = self.items[row]
        if isinstance(item, Entry):
            self.expanded.add(item.id)
            self.marked = {item.id: tuple(terms)} if terms else {}
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def show_evidence(self, cue: Cue | None) -> None:
        self.selected_cue = cue
        self.highlighted = (
            {ref.id for ref in cue.evidence if ref.type == "interaction"} if cue else set()
        )
        if self.items:
            self.dataChanged.emit(self.index(0), self.index(len(self.items) - 1))
        self.cueChosen.emit(cue)


def describe(item: TimelineItem) -> str:
    """A plain sentence for screen readers and copy."""
    if isinstance(item, CueMark):
        return f"Cue, {item.cue.severity.label}: {item.cue.explanation}"
    feeling = f", felt {FEELING_WORDS[item.feeling]}" if item.feeling is not None else ""
    local = item.at.astimezone()  # the system's rules for that moment (summer time kept)
    return (
        f"{local.day} {local:%B %Y %H:%M}, {item.channel}, "
        f"{DIRECTION_TEXT[item.direction][2:]}: {item.summary}{feeling}"
    )


# --- delegate ---------------------------------------------------------------------------------


class TimelineDelegate(QStyledItemDelegate):
    """Paints entries and cue marks; sizes come from font metrics so layout stays cheap."""

    PAD = 10
    GUTTER = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: TimelineModel | None = None
        self._documents: dict[tuple[Any, ...], QTextDocument] = {}

    # sizes

    def _metrics(self, option: QStyleOptionViewItem) -> tuple[QFontMetrics, QFontMetrics]:
        base = QFont(option.font)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.88))
        return QFontMetrics(base), QFontMetrics(small)

    def _notes_text(self, entry: Entry) -> str:
        parts = [entry.notes.strip()] if entry.notes.strip() else []
        if entry.self_check:
            from journal.entries.capture import SELF_CHECK_QUESTIONS

            asked = dict(SELF_CHECK_QUESTIONS)
            answers = [
                f"{asked.get(k, k)} {'yes' if v else 'no'}" for k, v in entry.self_check.items()
            ]
            parts.append("Self-check: " + "; ".join(answers))
        return "\n\n".join(parts)

    def _notes_document(self, entry: Entry, font: QFont, width: int) -> QTextDocument | None:
        """The unfolded notes laid out at `width`, a search hit's words marked; one layout
        serves sizeHint and paint. Only unfolded entries get here, so a few are cached."""
        text = self._notes_text(entry)
        if not text:
            return None
        terms = self.model.marked.get(entry.id, ()) if self.model is not None else ()
        key = (entry.id, text, width, font.key(), terms)
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) > 64:
                self._documents.clear()
            document = QTextDocument()
            document.setDocumentMargin(0)
            document.setDefaultFont(font)
            document.setPlainText(text)
            document.setTextWidth(max(50, width))
            mark = QTextCharFormat()
            mark.setBackground(QColor(255, 214, 102, 150))
            mark.setFontWeight(QFont.Weight.DemiBold)
            for term in terms:
                found = document.find(term)
                while not found.isNull():
                    found.mergeCharFormat(mark)
                    found = document.find(term, found)
            self._documents[key] = document
        return document

    def _text_width(self, item_width: int) -> int:
        """Room for an entry's text lines inside a row `item_width` wide (see _paint_entry)."""
        return item_width - self.GUTTER - 3 * self.PAD - 4

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = index.data(ITEM_ROLE)
        base, small = self._metrics(option)
        width = self._width(option)
        if isinstance(item, CueMark):
            rect = QRect(0, 0, width, 10000)
            return QSize(200, self._cue_layout(rect, option.font, item.cue).height)
        height = self.PAD * 2 + small.height() + 4 + base.height() + 4 + small.height()
        if self.model is not None and item.id in self.model.expanded:
            document = self._notes_document(item, option.font, self._text_width(width))
            if document is not None:
                height += int(document.size().height()) + 1 + self.PAD
        return QSize(200, height + 6)

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        if isinstance(view, QListView):
            return view.viewport().width()
        return option.rect.width()

    # painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ITEM_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if isinstance(item, CueMark):
            self._paint_cue(painter, option, index.row(), item.cue)
        elif isinstance(item, Entry):
            self._paint_entry(painter, option, item)
        painter.restore()

    def _paint_cue(
        self, painter: QPainter, option: QStyleOptionViewItem, row: int, cue: Cue
    ) -> None:
        rect = QRectF(option.rect).adjusted(self.GUTTER - 6, 3, -self.PAD, -3)
        colour = severity_color(cue.severity)
        fill = QColor(colour)
        chosen = self.model is not None and self.model.selected_cue == cue
        fill.setAlphaF(0.26 if chosen else 0.14)
        painter.setPen(QPen(colour, 1.6) if chosen else Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        if option.state & QStyle.StateFlag.State_Selected:  # where the keyboard is, as entries
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 7, 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 5, rect.height()), 2.5, 2.5)

        layout = self._cue_layout(option.rect, option.font, cue)
        if layout.link is not None:
            painter.setFont(self._small_font(option))
            painter.setPen(option.palette.color(QPalette.ColorRole.Link))
            painter.drawText(layout.link, Qt.AlignmentFlag.AlignCenter, _link_text(cue))
        painter.setFont(_bold(option.font))
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            layout.text,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            cue.explanation,
        )

    def _cue_layout(self, item_rect: QRect, font: QFont, cue: Cue) -> _CueLayout:
        """Where a cue band's sentence and "Write" link go: beside each other when the whole
        sentence fits on one line, else the sentence wrapped over the full width and the link
        right-aligned on a line of its own below. Never elided: the sentence is the point."""
        bold = QFontMetrics(_bold(font))
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        band = QRect(item_rect).adjusted(self.GUTTER - 6, 3, -self.PAD, -3)
        left = band.left() + 5 + self.PAD
        full = max(40, band.right() - self.PAD - left)
        link_width = (
            QFontMetrics(small).horizontalAdvance(_link_text(cue)) + 2 * self.PAD
            if cue.template
            else 0
        )
        one_line = bold.height() + 2 * self.PAD
        if bold.horizontalAdvance(cue.explanation) <= full - link_width - (
            self.PAD if link_width else 0
        ):
            height = one_line + 6
            text = QRect(left, band.top(), full - link_width, one_line)
            link = (
                QRect(band.right() - link_width, band.top(), link_width, one_line)
                if link_width
                else None
            )
            return _CueLayout(text, link, height)
        wrapped = bold.boundingRect(
            0, 0, full, 100000, Qt.TextFlag.TextWordWrap, cue.explanation
        ).height()
        text = QRect(left, band.top() + self.PAD, full, wrapped)
        link = None
        bottom = text.bottom() + 1
        if link_width:
            link_height = QFontMetrics(small).height() + 6
            link = QRect(band.right() - link_width, bottom + 2, link_width, link_height)
            bottom = link.bottom() + 1
        else:
            bottom += self.PAD
        return _CueLayout(text, link, bottom - band.top() + 6)

    def _small_font(self, option: QStyleOptionViewItem) -> QFont:
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return small

    def _paint_entry(self, painter: QPainter, option: QStyleOptionViewItem, entry: Entry) -> None:
        palette = option.palette
        model = self.model
        rect = option.rect
        base, small = self._metrics(option)
        card = QRectF(rect).adjusted(self.GUTTER, 3, -self.PAD, -3)
        highlighted = model is not None and entry.uid in model.highlighted
        selected = bool(option.state & QStyle.StateFlag.State_Selected)

        background = palette.color(QPalette.ColorRole.Base)
        if highlighted:
            background = QColor(
                severity_color(model.selected_cue.severity if model and model.selected_cue else 2)
            )
            background.setAlphaF(0.16)
        painter.setPen(
            QPen(palette.color(QPalette.ColorRole.Highlight), 1.6)
            if selected
            else QPen(palette.color(QPalette.ColorRole.Mid).lighter(125), 0.8)
        )
        painter.setBrush(background)
        painter.drawRoundedRect(card, 6, 6)

        band = model.bands.get(entry.uid) if model is not None else None
        if band is not None:  # the entry is evidence of an open cue: a stripe in the gutter
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(severity_color(band))
            painter.drawRoundedRect(
                QRectF(rect.left() + 5, card.top() + 2, 4, card.height() - 4), 2, 2
            )

        colour = feeling_color(entry.feeling)

        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        text = palette.color(QPalette.ColorRole.Text)
        x = int(card.left()) + self.PAD + 4
        right = int(card.right()) - self.PAD
        y = int(card.top()) + self.PAD - 2
        small_font = self._small_font(option)

        # Line 1: date and time, channel glyph and word, direction; feeling word at the right.
        painter.setFont(small_font)
        local = entry.at.astimezone()
        when = f"{local:%a} {local.day} {local:%b %Y}  ·  {local:%H:%M}"
        # The feeling at the right keeps its room; the left part is elided to what is left.
        word = FEELING_WORDS[entry.feeling] if entry.feeling is not None else ""
        w = small.horizontalAdvance(word)
        dot = small.height() * 0.7
        left_end = right - (int(w + dot + 6) + 12 if word else 0)
        painter.setPen(muted)
        shown = small.elidedText(when, Qt.TextElideMode.ElideRight, max(0, left_end - x))
        painter.drawText(
            QRect(x, y, left_end - x, small.height()), Qt.AlignmentFlag.AlignLeft, shown
        )
        cx = x + small.horizontalAdvance(when) + 14
        glyph = small.height()
        if cx + glyph <= left_end:
            paint_channel_glyph(painter, QRectF(cx, y, glyph, glyph), entry.channel, text)
        cx += glyph + 5
        channel_text = f"{entry.channel}   {DIRECTION_TEXT.get(entry.direction, entry.direction)}"
        channel_text = small.elidedText(channel_text, Qt.TextElideMode.ElideRight, left_end - cx)
        if channel_text and cx < left_end:
            painter.setPen(text)
            painter.drawText(
                QRect(cx, y, left_end - cx, small.height()),
                Qt.AlignmentFlag.AlignLeft,
                channel_text,
            )
        if word:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(
                QRectF(right - w - dot - 6, y + (small.height() - dot) / 2, dot, dot)
            )
            painter.setPen(colour.darker(115))
            painter.drawText(
                QRect(right - w, y, w + 1, small.height()), Qt.AlignmentFlag.AlignLeft, word
            )

        # Line 2: the summary.
        y += small.height() + 4
        summary_font = QFont(option.font)
        summary_font.setWeight(QFont.Weight.Medium)
        painter.setFont(summary_font)
        painter.setPen(text)
        summary = QFontMetrics(summary_font).elidedText(
            entry.summary, Qt.TextElideMode.ElideRight, right - x
        )
        painter.drawText(QRect(x, y, right - x, base.height()), Qt.AlignmentFlag.AlignLeft, summary)

        # Line 3: emotion words, reply awaited, follow-up, and whether notes are folded away.
        y += base.height() + 4
        expanded = model is not None and entry.id in model.expanded
        notes = self._notes_text(entry)
        details = []
        if entry.emotions:
            details.append(" · ".join(entry.emotions))
        if entry.awaits_reply:
            details.append("awaiting reply")
        if entry.follow_up_on:
            details.append(f"follow up {entry.follow_up_on.day} {entry.follow_up_on:%b}")
        if notes:
            details.append("▾ notes" if expanded else "▸ notes")
        painter.setFont(small_font)
        painter.setPen(muted)
        line = small.elidedText("     ".join(details), Qt.TextElideMode.ElideRight, right - x)
        painter.drawText(QRect(x, y, right - x, small.height()), Qt.AlignmentFlag.AlignLeft, line)

        document = (
            self._notes_document(entry, option.font, self._text_width(rect.width()))
            if expanded
            else None
        )
        if document is not None:
            y += small.height() + self.PAD
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette.setColor(QPalette.ColorRole.Text, text)
            painter.translate(x, y)
            painter.setClipRect(QRectF(0, 0, right - x + 4, card.bottom() - y))
            document.documentLayout().draw(painter, context)

    # clicks

    def link_rect(self, item_rect: QRect, font: QFont, cue: Cue) -> QRect | None:
        """Where a cue's "write" link sits in its row: one geometry for painting and clicks."""
        return self._cue_layout(item_rect, font, cue).link


# --- the chart above the list -----------------------------------------------------------------


class _ChartJob(QRunnable):
    """Paints the chart into a QImage on a pool thread: ten thousand points take a while."""

    class Relay(QObject):
        done = Signal(int, QImage)

    def __init__(
        self,
        generation: int,
        size: QSize,
        ratio: float,
        font: QFont,
        data: Any,
        style: ChartStyle,
        relay: _ChartJob.Relay,
    ) -> None:
        super().__init__()
        self.generation, self.size, self.ratio = generation, size, ratio
        self.font, self.data, self.style, self.relay = font, data, style, relay

    def run(self) -> None:
        image = QImage(
            int(self.size.width() * self.ratio),
            int(self.size.height() * self.ratio),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(self.ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setFont(self.font)
        rect = QRectF(0, 0, self.size.width(), self.size.height()).adjusted(6, 6, -10, -4)
        paint_feeling_chart(painter, rect, self.data, self.style)
        painter.end()
        self.relay.done.emit(self.generation, image)


class FeelingStrip(QWidget):
    """The shared feeling chart (ui/views/feeling_chart.py) over the client's whole history.

    Painted off the UI thread into an image, redrawn only when the data or size changes, so
    a long history never holds up opening a client or scrolling.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Feeling over time")
        self.setMinimumHeight(150)
        self.setMaximumHeight(170)
        self._data: Any = None
        self._image: QImage | None = None
        self._generation = 0
        self._relay = _ChartJob.Relay(self)
        self._relay.done.connect(self._rendered)
        self._pending = QTimer(self)  # coalesces resizes and reloads into one picture
        self._pending.setSingleShot(True)
        self._pending.setInterval(30)
        self._pending.timeout.connect(self._start_job)

    def set_history(self, entries: Sequence[Entry], cues: Sequence[Cue], end: dt.datetime) -> None:
        self._data = chart_data(entries, cues, end=end) if entries or cues else None
        self.setVisible(self._data is not None)
        self._render()

    def _style(self) -> ChartStyle:
        palette = self.palette()
        style = ChartStyle(text=palette.color(QPalette.ColorRole.PlaceholderText))
        if palette.color(QPalette.ColorRole.Base).lightness() < 128:  # dark scheme
            style.grid = palette.color(QPalette.ColorRole.Mid)
            style.line = palette.color(QPalette.ColorRole.Text)
            style.bars = palette.color(QPalette.ColorRole.Mid).lighter(140)
        return style

    def _render(self) -> None:
        self._generation += 1
        self._image = None
        self.update()
        if self._data is not None:
            self._pending.start()

    def _start_job(self) -> None:
        if self._data is None or not self.isVisible() or self.width() < 50:
            return
        job = _ChartJob(
            self._generation,
            self.size(),
            self.devicePixelRatioF(),
            QFont(self.font()),
            self._data,
            self._style(),
            self._relay,
        )
        QThreadPool.globalInstance().start(job)

    def _rendered(self, generation: int, image: QImage) -> None:
        if generation == self._generation:  # an older picture (another client) is dropped
            self._image = image
            self.update()

    def wait_for_chart(self) -> None:
        """For tests and benchmarks: let the pending picture arrive."""
        if self._pending.isActive():
            self._pending.stop()
            self._start_job()
        QThreadPool.globalInstance().waitForDone()
        QApplication.processEvents()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._render()

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()

    def paintEvent(self, event: Any) -> None:
        if self._image is None:
            return
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.end()


# --- the view ---------------------------------------------------------------------------------


class _List(QListView):
    """The list itself: clicks on cue links, keys for edit and delete."""

    def __init__(self, timeline: TimelineView) -> None:
        super().__init__(timeline)
        self._timeline = timeline

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            self._timeline._clicked(index.row(), event.position().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self._timeline._activated(index.row())
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._timeline._activated(index.row())
        elif index.isValid() and event.key() == Qt.Key.Key_Space:
            self._timeline._clicked(index.row(), None)
        elif index.isValid() and event.matches(QKeySequence.StandardKey.Delete):
            self._timeline.delete_current()
        elif index.isValid() and is_menu_key(event):
            self._timeline._context_menu(self.visualRect(index).center())
        else:
            super().keyPressEvent(event)


class TimelineView(QWidget):
    """One client's history; the shell calls set_client and listens to the two signals."""

    cueActivated = Signal(object)  # the Cue whose template the coach wants to write
    editRequested = Signal(int)  # an interaction id
    said = Signal(str)  # a short confirmation for the window's status bar

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = _now,
        cue_source: CueSource = default_cue_source,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._cue_source = cue_source
        self._stack: QUndoStack | None = None
        self.client_id: int | None = None
        self.cues: list[Cue] = []
        self._stale = False
        self.setAccessibleName("Client timeline")

        self.chart = FeelingStrip(self)
        self.notice = QLabel()
        self.notice.setAccessibleName("Timeline notice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("color: palette(placeholder-text); padding: 24px;")

        self.model = TimelineModel(self)
        self.list = _List(self)
        self.list.setAccessibleName("Interactions and cues, newest first")
        self.delegate = TimelineDelegate(self.list)
        self.delegate.model = self.model
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(200)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMouseTracking(True)
        self.list.viewport().setAutoFillBackground(False)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.cue_actions = CueActions(self, clock, lambda: self._stack, self.refresh)
        self.cue_actions.focus_home = self.list
        self.cue_bar = CueActionBar(self.cue_actions, self)
        self.model.cueChosen.connect(self.cue_bar.set_cue)
        self.cue_note = HeldNote(self.cue_actions, self)

        layout.addWidget(self.chart)
        layout.addWidget(self.cue_note)
        layout.addWidget(self.cue_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.list, 1)

        self.edit_action = QAction("&Edit interaction…", self)
        self.edit_action.triggered.connect(self._edit_current)
        self.delete_action = QAction("&Delete interaction", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        if undo_stack is not None:
            self.set_undo_stack(undo_stack)
        self.set_client(None)

    # --- public ---------------------------------------------------------------------------

    def set_undo_stack(self, stack: QUndoStack) -> None:
        """The shell's stack: deletes go on it, and any undo or redo refreshes the timeline."""
        if self._stack is not None:
            self._stack.indexChanged.disconnect(self._stack_changed)
        self._stack = stack
        stack.indexChanged.connect(self._stack_changed)

    def set_client(self, client_id: int | None) -> None:
        if client_id != self.client_id:
            self.cue_note.hide()  # the note was about the previous client's cue
        self.client_id = client_id
        self.model.expanded.clear()
        self.model.marked.clear()
        self.model.show_evidence(None)
        self.refresh()
        self.list.scrollToTop()

    def refresh(self) -> None:
        """Reload the client's history and cues, keeping scroll position, selection and folds."""
        scroll = self.list.verticalScrollBar().value()
        current = self.list.currentIndex().data(ITEM_ROLE)
        if self.client_id is None:
            self._show([], [], "Pick a client to see their timeline.")
            return
        try:
            client = client_by_id(self.client_id)
            entries = entries_of(client.id)
            self.cues = list(self._cue_source(client, self._clock()))
            if any(cue.template for cue in self.cues):  # only then is a "Write: …" link shown
                _load_template_titles()
        except RapportError as exc:
            self.client_id = None
            self._show([], [], str(exc))
            return
        empty = f"Nothing recorded with {client.name} yet. Press Ctrl+N after your next call."
        self._show(entries, self.cues, "" if entries or self.cues else empty)
        selected = self.model.selected_cue
        if selected is not None:
            still = next((c for c in self.cues if _same_cue(c, selected)), None)
            self.model.show_evidence(still)
        self._restore_current(current)
        self.list.verticalScrollBar().setValue(scroll)

    def scroll_to_interaction(self, interaction_id: int) -> None:
        row = self.model.row_of_interaction(interaction_id)
        if row is None:
            return
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def show_search_hit(self, hit: SearchHit) -> None:
        """Open a search hit: the entry selected, its notes unfolded, the found words marked."""
        row = self.model.row_of_interaction(hit.ref_id)
        if row is None:
            return
        self.model.unfold(row, marked_words(hit.title + " " + hit.snippet))
        self.list.doItemsLayout()
        self.scroll_to_interaction(hit.ref_id)

    def show_cue(self, cue: Cue) -> None:
        """Highlight a cue's evidence and bring the first of it into view."""
        self.model.show_evidence(cue)
        rows = self.model.rows_of_uids(self.model.highlighted)
        cue_row = next(
            (
                r
                for r, item in enumerate(self.model.items)
                if isinstance(item, CueMark) and _same_cue(item.cue, cue)
            ),
            None,
        )
        target = cue_row if cue_row is not None else (rows[0] if rows else None)
        if target is not None:
            self.list.scrollTo(self.model.index(target), QAbstractItemView.ScrollHint.EnsureVisible)
        if rows:
            self.list.scrollTo(
                self.model.index(rows[0]), QAbstractItemView.ScrollHint.EnsureVisible
            )

    # --- internals ------------------------------------------------------------------------

    def _show(self, entries: list[Entry], cues: list[Cue], notice: str) -> None:
        self.model.reset(place_cues(entries, cues), evidence_bands(cues))
        self.chart.set_history(entries, cues, self._clock())
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.list.setVisible(not notice)

    def _restore_current(self, item: TimelineItem | None) -> None:
        if isinstance(item, Entry):
            row = self.model.row_of_interaction(item.id)
            if row is not None:
                self.list.setCurrentIndex(self.model.index(row))

    def _stack_changed(self, _index: int) -> None:
        # A hidden timeline refreshes when shown again; that also keeps a stack being torn down
        # at quit (QUndoStack's destructor clears itself) from reading a closed journal.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _item(self, row: int) -> TimelineItem | None:
        return self.model.items[row] if 0 <= row < len(self.model.items) else None

    def _clicked(self, row: int, pos: Any) -> None:
        item = self._item(row)
        if isinstance(item, CueMark):
            link = self.delegate.link_rect(
                self.list.visualRect(self.model.index(row)), self.list.font(), item.cue
            )
            if pos is not None and link is not None and link.contains(pos):
                self.show_cue(item.cue)
                self.cueActivated.emit(item.cue)
                return
            same = self.model.selected_cue is not None and _same_cue(
                self.model.selected_cue, item.cue
            )
            if same:
                self.model.show_evidence(None)
            else:
                self.show_cue(item.cue)
        elif isinstance(item, Entry):
            self.model.toggle_expanded(row)
            self.list.doItemsLayout()
            self.list.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.EnsureVisible)

    def _activated(self, row: int) -> None:
        item = self._item(row)
        if isinstance(item, CueMark):
            self.show_cue(item.cue)
            if item.cue.template:
                self.cueActivated.emit(item.cue)
        elif isinstance(item, Entry):
            self.editRequested.emit(item.id)

    def _current_entry(self) -> Entry | None:
        item = self.list.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Entry) else None

    def _edit_current(self) -> None:
        entry = self._current_entry()
        if entry is not None:
            self.editRequested.emit(entry.id)

    def delete_current(self) -> None:
        """Delete the selected interaction, undoably; without the shell's stack, nothing happens."""
        from ui.commands import DeleteInteractionCommand, push_applied, short_label

        entry = self._current_entry()
        if entry is None or self._stack is None:
            return
        row = self.list.currentIndex().row()
        try:
            push_applied(self._stack, DeleteInteractionCommand(entry.id))
        except RapportError as exc:
            self.notice.setText(str(exc))
            self.notice.show()
            return
        # Said, and the keyboard stays in the list: on the entry that took its place.
        self.said.emit(f"Deleted “{short_label(entry.summary)}”. Ctrl+Z brings it back.")
        self._select_entry_near(row)

    def _select_entry_near(self, row: int) -> None:
        items = self.model.items
        after = (r for r in range(row, len(items)) if isinstance(items[r], Entry))
        before = (r for r in range(min(row, len(items)) - 1, -1, -1) if isinstance(items[r], Entry))
        target = next(after, None)
        if target is None:
            target = next(before, None)
        if target is not None:
            self.list.setCurrentIndex(self.model.index(target))

    def _context_menu(self, pos: Any) -> None:
        index = self.list.indexAt(pos)
        item = index.data(ITEM_ROLE)
        if isinstance(item, CueMark):
            self._cue_context_menu(index, item.cue, pos)
            return
        if not isinstance(item, Entry):
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        self.delete_action.setEnabled(self._stack is not None)
        menu.addAction(self.delete_action)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _cue_context_menu(self, index: QModelIndex, cue: Cue, pos: Any) -> None:
        """Write from the template, Dismiss, Snooze: the cue is chosen first, evidence lit."""
        self.list.setCurrentIndex(index)
        self.show_cue(cue)
        first = []
        if cue.template:
            write = QAction(_link_text(cue).rstrip(" ›") + "…")
            write.triggered.connect(lambda: self.cueActivated.emit(cue))
            first.append(write)
        self.cue_actions.show_menu(cue, self.list.viewport().mapToGlobal(pos), first)


@dataclass(frozen=True)
class _CueLayout:
    text: QRect
    link: QRect | None
    height: int  # the whole row's


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return bold


def _link_text(cue: Cue) -> str:
    template = cue.template or ""
    return f"Write: {_template_titles.get(template, template)}  ›"


def _load_template_titles() -> None:
    from journal.templates.library import default_language, list_templates

    titles = {t.id: t.title for t in list_templates(default_language())}
    _template_titles.clear()
    _template_titles.update(titles)


def marked_words(text: str) -> list[str]:
    """The words a search marked in a hit's title or snippet, each once."""
    found = re.findall(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}", text)
    return list(dict.fromkeys(word.strip() for word in found if word.strip()))


def _same_cue(a: Cue, b: Cue) -> bool:
    return (a.kind, a.client_id, a.evidence) == (b.kind, b.client_id, b.evidence)
