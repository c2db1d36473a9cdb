"""Putting a cue away as a coach does: right-click the band or the Today line (or the Menu
key), Dismiss or Snooze; the cue goes from the timeline and Today, Ctrl+Z or Undo brings it
back, and so does something new happening with the client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journal.clients import find_client
from journal.cues.api import all_cues, cues_for_client
from journal.entries.capture import log_interaction
from journal.overview import today_agenda
from journal.store.database import Journal
from journal.store.models import Client
from journal.timeline import CueMark
from journal.values.zones import local_zone
from tests.conftest import NOW
from tests.support.window_changes import follow_stack
from ui.views.timeline.view import TimelineView
from ui.views.today import ITEM_ROLE, TodayView


@pytest.fixture
def maja(demo_journal: Journal) -> Client:
    return find_client("Maja Lindqvist")


@pytest.fixture
def timeline(qtbot: QtBot, maja: Client, stack: QUndoStack) -> TimelineView:
    view = TimelineView(clock=lambda: NOW, undo_stack=stack)  # the real cue engine
    follow_stack(stack, view)
    qtbot.addWidget(view)
    view.resize(760, 900)
    view.show()
    qtbot.waitExposed(view)
    view.set_client(maja.id)
    return view


def cue_kinds(view: TimelineView) -> list[str]:
    return [item.cue.kind for item in view.model.items if isinstance(item, CueMark)]


def cue_row(view: TimelineView, kind: str) -> int:
    return next(
        row
        for row, item in enumerate(view.model.items)
        if isinstance(item, CueMark) and item.cue.kind == kind
    )


def find_action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text().replace("&", "").startswith(text):
            return action
        if isinstance(action.menu(), QMenu):
            found = find_action(action.menu(), text)
            if found is not None:
                return found
    return None


def choose(owner, text: str, open_menu: Callable[[], None]) -> list[str]:
    """Open the context menu, trigger the item as a click would, and say what the menu held."""
    seen: list[str] = []

    def pick() -> None:
        menu = owner.cue_actions.menu
        if menu is None:
            return  # no menu opened: the assertion below says so
        try:
            assert menu.isVisible()
            seen.extend(a.text().replace("&", "") for a in menu.actions() if a.text())
            action = find_action(menu, text)
            assert action is not None, f"no {text!r} in {seen}"
            menu.close()
            action.trigger()
        finally:
            menu.close()

    QTimer.singleShot(0, pick)
    open_menu()
    assert seen, "the menu never opened"
    return seen


def right_click(qtbot: QtBot, list_view, row: int) -> Callable[[], None]:
    """What a right click on a row delivers: the press, then the context menu event (which
    QTest's widget events skip, as they bypass the window that makes it)."""
    pos = list_view.visualRect(list_view.model().index(row, 0)).center()

    def click() -> None:
        viewport = list_view.viewport()
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=pos)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
        QApplication.sendEvent(viewport, event)

    return click


def test_right_click_snooze_one_week_hides_the_cue_until_then(
    qtbot: QtBot, timeline: TimelineView, maja: Client
) -> None:
    assert "unanswered" in cue_kinds(timeline)
    seen = choose(
        timeline, "For 1 week", right_click(qtbot, timeline.list, cue_row(timeline, "unanswered"))
    )
    assert seen[0] == "Write: Closing the loop…"
    assert "Dismiss (until something new happens)" in seen and "Snooze" in seen
    assert "unanswered" not in cue_kinds(timeline)
    assert timeline.cue_note.plain().startswith("Snoozed until Mon 9 March: 4 emails since")
    # Today reads the same journal: the line is gone there too
    agenda = today_agenda(NOW, all_cues(NOW))
    assert not [
        i for i in agenda if i.cue and i.cue.client == maja.name and i.cue.kind == "unanswered"
    ]
    # and it comes back when the week is over
    assert "unanswered" not in [c.kind for c in cues_for_client(maja, NOW + dt.timedelta(days=6))]
    assert "unanswered" in [c.kind for c in cues_for_client(maja, NOW + dt.timedelta(days=8))]


@pytest.mark.parametrize(
    "key",
    [
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    ],
    ids=["menu key", "shift+f10"],
)
def test_the_keyboard_reaches_the_cue_menu(qtbot: QtBot, timeline: TimelineView, key) -> None:
    timeline.list.setFocus()
    timeline.list.setCurrentIndex(timeline.model.index(cue_row(timeline, "missed_deadlines")))
    choose(timeline, "Dismiss", lambda: qtbot.keyClick(timeline.list, *key))
    assert cue_kinds(timeline) == ["unanswered"]


