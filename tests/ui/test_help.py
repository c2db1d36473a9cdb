"""The Help menu (user guide, keyboard shortcuts, About) and the Templates menu."""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMenu
from pytestqt.qtbot import QtBot

import journal
from journal import i18n
from journal.templates import library
from tests.conftest import NOW
from ui.dialogs.capture.dialog import CaptureDialog
from ui.dialogs.help import CAPTURE_KEYS, AboutBox, ShortcutsSheet, UserGuide
from ui.dialogs.template.editor import TemplateEditor
from ui.main_window import MainWindow


def menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            found = action.menu()
            assert isinstance(found, QMenu)
            return found
    raise AssertionError(f"no {title} menu")


def entries(found: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in found.actions() if not a.isSeparator()]


def opened(window: MainWindow, kind: type[QDialog]) -> QDialog:
    [dialog] = [d for d in window.findChildren(kind) if d.isVisible()]
    return dialog


def test_the_help_menu_opens_the_guide_the_shortcuts_and_about(window: MainWindow) -> None:
    help_menu = menu(window, "Help")
    assert entries(help_menu) == ["User guide", "Keyboard shortcuts", "About Rapport"]
    guide, shortcuts, about = help_menu.actions()
    guide.trigger()
    assert "Capturing" in opened(window, UserGuide).browser.toPlainText()
    shortcuts.trigger()
    assert opened(window, ShortcutsSheet).table.rowCount() > 10
    about.trigger()
    assert opened(window, AboutBox).isVisible()


def sheet_rows(sheet: QDialog) -> list[tuple[str, str, str]]:
    assert isinstance(sheet, ShortcutsSheet)
    table = sheet.table
    return [
        tuple(table.item(row, column).text() for column in range(3))  # type: ignore[misc]
        for row in range(table.rowCount())
    ]


def test_the_shortcuts_sheet_lists_every_key_the_menus_have(window: MainWindow) -> None:
    window.window_actions.today.setShortcut(QKeySequence("Ctrl+Alt+Y"))  # the sheet follows
    window.window_actions.help_actions[1].trigger()
    rows = sheet_rows(opened(window, ShortcutsSheet))
    native = QKeySequence.SequenceFormat.NativeText
    keyed = [a for a in window.actions() if a.shortcuts()]  # every key the window answers
    assert len(keyed) > 8
    listed_keys = {keys for _where, _what, keys in rows}
    for action in keyed:
        first = action.shortcuts()[0].toString(native)
        assert any(first in keys.split(", ") for keys in listed_keys), first
    assert ("View", "Today", "Ctrl+Alt+Y") in rows
    assert ("File", "New interaction…", QKeySequence("Ctrl+N").toString(native)) in rows
    assert ("File", "New client…", "Ctrl+Shift+N") in rows
    assert any(what == "Save the entry" and keys == "Ctrl+Return" for _w, what, keys in rows)


