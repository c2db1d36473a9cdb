"""After any edit the client list and Today show what a fresh full read of the journal
shows: the rows a save touched are updated in place, and the rows it did not touch keep
everything they had (follow-ups, counts, cues)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.capture import log_interaction
from journal.overview import by_attention, client_rows, open_cues, today_agenda, with_cues
from journal.store.database import Journal
from journal.values.zones import local_zone
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.dialogs.new_client import client_added
from ui.main_window import MainWindow


def settled(window: MainWindow) -> None:
    """Every computation finished and handed to the views."""
    for _ in range(5):
        wait_for_background()
        QApplication.processEvents()


def assert_like_a_fresh_read(window: MainWindow) -> None:
    zone = local_zone()
    cues = open_cues(NOW)
    fresh = by_attention(with_cues(client_rows(zone), cues), NOW.date())
    model = window.client_list.model
    shown = [model.client_row(r) for r in range(model.rowCount())]
    assert shown == fresh
    assert window.today.model.items == today_agenda(NOW, cues, zone=zone)


def test_a_new_client_leaves_the_other_rows_whole(qtbot: QtBot, window: MainWindow) -> None:
    settled(window)
    assert any(row.next_follow_up for row in window.client_list.model._rows)
    client_added(window, create_client("Zelda Newcomer"))
    settled(window)
    assert_like_a_fresh_read(window)


def test_a_new_client_keeps_the_only_other_clients_follow_up(
    qtbot: QtBot, journal: Journal
) -> None:
    """File > New client lists the new row at once from the quick query (no follow-ups);
    the computation after it must not leave the other client's "Next follow-up" blank."""
    client = create_client("Victor Hale")
    log_interaction(
        client,
        at=NOW - dt.timedelta(days=2),
        channel="phone",
        direction="in",
        summary="Talk about the offer",
        follow_up_on=NOW.date() + dt.timedelta(days=5),
    )
    win = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.cues is not None, timeout=10000)
        settled(win)
        client_added(win, create_client("Zelda Newcomer"))
        settled(win)
        assert_like_a_fresh_read(win)
    finally:
        win.close()
        wait_for_background()
