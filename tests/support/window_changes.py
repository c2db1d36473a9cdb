"""For widget tests without a main window: hand a widget the changes its undo stack makes,
as MainWindow does (ui.main_window: `changed`, `cues_changed`)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from journal.changes import Changes
from ui.commands import StackChanges
from ui.views.profile.panel import ProfilePanel
from ui.views.timeline.view import TimelineView


def follow_stack(stack: QUndoStack, widget: ProfilePanel | TimelineView) -> StackChanges:
    """The profile re-reads what a change touched; the timeline refreshes with cues it
    computes itself (the window hands it the cues its worker computed)."""
    relay = StackChanges(stack)

    def changed(changes: Changes) -> None:
        if isinstance(widget, ProfilePanel):
            widget.apply_changes(changes)
        elif changes.concerns(widget.client_id):
            widget.refresh()

    relay.changed.connect(changed)
    return relay
