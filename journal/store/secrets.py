"""The journal's key: a random key in the OS keyring, or a passphrase where no real keyring works.

Fail closed: a key is never written anywhere but a real system store, and an empty key is
never used (peewee would then skip SQLCipher's key and write a plaintext database).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import JournalUnavailable, KeyStoreError, UserInputError
from journal.i18n import _
from journal.store.key_record import KeyRecord, load_key_record, save_key_record
from journal.store.recovery import (
    RECOVERY_KEY_ENV,
    looks_like_recovery_key,
    parse_recovery_key,
    raw_key,
    raw_key_hex,
    recovery_key_from_env,
)

SERVICE = "Rapport"
PASSPHRASE_ENV = "RAPPORT_PASSPHRASE"
MIN_PASSPHRASE_LENGTH = 8

if TYPE_CHECKING:
    import keyring.backend

# `keyring` is imported where a key is read or stored: importing it sets up its backends'
# discovery, which a passphrase journal and the commands that open no journal never need.

_BACKEND_PACKAGES = ("keyring.backends.", "keyrings.")
_NOT_A_STORE = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class PassphrasePurpose(Enum):
    CREATE = "create"
    UNLOCK = "unlock"
    RECOVER = "recover"
    """A passphrase or a recovery key: the key record is gone, or a backup is restored."""
    JOIN = "join"
    """A recovery key or passphrase: the key of a journal synced in a folder, joined here."""


AskPassphrase = Callable[[PassphrasePurpose], "str | None"]


@dataclass(frozen=True)
class KeyringInfo:
    """Which keyring backend is in use, and whether it is a real secret store."""

    name: str
    is_system: bool


@dataclass(frozen=True)
class JournalKey:
    """What SQLCipher is keyed with, and how the key is kept."""

    sqlcipher_key: str
    record: KeyRecord
    warning: str = ""
    recovered: bool = False
    """Read from a recovery key: put back in the keyring once it has opened the journal."""


def current_keyring() -> KeyringInfo:
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a keyring config naming a missing or broken backend
        raise KeyStoreError(
            _(
                "The keyring configuration is broken (%(name)s: %(exc)s); fix "
                "keyringrc.cfg or set PYTHON_KEYRING_BACKEND to a working backend."
            )
            % {"name": type(exc).__name__, "exc": exc}
        ) from exc
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    return KeyringInfo(name=name, is_system=_is_real_store(backend))


def _is_real_store(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if module.startswith(_NOT_A_STORE):
        return False
    children = getattr(backend, "backends", None)
    if children is not None:  # the chainer: real only if it chains at least one real store
        return any(_is_real_store(child) for child in children)
    return True


def _recorded_backend(record: KeyRecord) -> keyring.backend.KeyringBackend | None:
    """The backend the key record names, loaded by name, when nothing else chose a backend.

    keyring's own choice imports and probes every installed backend, a large part of the
    app's start; the record already says where the key is kept. A backend set by the
    program (keyring.set_keyring), by PYTHON_KEYRING_BACKEND or by keyring's config file
    still wins, and so does keyring's choice when the recorded backend does not load here.
    """
    import keyring.backend
    import keyring.core

    # Private in keyring: whether a backend was set or chosen already. Missing means unknown.
    if getattr(keyring.core, "_keyring_backend", True) is not None:
        return None
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return None
    # Only keyring's own backend packages: key.json may sit in a synced folder, and a name
    # in it must never make Rapport import arbitrary code.
    if not record.backend.startswith(_BACKEND_PACKAGES):
        return None
    try:
        if keyring.core.load_config() is not None:
            return None
        # load_keyring imports the named module (only an installed one can be found).
        backend = keyring.core.load_keyring(record.backend)
    except Exception:  # not installed, not usable on this machine (priority raised), a bad name
        return None
    if not isinstance(backend, keyring.backend.KeyringBackend) or not _is_real_store(backend):
        return None
    return backend


def _passphrase_from_env() -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None


def _ask(ask: AskPassphrase | None, purpose: PassphrasePurpose) -> str:
    passphrase = _passphrase_from_env()
    if passphrase is None and ask is not None:
        passphrase = ask(purpose)
    if not passphrase:
        if purpose is PassphrasePurpose.CREATE:
            raise KeyStoreError(
                _(
                    "No system keyring is available to hold the journal's key; set "
                    "%(PASSPHRASE_ENV)s or run Rapport in a terminal to choose a passphrase."
                )
                % {"PASSPHRASE_ENV": PASSPHRASE_ENV}
            )
        raise JournalUnavailable(
            _(
                "This journal is protected by a passphrase; set %(PASSPHRASE_ENV)s or "
                "run Rapport in a terminal to type it."
            )
            % {"PASSPHRASE_ENV": PASSPHRASE_ENV}
        )
    if purpose is PassphrasePurpose.CREATE:
        check_new_passphrase(passphrase)
    return passphrase


def check_new_passphrase(passphrase: str) -> None:
    """The one rule for a passphrase about to lock a journal."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UserInputError(
            _(
                "The passphrase must be at least %(MIN_PASSPHRASE_LENGTH)s characters; "
                "choose a longer one. Nothing was changed."
            )
            % {"MIN_PASSPHRASE_LENGTH": MIN_PASSPHRASE_LENGTH}
        )


