"""Opening a journal: the one place that keys SQLCipher, sets pragmas and runs migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError, OperationalError
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from journal.errors import JournalUnavailable, RapportError, WrongKey
from journal.home import backups_dir, database_path, ensure_home
from journal.migrations import SCHEMA_VERSION, migrate, schema_version
from journal.models import database
from journal.secrets import (
    AskPassphrase,
    JournalKey,
    forget_new_key,
    key_for_existing_journal,
    key_for_new_journal,
    save_key_record,
)

# WAL for concurrent readers; synchronous=FULL so a save reported done survives a power cut.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", 2),
    ("busy_timeout", 5000),
    ("temp_store", 2),
)


@dataclass
class Journal:
    """An open journal. Every service works on the models bound to its database."""

    home: Path
    db: SqlCipherDatabase
    key_mode: str
    created: bool = False
    migrated_from: int | None = None
    warnings: list[str] = field(default_factory=list)
    _key: str = field(default="", repr=False)

    @property
    def path(self) -> Path:
        return database_path(self.home)

    def close(self) -> None:
        if not self.db.is_closed():
            # Fold the WAL back so the journal is one self-contained file between sessions.
            with contextlib.suppress(DatabaseError):
                self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
        if database.obj is self.db:
            database.initialize(None)

    def backup_to(self, target: Path) -> Path:
        """Copy through SQLCipher's own export into a file keyed the same; never copy raw files."""
        return export_encrypted_copy(self.db, self._key, target)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _quiet_cipher_log() -> None:
    """SQLCipher logs decrypt failures to stderr; we report them ourselves, in one line."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


def _connect(path: Path, key: str) -> SqlCipherDatabase:
    _quiet_cipher_log()
    if not key:  # an empty key would make peewee write a plaintext file
        raise JournalUnavailable("Refusing to open a journal without a key.")
    db = SqlCipherDatabase(str(path), passphrase=key, pragmas=PRAGMAS)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        db.close()
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise WrongKey(
                f"Cannot unlock the journal at {path}: wrong passphrase or key, or the file is "
                "damaged. Nothing was changed; check the passphrase and try again."
            ) from exc
        raise JournalUnavailable(f"Cannot open the journal at {path}: {exc}.") from exc
    return db


def open_journal(
    home: Path, ask_passphrase: AskPassphrase | None = None, create: bool = True
) -> Journal:
    """Open (or create) the journal in `home` and bind the models to it."""
    path = database_path(home)
    if path.exists() and path.stat().st_size > 0:
        key = key_for_existing_journal(home, ask_passphrase)
        db = _connect(path, key.sqlcipher_key)
        journal = Journal(home, db, key.record.mode, _key=key.sqlcipher_key)
        if key.warning:
            journal.warnings.append(key.warning)
        try:
            _bring_up_to_date(journal)
        except BaseException:
            db.close()
            raise
    else:
        if not create:
            raise JournalUnavailable(
                f"There is no journal at {home}; check --home or RAPPORT_HOME."
            )
        journal = _create(home, path, ask_passphrase)
    database.initialize(journal.db)
    return journal


def _create(home: Path, path: Path, ask_passphrase: AskPassphrase | None) -> Journal:
    ensure_home(home)
    key: JournalKey = key_for_new_journal(ask_passphrase)
    try:
        db = _connect(path, key.sqlcipher_key)
        os.chmod(path, 0o600)  # owner-only even when the caller did not set a umask
        migrate(db)
        save_key_record(home, key.record)
    except BaseException:
        # Only what this call made is removed: the path held no journal when we started.
        with contextlib.suppress(Exception):
            db.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
        forget_new_key(key.record)
        raise
    return Journal(home, db, key.record.mode, created=True, _key=key.sqlcipher_key)


def _bring_up_to_date(journal: Journal) -> None:
    version = schema_version(journal.db)
    if version > SCHEMA_VERSION:
        raise JournalUnavailable(
            f"This journal was written by a newer Rapport (schema {version}; this one reads up "
            f"to {SCHEMA_VERSION}). Update Rapport to open it; it was not changed."
        )
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        journal.backup_to(backups_dir(journal.home) / f"before-schema-{SCHEMA_VERSION}-{stamp}.db")
    try:
        migrate(journal.db)
    except OperationalError as exc:
        raise RapportError(
            f"Updating the journal to schema {SCHEMA_VERSION} failed ({exc}); it was left at "
            f"schema {schema_version(journal.db)} and a backup is in {backups_dir(journal.home)}."
        ) from exc
    journal.migrated_from = version


def export_encrypted_copy(db: SqlCipherDatabase, key: str, target: Path) -> Path:
    """Write a consistent, encrypted copy of the open database with SQLCipher's sqlcipher_export."""
    ensure_home(target.parent)
    if target.exists():
        raise RapportError(f"{target} already exists; choose another name for the backup.")
    partial = target.with_name(target.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    # Bound, not spliced into the SQL: the key must never appear in a statement log.
    db.execute_sql("ATTACH DATABASE ? AS backup KEY ?", (str(partial), key))
    try:
        db.execute_sql("SELECT sqlcipher_export('backup')")
        version = schema_version(db)
        db.execute_sql(f"PRAGMA backup.user_version = {version:d}")
    finally:
        db.execute_sql("DETACH DATABASE backup")
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target
