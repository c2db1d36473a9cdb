"""THE drawing of a client's feeling over time, for screen and paper alike.

One function, `paint_feeling_chart`, paints a `journal.reports.chart.ChartData` into a rectangle
with any QPainter: a widget's, a QImage's or a QPdfWriter's. Sizes are worked out from the
paint device's resolution, so the chart looks the same on a 96 dpi screen and a 1200 dpi PDF.
It only uses QPainter, QFont and QPen (no QPixmap), so it is safe in a worker thread.

Layout, top to bottom: a strip of cue markers (each severity's shape and colour, with a
faint line down through the plot), the feeling plot (-2..+2, a line through each interaction
that recorded a feeling), and bars of contact density (interactions per bar's weeks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from journal.i18n import _, language
from journal.reports.chart import ChartData
from journal.values.dates import MONTHS_SHORT
from journal.values.vocabulary import FEELING_MAX, FEELING_MIN
from ui.style import severity_shape

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _feeling_colours() -> dict[int, QColor]:
    return {
        -2: QColor("#b5523b"),
        -1: QColor("#d0895a"),
        0: QColor("#8d939b"),
        1: QColor("#6c9f80"),
        2: QColor("#3d7a5c"),
    }


def _severity_colours() -> dict[int, QColor]:
    return {1: QColor("#7d8fa6"), 2: QColor("#d09a2c"), 3: QColor("#b5523b")}


@dataclass
class ChartStyle:
    """Colours, font and words of the chart; the defaults suit white paper and a light theme."""

    font: QFont | None = None  # None: the painter's font
    text: QColor = field(default_factory=lambda: QColor("#4a4f57"))
    grid: QColor = field(default_factory=lambda: QColor("#d8dce1"))
    line: QColor = field(default_factory=lambda: QColor("#50606f"))
    bars: QColor = field(default_factory=lambda: QColor("#c7d2dc"))
    background: QColor | None = None
    feeling: dict[int, QColor] = field(default_factory=_feeling_colours)
    severity: dict[int, QColor] = field(default_factory=_severity_colours)
    top_label: str = field(default_factory=lambda: _("very good"))
    bottom_label: str = field(default_factory=lambda: _("very bad"))
    contacts_label: str = field(default_factory=lambda: _("contacts"))
    cues_label: str = field(default_factory=lambda: _("cues"))
    empty_label: str = field(default_factory=lambda: _("Nothing recorded in this period."))
    months: tuple[str, ...] = field(default_factory=lambda: MONTHS_SHORT[language()])
    zone: dt.tzinfo | None = None  # dates on the axis in this zone; None: local time


def paint_feeling_chart(
    painter: QPainter, rect: QRectF, data: ChartData, style: ChartStyle | None = None
) -> None:
    """Paint the chart inside rect. Leaves the painter's state as it found it."""
    style = style or ChartStyle()
    painter.save()
    try:
        _paint(painter, QRectF(rect), data, style)
    finally:
        painter.restore()