def new_keyring_key() -> JournalKey | None:
    """A new random key kept in this machine's keyring; None where no real keyring holds it."""
    hex_key = secrets.token_hex(32)
    record = store_in_keyring(hex_key)
    return None if record is None else JournalKey(raw_key(hex_key), record)


def recovered_key(hex_key: str, record: KeyRecord | None = None) -> JournalKey:
    """The key read from a recovery key: a keyring journal's, to go back into the keyring."""
    return JournalKey(raw_key(hex_key), record or KeyRecord("keyring"), recovered=True)


def key_for_new_journal(ask: AskPassphrase | None) -> JournalKey:
    """Make the key for a journal about to be created.

    RAPPORT_PASSPHRASE, when set, asks for passphrase mode. Otherwise a random key goes into
    a real keyring; if that fails, we fall back to a passphrase rather than keep the key
    anywhere unsafe.
    """
    if _passphrase_from_env() is None:
        made = new_keyring_key()
        if made is not None:
            return made
    passphrase = _ask(ask, PassphrasePurpose.CREATE)
    return JournalKey(passphrase, KeyRecord(mode="passphrase"))


def store_in_keyring(hex_key: str) -> KeyRecord | None:
    """Keep `hex_key` under a new entry of the system keyring and read it back (some backends
    discard secrets silently); None when no real keyring holds it."""
    import keyring
    import keyring.errors

    info = current_keyring()
    if not info.is_system:
        return None
    account = f"journal-{uuid.uuid4().hex}"
    try:
        keyring.set_password(SERVICE, account, hex_key)
        stored = keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError:
        stored = None
    if stored != hex_key:
        return None
    return KeyRecord(mode="keyring", backend=info.name, account=account)


def forget_new_key(record: KeyRecord) -> None:
    """Remove a key whose journal was never created, so no orphan secrets pile up."""
    import keyring
    import keyring.errors

    if record.mode != "keyring":
        return
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, record.account)


def key_for_existing_journal(home: Path, ask: AskPassphrase | None) -> JournalKey:
    """Find the key of an existing journal, checking the keyring backend that holds it.
    RAPPORT_RECOVERY_KEY stands in for a key missing from the keyring, or a key record that
    is gone (then the coach is asked for a passphrase or a recovery key, never a passphrase
    alone: the journal may never have had one)."""
    record = load_key_record(home)
    if record is not None and record.mode == "passphrase":
        return JournalKey(_ask(ask, PassphrasePurpose.UNLOCK), record)
    if record is not None:
        try:
            return key_from_keyring(record)
        except JournalUnavailable:
            recovered = recovery_key_from_env()
            if recovered is not None:
                return recovered_key(recovered, record)
            answer = ask(PassphrasePurpose.RECOVER) if ask is not None else None
            if not answer:
                raise
            return key_from_answer(answer)
    recovered = recovery_key_from_env()
    if recovered is not None:
        return recovered_key(recovered)
    answer = _passphrase_from_env() or (ask(PassphrasePurpose.RECOVER) if ask else None)
    if not answer:
        raise JournalUnavailable(
            _(
                "The key record %(path)s is missing, so Rapport cannot tell how the "
                "journal is locked: set %(PASSPHRASE_ENV)s to its passphrase, or "
                "%(RECOVERY_KEY_ENV)s to the key on its recovery sheet."
            )
            % {
                "path": home / "key.json",
                "PASSPHRASE_ENV": PASSPHRASE_ENV,
                "RECOVERY_KEY_ENV": RECOVERY_KEY_ENV,
            }
        )
    return key_from_answer(answer)