def test_the_chosen_cue_shows_dismiss_and_undo_brings_it_back(
    qtbot: QtBot, timeline: TimelineView, stack: QUndoStack
) -> None:
    assert not timeline.cue_bar.isVisible()
    rect = timeline.list.visualRect(timeline.model.index(cue_row(timeline, "unanswered")))
    pos = rect.center()
    pos.setX(60)  # on the band's words, not its "write" link
    qtbot.mouseClick(timeline.list.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert timeline.cue_bar.isVisible()
    assert "4 emails since 5 February" in timeline.cue_bar.text.text()
    qtbot.mouseClick(timeline.cue_bar.dismiss_button, Qt.MouseButton.LeftButton)
    assert "unanswered" not in cue_kinds(timeline)
    assert not timeline.cue_bar.isVisible()  # the cue it spoke of is gone
    note = timeline.cue_note.plain()
    assert note.startswith("Dismissed: 4 emails since 5 February without a reply;")
    assert note.endswith("It comes back if something new happens.")
    assert stack.undoText().startswith("Dismiss cue “4 emails since 5 February")

    timeline.cue_note.undo_link.linkActivated.emit("undo")  # the note's Undo link
    assert "unanswered" in cue_kinds(timeline)
    assert timeline.cue_note.plain() == "Brought back."
    stack.redo()
    assert "unanswered" not in cue_kinds(timeline)
    stack.undo()  # Ctrl+Z in the window
    assert "unanswered" in cue_kinds(timeline)


def test_something_new_brings_a_dismissed_cue_back(
    qtbot: QtBot, timeline: TimelineView, maja: Client
) -> None:
    choose(timeline, "Dismiss", right_click(qtbot, timeline.list, cue_row(timeline, "unanswered")))
    timeline.refresh()
    assert "unanswered" not in cue_kinds(timeline)  # nothing new: it stays away
    log_interaction(
        maja,
        channel="email",
        direction="out",
        summary="Checking in once more",
        at=NOW - dt.timedelta(days=4),
        awaits_reply=True,
    )
    timeline.refresh()
    assert "unanswered" in cue_kinds(timeline)


def test_snooze_until_a_date_from_the_bar(
    qtbot: QtBot, timeline: TimelineView, maja: Client
) -> None:
    timeline.show_cue(timeline.model.items[cue_row(timeline, "missed_deadlines")].cue)
    menu = timeline.cue_bar.snooze_button.menu()
    find_action(menu, "Until a date").trigger()
    dialog = timeline.cue_actions.date_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.calendar.minimumDate() == QDate(2026, 3, 3)  # not today, not the past
    dialog.calendar.setSelectedDate(QDate(2026, 3, 20))
    dialog.accept()
    assert cue_kinds(timeline) == ["unanswered"]
    assert timeline.cue_note.plain().startswith("Snoozed until Fri 20 March: Maja has not done")
    back = dt.datetime(2026, 3, 20, 0, 1, tzinfo=local_zone())  # that morning, on this machine
    assert "missed_deadlines" not in [
        c.kind for c in cues_for_client(maja, back - dt.timedelta(hours=1))
    ]
    assert "missed_deadlines" in [c.kind for c in cues_for_client(maja, back)]


# --- Today ------------------------------------------------------------------------------------


@pytest.fixture
def today(qtbot: QtBot, demo_journal: Journal, stack: QUndoStack) -> TodayView:
    view = TodayView(clock=lambda: NOW, undo_stack=stack)
    qtbot.addWidget(view)
    view.resize(760, 620)
    view.show()
    qtbot.waitExposed(view)
    view.set_items(today_agenda(NOW, all_cues(NOW)), NOW.date())
    return view


def today_cues(view: TodayView) -> list[tuple[str, str]]:
    items = [view.model.index(r).data(ITEM_ROLE) for r in range(view.model.rowCount())]
    return [(i.client, i.cue.kind) for i in items if i.cue is not None]


def test_dismiss_a_today_line_from_its_menu(qtbot: QtBot, today: TodayView, stack) -> None:
    assert ("Victor Hale", "dread") in today_cues(today)
    row = today_cues(today).index(("Victor Hale", "dread"))
    seen = choose(today, "Dismiss", right_click(qtbot, today.list, row))
    assert seen[0] == "Open client"
    assert ("Victor Hale", "dread") not in today_cues(today)
    assert "Dismissed: The last 4 interactions with Victor" in today.cue_note.plain()
    assert ("Victor Hale", "dread") not in [(c.client, c.kind) for c in all_cues(NOW)]
    stack.undo()
    assert ("Victor Hale", "dread") in [(c.client, c.kind) for c in all_cues(NOW)]


def test_today_bar_snoozes_the_current_cue_line(qtbot: QtBot, today: TodayView) -> None:
    today.list.setFocus()
    today.list.setCurrentIndex(today.model.index(0))
    assert today.cue_bar.isVisible() and today.cue_bar.cue.client == "Maja Lindqvist"
    find_action(today.cue_bar.snooze_button.menu(), "For 2 weeks").trigger()
    assert ("Maja Lindqvist", "unanswered") not in today_cues(today)
    assert today.list.currentIndex().row() == 0  # the next line is ready for the next action
    assert today.cue_note.plain().startswith("Snoozed until Mon 16 March:")


# --- in the window ----------------------------------------------------------------------------


def test_in_the_window_today_and_the_timeline_agree_and_ctrl_z_undoes(
    qtbot: QtBot, window, maja: Client
) -> None:
    today = window.today
    row = today_cues(today).index(("Maja Lindqvist", "unanswered"))
    choose(today, "Dismiss", right_click(qtbot, today.list, row))
    assert ("Maja Lindqvist", "unanswered") not in today_cues(today)  # at once
    # the window's own background recomputation confirms it, through the shell's stack
    qtbot.waitUntil(
        lambda: all(c.kind != "unanswered" or c.client_id != maja.id for c in window.cues)
    )
    assert ("Maja Lindqvist", "unanswered") not in today_cues(today)
    assert today.cue_note.undo_link.isVisible()
    window.open_client(maja.id)
    assert "unanswered" not in cue_kinds(window.timeline)

    window.activateWindow()  # the popup menu had it
    qtbot.waitUntil(window.isActiveWindow)
    assert window.undo_stack.undoText().startswith("Dismiss cue “4 emails")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "unanswered" in cue_kinds(window.timeline))  # from the worker
    qtbot.waitUntil(lambda: ("Maja Lindqvist", "unanswered") in today_cues(today))
