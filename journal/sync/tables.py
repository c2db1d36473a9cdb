"""What travels, and how a local write is never missed.

Every synced table has a stable key: a random uid (clients, interactions, commitments,
dismissals), the setting's key, or a template's id and language. Foreign keys travel as the
parent's uid, never as a local row id, which differs on every device.

Local writes are caught by SQLite triggers into `sync_outbox`: whatever path wrote (the app,
the CLI, an import, undo, a cascade), the row's key is noted in the same transaction. A sync
then compares each noted row with what sync last knew of it, field by field. Drafts and the
second backup folder stay on their device.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import AutoField, ForeignKeyField

from journal.store.migrations import MigrationDb
from journal.store.models import (
    BaseModel,
    Client,
    Commitment,
    CueDismissal,
    Interaction,
    Setting,
    UserTemplate,
)


@dataclass(frozen=True)
class Parent:
    column: str  # the local id column, e.g. client_id
    table: str
    required: bool  # NOT NULL: the record waits until its parent is here


@dataclass(frozen=True)
class Synced:
    table: str
    key_sql: str  # the key as an SQL expression of the row (use {row}.)
    key_columns: tuple[str, ...]  # the columns the key is made of (set on insert)
    columns: tuple[str, ...]  # the other columns that travel, as stored
    parents: tuple[Parent, ...] = ()
    concurrent: frozenset[str] = frozenset()  # fields whose concurrent versions all stay
    only_when: str = ""  # an SQL condition on {row} for rows that travel

    def key_of(self, row: str) -> str:
        return self.key_sql.format(row=row)

    def travels(self, key: str) -> bool:
        """False for a row that stays on its device (the second backup folder)."""
        return not (self.table == "setting" and key in LOCAL_SETTINGS)


LOCAL_SETTINGS = ("backup_folder",)


def _travelling(model: type[BaseModel], *key_columns: str) -> tuple[str, ...]:
    """Every stored column of `model` but its row id, its key and its links to parents
    (which travel as the parent's uid): a column added to a model travels with no change here."""
    return tuple(
        field.column_name
        for field in model._meta.sorted_fields
        if not isinstance(field, AutoField | ForeignKeyField)
        and field.column_name not in key_columns
    )


SYNCED: tuple[Synced, ...] = (
    Synced(
        "client",
        "{row}.uid",
        ("uid",),
        _travelling(Client, "uid"),
        concurrent=frozenset({"notes"}),
    ),
    Synced(
        "interaction",
        "{row}.uid",
        ("uid",),
        _travelling(Interaction, "uid"),
        (Parent("client_id", "client", True),),
        concurrent=frozenset({"summary", "notes"}),
    ),
    Synced(
        "commitment",
        "{row}.uid",
        ("uid",),
        _travelling(Commitment, "uid"),
        (Parent("client_id", "client", True), Parent("interaction_id", "interaction", False)),
    ),
    Synced(
        "cue_dismissal",
        "{row}.uid",
        ("uid",),
        _travelling(CueDismissal, "uid"),
        (Parent("client_id", "client", True),),
    ),
    Synced(
        "setting",
        "{row}.key",
        ("key",),
        _travelling(Setting, "key"),
        only_when="{row}.key NOT IN (" + ", ".join(f"'{k}'" for k in LOCAL_SETTINGS) + ")",
    ),
    Synced(
        "user_template",
        "{row}.template_id || '/' || {row}.lang",
        ("template_id", "lang"),
        _travelling(UserTemplate, "template_id", "lang"),
    ),
)
BY_TABLE = {spec.table: spec for spec in SYNCED}

_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"

STATE_TABLES = (
    # No unique key: a conflict clause in a trigger is overridden by the statement that fired
    # it (a foreign key's SET NULL fails an OR REPLACE), so every write adds a row, plainly.
    "CREATE TABLE IF NOT EXISTS sync_outbox (tbl TEXT NOT NULL, key TEXT NOT NULL, "
    "at_ms INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sync_record (tbl TEXT NOT NULL, key TEXT NOT NULL, "
    "state BLOB NOT NULL, PRIMARY KEY (tbl, key))",
    "CREATE TABLE IF NOT EXISTS sync_link (parent TEXT NOT NULL, tbl TEXT NOT NULL, "
    "key TEXT NOT NULL, PRIMARY KEY (parent, tbl, key))",
    "CREATE INDEX IF NOT EXISTS sync_link_child ON sync_link (tbl, key)",
    "CREATE TABLE IF NOT EXISTS sync_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sync_seen (device TEXT NOT NULL, name TEXT NOT NULL, "
    "PRIMARY KEY (device, name))",
)


def _triggers(spec: Synced) -> list[tuple[str, str]]:
    def note(row: str) -> str:
        return (
            f"INSERT INTO sync_outbox (tbl, key, at_ms) "
            f"VALUES ('{spec.table}', {spec.key_of(row)}, {_NOW_MS});"
        )

    def when(row: str) -> str:
        return f" WHEN {spec.only_when.format(row=row)}" if spec.only_when else ""

    name = f"sync_{spec.table}"
    return [
        (
            f"{name}_insert",
            f"CREATE TRIGGER IF NOT EXISTS {name}_insert AFTER INSERT ON {spec.table}"
            f"{when('new')} BEGIN {note('new')} END",
        ),
        (
            f"{name}_update",
            f"CREATE TRIGGER IF NOT EXISTS {name}_update AFTER UPDATE ON {spec.table} "
            f"BEGIN {note('old')} {note('new')} END",
        ),
        (
            f"{name}_delete",
            f"CREATE TRIGGER IF NOT EXISTS {name}_delete AFTER DELETE ON {spec.table}"
            f"{when('old')} BEGIN {note('old')} END",
        ),
    ]


def trigger_names() -> list[str]:
    return [name for spec in SYNCED for name, _ in _triggers(spec)]


def ensure_capture(db: MigrationDb) -> bool:
    """Create the state tables and the triggers. True when any trigger was missing (a new
    setup, or a migration that rebuilt a table): then every row must be compared once."""
    for sql in STATE_TABLES:
        db.execute_sql(sql)
    present = {
        row[0]
        for row in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
    }
    missing = [sql for spec in SYNCED for name, sql in _triggers(spec) if name not in present]
    for sql in missing:
        db.execute_sql(sql)
    return bool(missing)


def stop_capture(db: MigrationDb) -> None:
    """Leave sync: no more notes of writes (a new setup compares every row once)."""
    for name in trigger_names():
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    db.execute_sql("DELETE FROM sync_outbox")


def drop_capture(db: MigrationDb) -> None:
    """Forget sync: no more notes of writes, and nothing of sync's state kept."""
    for name in trigger_names():
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("sync_outbox", "sync_record", "sync_link", "sync_meta", "sync_seen"):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")


def note_everything(db: MigrationDb) -> None:
    """Note every row and every record sync knows, so the next capture compares them all.
    A row is noted at the time it was last written where it says so: a journal that joins
    a folder whose devices wrote newer edits meanwhile loses to those, field by field."""
    for spec in SYNCED:
        where = f" WHERE {spec.only_when.format(row=spec.table)}" if spec.only_when else ""
        written = _NOW_MS
        if "updated_at" in spec.columns:
            written = _NOW_MS.replace("'now'", "updated_at")
        db.execute_sql(
            f"INSERT INTO sync_outbox (tbl, key, at_ms) "
            f"SELECT '{spec.table}', {spec.key_of(spec.table)}, {written} "
            f"FROM {spec.table}{where}"
        )
    db.execute_sql(
        f"INSERT INTO sync_outbox (tbl, key, at_ms) SELECT tbl, key, {_NOW_MS} FROM sync_record"
    )


def _where_key(spec: Synced) -> str:
    return f"{spec.key_of(spec.table)} = ?"


def _parent_uid(db: MigrationDb, parent: Parent, local_id: Any) -> str | None:
    if local_id is None:
        return None
    row = db.execute_sql(f"SELECT uid FROM {parent.table} WHERE id = ?", (local_id,)).fetchone()
    return None if row is None else str(row[0])


def parent_id(db: MigrationDb, table: str, uid: str | None) -> int | None:
    if uid is None:
        return None
    row = db.execute_sql(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else int(row[0])


def read_row(db: MigrationDb, spec: Synced, key: str) -> dict[str, Any] | None:
    """A row's travelling fields (parents as uids), or None when it is not here."""
    names = [*spec.key_columns, *spec.columns, *(p.column for p in spec.parents)]
    row = db.execute_sql(
        f"SELECT {', '.join(names)} FROM {spec.table} WHERE {_where_key(spec)}", (key,)
    ).fetchone()
    if row is None:
        return None
    values = dict(zip(names, row, strict=True))
    for parent in spec.parents:
        values[parent.column] = _parent_uid(db, parent, values[parent.column])
    return values


def write_row(db: MigrationDb, spec: Synced, key: str, values: dict[str, Any]) -> None:
    """Insert or update a row from travelling fields whose parents are here."""
    local = dict(values)
    for parent in spec.parents:
        local[parent.column] = parent_id(db, parent.table, values.get(parent.column))
    names = [n for n in (*spec.columns, *(p.column for p in spec.parents)) if n in local]
    exists = db.execute_sql(
        f"SELECT 1 FROM {spec.table} WHERE {_where_key(spec)}", (key,)
    ).fetchone()
    if exists:
        assignments = ", ".join(f"{n} = ?" for n in names)
        params: Sequence[object] = [*(local[n] for n in names), key]
        db.execute_sql(f"UPDATE {spec.table} SET {assignments} WHERE {_where_key(spec)}", params)
        return
    names = [*spec.key_columns, *names]
    key_values = dict(zip(spec.key_columns, key_parts(spec, key), strict=True))
    local.update(key_values)
    marks = ", ".join("?" for _ in names)
    db.execute_sql(
        f"INSERT INTO {spec.table} ({', '.join(names)}) VALUES ({marks})",
        [local[n] for n in names],
    )


def key_parts(spec: Synced, key: str) -> list[str]:
    return key.rsplit("/", 1) if len(spec.key_columns) == 2 else [key]


def delete_row(db: MigrationDb, spec: Synced, key: str) -> None:
    db.execute_sql(f"DELETE FROM {spec.table} WHERE {_where_key(spec)}", (key,))
