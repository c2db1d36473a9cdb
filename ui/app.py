"""Starting the app: unlock or create the journal, then show the main window."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from journal.demo import populate_demo
from journal.errors import RapportError
from journal.home import journal_home
from journal.secrets import MIN_PASSPHRASE_LENGTH, PassphrasePurpose
from journal.store import Journal, open_journal

DEMO_PASSPHRASE = "rapport-demo-journal"


def ask_passphrase_dialog(parent: QWidget | None = None):
    def ask(purpose: PassphrasePurpose) -> str | None:
        if purpose is PassphrasePurpose.CREATE:
            label = (
                "No system keyring is available, so your journal will be locked with a "
                f"passphrase.\nChoose one of at least {MIN_PASSPHRASE_LENGTH} characters:"
            )
        else:
            label = "Your journal is locked. Passphrase:"
        text, ok = QInputDialog.getText(
            parent, "Unlock Rapport", label, QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    return ask


def open_for_app(home: Path, parent: QWidget | None = None) -> Journal | None:
    """Open the journal, asking again kindly after a wrong passphrase."""
    for _attempt in range(3):
        try:
            return open_journal(home, ask_passphrase_dialog(parent))
        except RapportError as exc:
            if "wrong passphrase" not in str(exc) or os.environ.get("RAPPORT_PASSPHRASE"):
                QMessageBox.critical(parent, "Rapport cannot open the journal", str(exc))
                return None
            QMessageBox.warning(
                parent, "Wrong passphrase", "That passphrase does not unlock the journal. Try again."
            )
    return None


def _has_screen() -> bool:
    """Qt aborts the process without a display; say so in one line instead."""
    if QApplication.instance() is not None or not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(home: str | None = None, demo: bool = False) -> int:
    from ui.main_window import MainWindow

    if not _has_screen():
        print(
            "rapport: no screen found; the app needs a desktop session "
            "(terminal commands work: rapport --help).",
            file=sys.stderr,
        )
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    temporary: Path | None = None
    if demo and home is None:
        temporary = Path(tempfile.mkdtemp(prefix="rapport-demo-"))
        home_path = temporary
        os.environ.setdefault("RAPPORT_PASSPHRASE", DEMO_PASSPHRASE)
    else:
        home_path = journal_home(home)
    try:
        journal = open_for_app(home_path)
        if journal is None:
            return 1
        if demo:
            populate_demo()
        window = MainWindow(journal)
        window.show()
        code = app.exec()
        journal.close()
        return int(code)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
