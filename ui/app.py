"""Starting the app: unlock or create the journal, then show the main window.

`start_window` is the whole path from a QApplication to a usable window; `run_app` adds the
single-instance guard, the event loop and the cleanup. The start-up benchmark times all of it,
through the real entry point (ui.entry).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from journal.errors import JournalUnavailable, RapportError, WrongKey
from journal.store.home import journal_home
from ui.style import apply_style, check_scheme

if TYPE_CHECKING:
    from journal.key_prefetch import KeyPrefetch
    from journal.overview import ClientRow
    from journal.store.database import Journal
    from journal.store.secrets import JournalKey, PassphrasePurpose
    from ui.main_window import MainWindow

DEMO_PASSPHRASE = "rapport-demo-journal"
ATTEMPTS = 5
log = logging.getLogger(__name__)


def open_for_app(
    home: Path, parent: QWidget | None = None, key: JournalKey | None = None
) -> Journal | None:
    """Open the journal, asking again kindly after a wrong passphrase; None if the user stops.

    `key`, when given, was read ahead (see journal.key_prefetch) and is tried first.
    """
    from PySide6.QtWidgets import QMessageBox

    from journal.store.database import open_journal

    check_scheme()  # any dialog from here on, unlock included, in the system's colours
    error = ""
    for _attempt in range(ATTEMPTS):
        cancelled = False

        def ask(purpose: PassphrasePurpose, error: str = error) -> str | None:
            from ui.dialogs.unlock import (
                ask_with_dialog,  # only a passphrase journal needs the dialog
            )

            nonlocal cancelled
            answer = ask_with_dialog(parent, error)(purpose)
            cancelled = answer is None
            return answer

        try:
            return open_journal(home, ask, key=key)
        except RapportError as exc:
            if key is not None and isinstance(exc, WrongKey):
                key = None  # a key read ahead that does not fit: read it the usual way
                continue
            if cancelled:
                return None
            wrong = isinstance(exc, JournalUnavailable) and "wrong passphrase" in str(exc)
            if not wrong or os.environ.get("RAPPORT_PASSPHRASE"):
                QMessageBox.critical(parent, "Rapport cannot open the journal", str(exc))
                return None
            error = "That passphrase does not unlock the journal. Check Caps Lock and try again."
    QMessageBox.critical(
        parent,
        "Rapport cannot open the journal",
        "The journal stayed locked after several tries; nothing was changed. Start Rapport "
        "again when you have the passphrase.",
    )
    return None


def _has_screen() -> bool:
    """Qt aborts the process without a display; say so in one line instead."""
    if QApplication.instance() is not None or not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _install_error_hook() -> None:
    """An unexpected error in a slot becomes one calm line, never a traceback on screen."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if os.environ.get("RAPPORT_DEBUG"):
            traceback.print_exception(kind, value, tb)
        log.error("unexpected error", exc_info=(kind, value, tb))
        from PySide6.QtWidgets import QMessageBox

        message = (
            str(value)
            if isinstance(value, RapportError)
            else f"Something unexpected went wrong ({kind.__name__}: {value}). What you saved is "
            "safe; run with RAPPORT_DEBUG=1 for details and report it."
        )
        QMessageBox.warning(QApplication.activeWindow(), "Rapport", message)

    sys.excepthook = hook


