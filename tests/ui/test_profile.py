"""Profile and commitments: edit and save, tick done with undo, add inline."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from journal.clients import find_client
from journal.entries.commitments import commitments_of
from tests.conftest import NOW
from ui.views.profile.panel import ProfilePanel


@pytest.fixture
def panel(qtbot, demo_journal, stack):
    widget = ProfilePanel(stack, today=lambda: NOW.date())
    qtbot.addWidget(widget)
    widget.set_client(find_client("Priya").id)
    widget.show()
    return widget


def _rows(panel):
    tree = panel.commitment_tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_shows_the_clients_profile_and_open_commitments_of_both_sides(panel):
    assert panel.title.text() == "Dr. Priya Raman"
    assert not panel.save_button.isEnabled()
    rows = _rows(panel)
    assert any(r.startswith("Me: ") for r in rows)
    assert "Priya: Send the staff survey results" in rows


def test_editing_enables_save_and_saving_reaches_the_journal(panel, qtbot):
    panel.channel.setCurrentIndex(panel.channel.findData("phone"))
    panel.cadence.setValue(3)
    assert panel.save_button.isEnabled()
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    client = find_client("Priya")
    assert (client.preferred_channel, client.cadence_days) == ("phone", 3)
    assert panel.message.text() == "Saved."
    assert not panel.save_button.isEnabled()


def test_ticking_done_is_undoable(panel, stack, qtbot):
    before = len(_rows(panel))
    item = panel.commitment_tree.topLevelItem(0)
    text = item.text(0).split(": ", 1)[1]
    item.setCheckState(0, Qt.CheckState.Checked)  # what a click on the box does
    qtbot.waitUntil(lambda: len(_rows(panel)) == before - 1)
    done = next(c for c in commitments_of(find_client("Priya")) if c.text == text)
    assert done.done_on == NOW.date()
    assert stack.undoText().startswith("Tick")
    stack.undo()
    assert len(_rows(panel)) == before
    assert all(c.done_on is None for c in commitments_of(find_client("Priya")) if c.text == text)


def test_adding_a_commitment_inline(panel, qtbot):
    panel.new_owner.setCurrentIndex(panel.new_owner.findData("client"))
    qtbot.keyClicks(panel.new_text, "Send the signed agreement")
    qtbot.keyClick(panel.new_text, Qt.Key.Key_Return)
    added = [
        c for c in commitments_of(find_client("Priya")) if c.text == "Send the signed agreement"
    ]
    assert len(added) == 1
    assert added[0].owner == "client"
    assert added[0].due == NOW.date() + dt.timedelta(days=7)
    assert panel.new_text.text() == ""


def test_an_empty_promise_is_refused_with_advice(panel, qtbot):
    count = len(commitments_of(find_client("Priya")))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "Write the promise first" in panel.message.text()
    assert len(commitments_of(find_client("Priya"))) == count


def test_no_client_disables_the_panel(panel):
    panel.set_client(None)
    assert not panel.isEnabled()
    assert panel.commitment_tree.topLevelItemCount() == 0


def test_a_long_value_shows_its_start(qtbot, demo_journal) -> None:
    """'…the leadership programme' must not read 'he leadership programme'."""
    from journal.clients import find_client
    from ui.views.profile.panel import ProfilePanel

    panel = ProfilePanel(None)
    qtbot.addWidget(panel)
    panel.resize(280, 700)
    panel.show()
    panel.set_client(find_client("Maja").id)
    assert panel.project.cursorPosition() == 0
    assert panel.email.cursorPosition() == 0


def test_twice_a_week_and_a_holiday_are_set_in_the_profile_and_undone(panel, stack, qtbot):
    panel.cadence.choice.setCurrentIndex(panel.cadence.choice.findText("twice a week"))
    panel.away.start.setDate(QDate(2026, 4, 10))
    panel.away.end.setDate(QDate(2026, 4, 24))
    qtbot.keyClicks(panel.away.note, "Easter holiday")
    qtbot.mouseClick(panel.away.add_button, Qt.MouseButton.LeftButton)
    assert panel.away.list.item(0).text().endswith("· Easter holiday")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    client = find_client("Priya")
    assert client.cadence_days == 3.5
    assert client.away == [{"from": "2026-04-10", "to": "2026-04-24", "note": "Easter holiday"}]
    stack.undo()
    assert find_client("Priya").away == []


def test_an_away_period_that_ends_before_it_starts_is_said_not_added(panel, qtbot):
    panel.away.start.setDate(QDate(2026, 4, 24))
    panel.away.end.setDate(QDate(2026, 4, 10))
    qtbot.mouseClick(panel.away.add_button, Qt.MouseButton.LeftButton)
    assert "before it starts" in panel.away.message.text()
    assert panel.away.periods() == []
    assert not panel.save_button.isEnabled()


def _wheel(widget, steps: int = -1) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_scrolling_over_a_field_never_changes_it_unless_it_has_focus(panel, qtbot):
    """Issue 16: a wheel over the status box turned a client paused, unseen, and the profile
    saved it. Over a field the coach has not clicked into, the wheel scrolls the form."""
    status_before = panel.status.currentIndex()
    for field in (panel.status, panel.channel, panel.cadence.choice, panel.fit):
        _wheel(field)
    assert panel.status.currentIndex() == status_before
    assert not panel.save_button.isEnabled()
    panel.status.setFocus()
    qtbot.waitUntil(panel.status.hasFocus)
    _wheel(panel.status)
    assert panel.status.currentIndex() != status_before  # a focused field still takes it
