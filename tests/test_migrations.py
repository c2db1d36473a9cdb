"""Schema versions: old journals are brought forward safely; newer ones are never touched."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase

from journal.errors import JournalUnavailable
from journal.store.database import PRAGMAS, open_journal
from journal.store.home import backups_dir, database_path
from journal.store.key_record import KeyRecord, save_key_record
from journal.store.migrations import (
    SCHEMA_VERSION,
    STEPS,
    MigrationCheckFailed,
    TableRebuild,
    migrate,
    schema_version,
)
from journal.store.models import Client, Commitment, Interaction

PASSPHRASE = "migration test passphrase"


def _old_journal(home: Path, version: int) -> None:
    """A journal as Rapport of schema `version` left it, with a client and an interaction."""
    home.mkdir(parents=True, exist_ok=True)
    db = SqlCipherDatabase(str(database_path(home)), passphrase=PASSPHRASE, pragmas=PRAGMAS)
    db.connect()
    migrate(db, target=version)
    db.execute_sql(
        "INSERT INTO client (uid, name, created_at, updated_at) "
        "VALUES ('c1', 'Old Client', '2025-01-01 10:00:00.000000', '2025-01-01 10:00:00.000000')"
    )
    db.execute_sql(
        "INSERT INTO interaction (uid, client_id, at, channel, direction, summary, created_at, "
        "updated_at) VALUES ('i1', 1, '2025-01-02 09:30:00.000000', 'phone', 'two_way', "
        "'Kick-off call about burnout', '2025-01-02 09:30:00.000000', '2025-01-02 09:30:00.000000')"
    )
    db.close()
    save_key_record(home, KeyRecord(mode="passphrase"))


def test_a_version_1_journal_is_migrated_with_a_backup_first(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _old_journal(home, version=1)
    with open_journal(home) as journal:
        assert journal.migrated_from == 1
        assert schema_version(journal.db) == SCHEMA_VERSION
        client = Client.get(Client.name == "Old Client")
        assert client.cue_settings == {}
        interaction = Interaction.get(Interaction.uid == "i1")
        assert interaction.self_check is None
        interaction.self_check = {"full_attention": True}
        interaction.save()
        from journal.search import search

        assert [hit.uid for hit in search("burnout")] == ["i1"]
        # Ids are never handed out twice now: the freed highest id stays unused.
        interaction.delete_instance()
        later = Interaction.create(
            client=client, at=interaction.at, channel="email", direction="out", summary="Later"
        )
        assert later.id > interaction.id
    backups = list(backups_dir(home).glob(f"rapport-*-before-schema-{SCHEMA_VERSION}.db"))
    assert len(backups) == 1  # verified: named as one that counts
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")


def test_each_step_is_atomic_with_its_version(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that fails leaves the journal at the previous version, not half-migrated."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _old_journal(home, version=1)
    db = SqlCipherDatabase(str(database_path(home)), passphrase=PASSPHRASE, pragmas=PRAGMAS)
    db.connect()

    def broken_step(database) -> None:
        database.execute_sql("CREATE TABLE half_done (x)")
        database.execute_sql("THIS IS NOT SQL")

    monkeypatch.setattr("journal.store.migrations.STEPS", (STEPS[0], broken_step))
    with pytest.raises(Exception, match="syntax error"):
        migrate(db, target=2)
    assert schema_version(db) == 1
    tables = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master").fetchall()}
    assert "half_done" not in tables
    db.close()


def test_a_journal_from_a_newer_rapport_is_refused_and_untouched(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    open_journal(home).close()
    db = SqlCipherDatabase(str(database_path(home)), passphrase=PASSPHRASE, pragmas=PRAGMAS)
    db.connect()
    db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = hashlib.sha256(database_path(home).read_bytes()).hexdigest()
    with pytest.raises(JournalUnavailable, match="newer Rapport") as caught:
        open_journal(home)
    assert "Update Rapport" in str(caught.value)
    assert hashlib.sha256(database_path(home).read_bytes()).hexdigest() == before
    assert not backups_dir(home).exists()


# The tables of the schema just before the rebuild, with rows in each that point at others.
REBUILD_VERSION = next(n for n, step in enumerate(STEPS, 1) if isinstance(step, TableRebuild))
STAMP = "'2025-03-01 10:00:00.000000'"
ROWS_BEFORE_REBUILD = (
    f"INSERT INTO client (id, uid, name, created_at, updated_at) VALUES "
    f"(1, 'c1', 'Maja', {STAMP}, {STAMP}), (2, 'c2', 'Tom', {STAMP}, {STAMP})",
    "INSERT INTO interaction (id, uid, client_id, at, channel, direction, summary, notes, "
    f"created_at, updated_at) VALUES "
    f"(1, 'i1', 1, {STAMP}, 'phone', 'two_way', 'Kick-off about burnout', '', {STAMP}, {STAMP}), "
    f"(2, 'i2', 2, {STAMP}, 'email', 'out', 'Agenda sent', 'quarterly goals', {STAMP}, {STAMP}), "
    f"(7, 'i7', 1, {STAMP}, 'video', 'two_way', 'Second session', 'boundaries', {STAMP}, {STAMP})",
    "INSERT INTO commitment (id, uid, client_id, owner, text, interaction_id, created_at, "
    f"updated_at) VALUES (1, 'k1', 1, 'me', 'Send the reading list', 1, {STAMP}, {STAMP}), "
    f"(2, 'k2', 2, 'client', 'Draft the plan', 2, {STAMP}, {STAMP}), "
    f"(3, 'k3', 1, 'client', 'Try the boundary script', 7, {STAMP}, {STAMP}), "
    f"(4, 'k4', 2, 'me', 'Check in', NULL, {STAMP}, {STAMP})",
    "INSERT INTO cue_dismissal (client_id, kind, evidence_key, created_at) "
    f"VALUES (1, 'unanswered', 'i2', {STAMP})",
    f"INSERT INTO draft (key, client_id, payload, updated_at) VALUES ('new-1', 2, '{{}}', {STAMP})",
)
KEPT_TABLES = ("client", "interaction", "commitment", "cue_dismissal", "draft", "search_index")


def _rows(db: SqlCipherDatabase) -> dict[str, list[tuple]]:
    return {t: sorted(db.execute_sql(f"SELECT * FROM {t}").fetchall()) for t in KEPT_TABLES}


def _connect(home: Path) -> SqlCipherDatabase:
    db = SqlCipherDatabase(str(database_path(home)), passphrase=PASSPHRASE, pragmas=PRAGMAS)
    db.connect()
    return db


@pytest.fixture
def before_rebuild(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple]]:
    """A journal at the version before the rebuild, with linked rows; returns all its rows."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    home.mkdir(parents=True, exist_ok=True)
    db = _connect(home)
    migrate(db, target=REBUILD_VERSION - 1)
    for sql in ROWS_BEFORE_REBUILD:
        db.execute_sql(sql)
    before = _rows(db)
    db.close()
    save_key_record(home, KeyRecord(mode="passphrase"))
    return before


