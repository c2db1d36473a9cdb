"""The language the running app speaks, chosen at start and changed without a restart.

One language at a time, for Rapport's own words (journal.i18n's catalogue), Qt's words in its
standard dialogs and buttons (Qt's qtbase catalogue) and Qt's dates and numbers (the default
QLocale). The language at start is `--lang`, else the journal's `language` setting, else the
system's; the journal opens after the window's first paint, so a window built in the system's
language switches once the journal says otherwise (`follow_language`).

A switch rebuilds the window's menus and views in the new language rather than re-reading
every label in place: one path that cannot forget a word. The journal, the undo history, the
open client, the page shown, the search panel and unsaved profile edits carry over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from journal import i18n, settings
from journal.changes import EVERYTHING, Changes
from journal.errors import RapportError
from ui.menus import WindowActions
from ui.views.welcome import WelcomePage

if TYPE_CHECKING:
    from ui.main_window import MainWindow

QT_LOCALES = {"en": "en_GB", "sv": "sv_SE"}
"""The Qt locale of each language: British English writes dates day first, as Rapport does."""

_installed: dict[str, QTranslator] = {}


def apply_language(lang: str) -> str:
    """Speak `lang` (a setting's value: "" or an unknown one means the system's) in this
    process from now on; returns the language now spoken. Widgets built from now on use it."""
    spoken = i18n.resolve(lang)
    i18n.use(spoken)
    QLocale.setDefault(QLocale(QT_LOCALES[spoken]))
    app = QCoreApplication.instance()
    old = _installed.pop("qtbase", None)
    if app is not None and old is not None:
        app.removeTranslator(old)
    if app is not None and spoken != i18n.SOURCE_LANGUAGE:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{spoken}", folder):
            app.installTranslator(translator)
            _installed["qtbase"] = translator
    return spoken


def journal_language() -> str:
    """The language the open journal asks for (its setting, or the system's)."""
    try:
        return i18n.resolve(str(settings.get("language")))
    except RapportError:
        return i18n.resolve(None)


def follow_language(window: MainWindow, flag: str | None) -> None:
    """The journal has just opened (and is not yet the window's): without `--lang`, speak the
    journal's language, rebuilding the window if it was built in another. From now on a
    change of the setting in Preferences switches the window at once, and so does a journal
    reopened in the window (a restored backup) that asks for another language."""
    if flag is None:
        switch_language(window, journal_language())

    def changed(changes: Changes) -> None:
        if "language" in changes.settings:
            switch_language(window, journal_language())

    def reopened() -> None:
        if flag is None:
            switch_language(window, journal_language())

    window.changed.connect(changed)
    window.opened.connect(reopened)


def switch_language(window: MainWindow, lang: str) -> None:
    """Speak `lang` from now on and rebuild the window in it; nothing changes if it already
    speaks it. The window's layout code (`_build_left`, `_build_centre`) builds the new views,
    so a rebuilt window is the window a start in that language would build."""
    if i18n.resolve(lang) == i18n.language():
        return  # the process speaks one language, the one the window was built in
    apply_language(lang)
    window.setLocale(QLocale())  # the window was built in the old default; children follow
    state = window.main_split.saveState()
    client_id = window.current_client_id()
    on_today = window.today_button.isChecked()
    search = window._search_dock
    searching = search is not None and search.isVisible()
    query = window.search.query_edit.text() if search is not None else ""
    old_page = window._page
    welcome = window.centralWidget()
    if isinstance(welcome, WelcomePage):
        window.takeCentralWidget()  # kept through the rebuild, then built again in place

    old_actions = window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
    stack, before = window.undo_stack, window.window_actions
    stack.canUndoChanged.disconnect(before.sync_undo)  # it would touch the actions deleted here
    stack.canRedoChanged.disconnect(before.sync_undo)
    window.setMenuBar(QMenuBar())  # the old bar and its menus go with it
    for action in old_actions:
        window.removeAction(action)
        action.deleteLater()
    window.window_actions = WindowActions(window)
    window.window_actions.set_enabled(window.journal is not None)

    window._page = None
    window._build_left()
    window._build_centre()  # the old views go with the old central widget
    window.main_split.restoreState(state)
    window.fit_split()
    if isinstance(welcome, WelcomePage):
        window.takeCentralWidget()  # the new views wait behind the page, as offer_welcome left them
        window.setCentralWidget(welcome)
        welcome.retranslate()
    if search is not None:
        window.removeDockWidget(search)
        search.deleteLater()
        window._search_dock = None
    window.statusBar().setAccessibleName(i18n._("Status"))
    window.statusBar().clearMessage()
    window.backups.name_bar()  # the status bar stays: its own widgets are renamed
    window.sync.refresh_label()
    if window.journal is None:
        return
    if old_page is not None:
        old_page.profile.pass_unsaved_to(window.profile)
    window.cue_refresh.refresh_rows()
    window.cue_refresh.apply(EVERYTHING)
    if client_id is not None:
        window.open_client(client_id)
    if on_today:
        window.show_today()
    if searching:
        window.show_search()
        window.search.query_edit.setText(query)
