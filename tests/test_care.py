"""`rapport check` tells a whole journal from a damaged one and changes neither; `rapport
backup` writes an encrypted copy that counts only once it has been opened and checked."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from journal import clients
from journal.cli.main import run
from journal.store.database import open_journal
from journal.store.home import backups_dir, database_path
from journal.store.models import Client

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def journal_home(home: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home):
        for name in ("Ada", "Bo", "Cy"):
            clients.create_client(name, notes="x" * 3000)  # several pages of records
    return home


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_whole_journal_checks_out(journal_home: Path, capsys) -> None:
    assert run(["check"]) == 0
    assert "is whole" in capsys.readouterr().out


def test_a_damaged_page_is_found_and_nothing_is_changed(journal_home: Path, capsys) -> None:
    path = database_path(journal_home)
    data = bytearray(path.read_bytes())
    middle = len(data) - 4096 + 2000  # inside the last page, not the first
    data[middle : middle + 16] = bytes(16)
    path.write_bytes(bytes(data))
    before = _digest(path)
    assert run(["check"]) == 1
    out = capsys.readouterr().out
    assert "is damaged" in out and "was not changed" in out
    assert "no verified backup was found" in out
    assert _digest(path) == before


def test_a_damaged_journal_s_check_names_the_newest_verified_backup(
    journal_home: Path, capsys
) -> None:
    assert run(["backup"]) == 0
    newest = capsys.readouterr().out.strip()
    path = database_path(journal_home)
    data = bytearray(path.read_bytes())
    data[-2000:-1984] = bytes(16)
    path.write_bytes(bytes(data))
    assert run(["check"]) == 1
    assert newest in capsys.readouterr().out


def test_backups_lists_each_copy_with_whether_it_was_verified(journal_home: Path, capsys) -> None:
    assert run(["backups"]) == 0
    assert "No backups" in capsys.readouterr().out
    unverified = backups_dir(journal_home) / "before-schema-9-20260101-000000.db"
    unverified.parent.mkdir(exist_ok=True)
    unverified.write_bytes(b"a plain copy")
    os.utime(unverified, (1_700_000_000, 1_700_000_000))  # older than the one made next
    assert run(["backup"]) == 0
    made = capsys.readouterr().out.strip()
    assert run(["backups", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["place"], b["verified"]) for b in listed] == [
        (made, True),
        (str(unverified), False),
    ]
    assert listed[0]["size"] == Path(made).stat().st_size and listed[0]["time"]


def test_a_backup_is_encrypted_checked_and_holds_the_journal(
    journal_home: Path, tmp_path: Path, capsys
) -> None:
    for target in ([], ["--to", str(tmp_path / "drive")]):
        assert run(["backup", *target]) == 0
        copy = Path(capsys.readouterr().out.strip())
        folder = Path(target[1]) if target else backups_dir(journal_home)
        assert copy.parent == folder and copy.name.startswith("rapport-")
        assert not copy.read_bytes().startswith(b"SQLite format 3")
        assert copy.stat().st_mode & 0o777 == 0o600
        restored = tmp_path / f"restored-{len(target)}"
        restored.mkdir()
        copy.rename(database_path(restored))
        with open_journal(restored, create=False):
            assert sorted(c.name for c in Client.select()) == ["Ada", "Bo", "Cy"]


def test_a_backup_that_does_not_check_out_is_removed_and_said(
    journal_home: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(
        "journal.store.database.copy_problems", lambda *_a: ["client: 2 rows, the journal has 3"]
    )
    before = _digest(database_path(journal_home))
    assert run(["backup"]) != 0
    err = capsys.readouterr().err
    assert "did not check out (client: 2 rows" in err and "was removed" in err
    assert list(backups_dir(journal_home).glob("rapport-*")) == []
    assert _digest(database_path(journal_home)) == before
