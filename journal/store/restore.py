"""Restore a backup into the journal's place, on this machine or a new one.

The backup is copied beside the journal and checked with its key before anything else is
touched; then the journal that was there is set aside (never deleted) and the copy takes its
place through journal.store.switch, so a kill leaves one journal or the other. The key is
kept in this machine's keyring, where the journal's own key was used, or taken from the
recovery key (RAPPORT_RECOVERY_KEY, or asked) on a machine that has never seen the journal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from journal.errors import JournalUnavailable, KeyStoreError, UserInputError, WrongKey, os_problem
from journal.i18n import _
from journal.store.health import in_words, problems_in, read_only, unlocks
from journal.store.home import database_path, ensure_home
from journal.store.key_record import KeyRecord, load_key_record
from journal.store.migrations import SCHEMA_VERSION
from journal.store.recovery import (
    RECOVERY_KEY_ENV,
    parse_recovery_key,
    raw_key_hex,
    recovery_key_from_env,
)
from journal.store.secrets import (
    PASSPHRASE_ENV,
    AskPassphrase,
    JournalKey,
    PassphrasePurpose,
    key_from_answer,
    key_from_keyring,
    recovered_key,
    store_in_keyring,
)
from journal.store.switch import clear_staged, commit_switch, finish_switch, staged_path


def restore_backup(
    home: Path, backup: Path, *, recovery_key: str | None = None, ask: AskPassphrase | None = None
) -> Path | None:
    """Make `backup` the journal in `home`. Returns the folder the journal that was there was
    set aside in (None when the home held none). Raises a RapportError, having changed
    nothing, when the backup is missing, damaged, too new or no key opens it."""
    key = backup_key(home, backup, recovery_key=recovery_key, ask=ask)
    return restore_with(home, backup, key)


def backup_key(
    home: Path, backup: Path, *, recovery_key: str | None = None, ask: AskPassphrase | None = None
) -> JournalKey:
    """The key that opens `backup`, tried on its first page only and never writing it: the
    quick part of a restore, which may ask the coach (the app asks on its window's thread and
    does the rest, `restore_with`, on a worker)."""
    return _key_for(_existing(backup), home, recovery_key, ask)


def restore_with(home: Path, backup: Path, key: JournalKey) -> Path | None:
    """Copy `backup` beside the journal, check the copy with `key`, then switch (see
    restore_backup); what grows with the journal's size happens here."""
    backup = _existing(backup)
    ensure_home(home)
    finish_switch(home)
    clear_staged(home)
    staged = _stage(backup, home)
    try:
        problems = _problems(staged, key.sqlcipher_key)
        if problems:
            raise JournalUnavailable(
                _(
                    "The backup %(backup)s did not check out (%(in_words)s); nothing was "
                    "changed. Pick another backup (`rapport backups`)."
                )
                % {"backup": backup, "in_words": in_words(problems)}
            )
        record = _record_for(key, home)
    except BaseException:
        clear_staged(home)
        raise
    return commit_switch(home, record, "restore")


def _existing(backup: Path) -> Path:
    backup = backup.expanduser()
    if not backup.is_file():
        raise UserInputError(
            _("%(backup)s: there is no backup file there; list them with `rapport backups`.")
            % {"backup": backup}
        )
    return backup


def _stage(backup: Path, home: Path) -> Path:
    """A durable, owner-only copy of the backup beside the journal."""
    staged = staged_path(home)
    partial = staged.with_name(staged.name + ".partial")
    try:
        shutil.copyfile(backup, partial)
        os.chmod(partial, 0o600)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise JournalUnavailable(
            _(
                "The backup %(backup)s could not be copied into %(home)s (%(problem)s); "
                "nothing was changed. Free some space or check the folder, then try "
                "again."
            )
            % {"backup": backup, "home": home, "problem": os_problem(exc)}
        ) from exc
    os.replace(partial, staged)
    return staged


def _opens(path: Path, key: str) -> bool:
    """Whether `key` reads the file's first page: the rest may be damaged, which the check
    then names, rather than calling the key wrong."""
    return unlocks(path, key, "immutable=1", "PRAGMA user_version")


def _key_for(
    backup: Path, home: Path, recovery_key: str | None, ask: AskPassphrase | None
) -> JournalKey:
    """The first key that opens the backup: the journal's own (in this machine's keyring),
    the recovery key given, RAPPORT_PASSPHRASE, then what the coach types."""
    tried: list[JournalKey] = []
    record = _current_record(home)
    if record is not None and record.mode == "keyring":
        with contextlib.suppress(JournalUnavailable, KeyStoreError):
            tried.append(key_from_keyring(record))
    recovered = (
        parse_recovery_key(recovery_key, "The recovery key")
        if recovery_key
        else recovery_key_from_env()
    )
    if recovered is not None:
        tried.append(recovered_key(recovered))
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        tried.append(JournalKey(passphrase, KeyRecord("passphrase")))
    for key in tried:
        if _opens(backup, key.sqlcipher_key):
            return key
    answer = ask(PassphrasePurpose.RECOVER) if ask is not None else None
    if answer:
        key = key_from_answer(answer)
        if _opens(backup, key.sqlcipher_key):
            return key
    raise WrongKey(
        _(
            "No key at hand opens the backup %(backup)s; nothing was changed. Give "
            "its recovery key (%(RECOVERY_KEY_ENV)s) or its passphrase "
            "(%(PASSPHRASE_ENV)s): the ones the journal had when the backup was made."
        )
        % {"backup": backup, "RECOVERY_KEY_ENV": RECOVERY_KEY_ENV, "PASSPHRASE_ENV": PASSPHRASE_ENV}
    )


def _current_record(home: Path) -> KeyRecord | None:
    try:
        return load_key_record(home)
    except JournalUnavailable:
        return None


def _problems(staged: Path, key: str) -> list[str]:
    conn = read_only(staged, key, "immutable=1")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            return [
                _("it was written by a newer Rapport (schema %(version)s); update Rapport")
                % {"version": version}
            ]
        return problems_in(conn, quick=True)
    finally:
        conn.close()


def _record_for(key: JournalKey, home: Path) -> KeyRecord:
    """The key record of the restored journal: its key kept in this machine's keyring."""
    hex_key = raw_key_hex(key.sqlcipher_key)
    if hex_key is None:
        return KeyRecord("passphrase")
    if not key.recovered:
        return key.record  # the journal's own key, in this keyring already
    record = store_in_keyring(hex_key)
    if record is None:
        raise KeyStoreError(
            _(
                "No system keyring on this computer can keep the restored journal's key; "
                "nothing was changed. Unlock or install a keyring, then restore again. "
                "(%(database_path)s)"
            )
            % {"database_path": database_path(home)}
        )
    return record
