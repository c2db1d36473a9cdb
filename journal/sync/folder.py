"""The sync folder's files. One writer per file: each device writes only in its own
subfolder, so an engine never has two writers of one file to reconcile.

    DIR/rapport-journal.json     the journal's random id and a key check (written once)
    DIR/<device>/c-00000007.rsc  changes, one file per sync, never rewritten
    DIR/<device>/s-00000009.rsc  a snapshot: every record's state (for joining, compaction)
    DIR/<device>/ack.rsc         what this device has read of every other device

Names that are not these are someone else's and ignored: Syncthing's `.syncthing.*.tmp`,
Dropbox's partial files, our own temporary files (a leading dot). An engine's conflict copy
of a change file (`c-…sync-conflict-….rsc`, `c-… (conflicted copy).rsc`) is read like the
original: merging is idempotent, so reading a change twice is harmless.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

JOURNAL_FILE = "rapport-journal.json"
FORMAT = 1
"""The folder's layout and file format; a folder of a newer one is refused, not misread."""
ACK_FILE = "ack.rsc"
_DEVICE = re.compile(r"^[0-9a-f]{12}$")
_NUMBERED = re.compile(r"^([cs])-(\d{8})\.rsc$")
_COPY = re.compile(r"^([cs])-(\d{8})[ .].*(sync-conflict|conflicted copy).*\.rsc$")


def new_device_id() -> str:
    return secrets.token_hex(6)


@dataclass(frozen=True)
class Entry:
    device: str
    name: str
    path: Path
    kind: str  # "c" changes or "s" snapshot
    seq: int
    copy: bool  # an engine's conflict copy, read but never counted or removed


def file_name(kind: str, seq: int) -> str:
    return f"{kind}-{seq:08d}.rsc"


def entries(folder: Path) -> list[Entry]:
    """Every change and snapshot file in the folder, in device and sequence order."""
    found: list[Entry] = []
    for sub in sorted(folder.iterdir()):
        if not _DEVICE.match(sub.name) or not sub.is_dir():
            continue
        for path in sub.iterdir():
            numbered = _NUMBERED.match(path.name)
            copy = None if numbered else _COPY.match(path.name)
            match = numbered or copy
            if match:
                kind, seq = match.group(1), int(match.group(2))
                found.append(Entry(sub.name, path.name, path, kind, seq, copy is not None))
    return sorted(found, key=lambda e: (e.device, e.seq, e.copy, e.name))


def devices(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if _DEVICE.match(p.name) and p.is_dir())


def write_atomically(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file under a name every reader ignores, synced,
    then renamed over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def clear_own_temporaries(folder: Path, device: str) -> None:
    """Temporary files this device left when it was killed mid-write."""
    own = folder / device
    if own.is_dir():
        for path in own.glob(".*.tmp"):
            path.unlink(missing_ok=True)


def read_journal_file(folder: Path) -> dict[str, str] | None:
    try:
        data = json.loads((folder / JOURNAL_FILE).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_journal_file(folder: Path, journal_id: str, check: str) -> None:
    text = json.dumps({"format": FORMAT, "journal": journal_id, "check": check}, indent=1)
    write_atomically(folder / JOURNAL_FILE, text.encode("utf-8"))
