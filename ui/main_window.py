"""The main window a coach lives in: clients on the left, the chosen client's timeline in the
centre with the profile beside it, Today as a view of its own, search on Ctrl+F.

The window is shown before the journal opens (ui.app opens it right after the first paint)
and enables what needs the journal once `set_journal` hands it over. It owns the undo stack:
every write reports what it touched as a `journal.changes.Changes`, which the window emits
once through `changed`; each view refreshes only for what concerns it, and the cues of the
touched clients are recomputed once, off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.changes import EVERYTHING, Changes
from journal.cues.model import Cue
from journal.errors import RapportError
from journal.i18n import _
from journal.overview import AgendaItem
from journal.search import SearchHit
from journal.store.database import Journal
from journal.timeline import interaction_by_id
from ui.background import release_connections, run_op
from ui.commands import StackChanges
from ui.cue_refresh import CueRefresh
from ui.dialogs.auto_backup import AutoBackup
from ui.dialogs.auto_sync import AutoSync
from ui.menus import WindowActions
from ui.startup_probe import after_next_paint, milestone
from ui.style import TIMELINE_MIN_WIDTH
from ui.views.client_list import ClientListPanel
from ui.views.today import TodayView

if TYPE_CHECKING:
    from ui.dialogs.capture.dialog import CaptureDialog
    from ui.views.client_page import ClientPage
    from ui.views.profile.panel import ProfilePanel
    from ui.views.timeline.view import TimelineView

Clock = Callable[[], dt.datetime]
TODAY_PAGE, CLIENT_PAGE = 0, 1


def local_settings() -> QSettings:
    """The window's geometry (never anything about clients), in an INI file in the config folder."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Rapport", "Rapport")


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def open_once(dialog: QDialog) -> None:
    """Open window-modal; Qt deletes it once closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class MainWindow(QMainWindow):
    opened = Signal()
    """The journal is open and the window's actions are enabled."""
    changed = Signal(object)
    """A `Changes`: once per write, undo or redo, for the views to refresh what it concerns."""

    def __init__(
        self,
        journal: Journal | None = None,
        clock: Clock = _now,
        restore_geometry: bool = True,
    ) -> None:
        """A window on `journal`, or on none yet: `set_journal` hands it over later."""
        super().__init__()
        self.journal: Journal | None = None
        self.failed = False  # the journal could not be opened (the app exits with 1)
        self.clock = clock
        self.last_message: QMessageBox | None = None
        self.progress: QDialog | None = None  # the import or export under way
        self._closed = False
        self._page: ClientPage | None = None
        self._search_dock: QDockWidget | None = None
        self.setWindowTitle("Rapport")  # also its accessible name, as for any window
        self.undo_stack = QUndoStack(self)
        StackChanges(self.undo_stack).changed.connect(self.journal_changed)

        self._build_left()
        self._build_centre()
        self.window_actions = WindowActions(self)
        self.statusBar().setAccessibleName(_("Status"))
        self.cue_refresh = CueRefresh(self)
        self.changed.connect(self.cue_refresh.apply)
        self.changed.connect(self._refresh_views)
        self.backups = AutoBackup(self)
        self.sync = AutoSync(self)
        self.show_today()
        self.client_list.filter_edit.setFocus()  # type a few letters of a name, then Enter
        self.resize(1280, 800)
        if restore_geometry:
            self._restore_geometry()
        if journal is not None:
            self.set_journal(journal)

    @property
    def closed(self) -> bool:
        """Whether the window has closed: nothing it started should show anything now."""
        return self._closed

    @property
    def cues(self) -> list[Cue] | None:
        """Every open cue, once the first computation is in."""
        return self.cue_refresh.cues

    # --- start ----------------------------------------------------------------------------
    def after_first_paint(self, call: Callable[[], None]) -> None:
        """Run `call` once the window's first frame is on screen."""

        def painted() -> None:
            milestone("frame")
            call()

        after_next_paint(self, painted)

    def set_journal(self, journal: Journal) -> None:
        """The journal is open: read the client list, enable the actions, compute the cues."""
        self.journal = journal
        milestone("open")
        journal.serve_interactively()  # a save during an import says "busy", never freezes
        for warning in journal.warnings:
            self.statusBar().showMessage(warning, 15000)
        self._check(journal)
        if journal.created and journal.key_mode == "keyring":
            new = _(
                "Your journal is new: make its recovery sheet (File > Recovery sheet…) so its "
                "backups can be restored on any computer."
            )
            self.statusBar().showMessage(new)
        self.cue_refresh.refresh_rows()
        after_next_paint(
            self.client_list.table.viewport(),
            lambda: milestone("rows", self.client_list.model.rowCount()),
        )
        self.window_actions.set_enabled(True)
        self.cue_refresh.apply(EVERYTHING)
        self.backups.start()
        from ui.views.welcome import offer_welcome  # a journal without clients opens on it

        offer_welcome(self)
        self.opened.emit()

    def speak(self, lang: str) -> None:
        """Speak `lang` (a setting's value) from now on, the window rebuilt in it."""
        from ui.views.language import switch_language  # the window's layout code calls back

        switch_language(self, lang)

    def _check(self, journal: Journal) -> None:
        """The quick check after every start, on a worker: a damaged journal refuses every
        change from then on, and the status bar says so (and why) until the window closes."""
        if journal.refusal:
            self._say_refused(journal.refusal)
        else:
            run_op(self, lambda _progress: journal.refuse_writes_if_damaged(), self._checked)

    def _checked(self, problems: list[str]) -> None:
        if problems and self.journal is not None:
            self._say_refused(self.journal.refusal)

    def _say_refused(self, refusal: str) -> None:
        self.refusal_label = QLabel(refusal)
        self.refusal_label.setWordWrap(True)
        self.statusBar().addPermanentWidget(self.refusal_label, 1)

    # --- layout ---------------------------------------------------------------------------
    def _build_left(self) -> None:
        self.today_button = QPushButton(_("Today"))
        self.today_button.setAccessibleName(_("Show today"))
        self.today_button.setCheckable(True)
        self.today_button.setToolTip(_("Everything that needs you today, across clients"))
        self.today_button.clicked.connect(self.show_today)
        self.client_list = ClientListPanel()
        self.client_list.clientSelected.connect(self._client_selected)
        self.client_list.clientActivated.connect(self.open_client)
        left = QWidget()
        left.setAccessibleName(_("Clients panel"))
        layout = QVBoxLayout(left)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.today_button)
        layout.addWidget(self.client_list, 1)
        self.left_panel = left

    def _build_centre(self) -> None:
        self.today = TodayView(clock=self.clock, undo_stack=self.undo_stack)
        self.today.setMinimumWidth(TIMELINE_MIN_WIDTH)
        self.today.itemActivated.connect(self.open_agenda_item)
        self.today.set_items([], self.clock().date(), cues_pending=True)
        self.pages = QStackedWidget()  # Today, then the client page once it is built
        self.pages.addWidget(self.today)
        self.main_split = QSplitter()
        self.main_split.setChildrenCollapsible(False)
        self.main_split.addWidget(self.left_panel)
        self.main_split.addWidget(self.pages)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([430, 850])
        self.fit_split()
        self.setCentralWidget(self.main_split)

    def fit_split(self) -> None:
        """Widen the client list to show its columns whole in the language spoken (Swedish
        words are longer), taking the room from the page; it never narrows the list."""
        left, right = self.main_split.sizes()
        extra = self.client_list.wanted_width() + 16 - left
        if extra > 0:
            self.main_split.setSizes([left + extra, max(right - extra, 0)])

    def _client_page(self) -> ClientPage:
        """The client's timeline and profile, built when a client is first opened."""
        if self._page is None:
            from ui.views.client_page import ClientPage  # built on first use

            page = ClientPage(self.clock, self.undo_stack)
            page.timeline.cueActivated.connect(self.write_from_template)
            page.timeline.editRequested.connect(self.edit_interaction)
            page.timeline.said.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.insertWidget(CLIENT_PAGE, page)
            self._page = page
        return self._page

    @property
    def timeline(self) -> TimelineView:
        return self._client_page().timeline

    @property
    def profile(self) -> ProfilePanel:
        return self._client_page().profile

    @property
    def search_dock(self) -> QDockWidget:
        """The search panel's dock, built on first use."""
        if self._search_dock is None:
            from ui.views.search import SearchDock  # built on first use

            dock = SearchDock(self, gives_way=self.left_panel, beside=self.main_split)
            self.search = dock.panel
            self.search.resultOpened.connect(self.open_search_hit)
            dock.visibilityChanged.connect(self.window_actions.search_panel.setChecked)
            self._search_dock = dock
        return self._search_dock

    def toggle_search_panel(self, shown: bool) -> None:
        if shown:
            self.show_search()
        elif self._search_dock is not None:
            self._search_dock.hide()

    # --- changes --------------------------------------------------------------------------
    def journal_changed(self, changes: Changes = EVERYTHING) -> None:
        """Something was written: say what, once (Refresh says everything)."""
        if changes and self.journal is not None and not self._closed:
            self.changed.emit(changes)

    def _refresh_views(self, changes: Changes) -> None:
        """The profile re-reads what concerns it now; the timeline waits for the cues
        (`cues_changed`), so it refreshes once, with them."""
        if self._page is not None:
            self._page.profile.apply_changes(changes)

    def cues_changed(self, clients: frozenset[int] | None, cues: list[Cue]) -> None:
        """The cues of `clients` (None: every client) were recomputed after a change."""
        if self._page is not None:
            self._page.timeline.cues_changed(clients, cues, self.cue_refresh.entries)

    # --- navigation -----------------------------------------------------------------------
    def current_client_id(self) -> int | None:
        return self.client_list.current_client_id()

    def show_today(self) -> None:
        self.pages.setCurrentIndex(TODAY_PAGE)
        self.today_button.setChecked(True)
        self.today.list.setFocus()

    def _client_selected(self, client_id: int) -> None:
        self._show_client(None if client_id < 0 else client_id)

    def _show_client(self, client_id: int | None) -> None:
        if self.journal is None:
            return
        if client_id != self.timeline.client_id:  # the one shown is kept current by changes
            self.timeline.set_client(client_id)
            self.profile.set_client(client_id)
        if client_id is not None:
            self.pages.setCurrentIndex(CLIENT_PAGE)
            self.today_button.setChecked(False)

    def open_client(self, client_id: int) -> bool:
        """Select a client in the list (which shows its timeline and profile)."""
        if self.current_client_id() == client_id:
            self._show_client(client_id)
            return True
        if not self.client_list.select_client(client_id):
            self.statusBar().showMessage(_("That client is no longer in the journal."), 5000)
            return False
        return True

    def open_agenda_item(self, item: AgendaItem) -> None:
        if not self.open_client(item.client_id):
            return
        if item.interaction_id is not None:
            self.timeline.scroll_to_interaction(item.interaction_id)
        elif item.cue is not None:
            self.timeline.show_cue(item.cue)
        elif item.commitment_id is not None:
            self.profile.focus_commitment(item.commitment_id)

    def open_search_hit(self, hit: SearchHit) -> None:
        if not self.open_client(hit.client_id):
            return
        if hit.kind == "interaction":
            self.timeline.show_search_hit(hit)
        elif hit.kind == "client":
            self.profile.notes.setFocus()  # where a profile's words are
        else:
            self.profile.focus_commitment(hit.ref_id)

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_query()

    # --- capture, templates, clients ------------------------------------------------------
    def new_interaction(self) -> None:
        self._open_capture(client_id=self.current_client_id())

    def edit_interaction(self, interaction_id: int) -> None:
        self._open_capture(interaction_id=interaction_id)

    def _open_capture(
        self, client_id: int | None = None, interaction_id: int | None = None
    ) -> None:
        from ui.dialogs.capture.dialog import CaptureDialog  # built on first use

        try:
            dialog = CaptureDialog(
                self.undo_stack, client_id, interaction_id, clock=self.clock, parent=self
            )
        except RapportError as exc:
            self.tell(str(exc))
            return
        self._run_capture(dialog)

    def _run_capture(self, dialog: CaptureDialog) -> None:
        dialog.saved.connect(self._capture_saved)
        open_once(dialog)

    def offer_pending_draft(self) -> None:
        """After a crash or a kill: bring back what was typed but never saved."""
        from ui.dialogs.capture.dialog import dialog_for_pending_draft

        try:
            dialog = dialog_for_pending_draft(self.undo_stack, clock=self.clock, parent=self)
        except RapportError as exc:
            said = _("Unsaved drafts could not be checked: {problem}").format(problem=exc)
            self.statusBar().showMessage(said, 8000)
            return
        if dialog is not None:
            self._run_capture(dialog)

    def _capture_saved(self, interaction_id: int) -> None:
        try:
            client_id = interaction_by_id(interaction_id).client_id
        except RapportError:
            return
        if self.open_client(client_id):
            self.timeline.scroll_to_interaction(interaction_id)

    def write_from_template(self, cue: Cue | None) -> None:
        client_id = cue.client_id if cue is not None else self.current_client_id()
        if client_id is None:
            self.tell(_("Pick a client first; the template is filled in with their details."))
            return
        from ui.dialogs.template.dialog import TemplateDialog  # built on first use

        template_id = cue.template if cue is not None else None
        try:
            dialog = TemplateDialog(client_id, template_id=template_id, cue=cue, parent=self)
        except RapportError as exc:
            self.tell(str(exc))
            return
        open_once(dialog)

    def new_client(self) -> None:
        from ui.dialogs.new_client import ask_new_client  # built on first use

        ask_new_client(self)

    def tell(self, message: str, title: str = "Rapport") -> None:
        """One line of news or advice, window-modal, never blocking the caller."""
        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=self)
        box.setAccessibleName(title)
        open_once(box)
        self.last_message = box

    # --- geometry, closing ------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        store = local_settings()
        geometry = store.value("main_window/geometry")
        state = store.value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        splitter = store.value("main_window/splitter")
        if splitter is not None:
            self.main_split.restoreState(splitter)

    def save_geometry(self) -> None:
        store = local_settings()
        store.setValue("main_window/geometry", self.saveGeometry())
        store.setValue("main_window/state", self.saveState())
        store.setValue("main_window/splitter", self.main_split.saveState())

    def sizeHint(self) -> QSize:
        return QSize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self.save_geometry()
        # The undo history goes now, while the journal is open and nothing listens: left to
        # QUndoStack's destructor (after the journal has closed at quit) its indexChanged
        # would refresh the window and start a cue job on a closed journal.
        self._closed = True
        self.undo_stack.blockSignals(True)
        self.undo_stack.clear()
        release_connections()  # the workers' journal connections close before the journal
        super().closeEvent(event)
