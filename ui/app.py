"""Starting the app: unlock or create the journal, then show the main window.

`start_window` is the whole path from a QApplication to a usable window; `run_app` adds the
event loop and the cleanup. The startup benchmark times `start_window`.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from journal.errors import JournalUnavailable, RapportError, WrongKey
from journal.home import journal_home
from journal.secrets import JournalKey, PassphrasePurpose
from journal.store import Journal, open_journal
from ui.style import apply_style

if TYPE_CHECKING:
    from journal.key_prefetch import KeyPrefetch

DEMO_PASSPHRASE = "rapport-demo-journal"
ATTEMPTS = 5
log = logging.getLogger(__name__)


def open_for_app(
    home: Path, parent: QWidget | None = None, key: JournalKey | None = None
) -> Journal | None:
    """Open the journal, asking again kindly after a wrong passphrase; None if the user stops.

    `key`, when given, was read ahead (see journal.key_prefetch) and is tried first.
    """
    error = ""
    for _attempt in range(ATTEMPTS):
        cancelled = False

        def ask(purpose: PassphrasePurpose, error: str = error) -> str | None:
            from ui.unlock import ask_with_dialog  # only a passphrase journal needs the dialog

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
        message = (
            str(value)
            if isinstance(value, RapportError)
            else f"Something unexpected went wrong ({kind.__name__}: {value}). What you saved is "
            "safe; run with RAPPORT_DEBUG=1 for details and report it."
        )
        QMessageBox.warning(QApplication.activeWindow(), "Rapport", message)

    sys.excepthook = hook


def make_application() -> QApplication:
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
    apply_style(app, fusion_already=made_here)
    return app


def start_window(
    home: Path, demo: bool = False, prefetch: KeyPrefetch | None = None
):  # -> tuple[Journal, MainWindow] | None
    """Open the journal and show the main window; the window is usable when this returns.

    `prefetch`: the key being read ahead for `home` (journal.key_prefetch); it is collected
    as late as possible, so that the keyring's work overlaps as much of Qt's as it can.
    """
    from ui.main_window import MainWindow

    key = prefetch.key() if prefetch is not None and prefetch.home == home else None
    journal = open_for_app(home, key=key)
    if journal is None:
        return None
    if demo:
        from journal.demo import populate_demo

        populate_demo()
    window = MainWindow(journal)
    window.show()
    for warning in journal.warnings:
        window.statusBar().showMessage(warning, 15000)
    return journal, window


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
    from PySide6.QtWidgets import QDialog

    from ui.capture_dialog import CaptureDialog

    request = QuitRequest()

    def close_dialogs() -> None:
        # quit() does nothing before the main loop runs: a message box or the unlock dialog
        # shown while the journal opens would keep the process alive. Closed, they let the
        # start end as if the user had cancelled; one that opens later is closed by the
        # ticker below, which runs in its loop too.
        for widget in app.topLevelWidgets():
            closable = isinstance(widget, QDialog) and not isinstance(widget, CaptureDialog)
            if closable and widget.isVisible():
                widget.reject()

    def stop(_signum: int, _frame: object) -> None:
        request.requested = True
        for widget in app.topLevelWidgets():
            if isinstance(widget, CaptureDialog) and widget.isVisible():
                widget.autosave()
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
    app = make_application()
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
            QMessageBox.critical(None, "Rapport", str(exc))
            return 1
        if guard is None:
            return 0  # the running Rapport for this journal came to the front instead
        started = None if quitting.requested else start_window(home_path, demo, prefetch)
        if started is None:
            guard.close()
            return 0 if quitting.requested else 1
        journal, window = started
        guard.attach(window)
        code = 0
        if quitting.requested:  # a logout while the journal opened: close as quit() would
            window.close()
        else:
            QTimer.singleShot(0, window.offer_pending_draft)
            code = app.exec()
        guard.close()
        journal.close()
        return int(code)
    finally:
        if prefetch is not None:
            prefetch.discard()  # whatever ended the start, the helper does not linger
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
