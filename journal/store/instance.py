"""Whether the app holds a journal open: its single-instance lock, read without Qt.

The app (ui/single_instance.py) holds a lock file named after the journal home for as long as
its window is open. A command that replaces the journal's file or its key (restore, a new
passphrase, moving the key) must not run under it: the app would go on writing to the file
that was replaced, and those writes would be lost when it closed.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from journal.errors import UserInputError
from journal.i18n import _

if sys.platform != "win32":
    import fcntl  # Qt's lock file holds an flock while it is held


def instance_name(home: Path) -> str:
    """A short name unique to this user and journal home (socket paths have a length limit)."""
    key = f"{Path.home()}\0{home.expanduser().resolve()}".encode()
    return "rapport-" + hashlib.sha256(key).hexdigest()[:24]


def lock_path(home: Path) -> Path:
    return Path(tempfile.gettempdir()) / f"{instance_name(home)}.lock"


def app_holds(home: Path) -> bool:
    """True while a running app holds `home`'s lock (a lock left by a crash is not held)."""
    path = lock_path(home)
    try:
        # Windows: the holder shares the file for reading only, so opening it to write fails.
        fd = os.open(path, os.O_RDWR if sys.platform == "win32" else os.O_RDONLY)
    except FileNotFoundError:
        return False
    except PermissionError:
        return True
    try:
        if sys.platform == "win32":
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def refuse_while_open(home: Path) -> None:
    """Refuse, having changed nothing, while the app has this journal open."""
    if app_holds(home):
        raise UserInputError(
            _(
                "Rapport is open on this journal; close its window, then run this again. "
                "Nothing was changed."
            )
        )
