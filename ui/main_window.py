"""The main window a coach lives in: clients on the left, the chosen client's timeline in the
centre with the profile beside it, Today as a view of its own, search on Ctrl+F.

The window owns the undo stack and hands it to every widget that changes the journal. Cues
for all clients are computed off the UI thread after every change, and the list and Today
refresh themselves from the result, so the window is usable before the first cue is known.
What the first paint does not show (a client's timeline and profile, the search dock, import
and export) is imported and built when first used: start-up time is a feature. So is Today's
list, built when the cues arrive (ui.today_heading stands in until then). Nothing the first
paint runs touches the Qt namespace (see ui.item_roles); what does waits for
`_after_first_paint`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalUnavailable, RapportError
from journal.overview import AgendaItem, ClientRow
from journal.values.zones import local_zone
from ui.local_settings import local_settings
from ui.startup_probe import milestone
from ui.style import check_scheme
from ui.today_heading import TodayStandIn
from ui.views.client_list import ClientListPanel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QDockWidget, QMessageBox

    from journal.cues.model import Cue
    from journal.interchange import importing as interchange
    from journal.search import SearchHit
    from journal.store.database import Journal
    from ui.app import PendingJournal
    from ui.background import Progress
    from ui.views.profile import ProfilePanel
    from ui.views.search import SearchPanel
    from ui.views.today import TodayView

Clock = Callable[[], dt.datetime]
TODAY_PAGE, CLIENT_PAGE = 0, 1
CUES_AT_THE_LATEST_MS = 250  # when the window has not been painted by then
TIMELINE_MIN_WIDTH = 380  # a cue sentence and an entry's header stay readable


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _open_once(dialog: QDialog) -> None:
    """Open window-modal; Qt deletes it once closed."""
    from PySide6.QtCore import Qt

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def _needs_journal(method: Callable[..., Any]) -> Callable[..., Any]:
    """For a slot that reads or writes the journal: a journal still pending (see
    MainWindow.__init__) is opened first; nothing happens if it cannot be."""

    @functools.wraps(method)
    def opened_first(self: MainWindow, *args: Any, **kwargs: Any) -> Any:
        if not self.journal_ready():
            return None
        return method(self, *args, **kwargs)

    return opened_first


class MainWindow(QMainWindow):
    # The start is over: the first paint is on screen (or 250 ms passed without one). Once.
    started = Signal()

    def __init__(
        self,
        journal: Journal | None = None,
        clock: Clock = _now,
        restore_geometry: bool = True,
        *,
        pending: PendingJournal | None = None,
    ) -> None:
        """A window on an open `journal`, or on a `pending` one whose first rows were read
        ahead (ui.app.PendingJournal): the window paints those at once and opens the journal
        right after its first paint, or sooner when a slot needs it (`_needs_journal`)."""
        super().__init__()
        if (journal is None) == (pending is None):
            raise ValueError("MainWindow takes an open journal or a pending one")
        self._journal: Journal | None = None
        self._pending = pending
        self._when_open: list[Callable[[], None]] = []
        self.journal_failed = False  # a pending journal that could not be opened
        self.clock = clock
        self.cues: list[Cue] | None = None
        self._cue_generation = 0
        self._progress: QDialog | None = None
        self.last_message: QMessageBox | None = None
        self._timeline: QWidget | None = None
        self._profile: ProfilePanel | None = None
        self._search_dock: QDockWidget | None = None
        self._search: SearchPanel | None = None
        self._today: TodayView | None = None
        self.setWindowTitle("Rapport")
        self.setAccessibleName("Rapport")
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(lambda _i: self.journal_changed())

        self._build_left()
        self._build_centre()
        self._build_actions()
        self.statusBar().setAccessibleName("Status")

        # First paint from the quick queries (or the rows read ahead); follow-ups, cues and
        # Today come from a worker.
        if journal is not None:
            self._journal_opened(journal)
            self.refresh_clients(complete=False)
        elif pending is not None:
            self.client_list.set_rows(pending.first_rows, self.clock().date())
        self.pages.setCurrentIndex(TODAY_PAGE)
        self.today_button.setChecked(True)
        self.client_list.filter_edit.setFocus()  # type a few letters of a name, then Enter
        # The cue worker (and a pending journal) start after the list's first paint: their
        # imports and queries would compete with that paint for the interpreter. Soon anyway
        # if nothing is painted.
        self._cues_started = False
        self._closed = False
        self.client_list.table.viewport().installEventFilter(self)
        QTimer.singleShot(CUES_AT_THE_LATEST_MS, self._start_cues)
        self.resize(1280, 800)
        if restore_geometry:
            self._restore_geometry()

    # --- the journal ----------------------------------------------------------------------
    @property
    def journal(self) -> Journal:
        """The open journal (a pending one is opened now)."""
        if not self.journal_ready():
            raise JournalUnavailable("The journal could not be opened.")
        assert self._journal is not None
        return self._journal

    @property
    def opened_journal(self) -> Journal | None:
        """The journal if it has been opened, without opening a pending one."""
        return self._journal

    def journal_ready(self) -> bool:
        """Whether the journal is open; a pending one is opened now, waiting for its modules
        if they are still loading. False when it could not be opened: the window then closes,
        and the app ends (`journal_failed`)."""
        if self._journal is not None:
            return True
        if self._pending is None:
            return False
        pending, self._pending = self._pending, None
        journal = pending.open(self)
        if journal is None:
            self.journal_failed = True
            QTimer.singleShot(0, self.close)
            return False
        self._journal_opened(journal)
        return True

    def when_open(self, call: Callable[[], None]) -> None:
        """Call `call` once the journal is open: now, or when a pending one has opened."""
        if self._journal is not None:
            call()
        else:
            self._when_open.append(call)

    def _journal_opened(self, journal: Journal) -> None:
        self._journal = journal
        milestone("open")
        journal.serve_interactively()  # a save during an import says "busy", never freezes
        for warning in journal.warnings:
            self.statusBar().showMessage(warning, 15000)
        calls, self._when_open = self._when_open, []
        for call in calls:
            QTimer.singleShot(0, call)

    # --- layout ---------------------------------------------------------------------------
    def _build_left(self) -> None:
        self.today_button = QPushButton("Today")
        self.today_button.setAccessibleName("Show today")
        self.today_button.setCheckable(True)
        self.today_button.setToolTip("Everything that needs you today, across clients")
        self.today_button.clicked.connect(self.show_today)
        self.client_list = ClientListPanel(sorting=False)  # see _after_first_paint
        self.client_list.clientSelected.connect(self._client_selected)
        self.client_list.clientActivated.connect(self.open_client)
        left = QWidget()
        left.setAccessibleName("Clients panel")
        layout = QVBoxLayout(left)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.today_button)
        layout.addWidget(self.client_list, 1)
        self.left_panel = left

    def _build_centre(self) -> None:
        self._today_stand_in: TodayStandIn | None = TodayStandIn(self.clock().date())
        self._today_stand_in.setMinimumWidth(TIMELINE_MIN_WIDTH)
        # The client page (timeline and profile) is filled in when a client is first opened.
        self.client_split = QSplitter()  # side by side (the default)
        self.client_split.setChildrenCollapsible(False)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._today_stand_in)
        self.pages.addWidget(self.client_split)
        self.main_split = QSplitter()
        self.main_split.setChildrenCollapsible(False)
        self.main_split.addWidget(self.left_panel)
        self.main_split.addWidget(self.pages)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([430, 850])
        self.setCentralWidget(self.main_split)

    def _build_client_page(self) -> None:
        from ui.views.profile import ProfilePanel

        self._timeline = self._make_timeline()
        self._profile = ProfilePanel(self.undo_stack, today=lambda: self.clock().date())
        self._profile.changed.connect(lambda _cid: self.journal_changed())
        # On a small screen the timeline, the centre of the app, keeps a readable width: the
        # client list and the profile give way first (the list then scrolls sideways).
        self._timeline.setMinimumWidth(TIMELINE_MIN_WIDTH)
        self.client_split.addWidget(self._timeline)
        # The profile scrolls when it is taller than the window (a small screen, the warning
        # signs section open) rather than squeezing its fields or holding the window tall.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QFrame, QScrollArea

        profile_area = QScrollArea()
        profile_area.setWidget(self._profile)
        profile_area.setWidgetResizable(True)
        profile_area.setFrameShape(QFrame.Shape.NoFrame)
        profile_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = profile_area.verticalScrollBar().sizeHint().width()
        profile_area.setMinimumWidth(self._profile.minimumSizeHint().width() + bar)
        self.client_split.addWidget(profile_area)
        self.client_split.setStretchFactor(0, 3)
        self.client_split.setStretchFactor(1, 1)
        self.client_split.setSizes([560, 290])

    @property
    def today(self) -> TodayView:
        """Today's view, built on first use (the cues' arrival, at the latest)."""
        if self._today is None:
            from ui.views.today import TodayView

            today = TodayView()
            today.setMinimumWidth(TIMELINE_MIN_WIDTH)
            today.itemActivated.connect(self.open_agenda_item)
            today.set_items([], self.clock().date(), cues_pending=True)
            shown = self.pages.currentIndex() == TODAY_PAGE
            self.pages.insertWidget(TODAY_PAGE, today)
            if shown:  # before the stand-in goes, so the client page never shows meanwhile
                self.pages.setCurrentWidget(today)
            if self._today_stand_in is not None:
                self.pages.removeWidget(self._today_stand_in)
                self._today_stand_in.deleteLater()
                self._today_stand_in = None
            self._today = today
        return self._today

    def _built(self, attribute: str, build: Callable[[], None]) -> Any:
        """A part the first paint does not need, built on first use."""
        if getattr(self, attribute) is None:
            build()
        return getattr(self, attribute)

    @property
    def timeline(self) -> QWidget:
        return self._built("_timeline", self._build_client_page)

    @property
    def profile(self) -> ProfilePanel:
        return self._built("_profile", self._build_client_page)

    def _make_timeline(self) -> QWidget:
        try:
            from ui.views.timeline import TimelineView
        except ImportError:  # the timeline is built alongside; the window works without it
            from PySide6.QtCore import Qt

            placeholder = QLabel("The timeline is not available in this build.")
            placeholder.setAccessibleName("Client timeline")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return placeholder
        view = TimelineView(clock=self.clock, undo_stack=self.undo_stack)
        view.cueActivated.connect(self.write_from_template)
        view.editRequested.connect(self.edit_interaction)
        view.said.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return view

    def _build_search(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget

        from ui.views.search import SearchPanel

        self._search = SearchPanel()
        self._search.resultOpened.connect(self.open_search_hit)
        dock = QDockWidget("Search", self)
        dock.setObjectName("search_dock")
        dock.setAccessibleName("Search")
        dock.setWidget(self._search)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(self.search_panel_action.setChecked)
        self._search_dock = dock

    @property
    def search_dock(self) -> QDockWidget:
        return self._built("_search_dock", self._build_search)

    @property
    def search(self) -> SearchPanel:
        return self._built("_search", self._build_search)

    def _toggle_search_panel(self, shown: bool) -> None:
        if shown:
            self.show_search()
        elif self._search_dock is not None:
            self._search_dock.hide()

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            # Not setShortcut() or QKeySequence(str): their overloads for Qt.Key would build
            # the Qt namespace.
            action.setShortcuts([QKeySequence.fromString(shortcut)])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_interaction_action = self._action(
            "&New interaction…", self.new_interaction, keys.New, "Record a call, email or meeting"
        )
        self.new_client_action = self._action(
            "New &client…", self.new_client, "Ctrl+Shift+N", "Add a client to the journal"
        )
        self.import_action = self._action(
            "&Import JSON…", self.import_json, None, "Add the clients of a Rapport JSON export"
        )
        self.export_action = self._action(
            "&Export JSON…", self.export_json, None, "Write the whole journal as JSON"
        )
        self.report_actions = {
            kind: self._action(label, lambda k=kind: self.export_pdf(k), None, tip)
            for kind, label, tip in (
                ("client", "&Client report…", "A PDF of this client's history and cues"),
                ("accountability", "&Accountability list…", "Everyone's commitments, as a PDF"),
                ("overview", "Practice &overview…", "All clients at a glance, as a PDF"),
            )
        }
        self.preferences_action = self._action("&Preferences…", self.open_preferences)
        preference_keys = QKeySequence.keyBindings(keys.Preferences) or [
            QKeySequence.fromString("Ctrl+,")
        ]
        self.preferences_action.setShortcuts(preference_keys)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(keys.Redo)
        # Connected after the actions' own slots, so these run last and have the final word.
        self.undo_stack.canUndoChanged.connect(self._sync_undo_actions)
        self.undo_stack.canRedoChanged.connect(self._sync_undo_actions)
        self.find_action = self._action(
            "&Find…", self.show_search, keys.Find, "Search all notes and commitments"
        )
        self.today_action = self._action("&Today", self.show_today, "Ctrl+T")
        self.refresh_action = self._action("&Refresh", self.journal_changed, keys.Refresh)
        self.template_action = self._action(
            "Write from &template…", lambda: self.write_from_template(None), "Ctrl+Shift+T"
        )

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addAction(self.new_interaction_action)
        file_menu.addAction(self.new_client_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        pdf_menu = file_menu.addMenu("Export &PDF")
        for action in self.report_actions.values():
            pdf_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = menus.addMenu("&View")
        view_menu.addAction(self.today_action)
        self.search_panel_action = QAction("&Search panel", self)
        self.search_panel_action.setCheckable(True)
        self.search_panel_action.toggled.connect(self._toggle_search_panel)
        view_menu.addAction(self.search_panel_action)
        view_menu.addAction(self.refresh_action)
        client_menu = menus.addMenu("&Client")
        client_menu.addAction(self.new_interaction_action)
        client_menu.addAction(self.template_action)

    # --- data ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._cues_started:
            QTimer.singleShot(0, self._painted)  # once this paint is on screen
        return super().eventFilter(watched, event)

    def _painted(self) -> None:
        if self._cues_started:
            return  # queued by a later paint of the same start
        milestone("ready", self.client_list.model.rowCount())  # the coach can click
        self._start_cues()

    def _after_first_paint(self) -> None:
        """What builds the Qt namespace: header sorting, and a look at the system's colour
        scheme in case it changed since the last session (the palette follows it)."""
        self.client_list.enable_sorting()
        check_scheme()

    def _start_cues(self) -> None:
        if self._cues_started:
            return
        self._cues_started = True
        self.client_list.table.viewport().removeEventFilter(self)
        QTimer.singleShot(0, self._after_first_paint)
        self.started.emit()
        if self._pending is None:
            self.refresh_cues()
            return

        # The rest of the journal's modules load on a worker (in slices of the interpreter's
        # switch interval, so the window keeps answering); the journal then opens here.
        def opened() -> None:
            if self.journal_ready():
                self.refresh_cues()

        self._pending.load_in_background(self, opened)

    @_needs_journal
    def refresh_clients(self, complete: bool = True) -> None:
        from journal.overview import client_rows

        now, zone = self.clock(), local_zone()  # a zone with rules, not now's fixed offset
        rows = client_rows(zone, complete=complete)
        self.client_list.set_rows(rows, now.date(), zone)

    @_needs_journal
    def refresh_cues(self) -> None:
        """Reload the client rows, every client's cues and Today's agenda off the UI thread."""
        from journal.overview import client_rows, open_cues, today_agenda

        self._cue_generation += 1
        generation = self._cue_generation
        now, zone = self.clock(), local_zone()  # a zone with rules, not now's fixed offset

        def work(_progress: Progress) -> tuple[list[ClientRow], list[Cue], list[AgendaItem]]:
            cues = open_cues(now)
            return client_rows(zone), cues, today_agenda(now, cues, zone=zone)

        def done(result: tuple[list[ClientRow], list[Cue], list[AgendaItem]]) -> None:
            if generation != self._cue_generation or self._closed:
                return  # a newer computation is on its way, or nobody will see it
            rows, self.cues, agenda = result
            self.client_list.set_rows(rows, now.date(), zone, cues=self.cues)
            self.today.set_items(agenda, now.date())
            self._update_today_button()
            milestone("cues", len(self.cues))

        def failed(message: str) -> None:
            if generation == self._cue_generation:
                self.statusBar().showMessage(f"Cues could not be computed: {message}")

        from ui.background import run_op  # after the first paint, with the journal

        run_op(self, work, done, failed)

    def journal_changed(self) -> None:
        """Something was written: refresh what shows it (the list and Today from a worker)."""
        timeline_refresh = getattr(self._timeline, "refresh", None)
        if timeline_refresh is not None and self.pages.currentIndex() == CLIENT_PAGE:
            timeline_refresh()
        if self._profile is not None and self._profile.client_id() is not None:
            self._profile.reload_commitments()
        self.refresh_cues()

    def _update_today_button(self) -> None:
        count = self.today.model.rowCount()
        self.today_button.setText(f"Today  ({count})" if count else "Today")

    # --- navigation -----------------------------------------------------------------------
    def current_client_id(self) -> int | None:
        return self.client_list.current_client_id()

    def show_today(self) -> None:
        self.pages.setCurrentIndex(TODAY_PAGE)
        self.today_button.setChecked(True)
        self.today.list.setFocus()

    def _client_selected(self, client_id: int) -> None:
        if client_id < 0:
            self._show_client(None)
        else:
            self._show_client(client_id)

    @_needs_journal
    def _show_client(self, client_id: int | None) -> None:
        set_client = getattr(self.timeline, "set_client", None)
        if set_client is not None:
            set_client(client_id)
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
            self.statusBar().showMessage("That client is no longer in the journal.", 5000)
            return False
        return True

    @_needs_journal
    def open_agenda_item(self, item: AgendaItem) -> None:
        if not self.open_client(item.client_id):
            return
        if item.interaction_id is not None:
            self._scroll_to(item.interaction_id)
        elif item.cue is not None:
            show_cue = getattr(self.timeline, "show_cue", None)
            if show_cue is not None:
                show_cue(item.cue)
        elif item.commitment_id is not None:
            self.profile.focus_commitment(item.commitment_id)

    @_needs_journal
    def open_search_hit(self, hit: SearchHit) -> None:
        if not self.open_client(hit.client_id):
            return
        if hit.kind == "interaction":
            getattr(self.timeline, "show_search_hit", lambda h: self._scroll_to(h.ref_id))(hit)
        elif hit.kind == "client":
            self.profile.notes.setFocus()  # where a profile's words are
        else:
            self.profile.focus_commitment(hit.ref_id)

    def _scroll_to(self, interaction_id: int) -> None:
        scroll = getattr(self.timeline, "scroll_to_interaction", None)
        if scroll is not None:
            scroll(interaction_id)

    @_needs_journal
    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_query()

    # --- capture, templates ----------------------------------------------------------------
    def new_interaction(self) -> None:
        self._open_capture(client_id=self.current_client_id())

    def edit_interaction(self, interaction_id: int) -> None:
        self._open_capture(interaction_id=interaction_id)

    @_needs_journal
    def _open_capture(
        self, client_id: int | None = None, interaction_id: int | None = None
    ) -> None:
        from ui.dialogs.capture import CaptureDialog

        try:
            dialog = CaptureDialog(
                self.undo_stack,
                client_id,
                interaction_id,
                clock=self.clock,
                parent=self,
            )
        except RapportError as exc:
            self._tell(str(exc))
            return
        self._run_capture(dialog)

    def _run_capture(self, dialog: QDialog) -> None:
        dialog.saved.connect(self._capture_saved)  # type: ignore[attr-defined]
        _open_once(dialog)

    @_needs_journal
    def offer_pending_draft(self) -> None:
        """After a crash or a kill: bring back what was typed but never saved."""
        try:
            from ui.dialogs.capture import dialog_for_pending_draft

            dialog = dialog_for_pending_draft(self.undo_stack, clock=self.clock, parent=self)
        except (ImportError, RapportError) as exc:
            self.statusBar().showMessage(f"Unsaved drafts could not be checked: {exc}", 8000)
            return
        if dialog is not None:
            self._run_capture(dialog)

    @_needs_journal
    def _capture_saved(self, interaction_id: int) -> None:
        from journal.timeline import interaction_by_id

        try:
            client_id = interaction_by_id(interaction_id).client_id
        except RapportError:
            return
        self.open_client(client_id)
        self._scroll_to(interaction_id)

    @_needs_journal
    def write_from_template(self, cue: Cue | None) -> None:
        client_id = cue.client_id if cue is not None else self.current_client_id()
        if client_id is None:
            self._tell("Pick a client first; the template is filled in with their details.")
            return
        try:
            from ui.dialogs.template import TemplateDialog
        except ImportError:
            self._tell("Templates are not available in this build.")
            return
        template_id = cue.template if cue is not None else None
        try:
            dialog = TemplateDialog(client_id, template_id=template_id, cue=cue, parent=self)
        except RapportError as exc:
            self._tell(str(exc))
            return
        dialog.finished.connect(lambda _r: self.journal_changed())
        _open_once(dialog)

    # --- clients ---------------------------------------------------------------------------
    @_needs_journal
    def new_client(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(self, "New client", "Client's name:")
        if not ok or not name.strip():
            return
        try:
            from journal.clients import create_client

            client = create_client(name)
        except RapportError as exc:
            self._tell(str(exc))
            return
        self.refresh_clients()
        self.open_client(client.id)
        self.refresh_cues()

    # --- import, export, reports, preferences ------------------------------------------------
    @_needs_journal
    def import_json(self, path: str | None = None) -> None:
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _filter = QFileDialog.getOpenFileName(
                self, "Import a Rapport JSON export", str(Path.home()), "JSON (*.json)"
            )
        if not path:
            return
        chosen = Path(path)

        from journal.interchange import importing as interchange

        def work(_progress: Progress) -> interchange.ImportSummary:
            return interchange.import_file(chosen)

        def done(summary: interchange.ImportSummary) -> None:
            QTimer.singleShot(0, self, self._sync_undo_actions)  # once the job is off the books
            self.journal_changed()
            self.statusBar().showMessage(
                f"Imported {summary.clients} clients, {summary.interactions} interactions and "
                f"{summary.commitments} commitments from {chosen.name}.",
                10000,
            )

        def failed(message: str) -> None:
            QTimer.singleShot(0, self, self._sync_undo_actions)
            self._tell(f"Nothing was imported. {message}", title="Import failed")

        from ui.background import run_with_progress

        self._progress = run_with_progress(
            self, "Importing", f"Importing {chosen.name}…", work, done, failed, writes=True
        )
        self._sync_undo_actions()

    def _sync_undo_actions(self, *_changed: bool) -> None:
        """Undo and redo follow the stack, but are off while an import holds the journal:
        there they could only be refused."""
        from ui.background import journal_busy

        busy = journal_busy()
        self.undo_action.setEnabled(self.undo_stack.canUndo() and not busy)
        self.redo_action.setEnabled(self.undo_stack.canRedo() and not busy)

    @_needs_journal
    def export_json(self, path: str | None = None) -> None:
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            suggested = Path.home() / f"rapport-{self.clock():%Y-%m-%d}.json"
            path, _filter = QFileDialog.getSaveFileName(
                self, "Export the journal as JSON", str(suggested), "JSON (*.json)"
            )
        if not path:
            return
        target = Path(path)

        from journal.interchange import export as interchange

        def work(_progress: Progress) -> int:
            return interchange.write_export(target)

        def done(count: int) -> None:
            self.statusBar().showMessage(f"Exported {count} clients to {target}.", 10000)

        def failed(message: str) -> None:
            self._tell(message, title="Export failed")

        from ui.background import run_with_progress

        self._progress = run_with_progress(
            self, "Exporting", f"Writing {target.name}…", work, done, failed
        )

    @_needs_journal
    def export_pdf(self, kind: str) -> None:
        try:
            from ui.reports.dialog import export_report
        except ImportError:
            self._tell("PDF reports are not available in this build yet.")
            return
        export_report(self, kind, self.current_client_id())

    @_needs_journal
    def open_preferences(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.journal.home, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.journal_changed()  # thresholds may have changed the cues

    def open_folder(self, folder: Path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _tell(self, message: str, title: str = "Rapport") -> None:
        """One line of news or advice, window-modal, never blocking the caller."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=self)
        box.setAccessibleName(title)
        _open_once(box)
        self.last_message = box

    # --- geometry ---------------------------------------------------------------------------
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
        if self._search_dock is not None:
            self._search_dock.hide()

    def save_geometry(self) -> None:
        store = local_settings()
        store.setValue("main_window/geometry", self.saveGeometry())
        store.setValue("main_window/state", self.saveState())
        store.setValue("main_window/splitter", self.main_split.saveState())

    def sizeHint(self) -> QSize:
        return QSize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        # The undo history goes now, while the journal is open and nothing listens: left to
        # QUndoStack's destructor (when Qt deletes the window, after the journal has closed
        # at quit) its indexChanged would refresh the window and start a cue job on a closed
        # journal.
        self.undo_stack.blockSignals(True)
        self.undo_stack.clear()
        self._pending = None  # closed before the journal opened: it stays closed
        self._closed = True
        from ui.background import release_connections

        release_connections()  # the workers' journal connections close before the journal
        super().closeEvent(event)
