"""A new key for the journal: another passphrase, or a move between a passphrase and the
keyring.

Never SQLCipher's in-place rekey: the journal is copied under the new key beside itself,
the copy is checked, and it takes the journal's place through journal.store.switch, so a kill
leaves the journal under its old key or its new one. A verified backup under the old key is
made first, and the old file is set aside, not deleted.
"""

from __future__ import annotations

from pathlib import Path

from journal.errors import JournalWriteFailed, KeyStoreError
from journal.i18n import _
from journal.store.backups import export_encrypted_copy
from journal.store.database import Journal
from journal.store.health import copy_problems, counts, in_words
from journal.store.key_record import KeyRecord
from journal.store.secrets import (
    JournalKey,
    check_new_passphrase,
    forget_new_key,
    new_keyring_key,
)
from journal.store.switch import clear_staged, commit_switch, staged_path


def passphrase_key(passphrase: str) -> JournalKey:
    check_new_passphrase(passphrase)
    return JournalKey(passphrase, KeyRecord("passphrase"))


def keyring_key() -> JournalKey:
    """A new random key, kept in this machine's keyring."""
    made = new_keyring_key()
    if made is None:
        raise KeyStoreError(
            _(
                "No system keyring on this computer can keep the journal's key; nothing "
                "was changed. Unlock or install a keyring and try again."
            )
        )
    return made


def rekey(journal: Journal, new_key: JournalKey, reason: str) -> Path | None:
    """Put the journal under `new_key`; returns where the file under the old key was set
    aside. Make the backup first (journal.backup_plan.backup_before: the same as before every
    risky operation). The journal is closed afterwards, whatever happens: open it again to
    go on. Raises a RapportError, with the journal unchanged under its old key, when the copy
    cannot be made or does not check out."""
    home = journal.home
    try:
        clear_staged(home)
        before = counts(journal.db.connection())
        staged = export_encrypted_copy(journal.db, new_key.sqlcipher_key, staged_path(home))
        problems = copy_problems(staged, new_key.sqlcipher_key, before, before)
        if problems:
            raise JournalWriteFailed(
                _(
                    "The copy under the new key did not check out (%(in_words)s); the "
                    "journal keeps its old key and was not changed."
                )
                % {"in_words": in_words(problems)}
            )
    except BaseException:
        clear_staged(home)
        forget_new_key(new_key.record)
        journal.close()
        raise
    journal.close()
    return commit_switch(home, new_key.record, reason)
