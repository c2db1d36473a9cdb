"""A new journal opens on the welcome page: name, signature, language, the recovery sheet, the
first client and then the first capture; a journal with clients never shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from journal import i18n, settings
from journal.clients import create_client, list_clients
from journal.store.database import Journal
from tests.conftest import NOW
from ui.dialogs.capture.dialog import CaptureDialog
from ui.main_window import MainWindow
from ui.views.welcome import WelcomePage, demo_command


@pytest.fixture
def new_window(qtbot: QtBot, journal: Journal) -> Iterator[MainWindow]:
    """The window on a new, empty journal, shown."""
    from ui.background import wait_for_background

    win = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    for dialog in win.findChildren(QDialog):
        if isinstance(dialog, CaptureDialog):
            dialog._closing_decided = True
        dialog.close()
    win.close()
    wait_for_background()
    i18n.use("en")


def page_of(window: MainWindow) -> WelcomePage:
    page = window.centralWidget()
    assert isinstance(page, WelcomePage)
    return page


def test_a_new_journal_opens_on_the_welcome_page(new_window: MainWindow) -> None:
    page = page_of(new_window)
    assert page.isVisible()
    assert not new_window.client_list.isVisible()  # the panels wait behind it
    assert page.my_name.hasFocus()
    buttons = (page.restore_button, page.join_button, page.demo_button)
    texts = [button.text() for button in buttons]
    assert texts == ["Restore from a backup…", "Join a synced journal…", "Try the demo"]
    assert "No recovery sheet" in page.sheet_state.text()


def test_filling_it_keeps_you_adds_the_client_and_opens_the_capture(
    qtbot: QtBot, new_window: MainWindow
) -> None:
    page = page_of(new_window)
    page.my_name.setText("Anna Berg")
    page.signature.setPlainText("Anna Berg\nBerg Coaching")
    page.client_form.name.setText("Maja Lindqvist")
    page.client_form.channel.setCurrentIndex(page.client_form.channel.findData("video"))
    page.client_form.rhythm.setValue(7.0)
    qtbot.keyClick(page.client_form.name, Qt.Key.Key_Return)  # Enter adds, as a button would

    assert settings.get("my_name") == "Anna Berg"
    assert settings.get("signature") == "Anna Berg\nBerg Coaching"
    [client] = list_clients()
    assert (client.name, client.preferred_channel, client.cadence_days) == (
        "Maja Lindqvist",
        "video",
        7.0,
    )
    assert new_window.centralWidget() is new_window.main_split
    assert new_window.current_client_id() == client.id
    qtbot.waitUntil(lambda: any(d.isVisible() for d in new_window.findChildren(CaptureDialog)))
    [capture] = [d for d in new_window.findChildren(CaptureDialog) if d.isVisible()]
    assert capture.client.currentData() == client.id


def test_a_client_needs_a_name_and_the_page_says_so(new_window: MainWindow) -> None:
    page = page_of(new_window)
    page.start_button.click()
    assert page.error.isVisible()
    assert page.error.text() == "Give the client a name."
    assert list_clients() == []
    assert new_window.centralWidget() is page


def test_choosing_swedish_stores_it_and_speaks_it_at_once(new_window: MainWindow) -> None:
    page = page_of(new_window)
    page.my_name.setText("Anna")
    page.client_form.name.setText("Maja")
    page.language.setCurrentIndex(page.language.findData("sv"))
    page.language.activated.emit(page.language.currentIndex())
    assert settings.get("language") == "sv"
    assert i18n.language() == "sv"
    assert page.start_button.text() == "Lägg till klienten och skriv första anteckningen"
    assert (page.my_name.text(), page.client_form.name.text()) == ("Anna", "Maja")
    assert page.language.currentData() == "sv"
    assert new_window.centralWidget() is page  # the window was rebuilt around the page
    assert new_window.menuBar().actions()[0].text().replace("&", "") == "Arkiv"


def test_a_journal_with_clients_opens_on_its_client_list(qtbot: QtBot, journal: Journal) -> None:
    create_client("Tom")
    window = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(window)
    assert window.centralWidget() is window.main_split
    window.close()


def test_skipping_keeps_your_name_and_shows_how_to_add_a_client(
    new_window: MainWindow,
) -> None:
    page = page_of(new_window)
    page.my_name.setText("Anna Berg")
    page.skip_button.click()
    assert settings.get("my_name") == "Anna Berg"
    assert new_window.centralWidget() is new_window.main_split
    assert new_window.client_list.empty_hint.isVisible()
    assert "File > New client…" in new_window.client_list.empty_hint.text()


def test_a_client_from_file_new_client_leaves_the_page(new_window: MainWindow) -> None:
    from ui.dialogs.new_client import NewClientDialog

    new_window.window_actions.new_client.trigger()
    [dialog] = new_window.findChildren(NewClientDialog)
    dialog.form.name.setText("Tom Berg")
    dialog.add_button.click()
    assert [c.name for c in list_clients()] == ["Tom Berg"]
    assert new_window.centralWidget() is new_window.main_split
    assert not new_window.client_list.empty_hint.isVisible()


def test_the_recovery_sheet_step_shows_whether_it_was_saved(
    new_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import recovery

    def save_then_close(journal: Journal, parent: object = None) -> None:
        assert recovery.RecoverySheetDialog(journal).write_to(tmp_path / "sheet.pdf")

    monkeypatch.setattr(recovery, "open_recovery_sheet", save_then_close)
    page = page_of(new_window)
    page.sheet_button.click()
    assert (tmp_path / "sheet.pdf").exists()
    assert "was made on" in page.sheet_state.text()


def test_the_demo_runs_as_a_rapport_of_its_own(
    new_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> tuple[bool, int]:
        started.append((program, arguments))
        return True, 4242

    monkeypatch.setattr("ui.views.welcome.QProcess.startDetached", start)
    page = page_of(new_window)
    page.demo_button.click()
    assert started == [demo_command()]
    assert started[0][1][-1] == "--demo"
    assert "window of its own" in page.news.text()
    assert list_clients() == []  # the coach's own journal holds no demo client


def test_restore_asks_for_a_backup_file_and_says_no_when_cancelled(
    new_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import restoring

    asked: list[str] = []

    def choose(*args: object) -> tuple[str, str]:
        asked.append(str(args[1]))
        return "", ""

    monkeypatch.setattr(restoring.QFileDialog, "getOpenFileName", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked without a file"))
    page_of(new_window).restore_button.click()
    assert asked == ["Restore from a backup"]
    assert QApplication.activeModalWidget() is None


def test_a_capture_with_no_client_names_the_real_menu(new_window: MainWindow) -> None:
    page_of(new_window).skip_button.click()
    new_window.window_actions.new_interaction.trigger()
    [capture] = new_window.findChildren(CaptureDialog)
    capture.accept()
    assert capture.error.text() == (
        "Add a client first with File > New client… (Ctrl+Shift+N), then save this entry."
    )
    file_menu = new_window.menuBar().actions()[0]
    assert file_menu.text().replace("&", "") == "File"
    entries = [a.text().replace("&", "") for a in file_menu.menu().actions()]
    assert "New client…" in entries
    assert new_window.window_actions.new_client.shortcut().toString() == "Ctrl+Shift+N"


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_the_page_reads_whole_on_small_screens(
    qtbot: QtBot, new_window: MainWindow, lang: str, size: tuple[int, int], tmp_path: Path
) -> None:
    page = page_of(new_window)
    page.language.setCurrentIndex(page.language.findData(lang))
    page.language.activated.emit(page.language.currentIndex())
    new_window.resize(*size)
    qtbot.waitUntil(lambda: new_window.size().width() == size[0])
    QApplication.processEvents()
    assert new_window.grab().save(str(tmp_path / f"welcome-{lang}-{size[0]}.png"))
    assert not page.horizontalScrollBar().isVisible()
    column = page.widget()
    assert column.width() <= page.viewport().width()
    for button in column.findChildren(QPushButton):
        assert button.width() >= button.sizeHint().width(), button.text()
    assert page.start_button.text() == (
        "Add the client and write the first entry"
        if lang == "en"
        else "Lägg till klienten och skriv första anteckningen"
    )


def test_restore_from_a_backup_replaces_the_new_journal_and_ends_the_welcome(
    qtbot: QtBot, new_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.backup_plan import back_up
    from journal.clients import delete_client
    from ui.background import wait_for_background
    from ui.dialogs import restoring

    before = new_window.journal
    assert before is not None
    maja = create_client("Maja Lindqvist")  # a journal from before, as its backup holds it
    made = back_up(before, "manual").home
    assert made is not None
    delete_client(maja)  # the journal open now is new and empty
    page = page_of(new_window)
    asked: list[str] = []
    monkeypatch.setattr(restoring.QFileDialog, "getOpenFileName", lambda *a: (str(made), ""))
    monkeypatch.setattr(
        restoring.QMessageBox,
        "question",
        lambda _p, _t, text: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    page.restore_button.click()
    qtbot.waitUntil(lambda: new_window.centralWidget() is new_window.main_split, timeout=20000)
    assert len(asked) == 1 and "set aside" in asked[0]
    assert new_window.statusBar().currentMessage().startswith("Restored the backup")
    assert [c.name for c in list_clients()] == ["Maja Lindqvist"]
    assert new_window.journal is not None and new_window.journal is not before
    new_window.close()
    wait_for_background()
    new_window.journal.close()  # the fixtures close the journal they opened, not this one


def test_following_the_system_is_offered_where_the_setting_takes_it(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the language setting takes "" (follow the system), the page offers it first,
    named with the system's language, and choosing it speaks that language."""
    import dataclasses

    from ui.background import wait_for_background

    spec = settings.spec("language")
    following = dataclasses.replace(spec, default="", choices=("", *spec.choices))
    schema = [following if item is spec else item for item in settings.SCHEMA]
    monkeypatch.setattr(settings, "SCHEMA", schema)
    monkeypatch.setenv("LANGUAGE", "sv_SE")
    window = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(window)
    page = page_of(window)
    names = [page.language.itemText(i) for i in range(page.language.count())]
    assert names == ["System (Svenska)", "English", "Svenska"]
    page.language.setCurrentIndex(0)
    page.language.activated.emit(0)
    try:
        assert settings.get("language") == ""
        assert i18n.language() == "sv"
        assert page.language.itemText(0) == "Systemets språk (Svenska)"
    finally:
        window.close()
        wait_for_background()
        i18n.use("en")


