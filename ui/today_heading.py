"""Today's heading, shown from the window's first paint.

The rest of Today (its list, delegate and cue actions, ui.today) is built once there is
something to list: the cues come a moment after the window has painted. Until then the
window shows `TodayStandIn`, laid out as TodayView lays out its top, so the swap does not
move a pixel.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

CHECKING = "Checking for cues…"  # not "nothing needs you" before anyone has looked
MARGINS = (16, 12, 16, 12)


def heading_text(today: dt.date) -> str:
    return f"Today, {today:%A} {today.day} {today:%B}"


def heading_labels(today: dt.date) -> tuple[QLabel, QLabel]:
    """The heading and the one-line summary under it."""
    heading = QLabel(heading_text(today))
    heading.setAccessibleName("Today heading")
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    heading.setFont(font)
    summary = QLabel(CHECKING)
    summary.setAccessibleName("Today summary")
    summary.setWordWrap(True)
    return heading, summary


class TodayStandIn(QWidget):
    """Today before the cues are known: its heading and "Checking for cues…"."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Today")
        self.heading, self.summary = heading_labels(today)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addStretch(1)
