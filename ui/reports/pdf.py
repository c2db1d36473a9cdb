"""Pages: a laid-out QTextDocument painted onto PDF pages with a header and "page N of M".

The body is one QTextDocument paginated by Qt's own layout (a line or a table row never
straddles two pages). Header and footer are painted per page around it. The feeling chart is
a placeholder image in the document, overpainted with `paint_feeling_chart`, so the chart on
paper is the very drawing the timeline shows on screen, and stays vector.

Only QPdfWriter, QPainter, QTextDocument and QImage are used: all safe in a worker thread.
The file is written atomically once every page is done, so a failed report leaves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLineF,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from journal.atomic import write_bytes_atomic
from journal.chart_data import ChartData
from journal.errors import RapportError
from ui.feeling_chart import ChartStyle, paint_feeling_chart
from ui.reports.fonts import report_font

RESOLUTION = 300  # device pixels per inch of the PDF's coordinate space
CHART_URL = "rapport:feeling-chart"
INK = QColor("#2b323a")
MUTED = QColor("#6b7380")
CONFIDENTIAL = QColor("#9b3d2e")
RULE = QColor("#c9ced4")

Progress = Callable[[int, int], None]


class PageSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def qt(self) -> QPageSize:
        return QPageSize(
            QPageSize.PageSizeId.A4 if self is PageSize.A4 else QPageSize.PageSizeId.Letter
        )


@dataclass(frozen=True)
class PageFrame:
    """What goes around the body on every page."""

    title: str
    subject: str  # the client's name, or who the practice belongs to
    period: str
    confidential: str | None  # the word, on private reports only
    footer: str
    page_label: Callable[[int, int], str]  # (n, m) -> "page n of m"


@dataclass(frozen=True)
class ChartSlot:
    data: ChartData
    style: ChartStyle
    height_mm: float


def pt_to_px(points: float) -> float:
    """A length in points as device pixels (for painting the frame)."""
    return points * RESOLUTION / 72


def css_px(points: float) -> float:
    """A length in points as HTML/CSS px: Qt reads those as 1/96 inch on any paint device."""
    return round(points * 96 / 72, 2)


def mm_to_px(mm: float) -> float:
    return mm * RESOLUTION / 25.4


def chart_placeholder(width_px: float, height_px: float) -> str:
    """An empty image of the chart's size (given in device pixels) for the chart to cover."""
    scale = 96 / RESOLUTION
    width, height = int(width_px * scale), int(height_px * scale)
    return f'<p style="margin:0"><img src="{CHART_URL}" width="{width}" height="{height}"></p>'


def body_width_px(page_size: PageSize) -> float:
    """The width of the body in device pixels, for sizing the chart placeholder."""
    layout = QPageLayout(
        page_size.qt, QPageLayout.Orientation.Portrait, _margins(), QPageLayout.Unit.Millimeter
    )
    return float(layout.paintRectPixels(RESOLUTION).width())


def _margins() -> QMarginsF:
    return QMarginsF(18, 14, 18, 12)


def render_pdf(
    html: str,
    frame: PageFrame,
    path: Path,
    page_size: PageSize,
    chart: ChartSlot | None = None,
    progress: Progress | None = None,
) -> int:
    """Lay out `html` on pages and write the PDF to `path` atomically; returns the page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            page_size.qt, QPageLayout.Orientation.Portrait, _margins(), QPageLayout.Unit.Millimeter
        )
    )
    writer.setTitle(f"{frame.title}: {frame.subject}")
    writer.setCreator("Rapport")

    base = report_font()
    head_font = QFont(base)
    head_font.setPointSizeF(base.pointSizeF() * 1.25)
    head_font.setBold(True)
    small = QFont(base)
    small.setPointSizeF(base.pointSizeF() * 0.85)
    head_h = QFontMetricsF(head_font, writer).height()
    small_h = QFontMetricsF(small, writer).height()
    width = float(writer.width())
    header_h = head_h + small_h + mm_to_px(5)
    footer_h = small_h + mm_to_px(3)
    body_h = float(writer.height()) - header_h - footer_h

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(base)
    doc.setDocumentMargin(0)
    doc.setUseDesignMetrics(True)
    doc.setPageSize(QSizeF(width, body_h))
    if chart is not None:
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), blank)
    doc.setHtml(html)
    pages = max(1, doc.pageCount())
    chart_rect = _placeholder_rect(doc) if chart is not None else None

    painter = QPainter()
    if not painter.begin(writer):
        raise RapportError("Could not start writing the PDF; nothing was written.")
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            _paint_frame(
                painter,
                frame,
                index + 1,
                pages,
                width,
                float(writer.height()),
                head_font,
                small,
                head_h,
                small_h,
            )
            painter.save()
            painter.translate(0, header_h - index * body_h)
            page_rect = QRectF(0, index * body_h, width, body_h)
            doc.drawContents(painter, page_rect)
            if chart is not None and chart_rect is not None and chart_rect.intersects(page_rect):
                painter.setClipRect(page_rect)
                painter.setFont(base)
                paint_feeling_chart(painter, chart_rect, chart.data, chart.style)
            painter.restore()
            if progress is not None:
                progress(index + 1, pages)
    finally:
        painter.end()
    buffer.close()
    data: QByteArray = buffer.data()
    write_bytes_atomic(path, bytes(data.data()))
    return pages


def _placeholder_rect(doc: QTextDocument) -> QRectF | None:
    block = doc.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name() == CHART_URL:
                image = fmt.toImageFormat()
                scale = RESOLUTION / 96
                box = doc.documentLayout().blockBoundingRect(block)
                line = block.layout().lineForTextPosition(fragment.position() - block.position())
                top = box.top() + (line.y() if line.isValid() else 0)
                return QRectF(box.left(), top, image.width() * scale, image.height() * scale)
            iterator += 1
        block = block.next()
    return None


def _paint_frame(
    painter: QPainter,
    frame: PageFrame,
    number: int,
    pages: int,
    width: float,
    height: float,
    head_font: QFont,
    small: QFont,
    head_h: float,
    small_h: float,
) -> None:
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.save()
    painter.setFont(head_font)
    painter.setPen(INK)
    painter.drawText(QRectF(0, 0, width * 0.75, head_h), left, frame.title)
    if frame.confidential:
        painter.setPen(CONFIDENTIAL)
        painter.drawText(QRectF(width * 0.5, 0, width * 0.5, head_h), right, frame.confidential)
    painter.setFont(small)
    painter.setPen(MUTED)
    subject = QRectF(0, head_h, width * 0.65, small_h)
    painter.drawText(
        subject,
        left,
        QFontMetricsF(small, painter.device()).elidedText(
            frame.subject, Qt.TextElideMode.ElideRight, subject.width()
        ),
    )
    painter.drawText(QRectF(width * 0.5, head_h, width * 0.5, small_h), right, frame.period)
    rule_y = head_h + small_h + mm_to_px(1.5)
    painter.setPen(QPen(RULE, pt_to_px(0.6)))
    painter.drawLine(QLineF(0, rule_y, width, rule_y))
    footer = QRectF(0, height - small_h, width, small_h)
    painter.setPen(QPen(RULE, pt_to_px(0.6)))
    painter.drawLine(QLineF(0, footer.top() - mm_to_px(1.5), width, footer.top() - mm_to_px(1.5)))
    painter.setPen(MUTED)
    painter.drawText(footer, left, frame.footer)
    painter.drawText(footer, right, frame.page_label(number, pages))
    painter.restore()
