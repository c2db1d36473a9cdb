"""One sync, in one transaction of the journal:

1. capture: every row a trigger noted since the last sync is compared with sync's record of
   it; what differs becomes a change stamped by the clock, at the time the write happened;
2. the changes are written as this device's next file, whole, before the transaction
   commits (a kill before the commit writes them again next time: merging is idempotent);
3. every file of the other devices not read yet is read, checked and merged; one that is
   not whole yet (still arriving, torn) is left for the next sync;
4. the merged records are shown in the journal's tables;
5. after the commit, this device says in its ack file what it has read, and may compact.

A folder that is gone stops the sync before anything is changed; the outbox keeps every
write for the next time.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal.store.migrations import MigrationDb
from journal.sync import records
from journal.sync.clock import Clock, now_ms
from journal.sync.folder import Entry, entries, file_name, write_atomically
from journal.sync.merge import DELETED, alive, knowledge, merge_change
from journal.sync.sealing import Torn, seal, unseal
from journal.sync.tables import BY_TABLE, SYNCED, ensure_capture, note_everything, read_row

log = logging.getLogger(__name__)

_ORDER = {spec.table: index for index, spec in enumerate(SYNCED)}


@dataclass
class Outcome:
    """What one sync did, for the status line."""

    sent: int = 0
    merged: int = 0
    files_read: int = 0
    waiting: list[str] = field(default_factory=list)  # files not whole yet
    touched: list[tuple[str, str]] = field(default_factory=list)  # (table, key) merged here
    revived: list[str] = field(default_factory=list)  # deleted clients brought back
    devices: list[str] = field(default_factory=list)
    notice: str = ""  # something the coach should know, in one line


class Meta:
    """sync_meta: this device's id, clock, next file number and what it has read."""

    def __init__(self, db: MigrationDb) -> None:
        self.db = db

    def get(self, name: str, default: str = "") -> str:
        row = self.db.execute_sql("SELECT value FROM sync_meta WHERE name = ?", (name,)).fetchone()
        return default if row is None else str(row[0])

    def put(self, name: str, value: str) -> None:
        self.db.execute_sql(
            "INSERT OR REPLACE INTO sync_meta (name, value) VALUES (?, ?)", (name, value)
        )

    def covered(self) -> dict[str, int]:
        return {k: int(v) for k, v in json.loads(self.get("covered", "{}")).items()}


def _capture_one(
    db: MigrationDb, clock: Clock, table: str, key: str, at_ms: int
) -> dict[str, Any] | None:
    spec = BY_TABLE.get(table)
    if spec is None or not spec.travels(key):
        return None
    state = records.load(db, table, key)
    row = read_row(db, spec, key)
    fields: dict[str, Any] = {}
    if row is None:
        if not alive(state) or records.waiting_for_parent(db, spec, state):
            return None  # never made here, or not shown until its parent is here
        fields[DELETED] = True
    elif not state.get(DELETED):  # made here: every field goes out
        fields = {DELETED: False, **{k: v for k, v in row.items() if k not in spec.key_columns}}
    else:  # changed, or back after a delete (undone, or a client brought back): what differs
        shown = records.expected(db, spec, state)
        fields = {k: v for k, v in row.items() if k not in spec.key_columns and shown.get(k) != v}
        if not alive(state):
            fields[DELETED] = False
    if not fields:
        return None
    seen = {k: knowledge(state.get(k, [])) for k in fields if k in spec.concurrent}
    change = {"t": table, "k": key, "h": clock.tick(at_ms), "f": fields, "s": seen}
    merge_change(state, change, spec.concurrent)
    records.save(db, table, key, state)
    return change


def capture(db: MigrationDb, clock: Clock) -> list[dict[str, Any]]:
    """Every local write since the last sync, as changes stamped in the order they were
    written."""
    noted = db.execute_sql(
        "SELECT tbl, key, max(at_ms) FROM sync_outbox GROUP BY tbl, key"
    ).fetchall()
    noted.sort(key=lambda row: (row[2], _ORDER.get(row[0], 99), row[1]))
    changes = [_capture_one(db, clock, str(t), str(k), int(at)) for t, k, at in noted]
    db.execute_sql("DELETE FROM sync_outbox")
    return [change for change in changes if change is not None]


def merge_changes(db: MigrationDb, clock: Clock, changes: Iterable[dict[str, Any]]) -> set[Any]:
    """Merge others' changes into sync's records; the (table, key) of each that changed."""
    touched: set[tuple[str, str]] = set()
    for change in changes:
        spec = BY_TABLE.get(change.get("t", ""))
        if spec is None or not spec.travels(change["k"]):
            continue
        clock.see(change["h"])
        state = records.load(db, spec.table, change["k"])
        if merge_change(state, change, spec.concurrent):
            records.save(db, spec.table, change["k"], state)
            touched.add((spec.table, change["k"]))
    return touched


