"""The client list's rows, the cues and Today, recomputed off the UI thread after a change.

One `Changes` sets off one computation: the cues of the clients it touched, merged into the
cues already known, or every client's when a setting they all depend on changed (or
everything did). The rows and Today's agenda are re-read in the same job and handed to the
list and Today together, so the window never shows a row and a cue that disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from journal import settings
from journal.changes import Changes
from journal.cues.api import with_fresh_cues
from journal.cues.model import Cue
from journal.overview import AgendaItem, ClientRow, client_rows, open_cues, today_agenda
from journal.values.zones import local_zone
from ui.background import Progress, run_op
from ui.startup_probe import milestone

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Result = tuple[list[ClientRow], list[Cue], list[AgendaItem], str]


class CueRefresh(QObject):
    """Keeps the window's cues, its client list and Today in step with the journal."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.cues: list[Cue] | None = None
        self._generation = 0
        self._stale: set[int] = set()  # touched clients whose cues are not yet recomputed
        self._everything = True  # every client's cues are due (none are known yet)
        self.last_scope: frozenset[int] | None = None
        """What the latest computation recomputes: these clients' cues, or None for every
        client's."""

    def refresh_rows(self) -> None:
        """The list's rows now, on the UI thread, from the quick query (no counts or
        follow-ups: the next computation brings those)."""
        window = self._window
        zone = local_zone()  # a zone with rules, not now's fixed offset
        lang = settings.journal_language()
        rows = client_rows(zone, complete=False)
        window.client_list.set_rows(rows, window.clock().date(), zone, lang=lang)

    def apply(self, changes: Changes) -> None:
        """Recompute what `changes` touched, once, on a worker. A computation still running
        is superseded by one that covers what it was to cover too."""
        self._stale |= changes.cue_clients
        self._everything = self._everything or changes.all_cues
        if self._everything:
            self._start(None)
        elif changes.cue_clients:
            self._start(frozenset(self._stale))

    def _start(self, clients: frozenset[int] | None) -> None:
        """Compute the cues of `clients` (None: every client), the rows and Today."""
        window = self._window
        self._generation += 1
        generation = self._generation
        now, zone = window.clock(), local_zone()
        known = list(self.cues or [])
        self.last_scope = clients

        def work(_progress: Progress) -> Result:
            cues = open_cues(now) if clients is None else with_fresh_cues(known, clients, now)
            agenda = today_agenda(now, cues, zone=zone)
            return client_rows(zone), cues, agenda, settings.journal_language()

        def done(result: Result) -> None:
            if generation != self._generation or window.closed:
                return  # a newer computation is on its way, or the window has closed
            rows, self.cues, agenda, lang = result
            self._stale.clear()  # the latest computation covered every change before it
            self._everything = False
            window.client_list.set_rows(rows, now.date(), zone, cues=self.cues, lang=lang)
            window.today.set_items(agenda, now.date(), lang=lang)
            window.cues_changed(clients, self.cues)
            count = window.today.model.rowCount()
            window.today_button.setText(f"Today  ({count})" if count else "Today")
            milestone("cues", len(self.cues))

        def failed(message: str) -> None:
            if generation == self._generation:
                window.statusBar().showMessage(f"Cues could not be computed: {message}")

        run_op(self, work, done, failed)
