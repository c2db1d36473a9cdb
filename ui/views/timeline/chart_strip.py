"""The feeling chart strip above the timeline list, painted off the UI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from journal.cues.model import Cue
from journal.i18n import _
from journal.reports.chart import chart_data
from journal.timeline import Entry
from ui.views.feeling_chart import ChartStyle, paint_feeling_chart


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
        self.setAccessibleName(_("Feeling over time"))
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
