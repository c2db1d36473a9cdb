"""Ordered schema steps. Each runs in one transaction together with its version bump.

Each step is written against the schema of its own time in plain SQL, never against the
current model classes (which carry columns that later steps add). The version lives in
SQLite's user_version header field, which is part of the transaction.

A step that rebuilds tables (SQLite's 12-step ALTER, the only way to change a column's
definition) is wrapped in `TableRebuild`: `migrate` then runs it with foreign keys off, so
DROP TABLE cannot cascade into the rows of other tables, and before committing refuses any
foreign key the step left pointing at nothing (ones that already did so before are kept as
they were: they are not the step's doing, and refusing them would lock the journal for good).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from peewee import OperationalError

from journal.store.search_schema import search_prefixes, search_rows_by_rowid


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class MigrationDb(Protocol):
    """What migrating needs of a peewee `Database`, typed where peewee's stubs leave
    `execute_sql` untyped."""

    def execute_sql(self, sql: str, params: Sequence[object] | None = None) -> Cursor: ...
    def atomic(self) -> AbstractContextManager[object]: ...


Step = Callable[[MigrationDb], None]


@dataclass(frozen=True)
class TableRebuild:
    """A step that drops and recreates tables; see `migrate` for how it is run safely."""

    step: Step

    def __call__(self, db: MigrationDb) -> None:
        self.step(db)


class MigrationCheckFailed(OperationalError):
    """A rebuild would have left the journal inconsistent; it was rolled back."""


def _v1_initial(db: MigrationDb) -> None:
    statements = [
        """CREATE TABLE client (
            id INTEGER PRIMARY KEY,
            uid VARCHAR(255) NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            project TEXT NOT NULL DEFAULT '',
            preferred_channel TEXT,
            cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('prospect', 'active', 'paused', 'closed')),
            fit INTEGER CHECK (fit IS NULL OR fit BETWEEN 1 AND 5),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX client_name_nocase ON client (name COLLATE NOCASE)",
        """CREATE TABLE interaction (
            id INTEGER PRIMARY KEY,
            uid VARCHAR(255) NOT NULL UNIQUE,
            client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            channel TEXT NOT NULL
                CHECK (channel IN ('email', 'phone', 'video', 'meeting', 'message')),
            direction TEXT NOT NULL CHECK (direction IN ('out', 'in', 'two_way')),
            summary TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            feeling INTEGER CHECK (feeling IS NULL OR feeling BETWEEN -2 AND 2),
            emotions TEXT NOT NULL DEFAULT '[]',
            awaits_reply INTEGER NOT NULL DEFAULT 0,
            follow_up_on DATE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX interaction_client_at ON interaction (client_id, at)",
        """CREATE TABLE commitment (
            id INTEGER PRIMARY KEY,
            uid VARCHAR(255) NOT NULL UNIQUE,
            client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,
            owner TEXT NOT NULL CHECK (owner IN ('me', 'client')),
            text TEXT NOT NULL,
            due DATE,
            done_on DATE,
            interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX commitment_client_due ON commitment (client_id, due)",
        "CREATE INDEX commitment_interaction ON commitment (interaction_id)",
        "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # Full-text search over what the coach wrote, kept in sync by triggers so that no
        # write path can forget it.
        """CREATE VIRTUAL TABLE search_index USING fts5 (
            title, body, kind UNINDEXED, ref_id UNINDEXED, client_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
            INSERT INTO search_index (title, body, kind, ref_id, client_id)
            VALUES (new.summary, new.notes, 'interaction', new.id, new.client_id);
        END""",
        """CREATE TRIGGER interaction_fts_update AFTER UPDATE ON interaction BEGIN
            DELETE FROM search_index WHERE kind = 'interaction' AND ref_id = old.id;
            INSERT INTO search_index (title, body, kind, ref_id, client_id)
            VALUES (new.summary, new.notes, 'interaction', new.id, new.client_id);
        END""",
        """CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
            DELETE FROM search_index WHERE kind = 'interaction' AND ref_id = old.id;
        END""",
        """CREATE TRIGGER commitment_fts_insert AFTER INSERT ON commitment BEGIN
            INSERT INTO search_index (title, body, kind, ref_id, client_id)
            VALUES (new.text, '', 'commitment', new.id, new.client_id);
        END""",
        """CREATE TRIGGER commitment_fts_update AFTER UPDATE OF text, client_id ON commitment
        BEGIN
            DELETE FROM search_index WHERE kind = 'commitment' AND ref_id = old.id;
            INSERT INTO search_index (title, body, kind, ref_id, client_id)
            VALUES (new.text, '', 'commitment', new.id, new.client_id);
        END""",
        """CREATE TRIGGER commitment_fts_delete AFTER DELETE ON commitment BEGIN
            DELETE FROM search_index WHERE kind = 'commitment' AND ref_id = old.id;
        END""",
    ]
    for sql in statements:
        db.execute_sql(sql)