def show(db: MigrationDb, touched: set[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Show merged records in the journal's tables, parents first, and the children waiting
    for a parent that is here now (or that bring a deleted client back). Returns the clients
    renamed apart and the clients brought back (both to send as edits)."""
    work = deque(sorted(touched, key=lambda item: (_ORDER[item[0]], item[1])))
    done: set[tuple[str, str]] = set()
    renamed: list[str] = []
    revived: list[str] = []
    while work:
        item = work.popleft()
        if item in done:
            continue
        done.add(item)
        present, names, back = records.materialize(db, *item)
        renamed.extend(names)
        revived.extend(back)
        for uid in back:  # the client's other records come back with it, even those seen
            for child in records.children(db, uid):
                done.discard(child)
                work.append(child)
        if (present and item[0] == "interaction") or item[0] == "client":
            work.extend(child for child in records.children(db, item[1]) if child not in done)
    return renamed, revived


def _read(key: bytes, entry: Entry) -> Any:
    return unseal(key, entry.device, entry.path.read_bytes())


def read_folder(
    db: MigrationDb, folder: Path, key: bytes, clock: Clock, outcome: Outcome
) -> set[tuple[str, str]]:
    """Merge every whole file not read yet."""
    meta = Meta(db)
    seen = {(d, n) for d, n in db.execute_sql("SELECT device, name FROM sync_seen").fetchall()}
    covered = meta.covered()
    touched: set[tuple[str, str]] = set()
    for entry in entries(folder):
        if (entry.device, entry.name) in seen:
            continue  # this device's own files are marked read as they are written
        if not entry.copy and entry.kind == "c" and entry.seq <= covered.get(entry.device, 0):
            continue  # a snapshot read already holds it
        try:
            payload = _read(key, entry)
        except (Torn, OSError) as exc:
            log.info("sync: %s/%s not read yet (%s)", entry.device, entry.name, exc)
            outcome.waiting.append(f"{entry.device}/{entry.name}")
            continue
        changes = payload.get("changes", [])
        touched |= merge_changes(db, clock, changes)
        outcome.merged += len(changes)
        outcome.files_read += 1
        if entry.kind == "s" and not entry.copy:
            for device, seq in payload.get("covers", {}).items():
                covered[device] = max(covered.get(device, 0), int(seq))
        mark_read(db, entry.device, entry.name)
    meta.put("covered", json.dumps(covered, sort_keys=True))
    return touched


def mark_read(db: MigrationDb, device: str, name: str) -> None:
    """A file this device has merged, or wrote itself. A file of its own that is not marked
    (written by a sync killed before its commit, or after the backup this journal was
    restored from) is read like another device's: its changes come back."""
    db.execute_sql("INSERT OR IGNORE INTO sync_seen (device, name) VALUES (?, ?)", (device, name))


def acks(db: MigrationDb) -> dict[str, int]:
    """Per device, the highest file number up to which this device has read everything."""
    covered = Meta(db).covered()
    numbers: dict[str, set[int]] = {}
    for device, name in db.execute_sql("SELECT device, name FROM sync_seen").fetchall():
        if len(name) == 14 and name[2:10].isdigit():
            numbers.setdefault(device, set()).add(int(name[2:10]))
    result: dict[str, int] = {}
    for device in set(covered) | set(numbers):
        upto = covered.get(device, 0)
        while upto + 1 in numbers.get(device, set()):
            upto += 1
        result[device] = upto
    return result


def next_seq(folder: Path, me: str, meta: Meta) -> int:
    """The number of this device's next file. Never one in use: a sync killed after writing
    its file but before its commit leaves that file behind, and another device may have read
    it already, so its name must not be given to other changes."""
    on_disk = [e.seq for e in entries(folder) if e.device == me]
    return max([int(meta.get("seq", "0")), *on_disk]) + 1


def write_changes(folder: Path, key: bytes, me: str, meta: Meta, changes: list[Any]) -> str:
    seq = next_seq(folder, me, meta)
    name = file_name("c", seq)
    write_atomically(folder / me / name, seal(key, me, {"changes": changes}))
    mark_read(meta.db, me, name)
    meta.put("seq", str(seq))
    return name


def sync_once(db: MigrationDb, folder: Path, key: bytes) -> Outcome:
    """Capture, send, read and merge, in one transaction of the journal."""
    outcome = Outcome()
    with db.atomic():
        meta = Meta(db)
        me = meta.get("device")
        if ensure_capture(db) or meta.get("full") == "1":
            note_everything(db)
            meta.put("full", "0")
        clock = Clock(me, meta.get("clock"))
        changes = capture(db, clock)
        if changes:
            write_changes(folder, key, me, meta, changes)
            outcome.sent = len(changes)
        touched = read_folder(db, folder, key, clock, outcome)
        renamed, revived = show(db, touched)
        outcome.revived = sorted(set(revived))
        outcome.touched = sorted(touched | {("client", uid) for uid in revived})
        db.execute_sql("DELETE FROM sync_outbox")  # what showing wrote is not a local edit
        for uid in renamed + revived:  # but keeping two same-named clients apart is, and so
            # is bringing back a client something new was written for
            db.execute_sql(
                "INSERT INTO sync_outbox (tbl, key, at_ms) VALUES ('client', ?, ?)",
                (uid, now_ms()),
            )
        meta.put("clock", clock.last)
        meta.put("last_sync", str(now_ms()))
    return outcome
