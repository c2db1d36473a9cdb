"""One change, one refresh: what a single capture save causes at career size (200 clients,
100,000 interactions). The timeline shown refreshes once, the saved client's cues are computed
once and off the UI thread, and the rest of the journal is not evaluated again."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from peewee import fn
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journal import overview
from journal.cues import api
from journal.store.database import Journal, open_journal
from journal.store.models import Interaction
from tests.benchmarks.generate import BENCH_PASSPHRASE, open_bulk_journal
from ui.background import wait_for_background
from ui.dialogs.capture.dialog import CaptureDialog
from ui.main_window import MainWindow
from ui.views.timeline import view as timeline_view

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)  # the generated journal's "now"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def career_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("career")
    open_bulk_journal(home, 200, 100_000, now=NOW).close()
    return home


@pytest.fixture
def career(career_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", BENCH_PASSPHRASE)
    journal = open_journal(career_home, create=False)
    yield journal
    journal.close()


def _counting(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, calls: list[tuple[Any, bool]]
) -> None:
    """Note every call of `owner.name`: its first argument, and whether it ran on the UI
    thread."""
    real: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        on_ui = threading.current_thread() is threading.main_thread()
        calls.append((args[0] if args else None, on_ui))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


def test_one_capture_save_refreshes_one_timeline_and_one_client_s_cues(
    qtbot: QtBot, career: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = MainWindow(career, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.cues is not None, timeout=60000)
    busiest = (
        Interaction.select(Interaction.client, fn.COUNT(Interaction.id).alias("n"))
        .group_by(Interaction.client)
        .order_by(fn.COUNT(Interaction.id).desc())
        .first()
        .client_id
    )
    assert win.open_client(busiest)
    wait_for_background()

    whole: list[tuple[Any, bool]] = []
    one_client: list[tuple[Any, bool]] = []
    refreshes: list[tuple[Any, bool]] = []
    _counting(monkeypatch, overview, "all_cues", whole)
    _counting(monkeypatch, api, "cues_for_client", one_client)
    _counting(monkeypatch, timeline_view, "cues_for_client", one_client)
    _counting(monkeypatch, win.timeline, "refresh", refreshes)

    win.new_interaction()
    dialog = win.findChild(CaptureDialog)
    assert dialog is not None
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)  # Ctrl+Return is the dialog's shortcut
    qtbot.keyClicks(dialog.summary, "Call about the next phase")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(refreshes), timeout=30000)
    wait_for_background()
    qtbot.wait(100)  # anything else the save set off has arrived by now

    assert len(refreshes) == 1
    assert [(client.id, on_ui) for client, on_ui in one_client] == [(busiest, False)]
    assert whole == []
    assert win.cue_refresh.last_scope == frozenset({busiest})
    saved = win.timeline.model.row_of_interaction(
        Interaction.select().where(Interaction.summary == "Call about the next phase").get().id
    )
    assert saved is not None  # the new entry is on the timeline