def test_the_capture_keys_on_the_sheet_are_the_dialogs_own(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = CaptureDialog(window.undo_stack, None, clock=lambda: NOW, offer_drafts=False)
    qtbot.addWidget(dialog)
    bound = {s.key().toString() for s in dialog.findChildren(QShortcut)}
    bound.add(dialog.self_check_toggle.shortcut().toString())
    for keys, _what in CAPTURE_KEYS:
        assert keys in bound
    dialog._closing_decided = True


def test_about_names_the_version_the_licence_and_the_journal(window: MainWindow) -> None:
    assert importlib.metadata.version("rapport") == journal.__version__  # one home
    window.window_actions.help_actions[2].trigger()
    about = opened(window, AboutBox)
    assert isinstance(about, AboutBox)
    text = " ".join(label.text() for label in about.findChildren(type(about.where)))
    assert f"Rapport {journal.__version__}" in text
    assert "licence" in text
    assert window.journal is not None
    assert str(window.journal.home / "journal.db") in about.where.text()


def test_the_guide_speaks_swedish_in_swedish(window: MainWindow) -> None:
    i18n.use("sv")
    try:
        guide = UserGuide(window)
    finally:
        i18n.use("en")
    assert "Anteckna" in guide.browser.toPlainText()
    guide.close()


def test_the_templates_menu_writes_edits_imports_and_exports(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = menu(window, "Templates")
    assert entries(templates) == [
        "Write from template…",
        "New template…",
        "Edit a template…",
        "Import template set…",
        "Export template set…",
    ]
    window.window_actions.template_actions[0].trigger()
    editor = opened(window, TemplateEditor)
    assert isinstance(editor, TemplateEditor)
    editor.title_edit.setText("Check-in")
    editor.subject_edit.setText("How are you?")
    editor.save()
    assert "Check-in" in [t.title for t in library.own_templates()]

    from ui.dialogs.template import manage

    target = tmp_path / "set.json"
    manage.export_set(window, target)
    assert target.exists()
    count = len(json.loads(target.read_text(encoding="utf-8"))["templates"])
    assert window.statusBar().currentMessage() == f"Exported {count} templates to set.json."
    manage.import_set(window, target)
    assert f"{count} already the same" in window.statusBar().currentMessage()
    warned: list[str] = []
    monkeypatch.setattr(manage.QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    manage.import_set(window, tmp_path / "missing.json")
    assert len(warned) == 1 and "missing.json" in warned[0]


def test_edit_a_template_offers_every_template_and_opens_the_chosen(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs.template import manage

    offered: list[list[str]] = []

    def choose(_parent: object, _title: str, _label: str, items: list[str], *rest: object):
        offered.append(items)
        return items[1], True

    monkeypatch.setattr(manage.QInputDialog, "getItem", choose)
    window.window_actions.template_actions[1].trigger()
    templates = library.list_templates(library.default_language())
    assert offered == [[t.title for t in templates]]
    editor = opened(window, TemplateEditor)
    assert isinstance(editor, TemplateEditor)
    assert editor.original == templates[1]
    editor.close()


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_guide_names_things_as_the_app_does(lang: str, window: MainWindow) -> None:
    """The Swedish guide called the cues by names the app never shows ("Olust", "Överkontakt"),
    the self-check "självkontrollen" and the Today button "Idag": each cue's name, each menu path
    and each button the guide puts in bold is the app's own word in that language."""
    from journal.cues.model import KIND_WORDS
    from ui.views.language import switch_language

    switch_language(window, lang)
    try:
        guide = (
            (Path(journal.__file__).parent.parent / "resources" / "guide")
            .joinpath(f"guide.{lang}.md")
            .read_text(encoding="utf-8")
        )
        t = i18n.translation(lang)
        for word in KIND_WORDS.values():
            said = t.gettext(word)
            assert f"**{said[0].upper()}{said[1:]}**" in guide or f"**{said}**" in guide, said
        shown = {
            action.text().replace("&", "")
            for action in window.findChildren(QAction)
            if action.text()
        }
        shown |= {m.title().replace("&", "") for m in window.menuBar().findChildren(QMenu)}
        for path in re.findall(r"\*\*([^*]+ > [^*]+)\*\*", guide):
            for part in path.split(" > "):
                assert part in shown, f"{path}: {part!r} is not in the window's menus"
        for button in ("Today", "Log as sent"):
            assert f"**{t.gettext(button)}**" in guide
    finally:
        switch_language(window, "en")


def test_the_capture_keys_are_named_in_swedish(window: MainWindow) -> None:
    """The sheet's own capture rows said "Ctrl+Return" in Swedish; the menus' keys said
    "Backsteg": every key name comes from Qt's catalogue now."""
    from ui.views.language import switch_language

    switch_language(window, "sv")
    try:
        sheet = ShortcutsSheet(window)
        keys = [sheet.table.item(row, 2).text() for row in range(sheet.table.rowCount())]
        whats = [sheet.table.item(row, 1).text() for row in range(sheet.table.rowCount())]
        assert "Ctrl+Retur" in keys and "Ctrl+Return" not in keys
        assert "Visa eller dölj självskattningen" in whats
        sheet.close()
    finally:
        switch_language(window, "en")
