"""Where a journal lives. The only module that reads RAPPORT_HOME or platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Rapport"
DATABASE_NAME = "journal.db"
KEY_RECORD_NAME = "key.json"


def journal_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The journal folder: --home, else RAPPORT_HOME, else the platform's user data dir."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("RAPPORT_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(home: Path) -> Path:
    return home / DATABASE_NAME


def companions(path: Path) -> tuple[Path, Path]:
    """The write-ahead file and its index beside the journal file at `path`: SQLite's names,
    which every step that copies, moves, checks or removes a journal must treat with it."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def holds_journal(home: Path) -> bool:
    """Whether `home` holds a journal (opening it opens that one, not a new one)."""
    path = database_path(home)
    return path.exists() and path.stat().st_size > 0


def key_record_path(home: Path) -> Path:
    return home / KEY_RECORD_NAME


def backups_dir(home: Path) -> Path:
    return home / "backups"


def drafts_dir(home: Path) -> Path:
    return home / "drafts"


def ensure_home(home: Path) -> None:
    """Create the folder owner-only; a journal of someone's private life is nobody else's."""
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
