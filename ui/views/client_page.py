"""A client's page: the timeline, the centre of the app, with the profile beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from ui.style import TIMELINE_MIN_WIDTH
from ui.views.profile.panel import ProfilePanel
from ui.views.timeline.view import TimelineView


class ClientPage(QSplitter):
    """The timeline and the profile side by side, sharing the window's clock and undo stack."""

    def __init__(
        self,
        clock: Callable[[], dt.datetime],
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setChildrenCollapsible(False)
        self.timeline = TimelineView(clock=clock, undo_stack=undo_stack)
        self.profile = ProfilePanel(undo_stack, today=lambda: clock().date())
        # On a small screen the timeline keeps a readable width: the client list and the
        # profile give way first (the list then scrolls sideways).
        self.timeline.setMinimumWidth(TIMELINE_MIN_WIDTH)
        self.addWidget(self.timeline)
        # The profile scrolls when it is taller than the window (a small screen, the warning
        # signs section open) rather than squeezing its fields or holding the window tall.
        area = QScrollArea()
        area.setWidget(self.profile)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = area.verticalScrollBar().sizeHint().width()
        area.setMinimumWidth(self.profile.minimumSizeHint().width() + bar)
        self.addWidget(area)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([560, 290])