def _v2_self_check_and_cue_state(db: MigrationDb) -> None:
    """Self-check answers per interaction, per-client cue thresholds, dismissed cues."""
    db.execute_sql("ALTER TABLE interaction ADD COLUMN self_check TEXT")
    db.execute_sql("ALTER TABLE client ADD COLUMN cue_settings TEXT NOT NULL DEFAULT '{}'")
    db.execute_sql(
        """CREATE TABLE cue_dismissal (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            evidence_key TEXT NOT NULL,
            snoozed_until TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute_sql("CREATE INDEX cue_dismissal_client ON cue_dismissal (client_id, kind)")


def _drafts(db: MigrationDb) -> None:
    """Unsaved capture drafts, kept inside the encrypted journal: they hold private notes."""
    db.execute_sql(
        """CREATE TABLE draft (
            key TEXT PRIMARY KEY,
            client_id INTEGER REFERENCES client (id) ON DELETE SET NULL,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


def _user_templates(db: MigrationDb) -> None:
    """The user's own templates and edited built-ins, encrypted with the rest of the journal."""
    db.execute_sql(
        """CREATE TABLE user_template (
            id INTEGER PRIMARY KEY,
            template_id TEXT NOT NULL,
            lang TEXT NOT NULL,
            title TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            answers TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (template_id, lang)
        )"""
    )


# The v4 definitions of the tables whose rows undo puts back by id (and of client, whose id
# those rows carry), now with AUTOINCREMENT: SQLite then never hands out an id again, not even
# the highest one after it was deleted, so a row taken back by undo can always return under
# its own id, and an id kept by an undo command can never come to name another row.
# user_template and draft are left alone: undo finds those by their natural keys, never by
# a remembered id. cue_dismissal was left alone here too, but undo does remember its ids
# (journal/cues/state.py HoldChange): the next step gives it AUTOINCREMENT as well.
_NEVER_REUSED_IDS: tuple[tuple[str, str], ...] = (
    (
        "client",
        """CREATE TABLE client_rebuilt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid VARCHAR(255) NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            project TEXT NOT NULL DEFAULT '',
            preferred_channel TEXT,
            cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('prospect', 'active', 'paused', 'closed')),
            fit INTEGER CHECK (fit IS NULL OR fit BETWEEN 1 AND 5),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            cue_settings TEXT NOT NULL DEFAULT '{}'
        )""",
    ),
    (
        "interaction",
        """CREATE TABLE interaction_rebuilt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid VARCHAR(255) NOT NULL UNIQUE,
            client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            channel TEXT NOT NULL
                CHECK (channel IN ('email', 'phone', 'video', 'meeting', 'message')),
            direction TEXT NOT NULL CHECK (direction IN ('out', 'in', 'two_way')),
            summary TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            feeling INTEGER CHECK (feeling IS NULL OR feeling BETWEEN -2 AND 2),
            emotions TEXT NOT NULL DEFAULT '[]',
            awaits_reply INTEGER NOT NULL DEFAULT 0,
            follow_up_on DATE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            self_check TEXT
        )""",
    ),
    (
        "commitment",
        """CREATE TABLE commitment_rebuilt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid VARCHAR(255) NOT NULL UNIQUE,
            client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,
            owner TEXT NOT NULL CHECK (owner IN ('me', 'client')),
            text TEXT NOT NULL,
            due DATE,
            done_on DATE,
            interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ),
)


def _columns(db: MigrationDb, table: str) -> list[str]:
    return [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]


def _rebuild(db: MigrationDb, table: str, create_rebuilt: str) -> None:
    """Steps 4-10 of https://www.sqlite.org/lang_altertable.html#otheralter for one table."""
    # Its indexes and triggers (the FTS ones) go with DROP TABLE; keep their exact definitions.
    dependents = [
        sql
        for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL ORDER BY type, name",
            (table,),
        ).fetchall()
    ]
    db.execute_sql(create_rebuilt)
    rebuilt = f"{table}_rebuilt"
    columns = _columns(db, rebuilt)
    if sorted(columns) != sorted(_columns(db, table)):
        raise MigrationCheckFailed(f"table {table} does not have the expected columns")
    listed = ", ".join(columns)
    db.execute_sql(f"INSERT INTO {rebuilt} ({listed}) SELECT {listed} FROM {table}")
    db.execute_sql(f"DROP TABLE {table}")
    db.execute_sql(f"ALTER TABLE {rebuilt} RENAME TO {table}")
    for sql in dependents:
        db.execute_sql(sql)
    # Ids count on from the highest one in use (inserting explicit ids would do the same
    # implicitly; saying it keeps the intent visible).
    db.execute_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
    db.execute_sql(
        f"INSERT INTO sqlite_sequence (name, seq) SELECT ?, COALESCE(MAX(id), 0) FROM {table}",
        (table,),
    )


def _ids_never_reused(db: MigrationDb) -> None:
    """Undo puts deleted rows back under their own ids: no other row may ever take one."""
    for table, create_rebuilt in _NEVER_REUSED_IDS:
        _rebuild(db, table, create_rebuilt)


_CUE_DISMISSAL_REBUILT = """CREATE TABLE cue_dismissal_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    evidence_key TEXT NOT NULL,
    snoozed_until TEXT,
    created_at TEXT NOT NULL
)"""


def _hold_ids_never_reused(db: MigrationDb) -> None:
    """Undo of a dismissal deletes the hold it stored by id and puts the holds it replaced
    back under theirs: a reused id could make it delete another cue's hold, or miss its own."""
    _rebuild(db, "cue_dismissal", _CUE_DISMISSAL_REBUILT)


def _template_of_sent_messages(db: MigrationDb) -> None:
    """Which template a logged message was made from: a closing-the-loop message sent ends
    the unanswered cue's call for one."""
    db.execute_sql("ALTER TABLE interaction ADD COLUMN template TEXT NOT NULL DEFAULT ''")


_CLIENT_SEARCH_ROW = "new.project, new.notes, 'client', new.id, new.id"


def _client_profiles_searched(db: MigrationDb) -> None:
    """A client's project and profile notes are found by search too ("Göteborg", where the
    coach met her), kept in sync by triggers like the rest of the index. (Names are what the
    client list's filter is for.)"""
    for sql in (
        f"""CREATE TRIGGER client_fts_insert AFTER INSERT ON client BEGIN
            INSERT INTO search_index (title, body, kind, ref_id, client_id)
            VALUES ({_CLIENT_SEARCH_ROW});
        END""",
        f"""CREATE TRIGGER client_fts_update AFTER UPDATE OF project, notes ON client
        BEGIN
            DELETE FROM search_index WHERE kind = 'client' AND ref_id = old.id;
            INSERT INTO search_index (title, body, kind, ref_id, client_id)
            VALUES ({_CLIENT_SEARCH_ROW});
        END""",
        """CREATE TRIGGER client_fts_delete AFTER DELETE ON client BEGIN
            DELETE FROM search_index WHERE kind = 'client' AND ref_id = old.id;
        END""",
        "INSERT INTO search_index (title, body, kind, ref_id, client_id) "
        "SELECT project, notes, 'client', id, id FROM client",
    ):
        db.execute_sql(sql)


def _away_and_half_days(db: MigrationDb) -> None:
    """A client's away periods (holidays, leave) as a JSON list. cadence_days may now hold a
    half day (3.5: twice a week): its INTEGER column keeps such a value as it is, so only the
    new column is needed."""
    db.execute_sql("ALTER TABLE client ADD COLUMN away TEXT NOT NULL DEFAULT '[]'")


def _dismissal_ids_for_sync(db: MigrationDb) -> None:
    """A stable id for each dismissal or snooze, so sync can name it on every device (clients,
    interactions and commitments have had one from the start)."""
    db.execute_sql("ALTER TABLE cue_dismissal ADD COLUMN uid TEXT")
    db.execute_sql("UPDATE cue_dismissal SET uid = lower(hex(randomblob(16)))")
    db.execute_sql("CREATE UNIQUE INDEX cue_dismissal_uid ON cue_dismissal (uid)")


STEPS: tuple[Step, ...] = (
    _v1_initial,
    _v2_self_check_and_cue_state,
    _drafts,
    _user_templates,
    TableRebuild(_ids_never_reused),
    TableRebuild(_hold_ids_never_reused),
    _template_of_sent_messages,
    _client_profiles_searched,
    _away_and_half_days,
    search_rows_by_rowid,
    _dismissal_ids_for_sync,
    search_prefixes,
)
SCHEMA_VERSION = len(STEPS)


def schema_version(db: MigrationDb) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: MigrationDb, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the database up to `target`; returns the versions applied."""
    applied: list[int] = []
    current = schema_version(db)
    for version in range(current + 1, target + 1):
        step = STEPS[version - 1]
        if isinstance(step, TableRebuild):
            _run_rebuild(db, step, version)
        else:
            with db.atomic():
                step(db)
                _set_version(db, version)
        applied.append(version)
    return applied


def _set_version(db: MigrationDb, version: int) -> None:
    db.execute_sql(f"PRAGMA user_version = {version:d}")


def _foreign_keys_on(db: MigrationDb) -> bool:
    return bool(db.execute_sql("PRAGMA foreign_keys").fetchone()[0])


def _dangling(db: MigrationDb) -> set[tuple[str, int, str]]:
    """(table, rowid, referenced table) of every row whose foreign key points at nothing."""
    rows = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    return {(table, rowid, parent) for table, rowid, parent, _ in rows}


def _run_rebuild(db: MigrationDb, step: TableRebuild, version: int) -> None:
    """Run a rebuild with foreign keys off, committing only if every reference still holds.

    With foreign keys on, DROP TABLE deletes the table's rows first and so fires ON DELETE
    CASCADE / SET NULL in the tables that point at it. PRAGMA foreign_keys is ignored inside
    a transaction, so it is switched off before the transaction begins and back after it ends.
    """
    was_on = _foreign_keys_on(db)
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        if _foreign_keys_on(db):
            raise MigrationCheckFailed(
                "foreign keys could not be switched off (a transaction is open)"
            )
        with db.atomic():
            # Only references the rebuild broke count: a journal that already had a dangling
            # one (written with foreign keys off by some older tool) must still open.
            already = _dangling(db)
            step(db)
            broken = _dangling(db) - already
            if broken:
                tables = sorted({table for table, _, _ in broken})
                raise MigrationCheckFailed(
                    f"{len(broken)} rows would point at missing rows (in {', '.join(tables)})"
                )
            _set_version(db, version)
    finally:
        if was_on:
            db.execute_sql("PRAGMA foreign_keys = ON")
