"""Shared fixtures. Every test gets a temporary RAPPORT_HOME and an in-memory keyring."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import keyring.backends.fail
import pytest
import tzlocal

from journal import i18n
from journal.store.database import Journal, open_journal
from tests.support.keyring_journal import create_keyring_journal
from tests.support.keyrings import MemoryKeyring

if TYPE_CHECKING:  # Qt loads only for the tests that use it
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

# A fixed moment for deterministic tests: Monday 2 March 2026, 12:00 in Stockholm.
STOCKHOLM = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True, scope="session")
def isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window geometry goes to a temporary INI folder, never the user's, on every platform."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemoryKeyring]:
    """No test may reach the real keyring, the real data folder or a passphrase from outside."""
    home = tmp_path_factory.mktemp("rapport-home")
    monkeypatch.setenv("RAPPORT_HOME", str(home))
    monkeypatch.delenv("RAPPORT_PASSPHRASE", raising=False)
    monkeypatch.delenv("RAPPORT_DEBUG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def set_machine_zone(zone: str | None) -> str | None:
    """Set the process's TZ (None: unset) for both time.localtime and tzlocal; returns the
    TZ it replaced, to be set back."""
    before = os.environ.get("TZ")
    if zone is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = zone
    if hasattr(time, "tzset"):  # Unix; elsewhere tzlocal alone follows TZ
        time.tzset()
    with contextlib.suppress(Exception):  # a POSIX rule such as "UTC0" has no IANA name
        tzlocal.reload_localzone()
    return before


@pytest.fixture(autouse=True)
def spoken_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The system speaks English unless a test says otherwise, and no test leaves the process
    speaking another language (the CLI's --lang and the journal's setting change it)."""
    monkeypatch.setenv("LANGUAGE", "en")
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture(autouse=True)
def machine_zone() -> Iterator[None]:
    """The machine's zone is Stockholm's (NOW's), so no test depends on where it runs: local
    days and clock times follow the machine's zone rules (journal.zones.local_zone)."""
    before = set_machine_zone("Europe/Stockholm")
    yield
    set_machine_zone(before)


@pytest.fixture
def home(isolated_environment: MemoryKeyring) -> Path:
    import os

    return Path(os.environ["RAPPORT_HOME"])


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    """The file-backed test keyring of an app started in a fresh process."""
    return tmp_path / "keyring.json"


@pytest.fixture
def keyring_journal(home: Path, keyring_file: Path) -> Path:
    """A journal whose key went into `keyring_file`, as the app makes one."""
    return create_keyring_journal(home, keyring_file)


@pytest.fixture
def stack(qapp: QApplication) -> Iterator[QUndoStack]:
    """An undo stack for the code under test (the window's, in the app), emptied by Qt itself
    when the test ends.

    Never leave a stack that holds commands to the garbage collector. A widget that was handed
    the stack sits in a reference cycle, and collecting the cycle clears each command's Python
    wrapper. PySide then hands the command back to Python, which deletes the C++ command while
    the C++ stack still lists it. The stack's destructor deletes it again and segfaults in
    QUndoStack::clear. That killed the full run at exit. Signals are blocked first so that no
    widget of the finished test reacts to the clearing, since its journal may be closed by now.
    """
    from PySide6.QtGui import QUndoStack

    made = QUndoStack()
    yield made
    made.blockSignals(True)
    made.clear()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine without a secret service (headless Linux, CI)."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield


@pytest.fixture
def journal(home: Path) -> Iterator[Journal]:
    """An empty, open journal keyed through the in-memory keyring."""
    opened = open_journal(home)
    yield opened
    opened.close()


@pytest.fixture
def demo_journal(journal: Journal) -> Journal:
    """The demo clients of DOMAIN.md's stories, as of NOW."""
    from journal.interchange.demo import populate_demo

    populate_demo(NOW)
    return journal
