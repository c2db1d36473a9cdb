"""How an entry looks wherever it is shown: channel glyphs, feeling words and colours.

Shared by the timeline painter and the capture dialog, so a channel or a feeling looks the
same in both; drawn, not taken from fonts, so glyphs are crisp at any DPI.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from journal.i18n import N_
from journal.values.vocabulary import CHANNEL_WORDS, STATUS_WORDS, said
from journal.values.vocabulary import EMOTION_WORDS as EMOTION_WORDS
from journal.values.vocabulary import FEELING_WORDS as FEELING_WORDS
from journal.values.vocabulary import emotion_word as emotion_word

_FEELING_COLOURS = {-2: "#b5523b", -1: "#d0895a", 0: "#8d939b", 1: "#6c9f80", 2: "#3d7a5c"}


DIRECTION_TEXT = {
    "out": N_("→ to client"),
    "in": N_("← from client"),
    "two_way": N_("⇄ both ways"),
}


def status_word(status: str) -> str:
    """A client's status as the coach reads it, from its stored name."""
    return said(STATUS_WORDS, status)


def channel_word(channel: str) -> str:
    """A channel as the coach reads it ("mejl"), from its stored name ("email")."""
    return said(CHANNEL_WORDS, channel)


def feeling_color(feeling: int | None) -> QColor:
    return QColor(_FEELING_COLOURS.get(feeling, "#8d939b") if feeling is not None else "#8d939b")


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
