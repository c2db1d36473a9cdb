"""After any edit the client list and Today show what a fresh full read of the journal
shows: the rows a save touched are updated in place, and the rows it did not touch keep
everything they had (follow-ups, counts, cues)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.capture import log_interaction
from journal.overview import (
    ClientRow,
    by_attention,
    client_rows,
    open_cues,
    today_agenda,
    with_cues,
)
from journal.store.database import Journal
from journal.values.zones import local_zone
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.dialogs.new_client import client_added
from ui.main_window import MainWindow
from ui.views.client_model import ClientListModel


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
    """File > New client lists the new row at once; neither that nor the computation after it
    may leave the other client's "Next follow-up" blank."""
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
        model = win.client_list.model
        shown = [model.client_row(n) for n in range(model.rowCount())]
        assert {row.name for row in shown} == {"Victor Hale", "Zelda Newcomer"}
        assert [r.next_follow_up for r in shown if r.name == "Victor Hale"] == [
            NOW.date() + dt.timedelta(days=5)
        ]  # at once, not only once the computation is in
        settled(win)
        assert_like_a_fresh_read(win)
    finally:
        win.close()
        wait_for_background()


def _random_step(window: MainWindow, rng: random.Random) -> str:
    """One edit the coach could make, through the window's undo stack."""
    from journal.clients import list_clients
    from ui.commands import (
        AddInteractionCommand,
        SaveProfileCommand,
        SetClientThresholdsCommand,
        push_applied,
    )

    stack = window.undo_stack
    clients = list_clients()
    client = rng.choice(clients)
    kind = rng.choice(["log", "log", "rename", "status", "thresholds", "undo", "redo"])
    if kind == "undo" and stack.canUndo():
        stack.undo()
    elif kind == "redo" and stack.canRedo():
        stack.redo()
    elif kind == "rename":
        name = rng.choice(["Aaron", "Zed", "Mia", "Bo"]) + f" {rng.randrange(10**6)}"
        push_applied(stack, SaveProfileCommand(client.id, {"name": name}))
    elif kind == "status":
        status = rng.choice(["active", "paused", "closed", "prospect"])
        push_applied(stack, SaveProfileCommand(client.id, {"status": status}))
    elif kind == "thresholds":
        push_applied(stack, SetClientThresholdsCommand(client.id, {"reply_window_days": 1}))
    else:
        values = {
            "at": NOW - dt.timedelta(days=rng.randrange(0, 60), hours=rng.randrange(24)),
            "channel": "email",
            "direction": rng.choice(["in", "out"]),
            "summary": "A note",
            "follow_up_on": rng.choice([None, NOW.date() + dt.timedelta(rng.randrange(-3, 9))]),
        }
        push_applied(stack, AddInteractionCommand(client.id, values))
    return f"{kind} {client.name}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_leave_the_list_and_today_as_a_fresh_read_does(
    qtbot: QtBot, window: MainWindow, seed: int
) -> None:
    rng = random.Random(seed)
    done: list[str] = []
    for _step in range(12):
        for _quick in range(rng.choice([1, 1, 2, 3])):  # saves in quick succession too
            done.append(_random_step(window, rng))
        settled(window)
        assert_like_a_fresh_read(window)


def _row(cid: int, rng: random.Random) -> ClientRow:
    last = NOW - dt.timedelta(days=rng.randrange(0, 40)) if rng.random() < 0.8 else None
    follow = NOW.date() + dt.timedelta(days=rng.randrange(-5, 5)) if rng.random() < 0.3 else None
    return ClientRow(
        cid,
        f"u{cid}",
        rng.choice(["Ada", "Bo", "Cy", "Di"]) + f" {cid}",
        rng.choice(["active", "prospect", "paused", "closed"]),
        "",
        last,
        follow,
        rng.randrange(5),
        rng.randrange(3),
    )


@pytest.mark.parametrize("seed", range(6))
def test_partial_updates_end_where_a_reset_would(qtmodeltester, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Clients added, deleted and changed a few at a time: the model's rows are always the
    rows handed in, and Qt's model checks hold throughout."""
    rng = random.Random(seed)
    model = ClientListModel()
    rows = {cid: _row(cid, rng) for cid in range(1, 30)}
    model.set_rows(by_attention(rows.values(), NOW.date()), NOW.date(), cues=[])
    qtmodeltester.check(model)
    next_id = 30
    for _step in range(40):
        touched: set[int] = set()
        for _edit in range(rng.choice([1, 1, 2, 3])):
            kind = rng.choice(["add", "delete", "change", "change"])
            if kind == "add" or not rows:
                rows[next_id] = _row(next_id, rng)
                touched.add(next_id)
                next_id += 1
            else:
                cid = rng.choice(sorted(rows))
                touched.add(cid)
                if kind == "delete":
                    del rows[cid]
                else:
                    rows[cid] = _row(cid, rng)
        wanted = by_attention(rows.values(), NOW.date())
        model.update_rows(wanted, frozenset(touched), [], NOW.date())
        assert [model.client_row(r) for r in range(model.rowCount())] == wanted
