"""A client's page: the timeline, the centre of the app, with the profile beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
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
        self._profile_area = area
        self._fit_profile()
        # A client's fields can ask for more width than the last one's (a rhythm of every N
        # days adds a number field): the area follows, so no field is cut off at the right.
        self.profile.installEventFilter(self)
        self.addWidget(area)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([560, 290])

    def _fit_profile(self) -> None:
        bar = self._profile_area.verticalScrollBar().sizeHint().width()
        self._profile_area.setMinimumWidth(self.profile.minimumSizeHint().width() + bar)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.profile and event.type() == QEvent.Type.LayoutRequest:
            self._fit_profile()
        return super().eventFilter(watched, event)
