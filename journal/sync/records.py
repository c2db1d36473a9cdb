"""Sync's own record of each row: its merged state, kept in the journal (so it is encrypted
with it), and how that state is shown in the journal's tables.

`materialize` is the one way a merged state reaches a table: a record that is alive and whose
required parent is here is written; any other is removed. A client whose parent arrives later
is written then, through the links to its parent.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from journal.store.migrations import MigrationDb
from journal.sync.merge import DELETED, State, alive, newest_stamp, shown
from journal.sync.tables import BY_TABLE, Synced, delete_row, parent_id, read_row, write_row


def decode(stored: bytes) -> State:
    """A stored state: compressed JSON, as every field's value and stamps would otherwise make
    sync's record several times the size of the journal itself."""
    return dict(json.loads(zlib.decompress(stored)))


def load(db: MigrationDb, table: str, key: str) -> State:
    row = db.execute_sql(
        "SELECT state FROM sync_record WHERE tbl = ? AND key = ?", (table, key)
    ).fetchone()
    return {} if row is None else decode(row[0])


def save(db: MigrationDb, table: str, key: str, state: State) -> None:
    text = json.dumps(state, separators=(",", ":"), sort_keys=True)
    db.execute_sql(
        "INSERT OR REPLACE INTO sync_record (tbl, key, state) VALUES (?, ?, ?)",
        (table, key, zlib.compress(text.encode("utf-8"))),
    )
    db.execute_sql("DELETE FROM sync_link WHERE tbl = ? AND key = ?", (table, key))
    for parent in BY_TABLE[table].parents:
        uid = shown(state.get(parent.column, []))
        if uid:
            db.execute_sql(
                "INSERT OR IGNORE INTO sync_link (parent, tbl, key) VALUES (?, ?, ?)",
                (uid, table, key),
            )


def expected(db: MigrationDb, spec: Synced, state: State) -> dict[str, Any]:
    """The row as the merged state shows it here (a parent not here reads as None)."""
    values = {name: shown(state[name]) for name in spec.columns if name in state}
    for parent in spec.parents:
        uid = shown(state.get(parent.column, []))
        values[parent.column] = uid if parent_id(db, parent.table, uid) is not None else None
    return values


def waiting_for_parent(db: MigrationDb, spec: Synced, state: State) -> bool:
    """A record whose required parent is not here (not arrived yet, or deleted): it is not
    shown, and its absence from the table is no delete."""
    return _parent_missing(spec, expected(db, spec, state))


def _parent_missing(spec: Synced, values: dict[str, Any]) -> bool:
    return any(p.required and values.get(p.column) is None for p in spec.parents)


def _free_name(db: MigrationDb, name: str) -> str:
    number = 2
    while db.execute_sql(
        "SELECT 1 FROM client WHERE name = ? COLLATE NOCASE", (f"{name} ({number})",)
    ).fetchone():
        number += 1
    return f"{name} ({number})"


def _clients_apart(db: MigrationDb, key: str, values: dict[str, Any]) -> list[str]:
    """Two devices each added a client of the same name: both keep theirs. On every device the
    one with the larger uid is renamed "Name (2)", so all devices agree; the rename travels
    as an edit. Returns the uids renamed here."""
    name = values.get("name")
    other = db.execute_sql(
        "SELECT uid FROM client WHERE name = ? COLLATE NOCASE AND uid != ?", (name, key)
    ).fetchone()
    if name is None or other is None:
        return []
    if key > other[0]:
        values["name"] = _free_name(db, str(name))
        return [key]
    db.execute_sql("UPDATE client SET name = ? WHERE uid = ?", (_free_name(db, name), other[0]))
    return [str(other[0])]


def revive_parents(db: MigrationDb, spec: Synced, state: State) -> list[str]:
    """A record written after its client was deleted, on a device that had not seen the
    delete yet (a call logged on the desktop after the laptop deleted the client), brings the
    client back rather than vanish with it: what the coach wrote is never dropped in silence.
    "After" is by the clock: a record last written before the delete goes with its client.
    The client's row is written again here; its return travels as an edit. Returns the
    client uids written (revived, or renamed apart from a same-named client)."""
    written: list[str] = []
    for parent in spec.parents:
        uid = shown(state.get(parent.column, []))
        if not parent.required or not uid or parent_id(db, parent.table, uid) is not None:
            continue
        parent_state = load(db, parent.table, uid)
        if not parent_state.get(DELETED) or alive(parent_state):
            continue  # not arrived yet: the record waits for it
        if newest_stamp(state) < parent_state[DELETED][0][0]:
            continue  # written before the delete
        parent_spec = BY_TABLE[parent.table]
        values = expected(db, parent_spec, parent_state)
        if parent.table == "client":
            written.extend(_clients_apart(db, uid, values))
        write_row(db, parent_spec, uid, values)
        written.append(uid)
    return written


def materialize(db: MigrationDb, table: str, key: str) -> tuple[bool, list[str], list[str]]:
    """Show a record's merged state in its table. Returns whether the row is there now, the
    client uids renamed to keep two same-named clients apart, and the deleted clients this
    record brought back (revive_parents)."""
    spec = BY_TABLE[table]
    state = load(db, table, key)
    values = expected(db, spec, state)
    revived: list[str] = []
    if alive(state) and _parent_missing(spec, values):
        revived = revive_parents(db, spec, state)
        values = expected(db, spec, state)
    if not alive(state) or _parent_missing(spec, values):
        delete_row(db, spec, key)
        return False, [], revived
    renamed = _clients_apart(db, key, values) if table == "client" else []
    row = read_row(db, spec, key)
    if row is None or any(row[name] != value for name, value in values.items()):
        write_row(db, spec, key, values)
    return True, renamed, revived


def children(db: MigrationDb, parent: str) -> list[tuple[str, str]]:
    rows = db.execute_sql("SELECT tbl, key FROM sync_link WHERE parent = ?", (parent,))
    return [(str(t), str(k)) for t, k in rows.fetchall()]
