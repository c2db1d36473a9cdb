"""A cue note's Undo takes back the dismissal it names, never a newer one from another view;
it shows only while that dismissal is the newest thing done, and a busy refusal keeps it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import find_client
from journal.cues.api import all_cues, cues_for_client
from journal.overview import today_agenda
from journal.store.database import Journal
from tests.conftest import NOW
from tests.support.busy import OtherWriter
from ui.background import wait_for_background
from ui.views.timeline.view import TimelineView
from ui.views.today import TodayView


@pytest.fixture
def views(qtbot: QtBot, demo_journal: Journal, stack: QUndoStack):
    """The timeline (on Maja) and Today, on one stack as in the window."""
    demo_journal.serve_interactively()
    timeline = TimelineView(clock=lambda: NOW, undo_stack=stack)
    today = TodayView(clock=lambda: NOW, undo_stack=stack)
    for view in (timeline, today):
        qtbot.addWidget(view)
        view.show()
    timeline.set_client(find_client("Maja").id)
    today.set_items(today_agenda(NOW, all_cues(NOW)), NOW.date())
    yield timeline, today
    wait_for_background()


def _kinds(name: str) -> set[str]:
    return {c.kind for c in cues_for_client(find_client(name), NOW)}


def _cue(name: str, kind: str):
    return next(c for c in cues_for_client(find_client(name), NOW) if c.kind == kind)


def test_a_note_never_undoes_another_views_newer_dismissal(views, stack: QUndoStack) -> None:
    timeline, today = views
    timeline.cue_actions.dismiss(_cue("Maja", "unanswered"))
    note = timeline.cue_note
    assert note.undo_link.isVisible()
    today.cue_actions.dismiss(_cue("Greta", "over_contact"))  # newer, from Today
    assert not note.undo_link.isVisible()  # Maja's Undo would have to undo Greta's first
    assert today.cue_note.undo_link.isVisible()

    note.undo_link.linkActivated.emit("undo")  # a stale click does nothing at all
    assert "over_contact" not in _kinds("Greta")
    assert "unanswered" not in _kinds("Maja")
    assert stack.index() == 2

    stack.undo()  # Ctrl+Z takes Greta's back: Maja's is the newest again
    assert not today.cue_note.undo_link.isVisible()
    assert note.undo_link.isVisible()
    note.undo_link.linkActivated.emit("undo")
    assert "unanswered" in _kinds("Maja")
    assert note.plain() == "Brought back."
    stack.redo()  # done again from the menu: the old note offers no Undo beside "Brought back."
    assert not note.undo_link.isVisible()


def test_a_note_undo_refused_while_busy_stays_offered(views, stack: QUndoStack) -> None:
    timeline, _today = views
    timeline.cue_actions.dismiss(_cue("Maja", "unanswered"))
    note = timeline.cue_note
    with OtherWriter():
        note.undo_link.linkActivated.emit("undo")
    assert "try again in a moment" in note.plain()
    assert note.undo_link.isVisible()
    note.undo_link.linkActivated.emit("undo")
    assert "unanswered" in _kinds("Maja")
    assert note.plain() == "Brought back."
