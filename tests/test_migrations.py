"""Schema versions: old journals are brought forward safely; newer ones are never touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase

from journal.errors import JournalUnavailable
from journal.home import backups_dir, database_path
from journal.migrations import SCHEMA_VERSION, STEPS, migrate, schema_version
from journal.models import Client, Interaction
from journal.secrets import KeyRecord, save_key_record
from journal.store import PRAGMAS, open_journal

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
    backups = list(backups_dir(home).glob("before-schema-*.db"))
    assert len(backups) == 1
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

    monkeypatch.setattr("journal.migrations.STEPS", (STEPS[0], broken_step))
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
