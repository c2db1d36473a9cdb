"""The app syncs on its own: at start, when another device's files arrive in the folder, and
after a save; on a worker, with the status bar saying where it stands; Preferences show the
folder and the devices, and leave sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from journal.changes import Changes
from journal.clients import create_client
from journal.store.database import Journal, open_journal
from journal.store.models import database
from journal.sync import service
from journal.sync.engine import Meta
from tests.support.sync_devices import Device
from ui.background import wait_for_background
from ui.dialogs import auto_sync
from ui.dialogs.settings import SettingsDialog
from ui.main_window import MainWindow


@pytest.fixture
def devices(tmp_path: Path) -> tuple[Device, Device]:
    folder = tmp_path / "Sync"
    laptop, desktop = Device(tmp_path / "laptop", folder), Device(tmp_path / "desktop", folder)
    with laptop.opened():
        create_client("Ada Lovelace")
    desktop.join(laptop.start())
    return laptop, desktop


@pytest.fixture
def window(
    qtbot: QtBot, devices: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(auto_sync, "DEBOUNCE_MS", 50)
    journal = open_journal(devices[1].home)
    win = MainWindow(journal, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    wait_for_background()
    journal.close()


def _on_laptop(laptop: Device, desktop_journal: Journal, sql: str) -> None:
    """An edit on the other device, synced there (its own journal, opened beside ours)."""
    other = open_journal(laptop.home)
    try:
        other.db.execute_sql(sql)
        service.sync_now(other)
    finally:
        other.close()
        database.initialize(desktop_journal.db)


def _phone(journal: Journal) -> str:
    return str(journal.db.execute_sql("SELECT phone FROM client").fetchone()[0])


def test_the_app_syncs_at_start_on_arrival_and_after_a_save(
    qtbot: QtBot, window: MainWindow, devices: tuple[Device, Device]
) -> None:
    laptop, _desktop = devices
    journal = window.journal
    assert journal is not None
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("Synced"), timeout=10000)
    assert "1 other device" in window.sync.label.text()
    assert window.sync.label.isVisible()
    watched = {Path(d).name for d in window.sync.watcher.directories()}
    me = Meta(journal.db).get("device")
    assert me not in watched  # its own writes must not wake it again and again
    assert laptop.folder.name in watched and len(watched) == 2  # the folder, the laptop's

    with qtbot.waitSignal(window.changed, timeout=10000):  # the views refresh for it
        _on_laptop(laptop, journal, "UPDATE client SET phone = '070-123'")
    assert _phone(journal) == "070-123"

    journal.db.execute_sql("UPDATE client SET email = 'ada@example.org'")
    with qtbot.waitSignal(window.sync.synced, timeout=10000) as synced:
        window.journal_changed(Changes.of(clients=[1]))  # a save, as a command reports it
    outcome, status = synced.args
    assert outcome.sent == 1 and status.pending == 0
    other = open_journal(laptop.home)
    try:
        service.sync_now(other)
        email = other.db.execute_sql("SELECT email FROM client").fetchone()[0]
    finally:
        other.close()
        database.initialize(journal.db)
    assert email == "ada@example.org"


def test_a_folder_that_is_gone_is_said_once(
    qtbot: QtBot, window: MainWindow, devices: tuple[Device, Device]
) -> None:
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("Synced"), timeout=10000)
    devices[0].folder.rename(devices[0].folder.with_name("gone"))
    with qtbot.waitSignal(window.sync.synced, timeout=10000) as synced:
        window.sync.run()
    assert synced.args == [None, None]
    assert window.sync.label.text() == "Sync: waiting for the folder"
    assert "nothing was lost" in window.statusBar().currentMessage()


def test_preferences_show_the_folder_and_devices_and_leave_sync(
    qtbot: QtBot,
    window: MainWindow,
    devices: tuple[Device, Device],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    journal = window.journal
    assert journal is not None
    qtbot.waitUntil(lambda: window.sync.label.text().startswith("Synced"), timeout=10000)
    dialog = SettingsDialog(journal, window)
    qtbot.addWidget(dialog)
    box = dialog.sync_box
    folder = str(devices[0].folder.resolve())
    qtbot.waitUntil(lambda: box.folder_label.text() == folder, timeout=10000)
    me = Meta(journal.db).get("device")
    [laptop_id] = [p.name for p in devices[0].folder.iterdir() if p.is_dir() and p.name != me]
    assert laptop_id in box.devices.text() and "last synced" in box.devices.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    box.leave_button.click()
    qtbot.waitUntil(lambda: box.folder_label.text() == "Not set up", timeout=10000)
    qtbot.waitUntil(lambda: not window.sync.label.isVisible(), timeout=10000)
    assert not box.leave_button.isEnabled()
    assert not window.sync.label.isVisible()
    assert service.folder_of(journal) is None


def test_what_a_sync_has_to_say_is_shown_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copied home taking a new id, or a deleted client back, is said, not only logged."""
    real = service.sync_now
    line = "1 client deleted on another device is back."

    def saying(journal: Journal) -> service.Outcome:
        outcome = real(journal)
        outcome.notice = line
        return outcome

    monkeypatch.setattr(service, "sync_now", saying)
    window.sync.run()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == line, timeout=10000)
