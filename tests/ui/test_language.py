"""The app speaks the language asked for: --lang, else the journal's setting, else the
system's, and a change in Preferences applies at once, losing nothing (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from journal import i18n, settings
from journal.clients import list_clients
from journal.store.database import Journal
from journal.timeline import client_by_id
from tests.conftest import NOW
from ui.dialogs import files
from ui.dialogs.settings import SettingsDialog
from ui.main_window import MainWindow
from ui.views.language import apply_language, follow_language


@pytest.fixture(autouse=True)
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    apply_language("en")


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _choose_in_preferences(qtbot: QtBot, window: MainWindow, lang: str) -> None:
    """File > Preferences…, the language set to `lang`, OK: as the coach does it."""

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        combo = dialog.editors["language"].widget
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(lang))
        dialog.accept()

    QTimer.singleShot(0, choose)
    files.open_preferences(window)


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_preferences_switch_the_open_window_to_swedish_and_back_keeping_everything(
    qtbot: QtBot, window: MainWindow
) -> None:
    follow_language(window, None)  # as the app does once the journal is open
    assert _menu_titles(window)[:2] == ["&File", "&Edit"]
    client = list_clients()[0]
    window.open_client(client.id)
    window.profile.notes.setPlainText("Typed before the switch")  # not saved yet
    window.show_search()
    window.search.query_edit.setText("proposal")
    undo_steps = window.undo_stack.count()

    _choose_in_preferences(qtbot, window, "sv")

    assert i18n.language() == "sv"
    assert _menu_titles(window)[:4] == ["&Arkiv", "&Redigera", "&Visa", "&Klient"]
    assert window.today_button.text().startswith("I dag")
    assert window.journal is not None and window.window_actions.find.isEnabled()
    assert window.current_client_id() == client.id  # the open client is still open
    assert window.timeline.client_id == client.id
    assert window.profile.notes.toPlainText() == "Typed before the switch"
    assert client_by_id(client.id).notes == "Typed before the switch"  # saved, not lost
    assert window.undo_stack.count() == undo_steps + 1  # the history kept, the save on it
    assert window.search_dock.isVisible() and window.search.query_edit.text() == "proposal"
    assert window.search_dock.windowTitle() == "Sök"
    assert QLocale().name() == "sv_SE"  # Qt's dates and numbers
    assert window.profile.away.start.locale().name() == "sv_SE"  # its date fields too
    assert _cancel_text() == "Avbryt"  # Qt's own buttons, from its catalogue
    assert len([a for a in window.actions() if a.text() == "&Sök…"]) == 1  # no old shortcuts
    assert window.window_actions.undo.isEnabled()
    window.window_actions.undo.trigger()  # the history works on: the save is taken back
    assert client_by_id(client.id).notes != "Typed before the switch"
    assert window.window_actions.redo.isEnabled() and window.window_actions.redo.text().startswith(
        "&Gör om"
    )

    _choose_in_preferences(qtbot, window, "en")

    assert _menu_titles(window)[:2] == ["&File", "&Edit"]
    assert window.current_client_id() == client.id
    assert _cancel_text() == "Cancel"


def test_a_window_built_before_the_journal_opened_speaks_the_journals_language(
    qtbot: QtBot, demo_journal: Journal
) -> None:
    settings.set_values({"language": "sv"})
    window = MainWindow(clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(window)
    assert _menu_titles(window)[0] == "&File"  # built before the journal said otherwise
    follow_language(window, None)
    window.set_journal(demo_journal)
    assert _menu_titles(window)[0] == "&Arkiv"
    assert window.today.heading.text() == "I dag, måndag 2 mars"
    window.close()


def test_lang_on_the_command_line_wins_over_the_journal(
    qtbot: QtBot, demo_journal: Journal
) -> None:
    settings.set_values({"language": "sv"})
    apply_language("en")  # what run_app does with --lang en
    window = MainWindow(clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(window)
    follow_language(window, "en")
    window.set_journal(demo_journal)
    assert _menu_titles(window)[0] == "&File"
    window.close()


@pytest.mark.parametrize("setting", ["", "xx"])
def test_a_setting_that_names_no_language_follows_the_system(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv("LANGUAGE", "sv_SE")
    assert apply_language(setting) == "sv"
    monkeypatch.setenv("LANGUAGE", "de_DE")
    assert apply_language(setting) == "en"


def test_the_lang_flag_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.app
    from ui.entry import main

    asked: dict[str, object] = {}

    def run_app(**kwargs: object) -> int:
        asked.update(kwargs)
        return 0

    monkeypatch.setattr(ui.app, "run_app", run_app)
    with pytest.raises(SystemExit):
        main(["--lang", "sv", "--demo"])
    assert asked["lang"] == "sv"


def test_numbers_in_the_profile_follow_the_language(window: MainWindow) -> None:
    from ui.views.language import switch_language

    switch_language(window, "sv")
    window.open_client(list_clients()[0].id)
    shown = [field.placeholderText() for field in window.profile.thresholds.fields.values()]
    assert "standard (1,5)" in shown  # the neglect tolerance, with a decimal comma
    assert not any("." in text for text in shown)


def test_a_journal_reopened_in_the_window_brings_its_language(window: MainWindow) -> None:
    follow_language(window, None)
    settings.set_values({"language": "sv"})  # as a restored backup's setting may say
    window.opened.emit()  # set_journal's last word, after a restore too
    assert _menu_titles(window)[0] == "&Arkiv"
