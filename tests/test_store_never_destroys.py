"""A journal that cannot be opened is never changed: a write-ahead file left by another
journal is set aside, never merged; a wrong key beside any write-ahead file writes nothing;
a missing or empty journal file beside a journal's traces is refused, never replaced."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal import clients
from journal.errors import JournalUnavailable, WrongKey
from journal.store.database import Journal, open_journal
from journal.store.home import database_path, key_record_path
from journal.store.models import Client

PASSPHRASE = "a long enough passphrase"
OTHER = "another journal's passphrase"


def _files(home: Path) -> dict[str, str]:
    """What holds the journal: the file, its write-ahead file, its key record. (Reading a
    write-ahead file makes SQLite's -shm index of it, which holds no data.)"""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in home.iterdir()
        if not p.name.endswith("-shm")
    }


def _crashed_copy(journal: Journal, names: list[str], target: Path) -> Path:
    """The journal's files as a crash would leave them: saves still in the write-ahead file
    (copied while the journal is open, so nothing was checkpointed)."""
    target.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"{database_path(journal.home)}{suffix}")
        shutil.copy(source, target / source.name)
    shutil.copy(key_record_path(journal.home), target / key_record_path(target).name)
    return target


@pytest.fixture
def passphrase(no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    yield


def _journal_with_unsaved_wal(home: Path, names: list[str], where: Path) -> Path:
    """A journal at `where` whose clients `names` live only in its write-ahead file."""
    journal = open_journal(home)
    journal.db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    for name in names:
        clients.create_client(name)
    try:
        return _crashed_copy(journal, names, where)
    finally:
        journal.close()


def _foreign_wal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A write-ahead file of another journal, under another passphrase."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", OTHER)
    other = _journal_with_unsaved_wal(tmp_path / "other", ["Olga"], tmp_path / "other-crash")
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    return (other / "journal.db-wal").read_bytes()


def test_a_foreign_write_ahead_file_is_set_aside_and_the_journal_opens_whole(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_journal(home):
        clients.create_client("Dana")
    foreign = _foreign_wal(tmp_path, monkeypatch)
    (home / "journal.db-wal").write_bytes(foreign)
    with open_journal(home) as journal:
        assert [c.name for c in Client.select()] == ["Dana"]
        [warning] = journal.warnings
    assert "set aside" in warning and "not changed" in warning
    [aside] = home.glob("journal.db-wal.set-aside-*")
    assert aside.read_bytes() == foreign  # kept, never merged or deleted


def test_a_wrong_key_beside_a_foreign_write_ahead_file_changes_nothing(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_journal(home):
        clients.create_client("Dana")
    (home / "journal.db-wal").write_bytes(_foreign_wal(tmp_path, monkeypatch))
    before = _files(home)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "not the passphrase")
    with pytest.raises(WrongKey, match="Nothing was changed"):
        open_journal(home)
    assert _files(home) == before


def test_a_wrong_key_beside_the_journal_s_own_unsaved_pages_changes_nothing(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashed = _journal_with_unsaved_wal(home, ["Dana", "Erik"], tmp_path / "crashed")
    before = _files(crashed)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "not the passphrase")
    with pytest.raises(WrongKey):
        open_journal(crashed)
    assert _files(crashed) == before
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(crashed) as journal:
        assert sorted(c.name for c in Client.select()) == ["Dana", "Erik"]
        assert journal.warnings == []  # its own write-ahead file: read, not set aside


@pytest.mark.parametrize("journal_file", ["missing", "empty"])
@pytest.mark.parametrize("trace", ["journal.db-wal", "key.json"])
def test_a_lost_journal_file_beside_its_traces_is_refused_not_replaced(
    home: Path, passphrase: None, tmp_path: Path, journal_file: str, trace: str
) -> None:
    crashed = _journal_with_unsaved_wal(home, ["Dana"], tmp_path / "crashed")
    for name in {"journal.db-wal", "key.json"} - {trace}:
        (crashed / name).unlink()
    path = database_path(crashed)
    if journal_file == "missing":
        path.unlink()
    else:
        path.write_bytes(b"")
    before = _files(crashed)
    with pytest.raises(JournalUnavailable, match=f"missing or empty, but {trace}") as caught:
        open_journal(crashed)
    assert "nothing was changed" in str(caught.value) and "\n" not in str(caught.value)
    assert _files(crashed) == before