def _paint(painter: QPainter, rect: QRectF, data: ChartData, style: ChartStyle) -> None:
    device = painter.device()
    px = (device.logicalDpiY() if device is not None else 96) / 96.0  # one screen pixel
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(style.font or painter.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.8)
    painter.setFont(font)
    metrics = QFontMetricsF(font, device)
    line_h = metrics.height()
    if style.background is not None:
        painter.fillRect(rect, style.background)

    gutter = (
        max(
            metrics.horizontalAdvance(s)
            for s in (style.top_label, style.bottom_label, style.contacts_label, style.cues_label)
        )
        + 6 * px
    )
    left = rect.left() + gutter
    right = rect.right() - 4 * px
    width = max(1.0, right - left)
    cue_strip = QRectF(left, rect.top(), width, line_h)
    axis_h = line_h + 2 * px
    bars_h = max(line_h * 2.2, rect.height() * 0.22)
    bars = QRectF(left, rect.bottom() - axis_h - bars_h, width, bars_h)
    top = cue_strip.bottom() + line_h * 0.6
    plot = QRectF(left, top, width, max(1.0, bars.top() - line_h * 0.8 - top))

    def x_of(moment: dt.datetime) -> float:
        return left + data.fraction(moment) * width

    def y_of(feeling: int) -> float:
        share = (feeling - FEELING_MIN) / (FEELING_MAX - FEELING_MIN)
        return plot.bottom() - share * plot.height()

    text_pen = QPen(style.text)
    label_flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    # Feeling grid: a line per level, the neutral one a little stronger.
    for level in range(FEELING_MIN, FEELING_MAX + 1):
        pen = QPen(style.grid, (1.2 if level == 0 else 0.6) * px)
        if level != 0:
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QLineF(left, y_of(level), right, y_of(level)))
    painter.setPen(text_pen)
    for level, words in ((FEELING_MAX, style.top_label), (FEELING_MIN, style.bottom_label)):
        painter.drawText(
            QRectF(rect.left(), y_of(level) - line_h / 2, gutter - 4 * px, line_h),
            label_flags,
            words,
        )
    painter.drawText(
        QRectF(rect.left(), y_of(0) - line_h / 2, gutter - 4 * px, line_h), label_flags, "0"
    )

    # Month ticks along the bottom.
    painter.setPen(text_pen)
    for moment, label in _month_ticks(data, style):
        x = x_of(moment)
        painter.setPen(QPen(style.grid, 0.6 * px))
        painter.drawLine(QLineF(x, plot.top(), x, bars.bottom()))
        if x + 2 * px + metrics.horizontalAdvance(label) > right:
            continue  # a tick too near the right edge keeps its line, not its label
        painter.setPen(text_pen)
        painter.drawText(
            QRectF(x + 2 * px, bars.bottom() + 2 * px, 80 * px, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            label,
        )

    # Contact density bars.
    painter.setPen(text_pen)
    painter.drawText(
        QRectF(rect.left(), bars.bottom() - line_h, gutter - 4 * px, line_h),
        label_flags,
        style.contacts_label,
    )
    painter.setPen(QPen(style.grid, 0.8 * px))
    painter.drawLine(QLineF(left, bars.bottom(), right, bars.bottom()))
    peak = data.max_contacts
    if peak:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(style.bars))
        for bin_ in data.contacts:
            if not bin_.count:
                continue
            x0, x1 = x_of(bin_.start), x_of(bin_.end)
            h = bars.height() * bin_.count / peak
            painter.drawRect(
                QRectF(x0 + 0.8 * px, bars.bottom() - h, max(px, x1 - x0 - 1.6 * px), h)
            )
        painter.setPen(text_pen)  # the scale: the tallest bar's count, just below its top,
        painter.drawText(  # clear of the feeling axis' "very bad" just above
            QRectF(rect.left(), bars.top(), gutter - 4 * px, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            str(peak),
        )

    # Cue markers: the severity's shape in the strip and a faint line down through the plot.
    if data.cues:
        painter.setPen(text_pen)
        painter.drawText(
            QRectF(rect.left(), cue_strip.top(), gutter - 4 * px, line_h),
            label_flags,
            style.cues_label,
        )
    size = line_h * 0.45
    for cue in data.cues:
        colour = style.severity.get(cue.severity, style.line)
        x = x_of(cue.at)
        faint = QColor(colour)
        faint.setAlphaF(0.45)
        painter.setPen(QPen(faint, 0.8 * px, Qt.PenStyle.DashLine))
        painter.drawLine(QLineF(x, cue_strip.bottom(), x, plot.bottom()))
        box = QRectF(x - size, cue_strip.center().y() - size, 2 * size, 2 * size)
        painter.fillPath(severity_shape(box, cue.severity), colour)

    # The feeling line and its points.
    if data.feelings:
        points = [QPointF(x_of(p.at), y_of(p.feeling)) for p in data.feelings]
        painter.setPen(
            QPen(
                style.line,
                1.4 * px,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Segments, not one path: with round caps they look the same, and Qt strokes a
        # joined path of thousands of points in one long call (the chart strip paints on a
        # pool thread, and that call held the interpreter, and so the window, meanwhile).
        painter.drawLines([QLineF(a, b) for a, b in pairwise(points)])
        radius = (3.2 if len(points) < 120 else 1.8) * px
        painter.setPen(QPen(QColor("white"), 0.8 * px))
        for point, sample in zip(points, data.feelings, strict=True):
            painter.setBrush(QBrush(style.feeling.get(sample.feeling, style.line)))
            painter.drawEllipse(point, radius, radius)
    elif data.is_empty:
        painter.setPen(text_pen)
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, style.empty_label)


def _month_ticks(data: ChartData, style: ChartStyle) -> list[tuple[dt.datetime, str]]:
    """First of each month in the range; thinned so labels never crowd (at most about eight)."""
    start = data.start.astimezone(style.zone)
    end = data.end.astimezone(style.zone)
    ticks: list[tuple[dt.datetime, str]] = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        moment = start.replace(
            year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0
        )
        if moment > end:
            break
        label = style.months[month - 1]
        if month == 1 or not ticks:
            label = f"{label} {year}"
        ticks.append((moment, label))
    if len(ticks) < 2:  # a short period: weekly ticks instead
        ticks = []
        moment = start.replace(hour=0, minute=0, second=0, microsecond=0)
        moment += dt.timedelta(days=(7 - moment.weekday()) % 7 or 7)
        while moment <= end:
            ticks.append((moment, f"{moment.day} {style.months[moment.month - 1]}"))
            moment += dt.timedelta(days=7)
    stride = max(1, -(-len(ticks) // 8))
    return ticks[::stride]