def resume_collection() -> None:
    """The cycle collector back on after a start that turned it off (ui.entry). What the start
    made lives as long as the app: frozen, later collections never walk it again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def make_application(remembered_scheme: bool = False) -> QApplication:
    """The QApplication, styled; `remembered_scheme`: paint with the colour scheme the last
    session saw until the window checks it (see ui.style)."""
    app = QApplication.instance()
    made_here = app is None
    if app is None:
        # Qt's own -style option: Fusion from the start, without handing a QStyle to Python
        # (whose ~500 enum members PySide6 would build on the way, ~9 ms of the start).
        app = QApplication([*sys.argv[:1], "-style", "Fusion", *sys.argv[1:]])
    assert isinstance(app, QApplication)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setApplicationDisplayName("Rapport")
    apply_style(app, fusion_already=made_here, remembered_scheme=remembered_scheme)
    return app


class PendingJournal:
    """A journal whose key and first rows were read ahead (journal.key_prefetch): the window
    paints the rows at once and opens the journal a moment later (ui.main_window)."""

    def __init__(self, home: Path, prefetch: KeyPrefetch, first_rows: list[ClientRow]) -> None:
        self.home = home
        self.first_rows = first_rows
        self._prefetch = prefetch
        self._loading = False
        self._loaded = threading.Event()

    def load_in_background(self, owner: QObject, then: Callable[[], None]) -> None:
        """Load the rest of the journal's modules on a worker thread, then call `then` on the
        UI thread (whether or not that worked: opening says what is wrong)."""
        self._loading = True

        def load(_progress: object) -> None:
            try:
                from journal.startup import load_the_rest

                load_the_rest()
            finally:
                self._loaded.set()

        from ui.background import run_op

        run_op(owner, load, lambda _result: then(), lambda _message: then())

    def open(self, parent: QWidget | None) -> Journal | None:
        """Open the journal on the UI thread (after the worker's imports, if they run: two
        threads importing the same modules could deadlock); None if it cannot be opened,
        after telling the user why."""
        if self._loading:
            self._loaded.wait()
        return open_for_app(self.home, parent, key=self._prefetch.key())


def start_window(
    home: Path, demo: bool = False, prefetch: KeyPrefetch | None = None
) -> MainWindow | None:
    """Show the main window on `home`'s journal; the window is usable when this returns.

    `prefetch`: the key and first rows being read ahead for `home` (journal.key_prefetch).
    With the rows, the window paints before the journal opens (see PendingJournal);
    without them, the journal opens first.
    """
    from ui import main_window

    read_ahead = prefetch if prefetch is not None and prefetch.home == home else None
    rows = read_ahead.first_rows() if read_ahead is not None and not demo else None
    if read_ahead is not None and rows is not None:
        window = main_window.MainWindow(pending=PendingJournal(home, read_ahead, rows))
    else:
        journal = open_for_app(home, key=read_ahead.key() if read_ahead is not None else None)
        if journal is None:
            return None
        if demo:
            from journal.interchange.demo import populate_demo

            populate_demo()
        window = main_window.MainWindow(journal)
    window.show()
    return window


class QuitRequest:
    """Set by a signal. Before the main loop runs, quit() has nothing to end: the start
    checks this and stops where it is."""

    requested = False


def _quit_on_signals(app: QApplication) -> QuitRequest:
    """Ctrl+C, logout and `kill` end the session the orderly way.

    Open capture dialogs write their drafts at once, the event loop ends, the journal is
    closed and a temporary demo journal is removed. No dialog asks anything: nobody is there
    to answer. Python runs signal handlers only between bytecodes, so a light timer keeps it
    ticking while Qt's event loop waits.
    """
    request = QuitRequest()

    def keeps_drafts(widget: QWidget) -> bool:
        # A capture dialog, known by what it does: importing its module here would load it
        # (and the timeline) before the first paint, ~60 ms.
        return callable(getattr(widget, "autosave", None))

    def close_dialogs() -> None:
        # quit() does nothing before the main loop runs: a message box or the unlock dialog
        # shown while the journal opens would keep the process alive. Closed, they let the
        # start end as if the user had cancelled; one that opens later is closed by the
        # ticker below, which runs in its loop too.
        from PySide6.QtWidgets import QDialog

        for widget in app.topLevelWidgets():
            closable = isinstance(widget, QDialog) and not keeps_drafts(widget)
            if closable and widget.isVisible():
                widget.reject()

    def stop(_signum: int, _frame: object) -> None:
        request.requested = True
        for widget in app.topLevelWidgets():
            if keeps_drafts(widget) and widget.isVisible():
                widget.autosave()  # type: ignore[attr-defined]
        close_dialogs()
        app.quit()

    def tick() -> None:
        if request.requested:
            close_dialogs()

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, stop)
    ticker = QTimer(app)
    ticker.timeout.connect(tick)
    ticker.start(250)
    return request


def run_app(
    home: str | None = None, demo: bool = False, prefetch: KeyPrefetch | None = None
) -> int:
    """The app's whole life; `prefetch` is the journal's key being read ahead, if it is."""
    if not _has_screen():
        print(
            "rapport: no screen found; the app needs a desktop session "
            "(terminal commands work: rapport --help).",
            file=sys.stderr,
        )
        return 1
    app = make_application(remembered_scheme=True)  # the window calls check_scheme()
    _install_error_hook()
    quitting = _quit_on_signals(app)
    temporary: Path | None = None
    if demo and home is None:
        temporary = Path(tempfile.mkdtemp(prefix="rapport-demo-"))
        home_path = temporary
        os.environ.setdefault("RAPPORT_PASSPHRASE", DEMO_PASSPHRASE)
    else:
        home_path = journal_home(home)
    try:
        from ui.single_instance import claim

        try:
            guard = claim(home_path)
        except RapportError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "Rapport", str(exc))
            return 1
        if guard is None:
            return 0  # the running Rapport for this journal came to the front instead
        window = None if quitting.requested else start_window(home_path, demo, prefetch)
        if window is None:
            guard.close()
            return 0 if quitting.requested else 1
        # Later launches are answered from when the journal is open: after the first paint,
        # since listening loads QtNetwork (a launch meanwhile waits for it).
        window.when_open(lambda: guard.attach(window))
        window.started.connect(resume_collection)
        code = 0
        if quitting.requested:  # a logout while the journal opened: close as quit() would
            window.close()
        else:
            QTimer.singleShot(0, lambda: window.when_open(window.offer_pending_draft))
            code = app.exec()
        guard.close()
        journal = window.opened_journal
        if journal is not None:
            journal.close()
        return 1 if window.journal_failed else int(code)
    finally:
        resume_collection()
        if prefetch is not None:
            prefetch.discard()  # whatever ended the start, the helper does not linger
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
