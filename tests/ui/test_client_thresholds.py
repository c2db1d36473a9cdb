"""One client's own warning-sign thresholds in the profile panel: shown against the global
values, saved in one undoable step, reset to Preferences, and the cues follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from journal import settings
from journal.clients import find_client
from journal.cues.api import client_thresholds, cues_for_client
from tests.conftest import NOW
from tests.support.window_changes import follow_stack
from ui.views.profile.panel import ProfilePanel


def _panel(qtbot, stack: QUndoStack, name: str) -> ProfilePanel:
    widget = ProfilePanel(stack, today=lambda: NOW.date())
    follow_stack(stack, widget)
    qtbot.addWidget(widget)
    widget.set_client(find_client(name).id)
    widget.show()
    return widget


@pytest.fixture
def panel(qtbot, demo_journal, stack) -> ProfilePanel:
    return _panel(qtbot, stack, "Maja")


def _own(name: str) -> dict[str, object]:
    return {r.key: r.own_value for r in client_thresholds(find_client(name)) if r.own_value}


def _kinds(name: str) -> set[str]:
    return {c.kind for c in cues_for_client(find_client(name), NOW)}


def test_the_section_starts_folded_and_opens_showing_the_global_values(panel, qtbot) -> None:
    section = panel.thresholds
    assert not section.body.isVisible()
    assert section.summary.text() == ""
    qtbot.mouseClick(section.toggle, Qt.MouseButton.LeftButton)
    assert section.body.isVisible()
    reply = section.fields["cue_reply_window_days"]
    assert (reply.text(), reply.placeholderText()) == ("", "default (3)")
    assert section.fields["cue_neglect_tolerance"].placeholderText() == "default (1.5)"
    assert not section.save_button.isEnabled()
    assert not section.reset_button.isEnabled()


def test_a_changed_global_setting_shows_in_the_placeholder(demo_journal, qtbot, stack) -> None:
    settings.set_value("cue_reply_window_days", 5)
    widget = _panel(qtbot, stack, "Maja")
    assert widget.thresholds.fields["cue_reply_window_days"].placeholderText() == "default (5)"


def test_saving_gives_the_client_own_values_in_one_undoable_step(panel, stack, qtbot) -> None:
    section = panel.thresholds
    section.set_open(True)
    assert "unanswered" in _kinds("Maja")
    qtbot.keyClicks(section.fields["cue_reply_window_days"], "30")
    qtbot.keyClicks(section.fields["cue_dread_streak"], "5")
    assert section.save_button.isEnabled()
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert _own("Maja") == {"cue_reply_window_days": 30, "cue_dread_streak": 5}
    assert _own("Greta") == {}
    assert "unanswered" not in _kinds("Maja")
    assert section.summary.text() == "2 own values"
    assert section.message.text() == "Saved."
    assert section.labels["cue_reply_window_days"].font().bold()
    assert stack.count() == 1 and stack.undoText() == "Change warning signs for Maja Lindqvist"

    stack.undo()  # both values go back together, and the fields show it
    assert _own("Maja") == {}
    assert "unanswered" in _kinds("Maja")
    assert section.fields["cue_reply_window_days"].text() == ""
    assert section.summary.text() == ""
    stack.redo()
    assert _own("Maja") == {"cue_reply_window_days": 30, "cue_dread_streak": 5}
    assert section.fields["cue_dread_streak"].text() == "5"


def test_clearing_a_field_and_reset_all_return_to_preferences(panel, stack, qtbot) -> None:
    section = panel.thresholds
    section.set_open(True)
    for key, text in (("cue_reply_window_days", "7"), ("cue_neglect_tolerance", "2,5")):
        qtbot.keyClicks(section.fields[key], text)
    section.save()
    assert _own("Maja") == {"cue_reply_window_days": 7, "cue_neglect_tolerance": 2.5}

    section.fields["cue_reply_window_days"].clear()
    section._edited("")  # what typing into the field does
    section.save()
    assert _own("Maja") == {"cue_neglect_tolerance": 2.5}

    qtbot.mouseClick(section.reset_button, Qt.MouseButton.LeftButton)
    assert _own("Maja") == {}
    assert stack.undoText() == "Reset warning signs for Maja Lindqvist"
    stack.undo()
    assert _own("Maja") == {"cue_neglect_tolerance": 2.5}


def test_a_bad_value_is_named_and_nothing_is_stored(panel, stack, qtbot) -> None:
    section = panel.thresholds
    section.set_open(True)
    qtbot.keyClicks(section.fields["cue_dread_streak"], "4")
    qtbot.keyClicks(section.fields["cue_reply_window_days"], "90")
    assert not section.save()
    assert section.message.text() == (
        "Reply window (days) must be a whole number from 1 to 60, not '90'."
    )
    assert section.fields["cue_reply_window_days"].hasFocus()
    assert section.fields["cue_reply_window_days"].text() == "90"  # the typing is kept
    assert _own("Maja") == {}  # all or nothing: the good dread value waits too
    assert stack.count() == 0


def test_another_client_shows_their_own_values(panel, qtbot) -> None:
    section = panel.thresholds
    qtbot.keyClicks(section.fields["cue_mood_window"], "10")
    section.save()
    panel.set_client(find_client("Greta").id)
    assert section.fields["cue_mood_window"].text() == ""
    assert section.summary.text() == ""
    panel.set_client(find_client("Maja").id)
    assert section.fields["cue_mood_window"].text() == "10"
