"""The journal's backups as the coach sees them: where they are, when they were made, and
whether each was verified (opened and checked against the journal before it counted).

Rapport writes `rapport-*.db`, each verified before it gets that name (journal.backup_plan);
an older Rapport's migration wrote `before-schema-*.db`, a plain copy that was not verified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from journal.store.home import backups_dir

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
