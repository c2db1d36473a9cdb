"""The app's backups: File > Backups… lists them and makes one now, the hourly check makes one
when the newest is a day old (and none otherwise), a second folder that is gone is said once,
an import is backed up first, and quitting the app leaves a verified backup."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from journal import settings
from journal.changes import Changes
from journal.clients import create_client, list_clients
from journal.interchange.demo import demo_document
from journal.store.health import copy_problems, counts
from journal.store.home import backups_dir
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.dialogs import files
from ui.dialogs.auto_backup import CHECK_MS
from ui.dialogs.backups import BackupsDialog
from ui.main_window import MainWindow


def _own(window: MainWindow) -> list[Path]:
    assert window.journal is not None
    return sorted(backups_dir(window.journal.home).glob("rapport-*.db"))


def _dialog(window: MainWindow) -> BackupsDialog:
    window.window_actions.backups.trigger()
    dialog = window.findChild(BackupsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_back_up_now_lists_the_new_verified_backup(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _dialog(window)
    assert dialog.model.rowCount() == 0
    qtbot.mouseClick(dialog.back_up_now, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and not dialog.back_up_now.isEnabled()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20000)
    assert not dialog.progress.isVisible() and dialog.back_up_now.isEnabled()
    [made] = _own(window)
    assert dialog.status.text() == f"Backed up and verified: {made}."
    row = [dialog.model.index(0, column).data() for column in range(5)]
    assert row[1:] == ["By hand", row[2], "Journal's backups folder", "Yes"]
    assert row[2].endswith("KB") or row[2].endswith("MB")
    dialog.close()


def test_show_in_folder_opens_the_chosen_backup_s_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    settings.set_value("backup_folder", str(drive))
    assert window.backups.run()
    qtbot.waitUntil(lambda: not window.backups.running, timeout=20000)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = _dialog(window)
    places = {dialog.model.index(row, 3).data() for row in range(dialog.model.rowCount())}
    assert places == {"Journal's backups folder", str(drive)}
    for row in range(dialog.model.rowCount()):
        dialog.table.selectRow(row)
        qtbot.mouseClick(dialog.show_folder, Qt.MouseButton.LeftButton)
    assert sorted(Path(url.toLocalFile()) for url in opened) == sorted(
        [drive, backups_dir(window.journal.home)]
    )
    dialog.close()


def test_the_hourly_check_backs_up_once_a_day(qtbot: QtBot, window: MainWindow) -> None:
    auto = window.backups
    assert auto.timer.isActive() and auto.timer.interval() == CHECK_MS
    auto.tick()  # no backup yet: one is due
    qtbot.waitUntil(lambda: not auto.running and len(_own(window)) == 1, timeout=20000)
    [daily] = _own(window)
    assert daily.name.endswith("-daily.db")
    auto.tick()  # the newest is minutes old: nothing to do
    wait_for_background()
    assert not auto.running and _own(window) == [daily]
    day_old = time.time() - 25 * 3600
    os.utime(daily, (day_old, day_old))
    auto.tick()
    qtbot.waitUntil(lambda: not auto.running and len(_own(window)) == 2, timeout=20000)


def test_a_second_folder_that_is_gone_is_said_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    drive = tmp_path / "unplugged"
    settings.set_value("backup_folder", str(drive))
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    auto = window.backups
    for _attempt in range(3):
        assert auto.run("daily")
        qtbot.waitUntil(lambda: not auto.running, timeout=20000)
    problems = [m for m in said if m.startswith("No backup reached")]
    assert problems == [f"No backup reached {drive}; see File > Backups…"]
    assert len(_own(window)) == 3  # the home's copies count all the same
    dialog = _dialog(window)
    assert dialog.status.text().startswith(f"No backup could be written to {drive}: the folder")
    dialog.close()


def test_an_import_in_the_app_is_backed_up_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "more.json"
    document = demo_document(NOW)
    document["clients"] = [{"name": "Ada Berg"}]
    source.write_text(json.dumps(document), encoding="utf-8")
    files.import_json(window, str(source))
    qtbot.waitUntil(
        lambda: "Imported 1 client" in window.statusBar().currentMessage(), timeout=20000
    )
    [before] = _own(window)
    assert before.name.endswith("-before-import.db")
    assert window.journal is not None
    held = counts(window.journal.db.connection())
    was = {**held, "client": held["client"] - 1}  # the journal as it was before the import
    assert copy_problems(before, window.journal._key, was, was) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_quitting_the_app_leaves_a_verified_backup(tmp_path: Path) -> None:
    home = tmp_path / "home"
    passphrase = "a long enough passphrase"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "RAPPORT_PASSPHRASE": passphrase,
        "RAPPORT_STARTUP_PROBE": "1",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "ui", "--home", str(home)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:  # the start's milestones, until the journal is open
            if line.startswith("open "):
                break
        else:
            pytest.fail(f"the app never opened its journal: {child.communicate()[1]}")
        child.send_signal(signal.SIGTERM)
        _out, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, stderr
    assert "Traceback" not in stderr
    [backup] = backups_dir(home).glob("rapport-*-at-quit.db")
    none = {"client": 0, "interaction": 0, "commitment": 0}
    assert copy_problems(backup, passphrase, none, none) == []


def test_restore_puts_the_backup_in_place_and_sets_the_journal_aside(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(window)
    qtbot.mouseClick(dialog.back_up_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20000)
    before = window.journal
    assert before is not None
    late = create_client("Written After The Backup")
    window.cue_refresh.refresh_rows()  # as File > New client does, to open it now
    window.journal_changed(Changes.of(clients=[late.id]))
    assert window.open_client(late.id)
    asked: list[str] = []
    monkeypatch.setattr(
        BackupsDialog, "confirm_restore", lambda self, backup: asked.append(backup.path) or True
    )
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Restored"), timeout=20000)

    assert asked == [_own(window)[0]]
    assert window.journal is not None and window.journal is not before
    assert "Written After The Backup" not in [c.name for c in list_clients()]
    names = [
        window.client_list.model.index(row, 1).data()
        for row in range(window.client_list.model.rowCount())
    ]
    assert "Written After The Backup" not in names and "Maja Lindqvist" in names
    [aside] = (window.journal.home / "set-aside").iterdir()
    assert dialog.status.text() == (
        f"Restored the backup {asked[0].name}. The journal that was open is set aside in {aside}."
    )
    assert window.window_actions.new_interaction.isEnabled()
    assert not window.undo_stack.canUndo()
    dialog.close()
    window.close()
    wait_for_background()
    window.journal.close()  # the fixtures close the journal they opened, not this one


def test_restore_waits_for_other_open_windows(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.backups.run()
    qtbot.waitUntil(lambda: not window.backups.running, timeout=20000)
    capture = QDialog(window)  # a window with work of its own open, as a capture is
    capture.setWindowTitle("New interaction")
    capture.show()
    dialog = _dialog(window)
    monkeypatch.setattr(BackupsDialog, "confirm_restore", lambda self, backup: pytest.fail())
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Close the open “New interaction” window first; then restore."
    assert not (window.journal.home / "set-aside").exists()
    dialog.close()
    capture.reject()


def test_a_file_the_app_refuses_to_import_makes_no_backup(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """The file is checked before the backup: a bad one changes nothing and copies nothing."""
    source = tmp_path / "bad.json"
    source.write_text('{"format": "rapport-journal", "version": 1, "clients": [{}]}')
    files.import_json(window, str(source))
    qtbot.waitUntil(lambda: getattr(window, "last_message", None) is not None, timeout=20000)
    assert "Nothing was imported" in window.last_message.text()
    assert _own(window) == []
    window.last_message.close()
