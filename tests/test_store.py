"""The encrypted store: keys, passphrases, refusal to damage, durability settings."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import keyring
import pytest

from journal import clients
from journal.errors import JournalUnavailable, KeyStoreError, UserInputError
from journal.store.database import open_journal
from journal.store.home import database_path, key_record_path
from journal.store.models import Client
from journal.store.secrets import SERVICE, PassphrasePurpose
from tests.support.keyrings import DiscardingKeyring, MemoryKeyring

PASSPHRASE = "a long enough passphrase"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal_files(home: Path) -> dict[str, str]:
    return {p.name: _digest(p) for p in sorted(home.iterdir()) if p.is_file()}


def test_new_journal_is_encrypted_from_the_first_byte(home: Path) -> None:
    with open_journal(home) as journal:
        clients.create_client("Anna Secretsson", notes="confidential burnout story")
        assert journal.key_mode == "keyring"
    raw = database_path(home).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Secretsson" not in raw and b"burnout" not in raw


def test_key_lives_in_the_keyring_and_the_record_names_its_backend(
    home: Path, isolated_environment: MemoryKeyring
) -> None:
    open_journal(home).close()
    record = json.loads(key_record_path(home).read_text())
    assert record["mode"] == "keyring"
    assert record["backend"] == "tests.support.keyrings.MemoryKeyring"
    secret = keyring.get_password(SERVICE, record["account"])
    assert secret and len(secret) == 64  # 256 bits, hex
    assert secret not in key_record_path(home).read_text()


def test_reopening_with_the_keyring_finds_the_data(home: Path) -> None:
    with open_journal(home):
        clients.create_client("Bo")
    with open_journal(home) as journal:
        assert [c.name for c in Client.select()] == ["Bo"]
        assert not journal.created


def test_a_keyring_that_discards_secrets_is_caught_and_a_passphrase_used(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(DiscardingKeyring())
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home) as journal:
        assert journal.key_mode == "passphrase"


def test_without_keyring_or_passphrase_nothing_is_created(home: Path, no_keyring: None) -> None:
    with pytest.raises(KeyStoreError, match="RAPPORT_PASSPHRASE"):
        open_journal(home)
    assert not database_path(home).exists()


def test_an_empty_passphrase_is_never_used(home: Path, no_keyring: None) -> None:
    with pytest.raises(KeyStoreError):
        open_journal(home, ask_passphrase=lambda purpose: "")
    assert not database_path(home).exists()


def test_a_short_passphrase_is_refused_at_creation(home: Path, no_keyring: None) -> None:
    with pytest.raises(UserInputError, match="at least 8"):
        open_journal(home, ask_passphrase=lambda purpose: "short")
    assert not database_path(home).exists()


def test_passphrase_from_the_prompt_when_no_keyring(home: Path, no_keyring: None) -> None:
    asked: list[PassphrasePurpose] = []

    def ask(purpose: PassphrasePurpose) -> str:
        asked.append(purpose)
        return PASSPHRASE

    with open_journal(home, ask) as journal:
        clients.create_client("Cleo")
        assert journal.key_mode == "passphrase"
    with open_journal(home, ask):
        assert Client.select().count() == 1
    assert asked == [PassphrasePurpose.CREATE, PassphrasePurpose.UNLOCK]


def test_wrong_passphrase_fails_cleanly_and_changes_nothing(
    home: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home):
        clients.create_client("Dana")
    before = _journal_files(home)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "not the passphrase")
    with pytest.raises(JournalUnavailable, match="wrong passphrase") as caught:
        open_journal(home)
    assert "\n" not in str(caught.value)
    assert _journal_files(home) == before
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home):
        assert [c.name for c in Client.select()] == ["Dana"]


def test_missing_key_in_keyring_is_refused_and_the_journal_kept(
    home: Path, isolated_environment: MemoryKeyring
) -> None:
    with open_journal(home):
        clients.create_client("Eva")
    before = _journal_files(home)
    isolated_environment.secrets.clear()
    with pytest.raises(JournalUnavailable, match="missing from the keyring"):
        open_journal(home)
    assert _journal_files(home) == before


def test_a_changed_keyring_backend_is_named_in_the_error(home: Path) -> None:
    open_journal(home).close()
    keyring.set_keyring(DiscardingKeyring())  # another backend, without our key
    with pytest.raises(JournalUnavailable, match="PYTHON_KEYRING_BACKEND"):
        open_journal(home)


def test_a_damaged_file_is_reported_not_replaced(home: Path) -> None:
    open_journal(home).close()
    path = database_path(home)
    damaged = b"\x00garbage" * 512
    path.write_bytes(damaged)
    with pytest.raises(JournalUnavailable, match="damaged"):
        open_journal(home)
    assert path.read_bytes() == damaged


def test_create_false_does_not_make_a_journal(home: Path) -> None:
    with pytest.raises(JournalUnavailable, match="no journal"):
        open_journal(home, create=False)
    assert not database_path(home).exists()


def test_durability_pragmas(journal) -> None:
    db = journal.db
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_files_are_owner_only(home: Path) -> None:
    open_journal(home).close()
    for path in (database_path(home), key_record_path(home)):
        assert path.stat().st_mode & 0o077 == 0, path


def test_deleting_a_client_removes_its_history(journal) -> None:
    from journal.entries.capture import log_interaction
    from journal.store.models import Interaction

    client = clients.create_client("Finn")
    log_interaction(
        client,
        at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
        channel="email",
        direction="out",
        summary="hello",
    )
    clients.delete_client(client)
    assert Interaction.select().count() == 0


def test_backup_is_an_encrypted_copy_that_opens_with_the_same_key(
    home: Path, tmp_path: Path
) -> None:
    with open_journal(home) as journal:
        clients.create_client("Gus")
        target = journal.backup_to(tmp_path / "copy" / "journal.db")
    assert not target.read_bytes().startswith(b"SQLite format 3")
    copy_home = target.parent
    key_record_path(copy_home).write_text(key_record_path(home).read_text())
    with open_journal(copy_home):
        assert [c.name for c in Client.select()] == ["Gus"]


def test_a_key_record_cannot_make_rapport_import_other_code(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """key.json may sit in a synced folder: a backend name outside keyring's packages is ignored."""
    import sys

    import keyring.core

    from journal.store.secrets import KeyRecord, _recorded_backend

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    sys.modules.pop("tests.support.spy_backend", None)
    record = KeyRecord(mode="keyring", backend="tests.support.spy_backend.SpyKeyring", account="a")
    assert _recorded_backend(record) is None
    assert "tests.support.spy_backend" not in sys.modules


def test_a_broken_keyring_configuration_is_one_clear_line(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring.core

    def broken_config() -> None:
        raise ModuleNotFoundError("No module named 'keyrings.gone'")

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "load_config", broken_config)
    with pytest.raises(KeyStoreError, match="keyring configuration is broken") as caught:
        open_journal(home)
    assert "\n" not in str(caught.value)
    assert not database_path(home).exists()
