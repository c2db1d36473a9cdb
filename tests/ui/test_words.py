"""Every word the window and its dialogs show comes from the catalogue (issue 16).

Under a pseudo-translation that wraps every catalogue word in ⟦…⟧, a word left bare in a
label, button, menu, title, tooltip, placeholder or header was never marked: the test names
it and where it is. The same walk in Swedish finds no English text the catalogue translates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from journal import i18n
from journal.clients import list_clients
from journal.store.secrets import PassphrasePurpose
from tests.conftest import NOW
from tests.support.widget_words import Pseudo, data_words, english_of, shown_texts, unmarked
from ui.main_window import MainWindow

Opener = Callable[[MainWindow], QWidget]


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """Every catalogue, however a module reached it, is the pseudo-translation."""
    monkeypatch.setattr(i18n, "load_catalogue", lambda _lang: Pseudo())
    i18n.translation.cache_clear()
    yield
    i18n.translation.cache_clear()


def _first_client() -> int:
    return list_clients()[0].id


def _main(window: MainWindow) -> QWidget:
    return window


def _client_page(window: MainWindow) -> QWidget:
    window.open_client(_first_client())
    return window


def _context_menus(window: MainWindow) -> QWidget:
    """The timeline's menus: an entry's (edit, delete) and a cue's (dismiss, snooze)."""
    from PySide6.QtWidgets import QMenu

    window.open_client(_first_client())
    assert window.cues
    menu = QMenu(window)
    menu.addActions([window.timeline.edit_action, window.timeline.delete_action])
    window.timeline.cue_actions.add_to_menu(menu, window.cues[0])
    return window


def _search(window: MainWindow) -> QWidget:
    window.show_search()
    return window


def _preferences(window: MainWindow) -> QWidget:
    from ui.dialogs.settings import SettingsDialog

    assert window.journal is not None
    return SettingsDialog(window.journal, window)


def _capture(window: MainWindow) -> QWidget:
    from ui.dialogs.capture.dialog import CaptureDialog

    dialog = CaptureDialog(
        window.undo_stack, _first_client(), clock=lambda: NOW, offer_drafts=False, parent=window
    )
    dialog.self_check_toggle.setChecked(True)
    return dialog


def _template(window: MainWindow) -> QWidget:
    from ui.dialogs.template.dialog import TemplateDialog

    return TemplateDialog(_first_client(), parent=window, as_of=NOW)


def _template_editor(window: MainWindow) -> QWidget:
    from ui.dialogs.template.editor import TemplateEditor

    return TemplateEditor(None, lang="en", parent=window)


def _backups(window: MainWindow) -> QWidget:
    from ui.dialogs.backups import BackupsDialog

    return BackupsDialog(window)


def _recovery(window: MainWindow) -> QWidget:
    from ui.dialogs.recovery import RecoverySheetDialog

    assert window.journal is not None
    return RecoverySheetDialog(window.journal, window)


def _unlock(purpose: PassphrasePurpose) -> Opener:
    def opener(window: MainWindow) -> QWidget:
        from ui.dialogs.unlock import UnlockDialog

        return UnlockDialog(purpose, parent=window)

    return opener


def _snooze(window: MainWindow) -> QWidget:
    from ui.views.cue_actions import SnoozeDateDialog

    return SnoozeDateDialog(NOW.date(), window)


def _report(window: MainWindow) -> QWidget:
    from ui.reports.dialog import ReportDialog

    return ReportDialog("client", _first_client(), window, clock=lambda: NOW)


def _welcome(window: MainWindow) -> QWidget:
    from ui.views.welcome import WelcomePage

    return WelcomePage(window)


def _new_client(window: MainWindow) -> QWidget:
    from ui.dialogs.new_client import NewClientDialog

    return NewClientDialog(window)


def _help(which: str) -> Opener:
    def opener(window: MainWindow) -> QWidget:
        from ui.dialogs.help import AboutBox, ShortcutsSheet  # the guide is a document per language

        return {"shortcuts": ShortcutsSheet, "about": AboutBox}[which](window)

    return opener


OPENERS = [
    pytest.param(_main, id="today"),
    pytest.param(_client_page, id="client page"),
    pytest.param(_context_menus, id="context menus"),
    pytest.param(_search, id="search"),
    pytest.param(_preferences, id="preferences"),
    pytest.param(_capture, id="capture"),
    pytest.param(_template, id="template"),
    pytest.param(_template_editor, id="template editor"),
    pytest.param(_backups, id="backups"),
    pytest.param(_recovery, id="recovery sheet"),
    pytest.param(_unlock(PassphrasePurpose.CREATE), id="unlock create"),
    pytest.param(_unlock(PassphrasePurpose.UNLOCK), id="unlock"),
    pytest.param(_unlock(PassphrasePurpose.RECOVER), id="unlock recover"),
    pytest.param(_snooze, id="snooze"),
    pytest.param(_report, id="report"),
    pytest.param(_welcome, id="welcome"),
    pytest.param(_new_client, id="new client"),
    pytest.param(_help("shortcuts"), id="shortcuts"),
    pytest.param(_help("about"), id="about"),
]


def _opened(qtbot: QtBot, window: MainWindow, opener: Opener) -> QWidget:
    shown = opener(window)
    if shown is not window:
        qtbot.addWidget(shown)
        shown.show()
    qtbot.wait(50)  # layouts settle; nothing is awaited
    return shown


@pytest.mark.parametrize("opener", OPENERS)
def test_every_word_shown_is_marked_for_translation(
    pseudo: None, qtbot: QtBot, window: MainWindow, opener: Opener
) -> None:
    shown = _opened(qtbot, window, opener)
    data = data_words(window.journal, NOW)
    texts = shown_texts(shown)
    bare = sorted({f"{where}: {text!r}" for where, text in texts if unmarked(text, data)})
    assert len(texts) > 3, "the walk found the dialog's words"
    assert bare == [], "words not marked with _():\n" + "\n".join(bare)


def test_the_walk_catches_a_bare_word(pseudo: None, qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem

    window.statusBar().addWidget(QLabel("Forgotten words"))
    window.statusBar().addWidget(QPushButton(i18n._("Save")))
    window.statusBar().addWidget(QLineEdit("a default value"))  # a value the app put there
    table = QTableWidget(1, 1)
    table.setItem(0, 0, QTableWidgetItem("Ctrl+Return"))  # a cell the app filled
    window.statusBar().addWidget(table)
    bare = [
        text
        for _where, text in shown_texts(window)
        if unmarked(text, data_words(window.journal, NOW))
    ]
    assert sorted(bare) == ["Ctrl+Return", "Forgotten words", "a default value"]


@pytest.mark.parametrize("opener", OPENERS)
def test_no_english_the_catalogue_translates_is_shown_in_swedish(
    qtbot: QtBot, window: MainWindow, opener: Opener
) -> None:
    from ui.views.language import switch_language

    switch_language(window, "sv")
    shown = _opened(qtbot, window, opener)
    english = english_of(i18n.translation("sv"))
    left = sorted(
        f"{where}: {text!r} (Swedish: {english[plain]!r})"
        for where, text in shown_texts(shown)
        if (plain := text.replace("&", "").strip()) in english
    )
    assert left == [], "English shown in Swedish:\n" + "\n".join(left)
