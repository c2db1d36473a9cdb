"""The Help menu's windows: the keyboard shortcuts, the user guide and About Rapport.

The shortcuts sheet is read from the window's own menus at the moment it opens, so it lists
exactly the keys the actions have (in the language and on the platform at hand) and cannot
drift from them. The capture dialog's keys are its own, not menu actions; they are listed
from CAPTURE_KEYS, which a test holds to the dialog.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from journal import __version__, i18n
from journal.i18n import N_, _, pgettext
from journal.store.home import database_path
from journal.store.resources import resource_path

if TYPE_CHECKING:
    from ui.main_window import MainWindow

CAPTURE_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+Return", N_("Save the entry")),
    ("Ctrl+1", N_("How it felt: very bad; Ctrl+2 to Ctrl+5 up to very good")),
    ("Ctrl+K", N_("Show or hide the self-check")),
)
"""The capture dialog's own keys (its Alt+letter choices follow the underlined letters)."""

LICENCE = N_(
    "No licence has been chosen for Rapport yet: this copy ships without a licence file. "
    "The bundled fallback font (Droid Sans Fallback) is under the Apache License 2.0."
)


def _typed(keys: QKeySequence) -> bool:
    """Whether a key sequence is typed on an ordinary keyboard (not a "New" or "Find" key
    that some keyboards have, which the standard bindings also list)."""
    first = keys[0].key().value if keys.count() else None  # type: ignore[index]
    return first is not None and first <= Qt.Key.Key_F35.value


def key_text(keys: QKeySequence) -> str:
    """Keys named as the language spoken names them: Qt's catalogue names most ("Backsteg"),
    but its Swedish leaves "Return" as it is, so that one name is ours."""
    native = keys.toString(QKeySequence.SequenceFormat.NativeText)
    return re.sub(r"\bReturn\b", lambda _m: pgettext("key name", "Return"), native)


def _keys(action: QAction) -> str:
    return ", ".join(key_text(keys) for keys in action.shortcuts() if _typed(keys))


def plain_menu_text(text: str) -> str:
    """A menu text as read aloud: no mnemonic ampersand, no trailing tab hint."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action of `window` that has keys, in menu order."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, place: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{place} › {plain_menu_text(action.text())}")
            elif _keys(action) and id(action) not in seen:
                seen.add(id(action))
                rows.append((place, plain_menu_text(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain_menu_text(top.text()))
    return rows


class ShortcutsSheet(QDialog):
    """Help > Keyboard shortcuts: every menu action with keys, then the capture dialog's."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setAccessibleName(_("Keyboard shortcuts"))
        self.resize(640, 620)
        rows = shortcut_rows(window)
        capture = _("New interaction")
        rows += [(capture, _(what), key_text(QKeySequence(keys))) for keys, what in CAPTURE_KEYS]
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Where"), _("What"), _("Keys")])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(
            _("In a new interaction, Alt with an underlined letter picks a channel or direction.")
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(_close_buttons(self))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # once the columns have their widths
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, self.table.rowHeight(row) + 8)


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


def guide_path(lang: str) -> Path:
    """The user guide in `lang`, or in English where none is written."""
    found = resource_path("guide") / f"guide.{lang}.md"
    return found if found.exists() else resource_path("guide") / "guide.en.md"


class UserGuide(QDialog):
    """Help > User guide: a short guide for coaches, in the app's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Rapport user guide"))
        self.setAccessibleName(_("Rapport user guide"))
        self.resize(720, 680)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_("User guide"))
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDocumentMargin(18)
        self.browser.setMarkdown(guide_path(i18n.language()).read_text(encoding="utf-8"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(_close_buttons(self))


class AboutBox(QDialog):
    """Help > About Rapport: the version, the licence and where the journal lives."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(_("About Rapport"))
        self.setAccessibleName(_("About Rapport"))
        self.setMinimumWidth(480)
        title = QLabel(_("Rapport {version}").format(version=__version__))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        what = QLabel(
            _(
                "A private journal for solo coaches: encrypted on this computer, offline, "
                "with early warning signs for every client relationship."
            )
        )
        licence = QLabel(_(LICENCE))
        journal = window.journal
        self.folder = journal.home if journal is not None else None
        self.where = QLabel(
            _("Your journal: {path}").format(path=database_path(self.folder))
            if self.folder is not None
            else _("No journal is open yet.")
        )
        self.where.setAccessibleName(_("Where the journal lives"))
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        for label in (title, what, licence, self.where):
            label.setWordWrap(True)
            layout.addWidget(label)
        buttons = _close_buttons(self)
        if self.folder is not None:
            show = QPushButton(_("Show the folder"))
            show.clicked.connect(self.show_folder)
            buttons.addButton(show, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

    def show_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


def open_help(window: MainWindow, which: str) -> QDialog:
    """Open one of the Help menu's windows ("shortcuts", "guide", "about"), not modal."""
    dialog: QDialog
    if which == "shortcuts":
        dialog = ShortcutsSheet(window)
    elif which == "guide":
        dialog = UserGuide(window)
    else:
        dialog = AboutBox(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
