"""The moment after a paint, and the start-up milestones the benchmark reads.

`after_next_paint` is how the app opens the journal right after the window's first frame.

With RAPPORT_STARTUP_PROBE=1 in its environment the app prints one line to standard output
at each milestone of its start: the milestone, the process's CPU time so far in seconds, and
any figures that go with it. Without it, nothing is printed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENABLED = os.environ.get("RAPPORT_STARTUP_PROBE") == "1"


def milestone(name: str, *figures: object) -> None:
    if ENABLED:
        print(name, f"{time.process_time():.4f}", *figures, flush=True)


class _NextPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)  # no call once the widget is gone
        return False

    def _call(self) -> None:
        self._then()
        self.deleteLater()


def after_next_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once `widget` has painted and the event loop has come round again."""
    _NextPaint(widget, then)
