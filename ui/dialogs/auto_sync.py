"""The app's sync: at start, after each save (a few seconds later, so a burst of saves is one
sync), when the folder changes (another device's files arriving), every few minutes, and at
quit. Always on a worker thread, one at a time. The status bar shows the last sync, the
devices seen and what waits to be sent; a folder that is gone is said once, not every time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from journal.changes import Changes
from journal.errors import RapportError
from journal.i18n import _
from journal.sync import service, wording
from journal.sync.engine import Outcome
from journal.sync.service import Status
from journal.sync.touched import changes_of
from ui.background import journal_busy, run_op

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DEBOUNCE_MS = 3000
"""After a save or a file arriving: wait this long for the next, then sync once."""
EVERY_MS = 5 * 60 * 1000
"""A sync now and then even with no news (a watcher can miss a network share's changes)."""


class AutoSync(QObject):
    """Runs `service.sync_now` on a worker when due; `synced` carries each result."""

    synced = Signal(object, object)
    """(the Outcome, or None when it failed; the Status afterwards, or None)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.running = False
        self.again = False  # something changed while a sync ran: one more after it
        self._quiet_refresh = False  # the views refresh for merged changes: not a save
        self._said_failure = ""
        self.label = QLabel()
        self.label.setAccessibleName(_("Sync status"))
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(DEBOUNCE_MS)
        self.soon.timeout.connect(self.run)
        self.every = QTimer(self)
        self.every.setInterval(EVERY_MS)
        self.every.timeout.connect(self.run)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        window.changed.connect(self._saved)
        window.opened.connect(self.start)

    def folder(self) -> Path | None:
        journal = self._window.journal
        return None if journal is None else service.folder_of(journal)

    def start(self) -> None:
        """The journal is open: sync now if it syncs, and from then on when due."""
        if self.folder() is None:
            self.label.hide()
            return
        self.label.show()
        self.every.start()
        self.run()

    def _watch(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        me = service.device_of(journal) if (journal := self._window.journal) else ""
        # Not this device's own folder: its own writes would wake it again and again.
        others = (p for p in folder.iterdir() if p.is_dir() and p.name != me)
        wanted = [str(folder), *(str(p) for p in others)]
        missing = [path for path in wanted if path not in self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def _saved(self, _changes: object) -> None:
        if self._quiet_refresh or self.folder() is None:
            return
        self.soon.start()

    def _folder_changed(self, _path: str) -> None:
        self.soon.start()

    def run(self) -> bool:
        """Start a sync on a worker; False when one is under way (one more follows it)."""
        journal = self._window.journal
        if journal is None or self._window.closed or self.folder() is None:
            return False
        if self.running or journal_busy():
            self.again = True
            return False
        self.running, self.again = True, False

        def work(_progress: object) -> tuple[Outcome, Status, Changes]:
            outcome = service.sync_now(journal)
            return outcome, service.status(journal), changes_of(journal.db, outcome.touched)

        run_op(self, work, self._done, self._failed, writes=True)
        return True

    def _done(self, result: tuple[Outcome, Status, Changes]) -> None:
        outcome, status, changes = result
        self.running = False
        self._said_failure = ""
        self.label.setText(wording.summary(status))
        self.label.setToolTip("\n".join(wording.status_lines(status)))
        if outcome.notice and not self._window.closed:  # a copied home, a client back
            self._window.statusBar().showMessage(outcome.notice, 60_000)
        folder = self.folder()
        if folder is not None:
            self._watch(folder)
        if changes and not self._window.closed:
            self._quiet_refresh = True
            try:
                self._window.journal_changed(changes)
            finally:
                self._quiet_refresh = False
        self.synced.emit(outcome, status)
        if self.again:
            self.soon.start()

    def _failed(self, message: str) -> None:
        self.running = False
        self.label.setText(_("Sync: waiting for the folder"))
        self.label.setToolTip(message)
        if message != self._said_failure:  # once per episode, not at every try
            self._window.statusBar().showMessage(message, 60_000)
            self._said_failure = message
        self.synced.emit(None, None)

    def refresh_label(self) -> None:
        """After Preferences set sync up or left it, and in a new language."""
        self.label.setAccessibleName(_("Sync status"))
        journal = self._window.journal
        if journal is not None:
            run_op(self, lambda _progress: service.status(journal), self._show_status)

    def _show_status(self, status: Status) -> None:
        self.label.setText(wording.summary(status))
        self.label.setVisible(bool(status.folder))
        if status.folder and not self.every.isActive():
            self.start()

    def at_quit(self) -> None:
        """At quit, once the workers have let go of the journal: one last sync, so this
        session's saves reach the folder. A failure is one line on stderr."""
        journal = self._window.journal
        if journal is None or service.folder_of(journal) is None:
            return
        try:
            service.sync_now(journal)
        except RapportError as exc:
            print(_("rapport: sync at quit: {problem}").format(problem=exc), file=sys.stderr)
