"""The journal's backups as the coach sees them: where they are, when they were made, and
whether each was verified (opened and checked against the journal before it counted).

Rapport writes `rapport-*.db`, each verified before it gets that name (journal.backup_plan);
an older Rapport's migration wrote `before-schema-*.db`, a plain copy that was not verified.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.errors import RapportError
from journal.i18n import _
from journal.store.home import backups_dir, ensure_home
from journal.store.migrations import schema_version

VERIFIED_PREFIX = "rapport-"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: dt.datetime
    size: int
    verified: bool


def list_backups(home: Path, *folders: Path) -> list[Backup]:
    """Every backup in the journal's backups folder and Rapport's own in `folders` (a second
    folder may hold other files), newest first."""
    found = []
    for folder, pattern in (
        (backups_dir(home), "*.db"),
        *((f, f"{VERIFIED_PREFIX}*.db") for f in folders),
    ):
        for path in folder.glob(pattern) if folder.is_dir() else ():
            stat = path.stat()
            made = dt.datetime.fromtimestamp(stat.st_mtime).astimezone()
            found.append(Backup(path, made, stat.st_size, path.name.startswith(VERIFIED_PREFIX)))
    return sorted(found, key=lambda backup: backup.made, reverse=True)


def newest_verified(home: Path) -> Backup | None:
    return next((backup for backup in list_backups(home) if backup.verified), None)


def export_encrypted_copy(db: Any, key: str, target: Path) -> Path:
    """Write a consistent, encrypted copy of the open database with SQLCipher's sqlcipher_export."""
    ensure_home(target.parent)
    if target.exists():
        raise RapportError(
            _("%(target)s already exists; choose another name for the backup.") % {"target": target}
        )
    partial = target.with_name(target.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    # Bound, not spliced into the SQL: the key must never appear in a statement log.
    db.execute_sql("ATTACH DATABASE ? AS backup KEY ?", (str(partial), key))
    try:
        # The copy is a .partial file until it is whole: no rollback journal and no syncs
        # while it is written, one fsync of the finished file before it is renamed.
        db.execute_sql("PRAGMA backup.journal_mode = OFF")
        db.execute_sql("PRAGMA backup.synchronous = OFF")
        db.execute_sql("SELECT sqlcipher_export('backup')")
        version = schema_version(db)
        db.execute_sql(f"PRAGMA backup.user_version = {version:d}")
    finally:
        db.execute_sql("DETACH DATABASE backup")
    os.chmod(partial, 0o600)  # owner-only, whatever the process's umask
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target
