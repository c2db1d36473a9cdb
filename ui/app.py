"""Starting the app, one path on every platform.

Arguments (ui.entry), then unlock: the journal's key is read from the keyring, or a
passphrase is asked for in a dialog. Then the window is shown, the journal opens right after
its first paint, and the window enables its actions once it is open; cues and Today follow
from a worker. `run_app` adds the single-instance guard, the event loop and the cleanup.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from journal.errors import JournalUnavailable, RapportError, WrongKey
from journal.i18n import FOLLOW_SYSTEM, N_, _, ngettext
from journal.store.database import Journal, open_journal
from journal.store.home import database_path, journal_home
from journal.store.key_record import load_key_record
from journal.store.resources import resource_path
from journal.store.secrets import (
    AskPassphrase,
    JournalKey,
    PassphrasePurpose,
    key_for_existing_journal,
)
from ui.background import release_connections
from ui.dialogs.calm_fields import calm_fields
from ui.dialogs.unlock import ask_with_dialog
from ui.main_window import MainWindow
from ui.single_instance import claim
from ui.startup_probe import milestone
from ui.style import apply_style
from ui.views.language import apply_language, follow_language

DEMO_PASSPHRASE = "rapport-demo-journal"
DESKTOP_ID = "app.rapport.Rapport"
"""The desktop entry's name (packaging/linux/app.rapport.Rapport.desktop), without .desktop."""
ATTEMPTS = 5
CANNOT_OPEN = N_("Rapport cannot open the journal")
WRONG_PASSPHRASE = N_("That passphrase does not unlock the journal. Check Caps Lock and try again.")
log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The coach closed the passphrase dialog: the start ends quietly."""


def _asking(parent: QWidget | None, error: str = "") -> AskPassphrase:
    """The passphrase question for journal.store, ending the start when it is cancelled."""
    ask = ask_with_dialog(parent, error)

    def asked(purpose: PassphrasePurpose) -> str:
        answer = ask(purpose)
        if answer is None:
            raise Cancelled
        return answer

    return asked


def unlock(home: Path) -> JournalKey | None:
    """Before any window: the passphrase of a journal kept by one, asked for in a dialog
    (or taken from RAPPORT_PASSPHRASE). None when there is nothing to ask: a journal whose key
    is in the keyring (read when it opens) or one not yet created (made once the window is
    up). Raises Cancelled or RapportError; nothing is opened or changed here."""
    if not database_path(home).exists():
        return None
    record = load_key_record(home)
    if record is not None and record.mode == "keyring":
        return None
    return key_for_existing_journal(home, _asking(None))


def open_for_app(home: Path, parent: QWidget | None, key: JournalKey | None) -> Journal:
    """Open (or create) the journal with `key`, asking again kindly after a wrong passphrase.
    Raises Cancelled or RapportError; a journal that does not open is never changed."""
    error = ""
    for _attempt in range(ATTEMPTS):
        try:
            return open_journal(home, _asking(parent, error), key=key)
        except WrongKey:
            by_passphrase = key is None or key.record.mode == "passphrase"
            if not by_passphrase or os.environ.get("RAPPORT_PASSPHRASE"):
                raise
            key, error = None, _(WRONG_PASSPHRASE)
    raise JournalUnavailable(
        _(
            "The journal stayed locked after several tries; nothing was changed. Start "
            "Rapport again when you have the passphrase."
        )
    )


def _has_screen() -> bool:
    """Qt aborts the process without a display; say so in one line instead."""
    if QApplication.instance() is not None or not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# The Debian/Ubuntu package of each system library Qt's X11 plugin needs. The README's "A
# fresh machine" installs them all; tests/test_packaging.py holds the two lists together.
QT_SYSTEM_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}


def _not_found(ldd_output: str) -> list[str]:
    """The libraries `ldd` could not find, each once, in its order."""
    names = [
        line.split("=>")[0].strip() for line in ldd_output.splitlines() if "=> not found" in line
    ]
    return list(dict.fromkeys(names))


def _ldd(plugin: Path) -> str:
    try:
        done = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def missing_qt_libraries(
    plugin: Path | None = None,
    load: Callable[[str], object] = ctypes.CDLL,
    ldd: Callable[[Path], str] = _ldd,
) -> list[str]:
    """The system libraries missing for Qt's X11 plugin, or [] when it loads (or is not the
    one Qt will use). Without them Qt aborts with a message naming only libxcb-cursor0, so the
    plugin is loaded here first, the way Qt is about to, and `ldd` names every one missing."""
    if plugin is None:
        if not sys.platform.startswith("linux") or QApplication.instance() is not None:
            return []
        chosen = os.environ.get("QT_QPA_PLATFORM", "")
        if chosen and not chosen.startswith("xcb"):
            return []
        if not chosen and os.environ.get("WAYLAND_DISPLAY"):
            return []  # Qt takes Wayland first there
        plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
        plugin = Path(plugins) / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return []
    try:
        load(str(plugin))
    except OSError as exc:
        first = str(exc).split(":")[0].strip()  # "libxcb-icccm.so.4: cannot open shared ..."
        return _not_found(ldd(plugin)) or [first]
    return []


def qt_library_message(missing: list[str]) -> str:
    """One line naming the missing libraries and, where known, the packages to install."""
    text = ngettext(
        "rapport: Qt needs the system library %(libraries)s",
        "rapport: Qt needs the system libraries %(libraries)s",
        len(missing),
    ) % {"libraries": ", ".join(missing)}
    packages = [QT_SYSTEM_PACKAGES[name] for name in missing if name in QT_SYSTEM_PACKAGES]
    if packages:
        install = " ".join(dict.fromkeys(packages))
        text += " " + _("(Debian/Ubuntu: sudo apt-get install %(packages)s)") % {
            "packages": install
        }
    return text


def _install_error_hook() -> None:
    """An unexpected error in a slot becomes one calm line, never a traceback on screen."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if os.environ.get("RAPPORT_DEBUG"):
            traceback.print_exception(kind, value, tb)
        log.error("unexpected error", exc_info=(kind, value, tb))
        message = (
            str(value)
            if isinstance(value, RapportError)
            else _(
                "Something unexpected went wrong ({problem}). What you saved is safe; run "
                "with RAPPORT_DEBUG=1 for details and report it."
            ).format(problem=f"{kind.__name__}: {value}")
        )
        QMessageBox.warning(QApplication.activeWindow(), _("Rapport"), message)

    sys.excepthook = hook