def key_from_answer(answer: str) -> JournalKey:
    """What the coach typed where a passphrase or a recovery key may come."""
    if looks_like_recovery_key(answer):
        return recovered_key(parse_recovery_key(answer))
    return JournalKey(answer, KeyRecord("passphrase"))


def recovery_key_hint() -> str:
    return _(
        "set %(variable)s to the key on the journal's recovery sheet and run Rapport "
        "again (the key goes back into the keyring), or restore a backup"
    ) % {"variable": RECOVERY_KEY_ENV}


def key_from_keyring(record: KeyRecord) -> JournalKey:
    """The key a keyring-mode record points at; one-line errors name what went wrong."""
    import keyring
    import keyring.errors

    recorded = _recorded_backend(record)
    if recorded is not None:
        try:
            hex_key = recorded.get_password(SERVICE, record.account)
        except keyring.errors.KeyringError as exc:
            raise JournalUnavailable(
                _(
                    "The keyring (%(backend)s) could not be read: %(rstrip)s. Unlock your "
                    "keyring and retry."
                )
                % {"backend": record.backend, "rstrip": str(exc).rstrip(".")}
            ) from exc
        if hex_key:
            return JournalKey(raw_key(hex_key), record)
    # keyring's own choice of backend; it names what went wrong when the key is not there.
    info = current_keyring()
    try:
        hex_key = keyring.get_password(SERVICE, record.account)
    except keyring.errors.KeyringError as exc:
        raise JournalUnavailable(
            _(
                "The keyring (%(name)s) could not be read: %(rstrip)s. Unlock your "
                "keyring and retry."
            )
            % {"name": info.name, "rstrip": str(exc).rstrip(".")}
        ) from exc
    if not hex_key:
        if recorded is not None:  # the recorded keyring works here, but the entry is gone
            raise JournalUnavailable(
                _(
                    "The journal's key is missing from the keyring (%(backend)s); "
                    "%(recovery_key_hint)s."
                )
                % {"backend": record.backend, "recovery_key_hint": recovery_key_hint()}
            )
        if info.name != record.backend:
            raise JournalUnavailable(
                _(
                    "The journal's key is kept in %(backend)s, but the keyring in use is "
                    "%(name)s; set PYTHON_KEYRING_BACKEND=%(backend)s and retry."
                )
                % {"backend": record.backend, "name": info.name}
            )
        raise JournalUnavailable(
            _("The journal's key is missing from the keyring (%(name)s); %(recovery_key_hint)s.")
            % {"name": info.name, "recovery_key_hint": recovery_key_hint()}
        )
    warning = ""
    if info.name != record.backend:
        warning = _("The journal's key was found in %(found)s; it was stored in %(stored)s.") % {
            "found": info.name,
            "stored": record.backend,
        }
    return JournalKey(raw_key(hex_key), record, warning)


def keep_recovered_key(home: Path, key: JournalKey) -> str:
    """Put a key read from a recovery key (now known to open the journal) back in this
    machine's keyring and point key.json at it. Returns a warning for the coach."""
    hex_key = raw_key_hex(key.sqlcipher_key)
    record = store_in_keyring(hex_key) if hex_key else None
    if record is None:
        return _(
            "No system keyring could take the journal's key; it opened with %(variable)s, "
            "which it will need again next time."
        ) % {"variable": RECOVERY_KEY_ENV}
    save_key_record(home, record)
    return _("The journal's key was put back in the keyring from the recovery key.")
