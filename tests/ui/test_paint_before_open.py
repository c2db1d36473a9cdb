"""The window paints the client rows read ahead before the journal is open (a fast start), then
opens the journal itself; whatever the coach does first works, and a journal that cannot be
opened ends the app with its reason on screen."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.entries.capture import interactions_of
from journal.listing import ClientRow
from journal.overview import client_rows
from journal.store.database import Journal
from journal.store.models import Client
from journal.timeline import Entry
from tests.conftest import NOW
from ui import app as app_module
from ui.background import wait_for_background
from ui.main_window import MainWindow
from ui.views.client_list import CLIENT_ID_ROLE
from ui.views.timeline import TimelineView


class KeyReadByNobody:
    """A read-ahead that holds no key: the window reads it the usual way (the test keyring)."""

    def key(self) -> None:
        return None


@pytest.fixture
def read_ahead(demo_journal: Journal) -> tuple[Path, list[ClientRow]]:
    """What the start's helper hands over: the home and the list's first rows, the journal
    itself closed."""
    rows = client_rows(complete=False)
    demo_journal.close()
    return demo_journal.home, rows


@pytest.fixture
def pending_window(
    qtbot: QtBot, read_ahead: tuple[Path, list[ClientRow]], monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """The window on rows read ahead. The rest of the journal's modules take 0.3 s to load
    (they are loaded already in this process), so a test acts before the journal opens."""
    import journal.startup

    monkeypatch.setattr(journal.startup, "load_the_rest", lambda: time.sleep(0.3))
    home, rows = read_ahead
    pending = app_module.PendingJournal(home, KeyReadByNobody(), rows)  # type: ignore[arg-type]
    win = MainWindow(pending=pending, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    yield win
    win.close()
    wait_for_background()
    if win.opened_journal is not None:
        win.opened_journal.close()


def test_the_rows_read_ahead_are_shown_and_the_journal_opens_after_the_first_paint(
    pending_window: MainWindow, read_ahead: tuple[Path, list[ClientRow]], qtbot: QtBot
) -> None:
    _home, rows = read_ahead
    assert pending_window.opened_journal is None
    model = pending_window.client_list.model
    names = {model.index(i, model.NAME).data() for i in range(model.rowCount())}
    assert names == {row.name for row in rows}
    pending_window.show()
    qtbot.waitUntil(lambda: pending_window.cues is not None, timeout=20000)
    assert pending_window.opened_journal is not None
    assert pending_window.today.model.rowCount() > 0  # Today filled from the journal


def test_a_client_clicked_before_the_journal_opened_shows_its_timeline(
    pending_window: MainWindow, qtbot: QtBot
) -> None:
    pending_window.show()  # painting starts loading the journal; the click comes at once
    qtbot.waitExposed(pending_window)
    assert pending_window.opened_journal is None
    table = pending_window.client_list.table
    row = 1  # not the first row, which a list may make current of its own accord
    clicked = table.model().index(row, 0)
    client_id = clicked.data(CLIENT_ID_ROLE)
    assert pending_window.client_list.current_client_id() != client_id
    rect = table.visualRect(clicked)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pending_window.opened_journal is not None
    assert table.currentIndex().row() == row  # the click landed on the row aimed at
    assert pending_window.client_list.current_client_id() == client_id
    timeline: TimelineView = pending_window.timeline  # type: ignore[assignment]
    assert timeline.client_id == client_id
    # that client's own history is on screen, newest first
    shown = [item.summary for item in timeline.model.items if isinstance(item, Entry)]
    assert shown and shown == [i.summary for i in interactions_of(Client.get_by_id(client_id))]


def test_ctrl_n_before_the_journal_opened_opens_capture(
    pending_window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication

    pending_window.show()
    pending_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pending_window)
    assert pending_window.opened_journal is None  # still on the rows read ahead
    qtbot.keyClick(pending_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert pending_window.opened_journal is not None
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowTitle() == "New interaction"
    )
    dialog.reject()


def test_a_window_closed_before_its_journal_opened_never_opens_it(
    pending_window: MainWindow, qtbot: QtBot
) -> None:
    pending_window.show()  # painting starts loading the journal's modules
    pending_window.close()
    wait_for_background()  # the load ends; its callback finds the window closed
    qtbot.wait(50)
    assert pending_window.opened_journal is None


def test_a_journal_that_cannot_be_opened_closes_the_window_with_the_reason(
    pending_window: MainWindow,
    read_ahead: tuple[Path, list[ClientRow]],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, _rows = read_ahead
    (home / "key.json").write_text("{damaged")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    pending_window.show()
    qtbot.waitUntil(lambda: not pending_window.isVisible(), timeout=20000)
    assert pending_window.journal_failed
    assert pending_window.opened_journal is None
    assert shown and "key record" in shown[0]


def test_the_first_paint_loads_neither_the_journal_nor_the_keyring_nor_the_workers() -> None:
    """What makes the fast start fast; an import at the top of a first-paint module would
    quietly undo it."""
    code = (
        "import sys\n"
        "import journal.startup\n"
        "import PySide6.QtWidgets\n"
        "import ui.app, ui.main_window, ui.single_instance\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['rapport', '-platform', 'offscreen'])\n"
        "ui.app._quit_on_signals(app)\n"
        "heavy = ('peewee', 'journal.store.models', 'journal.store.database', 'keyring',\n"
        "         'tzlocal', 'PySide6.QtNetwork', 'ui.views.timeline', 'ui.dialogs.capture',\n"
        "         'ui.background',\n"
        "         'ui.views.today', 'ui.views.cue_actions', 'journal.cues.model')\n"
        "print(' '.join(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