def make_application() -> QApplication:
    """The QApplication, in Rapport's calm style."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setApplicationDisplayName("Rapport")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_ID)  # Wayland finds the icon and name through it
    apply_style(app)
    calm_fields(app)  # no wheel changes a field the coach has not clicked into
    return app


def app_icon() -> QIcon:
    """Rapport's icon at every size packaging/make_icons.py renders."""
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("rapport-*.png")):
        icon.addFile(str(png))
    return icon


class QuitRequest:
    """Set by a signal. Before the main loop runs, quit() has nothing to end: the start
    checks this and stops where it is."""

    requested = False


def _quit_on_signals(app: QApplication) -> QuitRequest:
    """Ctrl+C, logout and `kill` end the session the orderly way.

    Open capture dialogs write their drafts at once, dialogs close, the event loop ends, the
    journal is closed and a temporary demo journal is removed. No dialog asks anything: nobody
    is there to answer. Python runs signal handlers only between bytecodes, so a light timer
    keeps it ticking while Qt's event loop waits.
    """
    request = QuitRequest()

    def close_dialogs() -> None:
        # quit() does nothing outside the main loop: a dialog's own loop (the unlock dialog,
        # a message box) would keep the process alive.
        from ui.dialogs.capture.dialog import CaptureDialog  # loaded by now if one is open

        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                if isinstance(widget, CaptureDialog):
                    widget.autosave()
                widget.reject()

    def stop(_signum: int, _frame: object) -> None:
        request.requested = True
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


def _open_into(
    window: MainWindow, home: Path, key: JournalKey | None, demo: bool, lang: str | None
) -> None:
    """Right after the first paint: open the journal and hand it to the window (in the
    journal's language unless `lang` was asked for), or close the window with one line
    saying why."""
    try:
        journal = open_for_app(home, window, key)
    except Cancelled:
        window.close()
        return
    except RapportError as exc:
        QMessageBox.critical(window, _(CANNOT_OPEN), str(exc))
        window.failed = True
        window.close()
        return
    if demo:
        from journal.interchange.demo import populate_demo  # only the demo needs it

        populate_demo()
    follow_language(window, lang)
    window.set_journal(journal)


def run_app(home: str | None = None, demo: bool = False, lang: str | None = None) -> int:
    """The app's whole life, from the arguments to the journal closed. `lang`: --lang."""
    if not _has_screen():
        print(
            _(
                "rapport: no screen found; the app needs a desktop session "
                "(terminal commands work: rapport --help)."
            ),
            file=sys.stderr,
        )
        return 1
    missing = missing_qt_libraries()
    if missing:
        print(qt_library_message(missing), file=sys.stderr)
        return 1
    app = make_application()
    apply_language(lang or FOLLOW_SYSTEM)  # the journal's own setting once it is open
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
        try:
            guard = claim(home_path)
        except RapportError as exc:
            QMessageBox.critical(None, _("Rapport"), str(exc))
            return 1
        if guard is None:
            return 0  # the running Rapport for this journal came to the front instead
        try:
            key = unlock(home_path)
        except Cancelled:
            guard.close()
            return 0
        except RapportError as exc:
            if not quitting.requested:
                QMessageBox.critical(None, _(CANNOT_OPEN), str(exc))
            guard.close()
            return 0 if quitting.requested else 1
        window = MainWindow()
        window.opened.connect(lambda: guard.attach(window))
        window.opened.connect(window.offer_pending_draft)
        window.after_first_paint(lambda: _open_into(window, home_path, key, demo, lang))
        window.show()
        milestone("shown")
        code = 0 if quitting.requested else app.exec()
        window.close()
        guard.close()
        release_connections()  # no worker holds the journal when it closes
        if window.journal is not None:
            window.sync.at_quit()  # this session's saves reach the other devices
            if temporary is None:  # a demo that is deleted next needs no backup
                window.backups.at_quit()
            window.journal.close()
        if quitting.requested:
            return 0  # ended as asked, whatever the start had come to
        return 1 if window.failed else int(code)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
