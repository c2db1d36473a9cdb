"""The quick check after every start runs off the UI thread: a damaged journal's window says
so in its status bar, not in a storm of dialogs, and refuses every change."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from journal import clients
from journal.errors import JournalWriteFailed
from journal.store.database import open_journal
from journal.store.home import database_path

PAGE = 4096


def test_a_damaged_journal_s_window_warns_and_refuses_changes(qtbot: QtBot, home) -> None:
    from ui.background import wait_for_background
    from ui.main_window import MainWindow

    with open_journal(home) as journal:
        clients.create_client("Ada")
        [[root]] = journal.db.execute_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'user_template'"
        ).fetchall()
    path = database_path(home)
    data = bytearray(path.read_bytes())
    data[(root - 1) * PAGE + 100 : (root - 1) * PAGE + 108] = bytes(8)  # a page no view reads
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    journal = open_journal(home)
    window = MainWindow(journal, restore_geometry=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: hasattr(window, "refusal_label"), timeout=10000)
    assert "is damaged" in window.refusal_label.text()
    with pytest.raises(JournalWriteFailed, match="is damaged"):
        clients.create_client("Bo")
    window.close()
    wait_for_background()
    journal.close()
    assert path.read_bytes() == before