def test_the_rebuild_for_never_reused_ids_keeps_every_row_link_and_cascade(
    home: Path, before_rebuild: dict[str, list[tuple]]
) -> None:
    with open_journal(home) as journal:
        db = journal.db
        assert journal.migrated_from == REBUILD_VERSION - 1
        # Every row of every table, the FTS rows included, exactly as it was; so no
        # commitment lost its interaction, no draft its client (DROP TABLE cascaded nothing).
        # Later steps only add columns at the end of a table, and search rows for profiles.
        widths = {table: len(rows[0]) for table, rows in before_rebuild.items()}
        after = {
            t: [row[: widths[t]] for row in rows if t != "search_index" or row[2] != "client"]
            for t, rows in _rows(db).items()
        }
        assert after == before_rebuild
        assert Commitment.get(Commitment.uid == "k3").interaction.uid == "i7"
        for table in ("client", "interaction", "commitment", "cue_dismissal"):
            assert (
                "AUTOINCREMENT"
                in db.execute_sql(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
                ).fetchone()[0]
            )
        indexes = {
            row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {
            "client_name_nocase",
            "interaction_client_at",
            "commitment_interaction",
            "cue_dismissal_client",
        } <= indexes
        assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)

        from journal.clients import delete_client
        from journal.entries.capture import update_interaction
        from journal.search import search

        # The search index and its triggers work on the rebuilt tables.
        assert [hit.uid for hit in search("burnout")] == ["i1"]
        update_interaction(Interaction.get(Interaction.uid == "i1"), summary="Kick-off on sleep")
        assert search("burnout") == []
        assert [hit.uid for hit in search("sleep")] == ["i1"]
        # A freed highest id is never handed out again, whatever writes next.
        Interaction.get(Interaction.uid == "i7").delete_instance()
        maja = Client.get(Client.uid == "c1")
        fresh = Interaction.create(
            client=maja, at=maja.created_at, channel="email", direction="out", summary="New"
        )
        assert fresh.id == 8  # the old schema gave it 7 again
        assert Commitment.get(Commitment.uid == "k3").interaction is None  # SET NULL still fires
        # Deleting a client still takes its interactions and commitments with it.
        delete_client(Client.get(Client.uid == "c2"))
        assert not Interaction.select().where(Interaction.uid == "i2").exists()
        assert not Commitment.select().where(Commitment.uid.in_(["k2", "k4"])).exists()
        assert [hit.uid for hit in search("quarterly")] == []


