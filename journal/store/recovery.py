"""The recovery key: the journal's random key in a form a person copies by hand, as password
managers print on an emergency kit.

Base32 (letters and the digits 2-7, no 0, 1 or 8 to mistake for O, I or B), in groups of
four, ending in a checksum that catches a typo before anything is tried. A key is read back
as printed, with or without its separators, in any case; a 0, 1 or 8 typed for O, I or B is
read as the letter.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from journal.errors import UserInputError
from journal.i18n import _

RECOVERY_KEY_ENV = "RAPPORT_RECOVERY_KEY"
KEY_BYTES = 32
CHECK_BYTES = 3
GROUP = 4
_LOOKALIKES = str.maketrans("018", "OIB")
_LENGTH = (KEY_BYTES + CHECK_BYTES) * 8 // 5


def _checksum(raw: bytes) -> bytes:
    return hashlib.sha256(b"rapport-recovery-key" + raw).digest()[:CHECK_BYTES]


def raw_key(hex_key: str) -> str:
    """SQLCipher's raw-key form of a random key: no slow passphrase derivation."""
    return f"x'{hex_key}'"


def raw_key_hex(sqlcipher_key: str) -> str | None:
    """The random key under SQLCipher's raw-key form x'…', or None for a passphrase."""
    if sqlcipher_key.startswith("x'") and sqlcipher_key.endswith("'"):
        return sqlcipher_key[2:-1]
    return None


def format_recovery_key(hex_key: str) -> str:
    """`hex_key` (the keyring's 64 hex digits) as the sheet prints it."""
    raw = bytes.fromhex(hex_key)
    text = base64.b32encode(raw + _checksum(raw)).decode("ascii")
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def last_group(recovery_key: str) -> str:
    """The group the coach types back to show the sheet was kept."""
    return recovery_key.rsplit("-", 1)[-1]


def parse_recovery_key(text: str, place: str = RECOVERY_KEY_ENV) -> str:
    """The key's 64 hex digits from a recovery key as typed; `place` names where it came from."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(letters) != _LENGTH:
        raise UserInputError(
            _(
                "%(place)s: a recovery key has %(letters)s letters and digits in groups "
                "of %(group)s; this has %(length)s. Copy it again from the recovery sheet."
            )
            % {"place": place, "letters": _LENGTH, "group": GROUP, "length": len(letters)}
        )
    try:
        data = base64.b32decode(letters)
    except (binascii.Error, ValueError) as exc:
        raise UserInputError(
            _(
                "%(place)s: this is not a recovery key (only letters and the digits 2-7 "
                "appear in one). Copy it again from the recovery sheet."
            )
            % {"place": place}
        ) from exc
    raw, check = data[:KEY_BYTES], data[KEY_BYTES:]
    if _checksum(raw) != check:
        raise UserInputError(
            _(
                "%(place)s: the recovery key has a typo (its checksum does not match). "
                "Compare it group by group with the recovery sheet."
            )
            % {"place": place}
        )
    return raw.hex()


def looks_like_recovery_key(text: str) -> bool:
    """Whether `text` is a recovery key (checksum and all) rather than a passphrase."""
    try:
        parse_recovery_key(text)
    except UserInputError:
        return False
    return True


def recovery_key_from_env() -> str | None:
    """The key's hex digits from RAPPORT_RECOVERY_KEY, or None when it is not set."""
    text = os.environ.get(RECOVERY_KEY_ENV, "").strip()
    return parse_recovery_key(text) if text else None
