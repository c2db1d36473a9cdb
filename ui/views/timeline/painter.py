"""Paints the timeline's entries and cue bands with QPainter.

Sizes come from font metrics alone (no text layout for a collapsed entry), so a client with
ten thousand interactions opens and scrolls smoothly; one geometry serves painting and clicks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from journal.cues.model import Cue
from journal.entries.capture import SELF_CHECK_QUESTIONS
from journal.i18n import _, language
from journal.templates.library import list_templates
from journal.timeline import CueMark, Entry
from journal.values.dates import short_date, time_of_day
from ui.style import paint_severity, severity_color
from ui.views.timeline.glyphs import (
    DIRECTION_TEXT,
    FEELING_WORDS,
    channel_word,
    emotion_word,
    feeling_color,
    paint_channel_glyph,
)
from ui.views.timeline.model import ITEM_ROLE, Index, TimelineModel

# The "Write: …" link names a template as the template list does, in the app's language
# (a user's own version of it included); refreshed whenever a timeline loads.
_template_titles: dict[str, str] = {}


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
            asked = dict(SELF_CHECK_QUESTIONS)
            yes, no = _("yes"), _("no")
            answers = [
                f"{_(asked[k]) if k in asked else k} {yes if v else no}"
                for k, v in entry.self_check.items()
            ]
            parts.append(_("Self-check: {answers}").format(answers="; ".join(answers)))
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
            painter.drawText(layout.link, Qt.AlignmentFlag.AlignCenter, link_text(cue))
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
            QFontMetrics(small).horizontalAdvance(link_text(cue)) + 2 * self.PAD
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
        if band is not None:
            # The entry is evidence of an open cue: the severity's mark in the gutter, so the
            # level reads without colour, and a stripe down the card's height below it.
            mark = QRectF(rect.left() + 2, card.top() + 3, 10, 10)
            paint_severity(painter, mark, band)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(severity_color(band))
            painter.drawRoundedRect(
                QRectF(rect.left() + 5, mark.bottom() + 3, 4, card.bottom() - mark.bottom() - 5),
                2,
                2,
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
        lang = model.language if model is not None else language()
        when = f"{short_date(local.date(), lang, weekday=True)}  ·  {time_of_day(local)}"
        # The feeling at the right keeps its room; the left part is elided to what is left.
        word = _(FEELING_WORDS[entry.feeling]) if entry.feeling is not None else ""
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
        direction = entry.direction
        direction = _(DIRECTION_TEXT[direction]) if direction in DIRECTION_TEXT else direction
        channel_text = f"{channel_word(entry.channel)}   {direction}"
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
            details.append(" · ".join(emotion_word(word) for word in entry.emotions))
        if entry.awaits_reply:
            details.append(_("awaiting reply"))
        if entry.follow_up_on:
            day = short_date(entry.follow_up_on, lang, year=False)
            details.append(_("follow up {date}").format(date=day))
        if notes:
            details.append(_("▾ notes") if expanded else _("▸ notes"))
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


@dataclass(frozen=True)
class _CueLayout:
    text: QRect
    link: QRect | None
    height: int  # the whole row's


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return bold


def link_text(cue: Cue) -> str:
    template = cue.template or ""
    return _("Write: {template}  ›").format(template=_template_titles.get(template, template))


def load_template_titles() -> None:
    titles = {t.id: t.title for t in list_templates(language())}
    _template_titles.clear()
    _template_titles.update(titles)
