"""Pages: a laid-out QTextDocument painted onto PDF pages with a header and "page N of M".

The body is one QTextDocument paginated by Qt's own layout (a line or a table row never
straddles two pages). Header and footer are painted per page around it. The feeling chart is
a placeholder image in the document, overpainted with `paint_feeling_chart`, so the chart on
paper is the very drawing the timeline shows on screen, and stays vector.

Only QPdfWriter, QPainter, QTextDocument and QImage are used: all safe in a worker thread.
The file is written atomically once every page is done, so a failed report leaves nothing.

PySide6 keeps Python's global lock for the whole of each Qt call, so a worker in one long
call freezes the window that long (setHtml and the layout of a long report froze it
visibly; the README's performance section has the figures). The document is therefore read in
pieces of a few thousand characters and laid out a stretch at a time, handing the lock over
between pieces: no call runs long, and the document is the very one setHtml would make.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
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
    QTextCursor,
    QTextDocument,
)

from journal.errors import RapportError
from journal.i18n import _
from journal.reports.chart import ChartData
from journal.store.atomic import write_bytes_atomic
from ui.reports.fonts import report_font
from ui.views.feeling_chart import ChartStyle, paint_feeling_chart

RESOLUTION = 300  # device pixels per inch of the PDF's coordinate space
CHART_URL = "rapport:feeling-chart"
INK = QColor("#2b323a")
MUTED = QColor("#6b7380")
CONFIDENTIAL = QColor("#9b3d2e")
RULE = QColor("#c9ced4")

PIECE_CHARS = 12_000
"""HTML read by Qt in one call: a few milliseconds of parsing."""
LAYOUT_STEP = 8_000
"""Document characters laid out per Qt call: a few milliseconds."""

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
    author: str = ""  # the coach, from Preferences; the PDF's Author field


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


def pieces(blocks: Sequence[str], size: int = PIECE_CHARS) -> Iterator[list[str]]:
    """Consecutive top-level elements grouped into pieces of about `size` characters of HTML.

    A piece begins only at a paragraph or heading that follows another, never at or after a
    table: a table stays whole, and no piece starts beside a frame, where Qt would add a block.
    """
    piece: list[str] = []
    length = 0
    flowed = False  # whether the element before was a paragraph or heading
    for block in blocks:
        flows = block.startswith(("<p", "<h"))
        if piece and length >= size and flows and flowed:
            yield piece
            piece, length = [], 0
        piece.append(block)
        length += len(block)
        flowed = flows
    if piece:
        yield piece


def fill_document(
    doc: QTextDocument, style: str, blocks: Sequence[str], piece_chars: int = PIECE_CHARS
) -> None:
    """Give `doc` the content of setHtml(style + "".join(blocks)), a piece at a time.

    Each later piece is appended as HTML with the same style sheet, in a new block. Appending
    merges the piece's first paragraph into that block, keeping the block's formats, so the
    block is opened with the formats that paragraph has on its own (read in a scratch
    document). Ask for `doc`'s layout only afterwards: growing a laid-out document is slow.
    """
    parts = pieces(blocks, piece_chars)
    doc.setHtml(style + "".join(next(parts, [])))
    cursor = QTextCursor(doc)
    for piece in parts:
        let_the_window_run()
        opening = QTextDocument()
        opening.setHtml(style + piece[0])
        first = opening.begin()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(first.blockFormat(), first.charFormat())
        cursor.insertHtml(style + "".join(piece))


def lay_out(doc: QTextDocument, step: int = LAYOUT_STEP) -> int:
    """Lay `doc` out a stretch at a time; returns its page count.

    Qt lays a document out lazily, in steps from the top; asking where a block is lays it out
    just as far as that block, with the very steps pageCount() would take in one call.
    """
    layout = doc.documentLayout()
    for position in range(step, doc.characterCount(), step):
        layout.blockBoundingRect(doc.findBlock(position))
        let_the_window_run()
    return max(1, doc.pageCount())


def let_the_window_run() -> None:
    """Hand Python's global lock to the UI thread if it waits (time.sleep releases it).

    Called between short Qt calls and in long Python loops of a render: CPython's own forced
    switch (every 5 ms) was measured to leave the window waiting 20-60 ms at times here.
    """
    time.sleep(0)


def render_pdf(
    style: str,
    blocks: Sequence[str],
    frame: PageFrame,
    path: Path,
    page_size: PageSize,
    chart: ChartSlot | None = None,
    progress: Progress | None = None,
) -> int:
    """Lay out the HTML (`style` + `blocks`) on pages and write the PDF to `path` atomically;
    returns the page count."""
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
    if frame.author:
        writer.setAuthor(frame.author)

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
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(base)
    doc.setDocumentMargin(0)
    doc.setUseDesignMetrics(True)
    if chart is not None:
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), blank)
    # Filled before it has a layout (each insertion into a laid-out document costs ~3x), and
    # laid out once it is whole and has its page size.
    fill_document(doc, style, blocks)
    doc.documentLayout().setPaintDevice(writer)
    doc.setPageSize(QSizeF(width, body_h))
    pages = lay_out(doc)
    chart_rect = _placeholder_rect(doc) if chart is not None else None

    painter = QPainter()
    if not painter.begin(writer):
        raise RapportError(_("Could not start writing the PDF; nothing was written."))
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
            let_the_window_run()
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
