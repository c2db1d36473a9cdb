"""The sync key and sealed files: a folder in the cloud sees only ciphertext and sizes.

The key is derived with HKDF (RFC 5869, built on the standard library's hmac) from the
journal's own key and the folder's random journal id, so it never equals the key of the
journal file and a leaked sync key opens no journal. Files are sealed with AES-GCM
(the `cryptography` package), whose tag authenticates every byte: a torn, truncated or
altered file is refused, never half-read. The writing device's id is bound in as associated
data, so one device's file cannot be passed off as another's.

A sealed file: MAGIC, the length of what follows (8 bytes), a 12-byte nonce, the ciphertext.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"RAPPORT-SYNC-1\n"
_NONCE = 12
_LENGTH = 8


class Torn(ValueError):
    """A file that is incomplete, damaged or not sealed with this journal's key."""


def hkdf(secret: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    """HKDF-SHA256 extract and expand (RFC 5869)."""
    prk = hmac.new(salt, secret, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def sync_key(journal_key: str, journal_id: str) -> bytes:
    return hkdf(journal_key.encode("utf-8"), journal_id.encode("ascii"), b"rapport sync v1")


def key_check(key: bytes) -> str:
    """A value stored in the folder that tells a wrong key from a right one, and reveals
    nothing of the key."""
    return hmac.new(key, b"rapport sync key check", hashlib.sha256).hexdigest()


def seal(key: bytes, device: str, payload: Any) -> bytes:
    nonce = os.urandom(_NONCE)
    plain = zlib.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    body = nonce + AESGCM(key).encrypt(nonce, plain, device.encode("utf-8"))
    return MAGIC + len(body).to_bytes(_LENGTH, "big") + body


def unseal(key: bytes, device: str, data: bytes) -> Any:
    """The payload of a sealed file; Torn when it is not whole and authentic."""
    head = len(MAGIC) + _LENGTH
    if len(data) < head or not data.startswith(MAGIC):
        raise Torn("not a whole sealed file")
    length = int.from_bytes(data[len(MAGIC) : head], "big")
    body = data[head:]
    if len(body) != length or length <= _NONCE:
        raise Torn(f"{len(body)} of {length} bytes")
    try:
        plain = AESGCM(key).decrypt(body[:_NONCE], body[_NONCE:], device.encode("utf-8"))
        return json.loads(zlib.decompress(plain))
    except (InvalidTag, zlib.error, ValueError) as exc:
        raise Torn("fails authentication") from exc
