"""The main window's actions and menus, with their standard shortcuts.

What needs the journal is disabled until it is open (the window is shown first).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from journal.i18n import N_, _
from ui.background import journal_busy
from ui.dialogs import files
from ui.dialogs.new_client import NEW_CLIENT_KEYS

if TYPE_CHECKING:
    from ui.main_window import MainWindow

REPORTS = (
    ("client", N_("&Client report…"), N_("A PDF of this client's history and cues")),
    ("accountability", N_("&Accountability list…"), N_("Everyone's commitments, as a PDF")),
    ("overview", N_("Practice &overview…"), N_("All clients at a glance, as a PDF")),
)


class WindowActions:
    """Every action of the window's menus; `set_enabled` switches those that need the
    journal."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        keys = QKeySequence.StandardKey
        self.new_interaction = self._action(
            _("&New interaction…"),
            window.new_interaction,
            keys.New,
            _("Record a call, email or meeting"),
        )
        self.new_client = self._action(
            _("New &client…"), window.new_client, NEW_CLIENT_KEYS, _("Add a client to the journal")
        )
        self.import_json = self._action(
            _("&Import JSON…"),
            lambda: files.import_json(window),
            None,
            _("Add the clients of a Rapport JSON export"),
        )
        self.export_json = self._action(
            _("&Export JSON…"),
            lambda: files.export_json(window),
            None,
            _("Write the whole journal as JSON"),
        )
        self.reports = {
            kind: self._action(_(label), partial(files.export_pdf, window, kind), None, _(tip))
            for kind, label, tip in REPORTS
        }
        self.backups = self._action(
            _("&Backups…"),
            lambda: files.open_backups(window),
            None,
            _("List the verified backups, make one now, show where they are"),
        )
        self.recovery_sheet = self._action(
            _("Recovery &sheet…"),
            lambda: files.open_recovery(window),
            None,
            _("The journal's key on paper, to restore it on any computer"),
        )
        self.preferences = self._action(_("&Preferences…"), lambda: files.open_preferences(window))
        self.preferences.setShortcuts(
            QKeySequence.keyBindings(keys.Preferences) or [QKeySequence("Ctrl+,")]
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = self._action(_("&Quit"), window.close, keys.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        stack = window.undo_stack
        self.undo = stack.createUndoAction(window, _("&Undo"))
        self.undo.setShortcuts(keys.Undo)
        self.redo = stack.createRedoAction(window, _("&Redo"))
        self.redo.setShortcuts(keys.Redo)
        # Connected after the actions' own slots, so these run last and have the final word.
        stack.canUndoChanged.connect(self.sync_undo)
        stack.canRedoChanged.connect(self.sync_undo)
        self.find = self._action(
            _("&Find…"), window.show_search, keys.Find, _("Search all notes and commitments")
        )
        self.today = self._action(_("&Today"), window.show_today, "Ctrl+T")
        self.refresh = self._action(_("&Refresh"), window.journal_changed, keys.Refresh)
        self.template = self._action(
            _("Write from &template…"), lambda: window.write_from_template(None), "Ctrl+Shift+T"
        )
        self.template_actions = template_actions(self, window)
        self.help_actions = help_actions(self, window)
        self.search_panel = QAction(_("&Search panel"), window)
        self.search_panel.setCheckable(True)
        self.search_panel.toggled.connect(window.toggle_search_panel)
        self._needing_journal = [
            self.new_interaction,
            self.new_client,
            self.import_json,
            self.export_json,
            *self.reports.values(),
            self.backups,
            self.recovery_sheet,
            self.preferences,
            self.find,
            self.refresh,
            self.template,
            *self.template_actions,
            self.search_panel,
        ]
        self._build_menus()
        self.set_enabled(False)

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self._window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    action = _action  # the menus built in other modules add theirs through it

    def _build_menus(self) -> None:
        menus = self._window.menuBar()
        file_menu = menus.addMenu(_("&File"))
        file_menu.addActions([self.new_interaction, self.new_client])
        file_menu.addSeparator()
        file_menu.addActions([self.import_json, self.export_json])
        pdf_menu = file_menu.addMenu(_("Export &PDF"))
        pdf_menu.addActions(list(self.reports.values()))
        file_menu.addSeparator()
        file_menu.addActions([self.backups, self.recovery_sheet, self.preferences])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = menus.addMenu(_("&Edit"))
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        view_menu = menus.addMenu(_("&View"))
        view_menu.addActions([self.today, self.search_panel, self.refresh])
        client_menu = menus.addMenu(_("&Client"))
        client_menu.addActions([self.new_interaction, self.template])
        templates_menu = menus.addMenu(_("T&emplates"))
        templates_menu.addAction(self.template)
        templates_menu.addSeparator()
        templates_menu.addActions(self.template_actions)
        help_menu = menus.addMenu(_("&Help"))
        help_menu.addActions(self.help_actions)

    def set_enabled(self, enabled: bool) -> None:
        for action in self._needing_journal:
            action.setEnabled(enabled)
        self.sync_undo()

    def sync_undo(self, *_changed: bool) -> None:
        """Undo and redo follow the stack, but are off while an import holds the journal:
        there they could only be refused."""
        stack = self._window.undo_stack
        busy = journal_busy()
        self.undo.setEnabled(stack.canUndo() and not busy)
        self.redo.setEnabled(stack.canRedo() and not busy)


def _manage(window: MainWindow, what: str) -> Callable[[], None]:
    def run() -> None:
        from ui.dialogs.template import manage  # the editor loads only when asked for

        getattr(manage, what)(window)

    return run


def _help(window: MainWindow, which: str) -> Callable[[], None]:
    def run() -> None:
        from ui.dialogs.help import open_help  # built on first use

        open_help(window, which)

    return run


def template_actions(actions: WindowActions, window: MainWindow) -> list[QAction]:
    """The Templates menu's own actions (Write from template… is the Client menu's too)."""
    return [
        actions.action(_("&New template…"), _manage(window, "new_template")),
        actions.action(_("&Edit a template…"), _manage(window, "edit_template")),
        actions.action(_("&Import template set…"), _manage(window, "import_set")),
        actions.action(_("E&xport template set…"), _manage(window, "export_set")),
    ]


def help_actions(actions: WindowActions, window: MainWindow) -> list[QAction]:
    """Help: the user guide (F1), the keyboard shortcuts and About Rapport."""
    guide = actions.action(
        _("&User guide"), _help(window, "guide"), QKeySequence.StandardKey.HelpContents
    )
    shortcuts = actions.action(_("&Keyboard shortcuts"), _help(window, "shortcuts"), "Ctrl+/")
    about = actions.action(_("&About Rapport"), _help(window, "about"))
    about.setMenuRole(QAction.MenuRole.AboutRole)
    return [guide, shortcuts, about]
