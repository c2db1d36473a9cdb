"""The client list's rows, the cues and Today, recomputed off the UI thread after a change.

One `Changes` sets off one computation: the cues of the clients it touched, merged into the
cues already known, or every client's when a setting they all depend on changed (or
everything did). The rows, Today's agenda and the shown client's timeline entries are re-read
in the same job and handed to the list, Today and the timeline together, so the window never
shows a row and a cue that disagree. What the job can do off the UI thread it does (merging
and ordering the rows, reading the entries), so the UI thread only updates what changed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from journal.changes import Changes
from journal.cues.api import with_fresh_cues
from journal.cues.model import Cue
from journal.i18n import _, language
from journal.overview import (
    AgendaItem,
    ClientRow,
    by_attention,
    client_rows,
    open_cues,
    today_agenda,
    with_cues,
    with_lines_of,
    with_rows_of,
)
from journal.timeline import Entry, entries_of
from journal.values.zones import local_zone
from ui.background import Progress, run_op
from ui.startup_probe import milestone

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Shown = tuple[int, list[Entry]] | None
"""The shown client's id and timeline entries, read with the cues (None: not read)."""
Result = tuple[list[ClientRow], list[Cue], list[AgendaItem], str, Shown]


class CueRefresh(QObject):
    """Keeps the window's cues, its client list and Today in step with the journal."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.cues: list[Cue] | None = None
        self._rows: list[ClientRow] = []  # as the latest computation left them, and Today's
        self._agenda: list[AgendaItem] = []
        self._day: dt.date | None = None  # the day they were computed for
        self._generation = 0
        self._stale: set[int] = set()  # touched clients whose cues are not yet recomputed
        self._everything = True  # every client's cues are due (none are known yet)
        self.entries: Shown = None
        """The selected client's timeline entries, read with the latest cues when it was one
        of the clients they were recomputed for (the timeline then need not read them)."""
        self.last_scope: frozenset[int] | None = None
        """What the latest computation recomputes: these clients' cues, or None for every
        client's."""

    def refresh_rows(self) -> None:
        """The list's rows now, on the UI thread, from the quick query (no counts or
        follow-ups: the next computation brings those)."""
        window = self._window
        zone = local_zone()  # a zone with rules, not now's fixed offset
        lang = language()
        rows = client_rows(zone, complete=False)
        window.client_list.set_rows(rows, window.clock().date(), zone, lang=lang)

    def show_new_client(self, client_id: int) -> None:
        """A client just added, listed at once so it can be selected: its own row, read by
        index seeks, among the rows known (every other row keeps its follow-up and counts).
        Before the first computation is in, the quick list is all there is."""
        if self.cues is None or self._day is None:
            self.refresh_rows()
            return
        fresh = client_rows(local_zone(), only=[client_id])
        rows = with_rows_of(self._rows, fresh, [client_id])
        self._rows = by_attention(with_cues(rows, self.cues), self._day)
        touched = frozenset({client_id})
        self._window.client_list.update_rows(self._rows, touched, self.cues, self._day)

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
        now, zone, lang = window.clock(), local_zone(), language()
        if now.date() != self._day:
            clients = None  # "due tomorrow" is now "due today": every line is read again
        known, rows_known, agenda_known = list(self.cues or []), self._rows, self._agenda
        self.last_scope = clients
        shown = window.current_client_id()
        if clients is not None and shown not in clients:
            shown = None  # its timeline does not change

        def work(_progress: Progress) -> Result:
            entries = None if shown is None else (shown, entries_of(shown))
            if clients is None:
                cues = open_cues(now)
                return client_rows(zone), cues, today_agenda(now, cues, zone=zone), lang, entries
            # Only the touched clients are read; the list updates their rows in place.
            cues = with_fresh_cues(known, clients, now)
            fresh = today_agenda(now, cues, zone=zone, only=clients)
            agenda = with_lines_of(agenda_known, fresh, clients, now.date())
            rows = with_rows_of(rows_known, client_rows(zone, only=clients), clients)
            return by_attention(with_cues(rows, cues), now.date()), cues, agenda, lang, entries

        def done(result: Result) -> None:
            if generation != self._generation or window.closed:
                return  # a newer computation is on its way, or the window has closed
            rows, self.cues, agenda, lang, self.entries = result
            self._rows, self._agenda, self._day = rows, agenda, now.date()
            self._stale.clear()  # the latest computation covered every change before it
            self._everything = False
            if clients is None:
                window.client_list.set_rows(rows, now.date(), zone, cues=self.cues, lang=lang)
            else:
                window.client_list.update_rows(rows, clients, self.cues, now.date())
            window.today.set_items(agenda, now.date(), lang=lang)
            window.cues_changed(clients, self.cues)
            count = window.today.model.rowCount()
            window.today_button.setText(
                _("Today  ({count})").format(count=count) if count else _("Today")
            )
            milestone("cues", len(self.cues))

        def failed(message: str) -> None:
            if generation == self._generation:
                window.statusBar().showMessage(
                    _("Cues could not be computed: {problem}").format(problem=message)
                )

        run_op(self, work, done, failed)