def _synced_laptop(tmp_path: Path, window: MainWindow) -> tuple[Path, str]:
    """Another computer's journal, synced through a folder: the folder and its recovery key
    as the sheet prints it. The window's journal stays the one the models are bound to."""
    from journal.store.models import database
    from journal.store.recovery import format_recovery_key
    from tests.support.sync_devices import Device

    laptop = Device(tmp_path / "laptop", tmp_path / "Sync")
    with laptop.opened():
        create_client("Maja Lindqvist")
    hex_key = laptop.start()
    assert window.journal is not None
    database.initialize(window.journal.db)
    return laptop.folder, format_recovery_key(hex_key)


def _join_from_the_page(
    window: MainWindow, folder: Path, typed: str, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Click "Join a synced journal…", choose `folder`, say yes, type `typed` in the dialog;
    returns the titles of the key dialogs shown."""
    from ui.dialogs import restoring
    from ui.dialogs.unlock import UnlockDialog

    shown: list[str] = []

    def exec_dialog(dialog: UnlockDialog) -> int:
        shown.append(dialog.windowTitle())
        dialog.passphrase.setText(typed)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(restoring.QFileDialog, "getExistingDirectory", lambda *a: str(folder))
    monkeypatch.setattr(
        restoring.QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(UnlockDialog, "exec", exec_dialog)
    page_of(window).join_button.click()
    return shown


def test_joining_a_synced_journal_replaces_the_new_one_and_ends_the_welcome(
    qtbot: QtBot, new_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from journal.sync import service
    from ui.background import wait_for_background

    folder, recovery_key = _synced_laptop(tmp_path, new_window)
    before = new_window.journal
    shown = _join_from_the_page(new_window, folder, recovery_key, monkeypatch)
    assert shown == ["Join a synced journal"]
    qtbot.waitUntil(lambda: new_window.centralWidget() is new_window.main_split, timeout=20000)
    said = new_window.statusBar().currentMessage()
    assert said.startswith("Joined the journal synced in") and "set aside" in said
    assert [c.name for c in list_clients()] == ["Maja Lindqvist"]
    joined = new_window.journal
    assert joined is not None and joined is not before
    assert service.folder_of(joined) == folder.resolve()
    new_window.close()
    wait_for_background()
    joined.close()  # the fixtures close the journal they opened, not this one


def test_a_wrong_recovery_key_joins_nothing_and_keeps_the_page(
    new_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from journal.store.recovery import format_recovery_key

    folder, _right = _synced_laptop(tmp_path, new_window)
    before = new_window.journal
    _join_from_the_page(new_window, folder, format_recovery_key("33" * 32), monkeypatch)
    page = page_of(new_window)
    assert page.news.text().startswith("Nothing was joined: That key does not open")
    assert new_window.journal is before and list_clients() == []


def test_a_join_this_computer_cannot_keep_opens_the_passphrase_journal_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No keyring here, so the app's new journal has a passphrase; the synced journal is
    keyed through a keyring, which this computer lacks. Nothing is joined, and the new
    journal stays open (it is not unlocked with the recovery key typed for the other)."""
    import keyring
    import keyring.backends.fail

    from journal.store.database import open_journal
    from journal.store.recovery import format_recovery_key
    from tests.support.sync_devices import Device
    from ui.background import wait_for_background

    laptop = Device(tmp_path / "laptop", tmp_path / "Sync")
    with laptop.opened():
        create_client("Maja Lindqvist")
    recovery_key = format_recovery_key(laptop.start())
    keyring.set_keyring(keyring.backends.fail.Keyring())
    mine = open_journal(tmp_path / "here", lambda _purpose: "my own passphrase")
    win = MainWindow(mine, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    try:
        _join_from_the_page(win, laptop.folder, recovery_key, monkeypatch)
        qtbot.waitUntil(lambda: "Nothing was joined" in page_of(win).news.text(), timeout=20000)
        assert "could not be opened again" not in page_of(win).news.text()
        assert win.journal is not None and win.journal.key_mode == "passphrase"
        assert list_clients() == []
    finally:
        reopened = win.journal
        win.close()
        wait_for_background()
        if reopened is not None:
            reopened.close()
        i18n.use("en")