def test_a_rebuild_that_would_break_a_reference_is_rolled_back(
    home: Path, before_rebuild: dict[str, list[tuple]], monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild = STEPS[REBUILD_VERSION - 1]

    def losing_a_row(database) -> None:  # a faulty rebuild: commitment k1 loses its interaction
        rebuild(database)
        database.execute_sql("DELETE FROM interaction WHERE uid = 'i1'")

    faulty = list(STEPS)
    faulty[REBUILD_VERSION - 1] = TableRebuild(losing_a_row)
    monkeypatch.setattr("journal.store.migrations.STEPS", tuple(faulty))
    db = _connect(home)
    with pytest.raises(MigrationCheckFailed, match="1 rows would point at missing rows"):
        migrate(db)
    assert schema_version(db) == REBUILD_VERSION - 1
    assert (
        "AUTOINCREMENT"
        not in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'interaction'"
        ).fetchone()[0]
    )
    broken = {t: rows for t, rows in _rows(db).items() if t != "commitment"}
    assert broken == {t: rows for t, rows in before_rebuild.items() if t != "commitment"}
    assert _rows(db) == before_rebuild  # the interaction too: all of it rolled back
    assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
    db.close()


def test_a_rebuild_is_refused_inside_an_open_transaction(
    home: Path, before_rebuild: dict[str, list[tuple]]
) -> None:
    """There foreign keys cannot be switched off, and DROP TABLE would cascade."""
    db = _connect(home)
    with pytest.raises(MigrationCheckFailed, match="transaction"), db.atomic():
        migrate(db)
    assert schema_version(db) == REBUILD_VERSION - 1
    assert _rows(db) == before_rebuild
    db.close()


def test_a_reference_that_was_already_dangling_does_not_lock_the_journal(
    home: Path, before_rebuild: dict[str, list[tuple]]
) -> None:
    """Only what a rebuild breaks is refused: a bad reference an older tool left behind (with
    foreign keys off) must not keep the journal from opening, ever."""
    db = _connect(home)
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql("UPDATE commitment SET interaction_id = 99 WHERE uid = 'k1'")
    db.execute_sql("PRAGMA foreign_keys = ON")
    db.close()
    with open_journal(home) as journal:
        assert journal.migrated_from == REBUILD_VERSION - 1
        assert schema_version(journal.db) == SCHEMA_VERSION
        k1 = journal.db.execute_sql(
            "SELECT interaction_id, text FROM commitment WHERE uid = 'k1'"
        ).fetchone()
        assert k1 == (99, "Send the reading list")  # left exactly as it was
        assert Client.select().count() == 2


HOLDS_VERSION = next(
    n
    for n, step in enumerate(STEPS, 1)
    if isinstance(step, TableRebuild) and "hold" in step.step.__name__
)


