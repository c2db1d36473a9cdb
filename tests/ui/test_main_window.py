"""The shell: cues fill the list in the background, shortcuts reach search, capture, undo;
Today and search open the right client; import reports progress and refuses bad files whole."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journal.clients import find_client, list_clients
from journal.entries.commitments import commitments_of
from journal.search import search
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.dialogs import files
from ui.main_window import CLIENT_PAGE, TODAY_PAGE, MainWindow
from ui.views.client_list import ClientListModel
from ui.views.today import ITEM_ROLE as TODAY_ITEM_ROLE


def test_starts_on_today_with_cues_filled_in(window):
    assert window.pages.currentIndex() == TODAY_PAGE
    assert window.today.model.rowCount() > 0
    first = window.client_list.proxy.index(0, ClientListModel.NAME).data()
    assert first == "Maja Lindqvist"  # the one critical cue in the demo
    assert window.today_button.text().startswith("Today  (")


def test_ctrl_f_opens_search_and_a_result_opens_the_client(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_dock.isVisible()
    assert window.search.query_edit.hasFocus()
    hit = next(h for h in search("proposal") if h.kind == "interaction")
    window.open_search_hit(hit)
    assert window.pages.currentIndex() == CLIENT_PAGE
    assert window.current_client_id() == find_client("Maja").id
    assert window.timeline.list.currentIndex().isValid()  # scrolled to the hit


def test_escape_closes_search(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_dock.isVisible()
    qtbot.keyClick(window.search.query_edit, Qt.Key.Key_Escape)
    assert not window.search_dock.isVisible()
    assert not window.window_actions.search_panel.isChecked()


def test_escape_closes_search_from_its_results_too(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search.query_edit, "proposal")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    qtbot.keyClick(window.search.query_edit, Qt.Key.Key_Down)
    assert window.search.results.hasFocus()
    qtbot.keyClick(window.search.results, Qt.Key.Key_Escape)
    assert not window.search_dock.isVisible()
    assert window.left_panel.isVisible()  # the client list is there again


def test_activating_a_today_line_opens_that_client(window):
    item = window.today.model.index(0).data(TODAY_ITEM_ROLE)
    window.open_agenda_item(item)
    assert window.current_client_id() == item.client_id
    assert window.profile.title.text() == item.client


def test_ctrl_n_opens_capture_for_the_current_client(window, qtbot):
    window.open_client(find_client("Tom").id)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowTitle() == "New interaction"
    )
    assert dialog.client.currentText() == "Tom Becker"
    dialog.reject()


def test_ticking_a_commitment_then_ctrl_z_undoes_it(window, qtbot):
    priya = find_client("Priya")
    window.open_client(priya.id)
    open_before = len(commitments_of(priya, open_only=True))
    window.profile.commitment_tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(commitments_of(priya, open_only=True)) == open_before - 1)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(commitments_of(priya, open_only=True)) == open_before


def test_import_adds_clients_in_the_background(window, qtbot, tmp_path):
    source = tmp_path / "more.json"
    source.write_text(
        json.dumps(
            {
                "format": "rapport-journal",
                "version": 1,
                "clients": [
                    {
                        "name": "Nora Berg",
                        "interactions": [
                            {
                                "at": "2026-02-20T10:00:00+01:00",
                                "channel": "phone",
                                "direction": "two_way",
                                "summary": "Intro call",
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    files.import_json(window, str(source))
    qtbot.waitUntil(
        lambda: "Imported 1 client, 1 interaction" in window.statusBar().currentMessage(),
        timeout=10000,
    )
    model = window.client_list.model  # refreshed by a worker after the import
    qtbot.waitUntil(
        lambda: "Nora Berg" in [model.client_row(r).name for r in range(model.rowCount())]
    )


def test_a_bad_import_file_changes_nothing_and_says_why(window, qtbot, tmp_path):
    before = len(list_clients())
    source = tmp_path / "broken.json"
    source.write_text(
        '{"format": "rapport-journal", "version": 1, "clients": [{"name": ""}]}', encoding="utf-8"
    )
    files.import_json(window, str(source))
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=10000)
    assert window.last_message.text().startswith("Nothing was imported.")
    assert "clients[0].name" in window.last_message.text()
    assert len(list_clients()) == before


def test_geometry_is_remembered(qtbot, demo_journal):
    first = MainWindow(demo_journal, clock=lambda: NOW)
    qtbot.addWidget(first)
    first.resize(760, 560)  # within the offscreen screen, so nothing is clamped
    first.show()
    first.close()
    wait_for_background()
    second = MainWindow(demo_journal, clock=lambda: NOW)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 560)
    second.close()
    wait_for_background()


def test_every_action_and_control_is_named(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

    for action in window.actions():
        assert action.text()
    for kind in (QAbstractButton, QAbstractItemView, QLineEdit):
        for widget in window.findChildren(kind):
            if widget.isVisible() and not isinstance(widget.parent(), QAbstractItemView):
                assert widget.accessibleName() or getattr(widget, "text", str)(), widget


def test_a_commitment_opened_from_today_is_the_one_selected(window, qtbot):
    """Space then ticks that promise, never another one of the same client's."""
    import datetime as dt

    from journal.entries.commitments import add_commitment
    from journal.store.models import Client
    from ui.views.profile.commitments import ID_ROLE

    item = next(
        i
        for i in (
            window.today.model.index(r).data(TODAY_ITEM_ROLE)
            for r in range(window.today.model.rowCount())
        )
        if i.kind == "commitment"
    )
    client = Client.get_by_id(item.client_id)
    add_commitment(
        client, "me", "An older promise listed first", NOW.date() - dt.timedelta(days=30)
    )
    window.open_agenda_item(item)
    tree = window.profile.commitment_tree
    assert tree.topLevelItemCount() >= 2
    assert tree.currentItem().data(0, ID_ROLE) == item.commitment_id
    assert tree.hasFocus()


def test_a_profile_found_by_search_opens_the_client_at_their_notes(window, qtbot):
    (hit,) = [h for h in search("Göteborg") if h.kind == "client"]
    window.open_search_hit(hit)
    assert window.current_client_id() == find_client("Maja").id
    assert window.profile.notes.hasFocus()
