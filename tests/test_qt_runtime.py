"""The Qt binding must survive a long session: a refcount bug in one release aborted the app."""

from __future__ import annotations

import os
import subprocess
import sys

PAINT_A_LOT = """
import sys
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter, QPen
image = QImage(16, 16, QImage.Format.Format_ARGB32)
painter = QPainter(image)
for _ in range(300_000):  # about what a long day of timeline painting and reports calls
    painter.setPen(QPen())
    painter.drawLine(QPointF(0, 0), QPointF(1, 1))
painter.end()
print("survived")
"""


def test_many_painter_calls_do_not_abort_the_process() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PAINT_A_LOT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout
