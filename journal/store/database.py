"""Opening a journal: the one place that keys SQLCipher, sets pragmas and runs migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import DatabaseError, OperationalError
from sqlcipher3 import dbapi2 as sqlcipher

from journal.errors import (
    JournalBusy,
    JournalUnavailable,
    JournalWriteFailed,
    RapportError,
    WrongKey,
)
from journal.i18n import _, ngettext
from journal.store.access import (
    damaged,
    full_disk,
    page_damage,
    read_only_uri,
    unwritable,
    wal_damage,
)
from journal.store.backups import VERIFIED_PREFIX, export_encrypted_copy
from journal.store.connection import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from journal.store.connection import INTERACTIVE_BUSY_TIMEOUT_MS as INTERACTIVE_BUSY_TIMEOUT_MS
from journal.store.connection import PRAGMAS, READ_PRAGMAS, JournalDatabase
from journal.store.health import (
    copy_problems,
    counts,
    in_words,
    problems_in,
    quiet_cipher_log,
    read_only,
    undecryptable,
    unlocks,
)
from journal.store.home import (
    backups_dir,
    companions,
    database_path,
    ensure_home,
    holds_journal,
    key_record_path,
)
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

    @property
    def refusal(self) -> str:
        """Why the journal takes no changes (read-only, disk full, damaged), or ""."""
        return self.db.refusal

    def close(self) -> str:
        """Close the journal; returns a warning when folding the write-ahead file back failed
        after a save (the save is done: it stays in that file, read from there)."""
        warning = ""
        if not self.db.is_closed() and not self.refusal:
            # Fold the WAL back so the journal is one self-contained file between sessions.
            try:  # on the driver's connection: a failure here is not a failed save
                self.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlcipher.DatabaseError as exc:
                warning = (
                    f"The journal's write-ahead file could not be folded into it ({exc}); "
                    "everything saved is kept there, and it is folded in next time."
                )
        with _held_open(self) if self.refusal else contextlib.nullcontext():
            self.db.close()
        if database.obj is self.db:
            database.initialize(None)
        return warning

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
                _(
                    "The backup in %(folder)s did not check out (%(in_words)s) and was "
                    "removed; the journal was not changed. Try again, or another folder."
                )
                % {"folder": folder, "in_words": in_words(problems)}
            )
        os.replace(unchecked, target)
        return target

    def problems(self, quick: bool = False) -> list[str]:
        """What is wrong with the journal: every page (or the quick check's), the links, the
        search index, and what was found when it opened."""
        return [*self.db.damage, *problems_in(self.db.connection(), quick)]

    def refuse_writes_if_damaged(self) -> list[str]:
        """The quick check, on the calling thread's connection; a damaged journal refuses
        every change from then on, and is not changed even when it closes."""
        problems = self.problems(quick=True)
        if problems and not self.refusal:
            self.db.refuse_writes(damaged(self.path, problems))
        return problems

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _wrong_key(path: Path) -> WrongKey:
    return WrongKey(
        _(
            "Cannot unlock the journal at %(path)s: wrong passphrase or key, or the file is "
            "damaged. Nothing was changed; check the passphrase and try again."
        )
        % {"path": path}
    )


def _set_aside_foreign_wal(path: Path, key: str) -> str:
    """A write-ahead file beside the journal is checked before any connection that could
    write: closing a connection checkpoints the WAL into the file, and a WAL written under
    another key would overwrite the journal with pages it cannot read. One that the key does
    not read, beside a journal that it does, is not this journal's (a copy left by another
    journal, or damaged): it is renamed aside, never merged or deleted. Returns a warning for
    the coach, or ""; raises WrongKey, having changed nothing, when the key reads neither."""
    wal, shm = companions(path)
    if not wal.exists() or wal.stat().st_size == 0:
        return ""
    if unlocks(path, key, "mode=ro"):
        return ""  # the journal's own
    if not unlocks(path, key, "immutable=1"):  # the file alone
        raise _wrong_key(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = wal.with_name(f"{wal.name}.set-aside-{stamp}")
    os.replace(wal, aside)
    with contextlib.suppress(FileNotFoundError):
        os.replace(shm, shm.with_name(f"{shm.name}.set-aside-{stamp}"))
    return _(
        "A write-ahead file that does not belong to this journal was set aside as %(name)s; "
        "the journal itself was not changed."
    ) % {"name": aside.name}


def _connect(path: Path, key: str, check: bool = False) -> tuple[JournalDatabase, list[str]]:
    """The journal's database, and warnings for the coach (a foreign write-ahead file set
    aside, damage, a journal that takes no changes). `check`: every page checked first, for
    a command about to write. A journal that cannot or must not be written (access.py) opens
    on a connection that never writes its files."""
    quiet_cipher_log()
    if not key:  # an empty key would make peewee write a plaintext file
        raise JournalUnavailable(_("Refusing to open a journal without a key."))
    refusal, damage, warnings = unwritable(path), list[str](), list[str]()
    if not refusal:
        damage, warning = wal_damage(path)  # before any connection that could fold it in
        warnings.append(warning)
    if not refusal and not damage:
        try:
            warnings.append(_set_aside_foreign_wal(path, key))
            damage = page_damage(path, key) if check else []
        except WrongKey:
            raise
        except JournalUnavailable:
            refusal = full_disk(path)  # not even a read-only connection could start
            if not refusal:
                raise
    refusal = damaged(path, damage) if damage else refusal
    if not refusal:
        try:
            return _opened(JournalDatabase(str(path), passphrase=key, pragmas=PRAGMAS)), warnings
        except JournalUnavailable:
            refusal = full_disk(path)
            if not refusal:
                raise
    db = JournalDatabase(read_only_uri(path), passphrase=key, pragmas=READ_PRAGMAS, uri=True)
    db.refusal, db.damage = refusal, tuple(damage)
    try:
        return _opened(db), [*warnings, refusal]
    except WrongKey:
        raise
    except JournalUnavailable as exc:  # saves in a write-ahead file with no -shm beside it
        raise JournalUnavailable(
            _(
                "%(refusal)s Reading it failed too (%(cause)s); copy the journal's "
                "folder somewhere writable and open it there."
            )
            % {"refusal": refusal, "cause": exc.__cause__}
        ) from exc


def _opened(db: JournalDatabase) -> JournalDatabase:
    path = db.database
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (DatabaseError, RapportError) as exc:
        db.close()
        if undecryptable(exc):
            raise _wrong_key(path) from exc
        raise JournalUnavailable(
            _("Cannot open the journal at %(path)s: %(exc)s.") % {"path": path, "exc": exc}
        ) from exc
    return db


@contextlib.contextmanager
def _held_open(journal: Journal) -> Iterator[None]:
    """Another connection open while the journal's closes: SQLite folds the write-ahead file
    into the file when its last connection closes, and a journal refusing changes (damage
    found after it opened) must not be changed even then."""
    if journal.db.database.startswith("file:"):
        yield  # opened read-only: it never writes
        return
    guard = read_only(journal.path, journal._key)
    try:
        with contextlib.suppress(sqlcipher.DatabaseError):
            guard.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield
    finally:
        guard.close()


def open_journal(
    home: Path,
    ask_passphrase: AskPassphrase | None = None,
    create: bool = True,
    key: JournalKey | None = None,
    check: bool = False,
) -> Journal:
    """Open (or create) the journal in `home` and bind the models to it.

    `key`: the journal's key when it was read already (the app asks a passphrase before its
    window; a wrong one is refused like a wrong passphrase), or the key a new journal is made
    with (a device joining sync). Only a home with no trace of a journal gets a new one.
    `check`: every page checked before opening for writes (access.page_damage); a damaged
    journal then opens read-only and refuses every change.
    """
    path = database_path(home)
    finish_switch(home)
    if holds_journal(home):
        key = key or key_for_existing_journal(home, ask_passphrase)
        db, db_warnings = _connect(path, key.sqlcipher_key, check)
        journal = Journal(home, db, key.record.mode, _key=key.sqlcipher_key)
        journal.warnings.extend(w for w in (key.warning, *db_warnings) if w)
        if key.recovered:
            journal.warnings.append(keep_recovered_key(home, key))
        try:
            _bring_up_to_date(journal)
        except BaseException:
            db.close()
            raise
        if not journal.refusal:
            _owner_only(path)
    else:
        if not create:
            raise JournalUnavailable(
                _(
                    "There is no journal at %(home)s; check --home or RAPPORT_HOME, or start "
                    "one by opening the app or with `rapport log NAME SUMMARY --new-client`."
                )
                % {"home": home}
            )
        _refuse_a_lost_journal(home, path)
        journal = _create(home, path, ask_passphrase, key)
    database.initialize(journal.db)
    return journal


def _refuse_a_lost_journal(home: Path, path: Path) -> None:
    """A missing or empty journal file beside what a journal leaves (its write-ahead file, its
    key record) is a journal lost or damaged, not a place for a new one."""
    wal, _shm = companions(path)
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
            _(
                "The journal file %(path)s is missing or empty, but %(files)s still in "
                "%(home)s; nothing was changed. Put the journal file back (or restore a "
                "backup), or move those files away to start a new journal there."
            )
            % {
                "path": path,
                "files": ngettext("%(names)s is", "%(names)s are", len(traces))
                % {"names": ", ".join(traces)},
                "home": home,
            }
        )


def _create(home: Path, path: Path, ask: AskPassphrase | None, given: JournalKey | None) -> Journal:
    ensure_home(home)
    key: JournalKey = given or key_for_new_journal(ask)
    try:
        db, _warning = _connect(path, key.sqlcipher_key)  # a new file: no WAL to set aside
        os.chmod(path, 0o600)  # owner-only even when the caller did not set a umask
        migrate(db)
        save_key_record(home, key.record)
    except BaseException:
        # Only what this call made is removed: the path held no journal when we started.
        with contextlib.suppress(Exception):
            db.close()
        for file in (path, *companions(path)):
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
        forget_new_key(key.record)
        raise
    return Journal(home, db, key.record.mode, created=True, _key=key.sqlcipher_key)


def _bring_up_to_date(journal: Journal) -> None:
    version = schema_version(journal.db)
    schemas = {"version": version, "schema": SCHEMA_VERSION, "refusal": journal.refusal}
    if version > SCHEMA_VERSION:
        raise JournalUnavailable(
            _(
                "This journal was written by a newer Rapport (schema %(version)s; this one reads "
                "up to %(schema)s). Update Rapport to open it; it was not changed."
            )
            % schemas
        )
    if version == SCHEMA_VERSION:
        return
    if journal.refusal:
        raise JournalUnavailable(
            _(
                "%(refusal)s This journal also needs updating to schema %(schema)s before it can "
                "be read, which writes it."
            )
            % schemas
        )
    if version > 0:
        journal.verified_backup(backups_dir(journal.home), f"before-schema-{SCHEMA_VERSION}")
    try:
        migrate(journal.db)
    except (OperationalError, JournalBusy, JournalWriteFailed) as exc:
        left = {"schema": SCHEMA_VERSION, "exc": exc, "left": schema_version(journal.db)}
        raise RapportError(
            _(
                "Updating the journal to schema %(schema)s failed (%(exc)s); it was left at "
                "schema %(left)s and a backup is in %(folder)s."
            )
            % {**left, "folder": backups_dir(journal.home)}
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
    for file in (path, *companions(path)):
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
