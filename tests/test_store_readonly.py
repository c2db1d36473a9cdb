"""A read-only journal, or one on a full disk, stays readable: clients, search, export, a
report and a backup work, the journal is said once to be read-only, and a change is refused
in one line that says why and that nothing was changed. A save whose commit landed is
reported done even when folding the write-ahead file back afterwards fails."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from journal import clients
from journal.cli.common import Outer
from journal.cli.main import run
from journal.entries import capture
from journal.store.database import open_journal
from tests.conftest import NOW
from tests.support.disks import fill, read_only, small_disk
from ui.reports.command import run_report_command

PASSPHRASE = "a long enough passphrase"
NOTES = " ".join(f"thought{i}" for i in range(6000))  # a save of many pages


@pytest.fixture
def journal_files(home: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home):
        ada = clients.create_client("Ada")
        capture.log_interaction(ada, at=NOW, channel="email", direction="out", summary="hello")
    return home


def _cli(*argv: str) -> int:
    return run(list(argv), Outer(extra={"report": run_report_command}))


def _on(disk: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name in ("journal.db", "key.json"):
        shutil.copy(source / name, disk / name)
    monkeypatch.setenv("RAPPORT_HOME", str(disk))
    return _state(disk)


def _state(disk: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in disk.iterdir()
        if p.name.startswith("journal")
    }


def _reads_work(out: Path, capsys: pytest.CaptureFixture[str], why: str) -> None:
    assert _cli("clients", "--json") == 0
    captured = capsys.readouterr()
    assert [row["name"] for row in json.loads(captured.out)] == ["Ada"]
    assert captured.err.count(why) == 1
    assert _cli("search", "hello", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert _cli("export", str(out / "all.json")) == 0
    assert json.loads((out / "all.json").read_text())["clients"][0]["name"] == "Ada"
    assert _cli("report", "--client", "Ada", "--out", str(out / "ada.pdf")) == 0
    assert (out / "ada.pdf").read_bytes().startswith(b"%PDF")
    assert _cli("backup", "--to", str(out / "backups")) == 0
    assert len(list((out / "backups").glob("rapport-*.db"))) == 1
    capsys.readouterr()


def _change_refused(capsys: pytest.CaptureFixture[str], why: str) -> None:
    assert _cli("log", "Ada", "again", "--channel", "email", "--direction", "out") == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert why in line and "nothing was changed" in line


@pytest.mark.parametrize(
    ("size_kib", "spoil", "why"), [(4096, read_only, "read-only"), (1024, fill, "is full")]
)
def test_a_read_only_or_full_journal_is_read_and_refuses_changes(
    journal_files: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,
    qapp,
    size_kib: int,
    spoil: Callable[[Path], None],
    why: str,
) -> None:
    with small_disk(tmp_path / "disk", size_kib) as disk:
        before = _on(disk, journal_files, monkeypatch)
        spoil(disk)
        _reads_work(tmp_path, capsys, why)
        _change_refused(capsys, why)
        after = _state(disk)  # a full disk may hold an empty -wal and -shm the open left
        assert {name: after[name] for name in before} == before


def test_a_save_whose_commit_landed_is_reported_done_on_a_full_disk(
    journal_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        _on(disk, journal_files, monkeypatch)
        fill(disk, leave_kib=370)  # room for the save's write-ahead pages, not to fold them in
        code = _cli(
            "log", "Ada", "big", "--notes", NOTES, "--channel", "email", "--direction", "out"
        )
        captured = capsys.readouterr()
        assert "Logged email" in captured.out
        assert "nothing was changed" not in captured.err
        assert "everything saved is kept" in captured.err
        assert code == 0
        (disk / "filler").unlink()
        assert _cli("clients", "--json") == 0
        [ada] = json.loads(capsys.readouterr().out)
        assert ada["interactions"] == 2  # there once: a retry is not needed


def test_a_save_that_the_full_disk_rolled_back_says_nothing_was_changed(
    journal_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        _on(disk, journal_files, monkeypatch)
        fill(disk, leave_kib=160)  # room to open, not for the save's write-ahead pages
        code = _cli(
            "log", "Ada", "big", "--notes", NOTES, "--channel", "email", "--direction", "out"
        )
        [line] = capsys.readouterr().err.strip().splitlines()
        assert code == 1
        assert "disk is full" in line and "nothing was changed" in line
        (disk / "filler").unlink()
        assert _cli("clients", "--json") == 0
        [ada] = json.loads(capsys.readouterr().out)
        assert ada["interactions"] == 1


@pytest.mark.parametrize("with_index", [True, False])
def test_a_read_only_journal_s_saves_in_its_write_ahead_file_are_read_or_said(
    journal_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, with_index: bool
) -> None:
    """A crash left saves in the write-ahead file: SQLite reads them read-only only with the
    -shm index beside it; without it the coach is told what to do, never shown less."""
    with open_journal(journal_files) as journal:
        journal.db.execute_sql("PRAGMA wal_autocheckpoint = 0")
        clients.create_client("Bo")
        with small_disk(tmp_path / "disk", 4096) as disk:
            _on(disk, journal_files, monkeypatch)
            names = ["journal.db-wal", "journal.db-shm"] if with_index else ["journal.db-wal"]
            for name in names:
                shutil.copy(journal_files / name, disk / name)
            read_only(disk)
            code = _cli("clients", "--json")
            captured = capsys.readouterr()
            if with_index:
                assert code == 0
                assert [row["name"] for row in json.loads(captured.out)] == ["Ada", "Bo"]
            else:
                assert code == 1 and captured.out == ""
                assert "copy the journal's folder somewhere writable" in captured.err
