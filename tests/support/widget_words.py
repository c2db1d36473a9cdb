"""Every word a window shows, read from its widgets, and the words that are the coach's data.

The catalogue tests walk a built window or dialog with `shown_texts` and judge each text:
under a pseudo-translation every word from ui/ arrives wrapped in ⟦…⟧, so what is left once
the wrapped parts, the coach's own data and the journal's sentences are taken out was never
marked. The walk reads what a person reads or hears: labels, buttons, menus and their
actions, window and group titles, tooltips, placeholders, combo items, spin box affixes,
tab titles, the headers of item views and accessible names. Qt's own standard buttons (OK,
Cancel) are Qt's words, translated by Qt's catalogue, and are left out.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from journal.interchange.export import export_journal
from journal.overview import open_cues, today_agenda
from journal.store.database import Journal
from journal.store.home import journal_home
from journal.templates.library import list_templates
from journal.templates.text import PLACEHOLDERS
from journal.values.vocabulary import LANGUAGES

OPEN, CLOSE = "⟦", "⟧"
NAMES = frozenset({"Rapport", "English", "Svenska", "JSON", "PDF", "Ctrl"})
QT_KEY_NAMES = frozenset({"Shift", "Alt", "Backspace", "Del", "Meta"})
"""Keys Qt's own catalogue names ("Skift", "Backsteg"); not Return, which Qt's Swedish leaves
English, so Rapport names it."""
"""Words that are the same in every language: the app's name, languages by their own names,
formats and key names."""
FREE_TEXT = frozenset({"name", "email", "phone", "project", "notes", "summary", "text", "note"})


class Pseudo(gettext.NullTranslations):
    """A catalogue that wraps every word it is asked for in ⟦…⟧."""

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"{OPEN}{singular if n == 1 else plural}{CLOSE}"

    def pgettext(self, context: str, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ")


def _standard(button: QAbstractButton) -> bool:
    box = button.parent()
    return (
        isinstance(box, QDialogButtonBox)
        and box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton
    )


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield f"{where} menu title", menu.title()
    for action in menu.actions():
        yield f"{where} action", action.text()
        yield f"{where} action tooltip", action.toolTip()
        yield f"{where} action status tip", action.statusTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.text()}")


def _model_headers(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    header = (
        view.horizontalHeader()
        if isinstance(view, QTableView)
        else view.header()
        if isinstance(view, QTreeView)
        else None
    )
    if model is None or header is None:
        return  # a list has no header
    for column in range(header.count()):
        value = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(value, str):
            yield f"{where} header {column}", value


def _model_cells(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    """The cells' words (the first rows): a table the app fills, like the shortcuts sheet's
    keys, has words of its own (its "Ctrl+Return" stayed English in Swedish)."""
    model = view.model()
    if model is None or isinstance(view, QHeaderView):
        return  # a header's model is its view's
    top = QModelIndex()
    try:
        columns = model.columnCount(top)
    except TypeError:  # a list model keeps its one column to itself
        columns = 1
    for row in range(min(model.rowCount(top), 40)):
        for column in range(columns):
            value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"{where} cell {row},{column}", value


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
    if widget.isWindow():
        yield f"{where} window title", widget.windowTitle()
    yield f"{where} tooltip", widget.toolTip()
    yield f"{where} status tip", widget.statusTip()
    yield f"{where} accessible name", widget.accessibleName()
    if isinstance(widget, QLabel):
        yield f"{where} text", _strip_html(widget.text())
    if isinstance(widget, QAbstractButton) and not _standard(widget):
        yield f"{where} text", widget.text()
    if isinstance(widget, QGroupBox):
        yield f"{where} title", widget.title()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox)):
        yield f"{where} placeholder", widget.placeholderText()
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield f"{where} item {index}", widget.itemText(index)
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        yield f"{where} prefix", widget.prefix()
        yield f"{where} suffix", widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield f"{where} special value", widget.specialValueText()
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield f"{where} tab {index}", widget.tabText(index)
    if isinstance(widget, QAbstractItemView):
        yield from _model_headers(widget, where)
        yield from _model_cells(widget, where)
    if isinstance(widget, QLineEdit) and not widget.objectName().startswith("qt_"):
        yield f"{where} value", widget.text()  # a value the app put there (a default) speaks
    if isinstance(widget, QMenu):
        yield from _menu_texts(widget, where)


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every non-empty text of `root`, its children and its menus."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (a dock's float button): Qt's catalogue speaks for them
        found += [(where, text) for where, text in _widget_texts(widget) if text.strip()]
    menu_bar = getattr(root, "menuBar", None)
    if menu_bar is not None:
        for action in menu_bar().actions():
            if action.menu() is not None:
                found += [(w, t) for w, t in _menu_texts(action.menu(), "menu bar") if t.strip()]
    return found


def _strings(value: Any, keys: frozenset[str], key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, keys, k)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keys, key)
    elif isinstance(value, str) and key in keys and value.strip():
        yield value.strip()


def data_words(journal: Journal, now: dt.datetime) -> list[str]:
    """The coach's own words in the open journal, the templates' (a message's words are in
    the message's language) and the journal's own sentences (cue explanations, Today's
    titles and details, the recovery sheet's state: journal/'s catalogue work), longest
    first."""
    found = set(_strings(export_journal().get("clients", []), FREE_TEXT))
    for record in export_journal().get("clients", []):
        for interaction in record.get("interactions", []):
            found.update(interaction.get("emotions", []))
    for item in today_agenda(now, open_cues(now)):
        found.add(item.client)
    found.update(NAMES | QT_KEY_NAMES)
    found.update("{" + name + "}" for name in PLACEHOLDERS)  # template syntax, not words
    for record in export_journal().get("clients", []):
        found.update(part for part in record["name"].split() if len(part) > 2)  # "Priya: …"
    found.add(str(journal_home(None)))  # Preferences and About show where the journal lives
    locale = QLocale()  # Qt's calendar names months in the locale the app set, not ours
    for month in range(1, 13):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            found.update({locale.monthName(month, form), locale.standaloneMonthName(month, form)})
            if month <= 7:  # and its days, in the snooze dialog's calendar
                found.update({locale.dayName(month, form), locale.standaloneDayName(month, form)})
    for lang in LANGUAGES:
        found.update(template.title for template in list_templates(lang))
    return sorted((word for word in found if word), key=len, reverse=True)


def unmarked(text: str, data: list[str]) -> str:
    """What is left of `text` once the wrapped words, the data and the names are taken out;
    "" when nothing with letters is left."""
    previous = None
    while previous != text:  # innermost first: "⟦Feeling ⟦bad⟧⟧"
        previous, text = text, re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)
    for word in data:
        text = text.replace(word, " ")
    return text.strip() if re.search(r"[^\W\d_]{2,}", text) else ""


def english_of(catalogue: gettext.NullTranslations) -> dict[str, str]:
    """Each English msgid of `catalogue` whose translation differs, as a person reads it
    (no accelerator marks), with its translation."""
    entries = getattr(catalogue, "_catalog", {})

    def plain(text: str) -> str:
        return text.replace("&", "").strip()

    return {
        plain(msgid): plain(translated)
        for msgid, translated in entries.items()
        if isinstance(msgid, str) and msgid and plain(msgid) != plain(translated)
    }
