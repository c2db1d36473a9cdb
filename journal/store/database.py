"""Opening a journal: the one place that keys SQLCipher, sets pragmas and runs migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import DatabaseError, IntegrityError, OperationalError
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from journal.errors import (
    JournalBusy,
    JournalUnavailable,
    JournalWriteFailed,
    RapportError,
    WrongKey,
)
from journal.store.backups import VERIFIED_PREFIX, export_encrypted_copy
from journal.store.health import copy_problems, counts, in_words, problems_in, read_only
from journal.store.home import backups_dir, database_path, ensure_home, key_record_path
from journal.store.key_record import save_key_record
from journal.store.migrations import SCHEMA_VERSION, migrate, schema_version
from journal.store.models import database
from journal.store.secrets import (
    AskPassphrase,
    JournalKey,
    forget_new_key,
    keep_recovered_key,
    key_for_existing_journal,
    key_for_new_journal,
)
from journal.store.switch import finish_switch

BUSY_TIMEOUT_MS = 5000
"""How long a background thread or the CLI waits for another writer (an import) to finish."""
INTERACTIVE_BUSY_TIMEOUT_MS = 250
"""How long the interactive thread waits instead: short, so a save never freezes the window."""

# WAL for concurrent readers; synchronous=FULL so a save reported done survives a power cut.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", 2),
    ("busy_timeout", BUSY_TIMEOUT_MS),
    ("temp_store", 2),
)

# SQLite's primary result codes for the failures a user must be told about in words.
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_CONSTRAINT = (
    8,
    10,
    13,
    14,
    19,
)
_SQLITE_BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED


def _sqlite_failure(exc: BaseException) -> tuple[int, str] | None:
    """The SQLite result code and message under a peewee error (peewee wraps the driver's)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return None
        code = getattr(seen, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF, str(seen)
        wrapped = seen.args[0] if seen.args else None
        seen = wrapped if isinstance(wrapped, BaseException) else seen.__context__
    return None


def _in_words(exc: OperationalError | IntegrityError) -> RapportError | None:
    """The RapportError a user is shown for a database failure, or None for a bug's error."""
    failure = _sqlite_failure(exc)
    if failure is None:
        return None
    code, detail = failure
    if code in _SQLITE_BUSY_CODES:
        return JournalBusy()
    kept = "nothing was changed"
    messages = {
        _SQLITE_FULL: f"The journal could not be saved: the disk is full; {kept}. Free some "
        "space and try again.",
        _SQLITE_READONLY: f"The journal could not be saved: its file is read-only; {kept}. "
        "Check the permissions of the journal's folder.",
        _SQLITE_IOERR: f"The journal could not be saved: the disk reported an error ({detail}); "
        f"{kept}. Check the disk, then try again.",
        _SQLITE_CANTOPEN: f"The journal's file could not be reached ({detail}); {kept}. Check "
        "that its folder is still there.",
        _SQLITE_CONSTRAINT: f"The journal refused the change ({detail}); {kept}.",
    }
    message = messages.get(code)
    return None if message is None else JournalWriteFailed(message)


@contextlib.contextmanager
def _user_facing_errors() -> Iterator[None]:
    try:
        yield
    except (OperationalError, IntegrityError) as exc:
        translated = _in_words(exc)
        if translated is None:
            raise
        raise translated from exc


class JournalDatabase(SqlCipherDatabase):  # type: ignore[misc]  # playhouse ships no types
    """The journal's database: every statement, BEGIN and COMMIT passes through here, so a
    busy journal or a failed write reaches every service's caller as a RapportError (shown
    as one line) without a handler in each service. Errors that mean a bug stay peewee's.

    The interactive thread (see `Journal.serve_interactively`) waits only briefly for
    another writer; every other thread waits BUSY_TIMEOUT_MS.
    """

    interactive_thread: int | None = None

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        with _user_facing_errors():
            return super().execute_sql(sql, params)

    def begin(self, lock_type: str | None = None) -> None:
        with _user_facing_errors():
            super().begin(lock_type)

    def commit(self) -> None:
        with _user_facing_errors():
            super().commit()

    def _initialize_connection(self, conn: Any) -> None:
        super()._initialize_connection(conn)
        if threading.get_ident() == self.interactive_thread:
            conn.execute(f"PRAGMA busy_timeout = {INTERACTIVE_BUSY_TIMEOUT_MS:d}")


@dataclass
class Journal:
    """An open journal. Every service works on the models bound to its database."""

    home: Path
    db: JournalDatabase
    key_mode: str
    created: bool = False
    migrated_from: int | None = None
    warnings: list[str] = field(default_factory=list)
    _key: str = field(default="", repr=False)

    @property
    def path(self) -> Path:
        return database_path(self.home)

    @property
    def key(self) -> str:
        """What SQLCipher is keyed with: for the recovery sheet and a rekey, never shown."""
        return self._key

    def close(self) -> None:
        if not self.db.is_closed():
            # Fold the WAL back so the journal is one self-contained file between sessions.
            with contextlib.suppress(DatabaseError):
                self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
        if database.obj is self.db:
            database.initialize(None)

    def serve_interactively(self) -> None:
        """Make the calling thread (the app's UI thread) wait at most
        INTERACTIVE_BUSY_TIMEOUT_MS for another writer, then raise JournalBusy: a save during
        an import must not freeze the window for seconds. Other threads keep the long wait."""
        self.db.interactive_thread = threading.get_ident()
        if not self.db.is_closed():
            self.db.execute_sql(f"PRAGMA busy_timeout = {INTERACTIVE_BUSY_TIMEOUT_MS:d}")

    def backup_to(self, target: Path) -> Path:
        """Copy through SQLCipher's own export into a file keyed the same; never copy raw files."""
        return export_encrypted_copy(self.db, self._key, target)

    def verified_backup(self, folder: Path, label: str = "") -> Path:
        """A backup in `folder` that counts: written through SQLCipher's export under a name
        that does not count, opened with the journal's key, checked and counted against the
        journal, and only then renamed `rapport-*.db` (`label` ends the name: why it was made).
        One that fails is removed and the failure raised; the journal is not changed either
        way, and a backup killed midway leaves no file that counts."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = _unused(folder / f"{VERIFIED_PREFIX}{stamp}{'-' if label else ''}{label}.db")
        before = counts(self.db.connection())
        unchecked = _unused(target.with_name(target.name + ".unverified"))
        try:
            self.backup_to(unchecked)
            after = counts(self.db.connection())  # a save meanwhile: the copy is between
            problems = copy_problems(unchecked, self._key, before, after)
        except BaseException:  # a full disk, say: no half-written copy is left behind
            for leftover in (unchecked, unchecked.with_name(unchecked.name + ".partial")):
                leftover.unlink(missing_ok=True)
            raise
        if problems:
            unchecked.unlink()
            raise JournalWriteFailed(
                f"The backup in {folder} did not check out ({in_words(problems)}) and was "
                "removed; the journal was not changed. Try again, or another folder."
            )
        os.replace(unchecked, target)
        return target

    def problems(self) -> list[str]:
        """What is wrong with the journal: every page, the links, the search index."""
        return problems_in(self.db.connection())

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


def _unlocks(path: Path, key: str, mode: str) -> bool:
    """Whether `key` reads the database at `path` on a connection that never writes the file
    (health.read_only), so a failed try changes nothing. False when the pages do not
    decrypt; a failure of another kind is raised."""
    conn = read_only(path, key, mode)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError as exc:
        if _undecryptable(exc):
            return False
        raise JournalUnavailable(f"Cannot open the journal: {exc}.") from exc
    finally:
        conn.close()


def _undecryptable(exc: BaseException) -> bool:
    return "not a database" in str(exc) or "encrypted" in str(exc)


def _wrong_key(path: Path) -> WrongKey:
    return WrongKey(
        f"Cannot unlock the journal at {path}: wrong passphrase or key, or the file is "
        "damaged. Nothing was changed; check the passphrase and try again."
    )


def _set_aside_foreign_wal(path: Path, key: str) -> str:
    """A write-ahead file beside the journal is checked before any connection that could
    write: closing a connection checkpoints the WAL into the file, and a WAL written under
    another key would overwrite the journal with pages it cannot read. One that the key does
    not read, beside a journal that it does, is not this journal's (a copy left by another
    journal, or damaged): it is renamed aside, never merged or deleted. Returns a warning for
    the coach, or ""; raises WrongKey, having changed nothing, when the key reads neither."""
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return ""
    if _unlocks(path, key, "mode=ro"):
        return ""  # the journal's own
    if not _unlocks(path, key, "immutable=1"):  # the file alone
        raise _wrong_key(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = wal.with_name(f"{wal.name}.set-aside-{stamp}")
    os.replace(wal, aside)
    shm = path.with_name(path.name + "-shm")
    with contextlib.suppress(FileNotFoundError):
        os.replace(shm, shm.with_name(f"{shm.name}.set-aside-{stamp}"))
    return (
        f"A write-ahead file that does not belong to this journal was set aside as "
        f"{aside.name}; the journal itself was not changed."
    )


def _connect(path: Path, key: str) -> tuple[JournalDatabase, str]:
    """The journal's database, and a warning if a foreign write-ahead file was set aside."""
    _quiet_cipher_log()
    if not key:  # an empty key would make peewee write a plaintext file
        raise JournalUnavailable("Refusing to open a journal without a key.")
    warning = _set_aside_foreign_wal(path, key)
    db = JournalDatabase(str(path), passphrase=key, pragmas=PRAGMAS)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        db.close()
        if _undecryptable(exc):
            raise _wrong_key(path) from exc
        raise JournalUnavailable(f"Cannot open the journal at {path}: {exc}.") from exc
    return db, warning


def open_journal(
    home: Path,
    ask_passphrase: AskPassphrase | None = None,
    create: bool = True,
    key: JournalKey | None = None,
) -> Journal:
    """Open (or create) the journal in `home` and bind the models to it.

    `key`: the existing journal's key when it was read already (the app asks a passphrase
    before its window); a wrong one is refused like a wrong passphrase. Only a home with no
    trace of a journal gets a new one.
    """
    path = database_path(home)
    finish_switch(home)
    if path.exists() and path.stat().st_size > 0:
        key = key or key_for_existing_journal(home, ask_passphrase)
        db, wal_warning = _connect(path, key.sqlcipher_key)
        journal = Journal(home, db, key.record.mode, _key=key.sqlcipher_key)
        journal.warnings.extend(w for w in (key.warning, wal_warning) if w)
        if key.recovered:
            journal.warnings.append(keep_recovered_key(home, key))
        try:
            _bring_up_to_date(journal)
        except BaseException:
            db.close()
            raise
        _owner_only(path)
    else:
        if not create:
            raise JournalUnavailable(
                f"There is no journal at {home}; check --home or RAPPORT_HOME, or start one "
                "by opening the app or with `rapport log NAME SUMMARY --new-client`."
            )
        _refuse_a_lost_journal(home, path)
        journal = _create(home, path, ask_passphrase)
    database.initialize(journal.db)
    return journal


def _refuse_a_lost_journal(home: Path, path: Path) -> None:
    """A missing or empty journal file beside what a journal leaves (its write-ahead file, its
    key record) is a journal lost or damaged, not a place for a new one."""
    wal = path.with_name(path.name + "-wal")
    traces = [
        name
        for name, there in (
            (wal.name, wal.exists() and wal.stat().st_size > 0),
            (key_record_path(home).name, key_record_path(home).exists()),
        )
        if there
    ]
    if traces:
        raise JournalUnavailable(
            f"The journal file {path} is missing or empty, but {' and '.join(traces)} "
            f"{'is' if len(traces) == 1 else 'are'} still in {home}; nothing was changed. "
            "Put the journal file back (or restore a backup), or move those files away to "
            "start a new journal there."
        )


def _create(home: Path, path: Path, ask_passphrase: AskPassphrase | None) -> Journal:
    ensure_home(home)
    key: JournalKey = key_for_new_journal(ask_passphrase)
    try:
        db, _warning = _connect(path, key.sqlcipher_key)  # a new file: no WAL to set aside
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
        journal.verified_backup(backups_dir(journal.home), f"before-schema-{SCHEMA_VERSION}")
    try:
        migrate(journal.db)
    except (OperationalError, JournalBusy, JournalWriteFailed) as exc:
        raise RapportError(
            f"Updating the journal to schema {SCHEMA_VERSION} failed ({exc}); it was left at "
            f"schema {schema_version(journal.db)} and a backup is in {backups_dir(journal.home)}."
        ) from exc
    journal.migrated_from = version


def _unused(target: Path) -> Path:
    """`target`, or the first free of target-2, target-3…: a migration retried within the same
    second (after a kill) keeps the earlier backup and makes its own."""
    candidate, number = target, 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        number += 1
    return candidate


def _owner_only(path: Path) -> None:
    """The journal's files readable by its owner alone, whoever made them (an older Rapport,
    a copy): only once the journal has opened, so one that cannot be opened is not touched."""
    for suffix in ("", "-wal", "-shm"):
        file = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            if file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)


def release_thread_connection() -> None:
    """Close the calling thread's connection to the open journal, if it has one.

    peewee keeps one connection per thread. A worker thread that lives on keeps its own
    between jobs (a passphrase journal derives its key on every connect, ~0.1 s), and calls
    this before the journal closes.
    """
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()