def test_the_rebuild_of_holds_keeps_them_and_never_hands_an_id_out_twice(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undo deletes a dismissal by the id it remembers: a freed id must never name another."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    home.mkdir(parents=True, exist_ok=True)
    db = _connect(home)
    migrate(db, target=HOLDS_VERSION - 1)
    db.execute_sql(ROWS_BEFORE_REBUILD[0])  # Maja (1) and Tom (2)
    db.execute_sql(
        "INSERT INTO cue_dismissal (id, client_id, kind, evidence_key, snoozed_until, "
        f"created_at) VALUES (1, 1, 'unanswered', '2|i:a', NULL, {STAMP}), "
        f"(2, 2, 'neglect', '3|i:b', '2025-03-08 09:00:00.000000', {STAMP}), "
        f"(3, 1, 'over_contact', '2|i:c i:d', NULL, {STAMP})"
    )
    before = sorted(db.execute_sql("SELECT * FROM cue_dismissal").fetchall())
    db.close()
    save_key_record(home, KeyRecord(mode="passphrase"))
    with open_journal(home) as journal:
        db = journal.db
        assert journal.migrated_from == HOLDS_VERSION - 1
        columns = "id, client_id, kind, evidence_key, snoozed_until, created_at"
        after = db.execute_sql(f"SELECT {columns} FROM cue_dismissal").fetchall()
        assert sorted(after) == before
        uids = [row[0] for row in db.execute_sql("SELECT uid FROM cue_dismissal")]
        assert len(set(uids)) == 3 and all(len(uid) == 32 for uid in uids)  # stable sync ids
        sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'cue_dismissal'")
        assert "AUTOINCREMENT" in sql.fetchone()[0]
        index = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
        assert db.execute_sql(index, ("cue_dismissal_client",)).fetchone() == (1,)
        assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)

        from journal.clients import delete_client
        from journal.store.models import CueDismissal

        CueDismissal.delete_by_id(3)  # the highest: the old schema would give 3 again
        fresh = CueDismissal.create(client=1, kind="neglect", evidence_key="1|")
        assert fresh.id == 4
        delete_client(Client.get(Client.uid == "c2"))  # a client's holds still go with them
        assert sorted(row.id for row in CueDismissal.select()) == [1, 4]


def test_an_old_journal_readable_by_others_is_owner_only_once_migrated(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _old_journal(home, version=1)
    database_path(home).chmod(0o644)  # as an older Rapport or a copy may have left it
    with open_journal(home):
        pass
    assert database_path(home).stat().st_mode & 0o777 == 0o600
    [backup] = backups_dir(home).glob("rapport-*-before-schema-*.db")
    assert backup.stat().st_mode & 0o777 == 0o600


def test_a_migration_retried_within_the_same_second_keeps_both_backups(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration killed after its backup and started again at once: not refused."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _old_journal(home, version=1)
    moment = dt.datetime(2026, 3, 2, 12, 0, 0, tzinfo=dt.UTC)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:  # type: ignore[override]
            return cls.fromtimestamp(moment.timestamp(), tz)

    monkeypatch.setattr("journal.store.database.dt", SimpleNamespace(datetime=Frozen, UTC=dt.UTC))
    stamp = moment.astimezone().strftime("%Y%m%d-%H%M%S")
    earlier = backups_dir(home) / f"rapport-{stamp}-before-schema-{SCHEMA_VERSION}.db"
    earlier.parent.mkdir(parents=True, exist_ok=True)
    earlier.write_bytes(b"the first attempt's backup")
    with open_journal(home) as journal:
        assert journal.migrated_from == 1
    assert earlier.read_bytes() == b"the first attempt's backup"  # kept as it was
    assert (earlier.parent / f"{earlier.stem}-2.db").exists()


def test_a_schema_11_journal_keeps_finding_notes_as_the_coach_types_after_the_prefix_index(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.search import search
    from journal.store.search_schema import search_prefixes

    assert STEPS[11] is search_prefixes  # schema 12
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _old_journal(home, version=11)
    with open_journal(home) as journal:
        assert journal.migrated_from == 11
        index = journal.db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'search_index'"
        ).fetchone()[0]
        assert "prefix = '2 3'" in index
        for typed in ("bu", "bur", "burn", "kick-off ca"):
            assert [hit.uid for hit in search(typed)] == ["i1"], typed
        client = Client.get(Client.name == "Old Client")
        Interaction.create(
            uid="i2",
            client=client,
            at=dt.datetime(2025, 1, 3, 9, 0, tzinfo=dt.UTC),
            channel="email",
            direction="out",
            summary="Burnout reading list",
        )
        assert sorted(hit.uid for hit in search("bu")) == ["i1", "i2"]
