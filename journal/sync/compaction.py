"""Compaction: so the folder does not grow forever.

Once a device has written more than COMPACT_AFTER change files, it writes a snapshot: every
record's merged state, as changes, and what it covers (the files of each device it has read).
Only then does it remove its own older files, and each only once every other known device
says in its ack that it has read it. A device that joins later reads the snapshots and the
files after them. A device only ever removes its own files (one writer per file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journal.store.migrations import MigrationDb
from journal.sync import records
from journal.sync.engine import Meta, acks, mark_read, next_seq
from journal.sync.folder import entries, file_name, write_atomically
from journal.sync.sealing import seal

COMPACT_AFTER = 64


def snapshot_changes(db: MigrationDb) -> list[dict[str, Any]]:
    """Every standing version of every record, as changes a reader merges like any other."""
    changes: list[dict[str, Any]] = []
    for table, key, stored in db.execute_sql("SELECT tbl, key, state FROM sync_record").fetchall():
        for name, versions in records.decode(stored).items():
            for stamp, value, seen in versions:
                change = {"t": table, "k": key, "h": stamp, "f": {name: value}, "s": {}}
                if seen is not None:
                    change["s"] = {name: seen}
                changes.append(change)
    return changes


def write_snapshot(db: MigrationDb, folder: Path, key: bytes, me: str, unsure: str = "") -> int:
    """Write a snapshot as this device's next file; returns its number. `unsure`: a device
    whose files it does not vouch for (readers still read them)."""
    with db.atomic():
        meta = Meta(db)
        seq = next_seq(folder, me, meta)
        covers = {**{d: n for d, n in acks(db).items() if d != unsure}, me: seq - 1}
        payload = {"covers": covers, "changes": snapshot_changes(db)}
        write_atomically(folder / me / file_name("s", seq), seal(key, me, payload))
        mark_read(db, me, file_name("s", seq))
        meta.put("seq", str(seq))
    return seq


def compact(
    db: MigrationDb, folder: Path, key: bytes, me: str, others: dict[str, dict[str, Any]]
) -> int:
    """Snapshot when due, then remove own files every other device has read. Returns how
    many files were removed."""
    own = [e for e in entries(folder) if e.device == me and not e.copy]
    snapshots = [e.seq for e in own if e.kind == "s"]
    changes_since = [e for e in own if e.kind == "c" and e.seq > max(snapshots, default=0)]
    if len(changes_since) > COMPACT_AFTER:
        snapshots.append(write_snapshot(db, folder, key, me))
    if not snapshots:
        return 0
    newest = max(snapshots)
    read_by_all = min(
        (int(ack.get("acks", {}).get(me, 0)) for ack in others.values()), default=newest
    )
    removed = 0
    for entry in own:
        if entry.seq < newest and entry.seq <= read_by_all:
            entry.path.unlink(missing_ok=True)
            removed += 1
    return removed
