"""What the acceptance walk-through found in the profile panel: typed edits survive switching
client and closing; name and contact details are editable; Save profile is undoable on its
own; a tick says what it did with an Undo for exactly it; commitments read like the rest."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from journal.clients import find_client, list_clients
from journal.entries.commitments import add_commitment, commitments_of
from journal.timeline import client_by_id
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.main_window import MainWindow
from ui.views.client_list import ClientListModel
from ui.views.profile.panel import ProfilePanel


@pytest.fixture
def panel(qtbot, demo_journal, stack):
    widget = ProfilePanel(stack, today=lambda: NOW.date())
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.set_client(None)


def _modal_open() -> bool:
    return any(
        w.isVisible() and isinstance(w, (QDialog, QMessageBox))
        for w in QApplication.topLevelWidgets()
    )


def _list_names(window) -> list[str]:
    proxy = window.client_list.proxy
    return [proxy.index(r, ClientListModel.NAME).data() for r in range(proxy.rowCount())]


# --- 1. nothing typed is lost ----------------------------------------------------------------
def test_switching_client_saves_typed_profile_edits_with_a_note(window):
    tom, victor = find_client("Tom"), find_client("Victor")
    window.open_client(tom.id)
    profile = window.profile
    notes_before = profile.notes.toPlainText()
    profile.cadence.setValue(2)
    profile.notes.setPlainText(notes_before + " Prefers mornings.")
    window.open_client(victor.id)
    assert not _modal_open()
    assert profile.message.text() == "Saved Tom Becker's profile."
    stored = client_by_id(tom.id)
    assert stored.cadence_days == 2 and stored.notes.endswith(" Prefers mornings.")
    window.open_client(tom.id)
    assert profile.cadence.value() == 2
    assert profile.notes.toPlainText().endswith(" Prefers mornings.")


def test_a_refused_edit_is_held_for_when_the_coach_comes_back(panel):
    tom, victor = find_client("Tom"), find_client("Victor")
    panel.set_client(tom.id)
    panel.name.setText("Victor Hale")  # another client's name: refused
    panel.project.setText("Team leads programme")
    panel.set_client(victor.id)  # never blocked
    assert panel.title.text() == "Victor Hale"
    assert client_by_id(tom.id).name == "Tom Becker"
    panel.set_client(tom.id)
    assert panel.name.text() == "Victor Hale"
    assert panel.project.text() == "Team leads programme"
    assert panel.save_button.isEnabled()
    assert "already exists" in panel.message.text()
    assert "\n" not in panel.message.text()


def test_closing_the_window_saves_typed_edits(qtbot, demo_journal):
    win = MainWindow(demo_journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    tom = find_client("Tom")
    win.open_client(tom.id)
    win.profile.phone.setText("+46 70 123 45 67")
    win.close()
    wait_for_background()
    assert client_by_id(tom.id).phone == "+46 70 123 45 67"


# --- 2. name, email, phone, project ------------------------------------------------------------
def test_name_and_contact_details_are_editable_and_a_rename_reaches_the_list(window, qtbot):
    tom = find_client("Tom")
    window.open_client(tom.id)
    profile = window.profile
    assert profile.name.text() == "Tom Becker"
    profile.name.setText("Thomas Becker")
    profile.email.setText("thomas@example.org")
    profile.phone.setText("+49 30 1234")
    profile.project.setText("Leadership, first 100 days")
    assert profile.save_profile()
    stored = client_by_id(tom.id)
    assert (stored.name, stored.email, stored.phone, stored.project) == (
        "Thomas Becker",
        "thomas@example.org",
        "+49 30 1234",
        "Leadership, first 100 days",
    )
    assert profile.title.text() == "Thomas Becker"
    qtbot.waitUntil(lambda: "Thomas Becker" in _list_names(window), timeout=10000)
    assert "Tom Becker" not in _list_names(window)


def test_a_duplicate_or_empty_name_is_one_line_and_changes_nothing(panel):
    tom = find_client("Tom")
    panel.set_client(tom.id)
    panel.name.setText("victor hale")
    assert not panel.save_profile()
    assert "already exists" in panel.message.text() and "\n" not in panel.message.text()
    panel.name.setText("   ")
    assert not panel.save_profile()
    assert panel.message.text()
    assert [c.name for c in list_clients()].count("Tom Becker") == 1


# --- 3. Save profile is its own undo step ------------------------------------------------------
def test_ctrl_z_after_save_profile_undoes_the_profile_not_an_earlier_tick(window, qtbot):
    priya, tom = find_client("Priya"), find_client("Tom")
    window.open_client(priya.id)
    open_before = len(commitments_of(priya, open_only=True))
    window.profile.commitment_tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(commitments_of(priya, open_only=True)) == open_before - 1)
    window.open_client(tom.id)
    cadence_before = client_by_id(tom.id).cadence_days
    window.profile.cadence.setValue(14)
    window.profile.name.setText("Thomas Becker")
    window.profile.save_button.click()
    assert client_by_id(tom.id).cadence_days == 14
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = client_by_id(tom.id)
    assert (stored.cadence_days, stored.name) == (cadence_before, "Tom Becker")
    assert len(commitments_of(priya, open_only=True)) == open_before - 1  # tick untouched
    assert window.profile.cadence.value() == cadence_before  # the form follows
    assert window.profile.name.text() == "Tom Becker"
    assert window.profile.message.text() != "Saved."
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert client_by_id(tom.id).name == "Thomas Becker"


# --- 4. a tick says what it did ----------------------------------------------------------------
def test_a_tick_shows_a_note_whose_undo_takes_back_exactly_that_tick(window, qtbot):
    priya = find_client("Priya")
    window.open_client(priya.id)
    profile = window.profile
    first = profile.commitment_tree.topLevelItem(0)
    promise = next(
        c.text for c in commitments_of(priya, open_only=True) if first.text(0).endswith(c.text)
    )
    open_before = len(commitments_of(priya, open_only=True))
    first.setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: profile.tick_note.isVisible())
    assert profile.tick_note.text.text() == f"Done: “{promise}”"
    assert profile.tick_note.undo_link.isVisible()
    profile.tick_note.undo_link.linkActivated.emit("undo")
    assert len(commitments_of(priya, open_only=True)) == open_before
    assert not profile.tick_note.undo_link.isVisible()


def test_the_tick_notes_undo_goes_away_once_something_newer_is_done(window, qtbot):
    priya = find_client("Priya")
    window.open_client(priya.id)
    profile = window.profile
    profile.commitment_tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: profile.tick_note.isVisible())
    profile.cadence.setValue(9)
    profile.save_button.click()
    assert not profile.tick_note.undo_link.isVisible()


# --- 5. commitments read like the rest of the app ----------------------------------------------
def test_commitment_dates_overdue_and_full_text(panel, qtbot):
    priya = find_client("Priya")
    long_text = "Send the staff survey results with a short summary of what the team asked for"
    add_commitment(priya, "me", long_text, dt.date(2025, 11, 10))
    add_commitment(priya, "client", "Book the room", NOW.date() + dt.timedelta(days=3))
    panel.set_client(priya.id)
    tree = panel.commitment_tree
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }
    old = rows[f"Me: {long_text}"]
    assert old.text(1) == "10 Nov 2025 · overdue"  # no weekday: the panel is narrow
    assert old.foreground(1).color().red() > old.foreground(1).color().green()
    soon = rows["Priya: Book the room"]
    assert soon.text(1) == "5 Mar"
    assert long_text in old.toolTip(0)
    assert tree.wordWrap()  # a long promise wraps, whole, rather than being cut
