"""Whether a journal may be written, and how one that may not is read.

A read-only file or folder, a full disk, damage found by the quick check, or damaged frames
in the write-ahead file: such a journal is opened on a connection that never writes the file
(`mode=ro`, or `immutable=1` when no write-ahead file holds saves, since SQLite cannot read
a WAL journal read-only without its -shm file), so clients, search, export, reports and
backups still work, and every change is refused with one line that says why.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from journal.i18n import _
from journal.store.backups import newest_verified
from journal.store.health import in_words, page_problems, read_only
from journal.store.home import companions
from journal.store.wal import damaged_frame, keep_aside
from journal.values.dates import date_and_time

FULL_BELOW = 1 << 20
"""Free bytes under which a disk counts as full: SQLite's -shm index alone needs 32 KiB."""


def unwritable(path: Path) -> str:
    """The refusal for a journal whose file or folder cannot be written, or ""."""
    places = [path.parent, *(p for p in (path, *companions(path)) if p.exists())]
    if all(os.access(place, os.W_OK) for place in places):
        return ""
    return (
        f"The journal in {path.parent} is read-only, so changes are refused; nothing was "
        "changed. Make its folder and files writable (or copy the folder somewhere writable) "
        "to save again."
    )


def full_disk(path: Path) -> str:
    """The refusal for a journal on a disk with no room left, or ""."""
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return ""
    if free >= FULL_BELOW:
        return ""
    return _(
        "The disk holding the journal in %(parent)s is full, so changes are "
        "refused; nothing was changed. Free some space, then try again."
    ) % {"parent": path.parent}


def damaged(path: Path, problems: list[str]) -> str:
    """The refusal for a damaged journal: what is wrong, and the backup to restore."""
    newest = newest_verified(path.parent)
    offer = (
        (
            _(
                "To go on, restore the newest verified backup (made %(made)s) with "
                "`rapport restore %(path)s`."
            )
            % {"made": date_and_time(newest.made), "path": newest.path}
        )
        if newest is not None
        else (_("No verified backup was found; `rapport export FILE` gets out what can be read."))
    )
    return _(
        "The journal at %(path)s is damaged (%(in_words)s), so changes are "
        "refused; nothing was changed and the file is kept as it is. %(offer)s"
    ) % {"path": path, "in_words": in_words(problems), "offer": offer}


def read_only_uri(path: Path) -> str:
    """Where to open the journal so that nothing is ever written to its files."""
    wal, _shm = companions(path)
    holds_saves = wal.exists() and wal.stat().st_size > 0
    return f"{path.resolve().as_uri()}?{'mode=ro' if holds_saves else 'immutable=1'}"


def wal_damage(path: Path) -> tuple[list[str], str]:
    """Damaged frames in the write-ahead file, found before any connection that could fold
    it into the journal: the problem, and a warning naming the copy kept of the file."""
    frame = damaged_frame(path)
    if frame is None:
        return [], ""
    copy = keep_aside(path)
    problem = _(
        "the write-ahead file is damaged at frame %(frame)s; the saves from there on are unread"
    ) % {"frame": frame}
    kept = _("A copy of the damaged write-ahead file is kept as %(copy)s.") % {"copy": copy}
    return [problem], kept


def page_damage(path: Path, key: str) -> list[str]:
    """Every page checked against its authentication code (health.page_problems, a fifth of
    the quick check's time on a large journal), on a connection that never writes, before
    one that could: [] when the pages are whole, or when the key does not read the journal
    (opening then says so)."""
    conn = read_only(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        return []
    try:
        return page_problems(conn)
    finally:
        conn.close()
