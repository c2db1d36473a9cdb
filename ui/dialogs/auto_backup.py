"""The app's automatic backups: at most daily while it runs, at quit, and on request (File >
Backups…), each through `journal.backup_plan.back_up` (verified, rotated, also written to the
second folder) on a worker thread, with its progress in the status bar.

A failure is said once per episode in the status bar, not at every try: a second folder that
is gone (a drive unplugged) is said when it first fails and again when it works again.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressBar

from journal.backup_plan import Outcome, SecondFolderNews, back_up, due
from journal.errors import RapportError
from journal.i18n import _
from ui.background import journal_busy, run_op

if TYPE_CHECKING:
    from ui.main_window import MainWindow

CHECK_MS = 60 * 60 * 1000
"""How often the running app looks whether a backup is due (one is made at most daily)."""
SAID_MS = 60_000


class AutoBackup(QObject):
    """The window's backups: `tick` (the hourly timer's slot) makes one when the newest is a
    day old; `at_quit` makes one when this session wrote anything or one is due; `run` makes
    one now. One at a time."""

    progressed = Signal(int, int)
    """(steps done, steps): each copy written and checked is a step."""
    finished = Signal(object, str)
    """(the Outcome, or None when the backup failed; the failure, or "")."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.wrote = False
        self.running = False
        self.last_problem = ""  # the second folder's, from the latest backup
        self._news = SecondFolderNews()
        self._home_failing = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.tick)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.name_bar()
        window.statusBar().addPermanentWidget(self.bar)
        window.changed.connect(self._written)

    def name_bar(self) -> None:
        """The bar's name for screen readers, in the app's language (again after a switch)."""
        self.bar.setAccessibleName(_("Backup progress"))

    def start(self) -> None:
        """The journal is open: look hourly from now on."""
        self.timer.start()

    def _written(self, _changes: object) -> None:
        self.wrote = True

    def tick(self) -> None:
        window = self._window
        if window.journal is None or window.closed or self.running or journal_busy():
            return
        if due(window.journal.home, dt.datetime.now().astimezone()):
            self.run("daily")

    def run(self, why: str = "") -> bool:
        """Start a backup on a worker; False when one is under way already."""
        journal = self._window.journal
        if journal is None or self.running:
            return False
        self.running, self.wrote = True, False  # a save from now on wants the next one
        self.bar.setRange(0, 0)
        self.bar.show()
        self._window.statusBar().showMessage(_("Backing up the journal…"))

        def progress(done: int, total: int) -> None:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.progressed.emit(done, total)

        run_op(
            self,
            lambda report: back_up(journal, why, report),
            self._done,
            self._failed,
            progress,
        )
        return True

    def _finish(self, outcome: Outcome | None, failure: str) -> None:
        self.running = False
        self.bar.hide()
        self.finished.emit(outcome, failure)

    def news(self, outcome: Outcome) -> str:
        """The news of a backup made here or elsewhere (before an import) for the status bar:
        a second folder's failure, once per episode; "" when there is none."""
        self._home_failing = False
        self.last_problem = outcome.problem
        news = self._news.news(outcome)
        if news and outcome.problem:  # the whole sentence is in File > Backups…
            return _("No backup reached {folder}; see File > Backups…").format(
                folder=outcome.folder
            )
        return news

    def _done(self, outcome: Outcome) -> None:
        news = self.news(outcome)
        said = news or _("Backed up and verified: {name}").format(name=outcome.home.name)
        self._window.statusBar().showMessage(said, SAID_MS if news else 5000)
        self._finish(outcome, "")

    def _failed(self, message: str) -> None:
        status = self._window.statusBar()
        if self._home_failing:
            status.clearMessage()
        else:
            status.showMessage(_("The backup failed: {problem}").format(problem=message), SAID_MS)
        self._home_failing, self.wrote = True, True
        self._finish(None, message)

    def at_quit(self) -> None:
        """At quit, once the window has closed and the workers have let go of the journal:
        a backup if this session wrote anything or one is due. Its failure is one line on
        stderr; the quit goes on."""
        journal = self._window.journal
        if journal is None or not due(journal.home, dt.datetime.now().astimezone(), self.wrote):
            return
        try:
            outcome = back_up(journal, "at-quit")
        except RapportError as exc:
            print(
                _("rapport: the backup at quit failed: {problem}").format(problem=exc),
                file=sys.stderr,
            )
            return
        if outcome.problem:
            print(_("rapport: warning: {problem}").format(problem=outcome.problem), file=sys.stderr)
