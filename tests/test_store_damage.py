"""A damaged journal is found before a write and refused, naming the newest verified backup
and `rapport restore`; the damaged file is never changed, and reads and backups still work.
Damaged frames in the write-ahead file, which SQLite would skip without a word, are found,
the file is copied aside, and `rapport check` reports them; stale frames of an earlier
generation, and a save cut off at the end by a kill, are not damage."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from journal import clients
from journal.cli.main import run
from journal.errors import JournalWriteFailed
from journal.store.database import Journal, open_journal, release_thread_connection
from journal.store.home import database_path, key_record_path
from journal.store.wal import FRAME_HEADER, HEADER, first_bad_frame

PASSPHRASE = "a long enough passphrase"
PAGE = 4096


@pytest.fixture
def passphrase(no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)


def _digests(home: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in home.iterdir()
        if p.name in ("journal.db", "journal.db-wal")
    }


def _log(name: str) -> list[str]:
    return ["log", name, "a call", "--channel", "phone", "--direction", "in"]


def test_a_damaged_page_refuses_writes_names_the_backup_and_stays_as_it_is(
    home: Path, passphrase: None, capsys
) -> None:
    with open_journal(home) as journal:
        for name in ("Ada", "Bo", "Cy"):
            clients.create_client(name, notes="x" * 3000)
        [[root]] = journal.db.execute_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'client'"
        ).fetchall()
    assert run(["backup"]) == 0
    backup = capsys.readouterr().out.strip()
    path = database_path(home)
    data = bytearray(path.read_bytes())
    at = (root - 1) * PAGE + 1000  # inside the page that holds the clients' rows
    data[at : at + 8] = bytes(b ^ 0xFF for b in data[at : at + 8])
    path.write_bytes(bytes(data))
    before = _digests(home)
    assert run(_log("Ada")) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "is damaged" in line and "nothing was changed" in line
    assert f"rapport restore {backup}" in line
    assert run(["check"]) == 1
    assert _digests(home) == before
    assert run(["backups"]) == 0  # the list and the newest backup are still there to use
    assert backup in capsys.readouterr().out


def _twenty_saves_in_the_wal(home: Path, target: Path, restart_after: int | None = None) -> Path:
    """The journal's files as a crash leaves them: its saves still in the write-ahead file.
    `restart_after`: fold the first saves into the file and start the log afresh, so that
    frames of an earlier generation stay behind the new ones."""
    open_journal(home).close()  # made, and folded into its file
    with open_journal(home) as journal:
        journal.db.execute_sql("PRAGMA wal_autocheckpoint = 0")
        for number in range(20):
            if number == restart_after:
                journal.db.execute_sql("PRAGMA wal_checkpoint(RESTART)")
            clients.create_client(f"Client {number:02d}")
        target.mkdir()
        for source in (database_path(home), Path(f"{database_path(home)}-wal")):
            shutil.copy(source, target / source.name)
        shutil.copy(key_record_path(home), target / "key.json")
    return target


def _frames(wal: bytes) -> int:
    return (len(wal) - HEADER) // (FRAME_HEADER + PAGE)


def _flip(wal: Path, frame: int) -> None:
    """Flip bytes inside the page of `frame` (from 1)."""
    data = bytearray(wal.read_bytes())
    at = HEADER + (frame - 1) * (FRAME_HEADER + PAGE) + FRAME_HEADER + 100
    data[at : at + 4] = bytes(b ^ 0xFF for b in data[at : at + 4])
    wal.write_bytes(bytes(data))


def test_damaged_frames_in_the_write_ahead_file_are_found_and_kept_aside(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    crashed = _twenty_saves_in_the_wal(home, tmp_path / "crashed")
    wal = crashed / "journal.db-wal"
    frames = _frames(wal.read_bytes())
    _flip(wal, frames - 3)
    monkeypatch.setenv("RAPPORT_HOME", str(crashed))
    damaged = wal.read_bytes()
    before = _digests(crashed)
    assert run(_log("Client 00")) == 1
    [warning, refusal] = capsys.readouterr().err.strip().splitlines()
    [copy] = crashed.glob("journal.db-wal.damaged-*")
    assert copy.read_bytes() == damaged
    assert str(copy) in warning and "is damaged" in refusal
    assert run(["clients"]) == 0  # what can be read is shown; the loss is not silent
    err = capsys.readouterr().err
    assert str(copy) in err and "is damaged" in err
    assert run(["check"]) == 1
    assert "write-ahead file is damaged" in capsys.readouterr().out
    assert _digests(crashed) == before
    assert len(list(crashed.glob("journal.db-wal.damaged-*"))) == 1  # one copy, however often


def test_stale_frames_of_an_earlier_generation_and_a_cut_off_save_are_not_damage(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    crashed = _twenty_saves_in_the_wal(home, tmp_path / "crashed", restart_after=18)
    wal = crashed / "journal.db-wal"
    data = wal.read_bytes()
    assert first_bad_frame(data) is None
    _flip(wal, _frames(data))  # the last frame is stale: of the generation before the restart
    assert first_bad_frame(wal.read_bytes()) is None
    monkeypatch.setenv("RAPPORT_HOME", str(crashed))
    assert run(["check"]) == 0
    capsys.readouterr()
    assert run(["clients", "--json"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 20 and "damaged" not in captured.err
    assert not list(crashed.glob("journal.db-wal.damaged-*"))


def test_a_save_cut_off_at_the_end_of_the_write_ahead_file_is_not_damage(
    home: Path, passphrase: None, tmp_path: Path
) -> None:
    crashed = _twenty_saves_in_the_wal(home, tmp_path / "crashed")
    data = bytearray((crashed / "journal.db-wal").read_bytes())
    last = HEADER + (_frames(bytes(data)) - 1) * (FRAME_HEADER + PAGE)
    data[last + FRAME_HEADER :] = bytes(PAGE)  # a kill between the frame's header and page
    assert first_bad_frame(bytes(data)) is None
    assert first_bad_frame(bytes(data), written=_frames(bytes(data))) == _frames(bytes(data))


def test_a_log_started_afresh_while_it_is_read_is_not_damage(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer checkpoints and starts the log afresh between the reads of the check at
    open: the -shm's count of the old log's frames must not make the new log's save in
    progress (its last frame half written) look like damage. Under two busy writers this
    made a save refuse as if the journal were damaged."""
    from journal.store import wal as wal_module

    opened = _twenty_saves_in_the_wal(home, tmp_path / "old")
    other_home = tmp_path / "other-home"
    fresh = _twenty_saves_in_the_wal(other_home, tmp_path / "fresh")
    data = bytearray((fresh / "journal.db-wal").read_bytes())
    last = HEADER + (_frames(bytes(data)) - 1) * (FRAME_HEADER + PAGE)
    data[last + FRAME_HEADER :] = bytes(PAGE)  # the writer is halfway through its last frame
    wal = opened / "journal.db-wal"
    real_written = wal_module._written

    def restarted_meanwhile(shm: Path, salts: bytes) -> int:
        wal.write_bytes(bytes(data))  # the log, started afresh by the other writer
        return max(real_written(shm, salts), _frames(bytes(data)))  # the old log's count

    monkeypatch.setattr(wal_module, "_written", restarted_meanwhile)
    assert wal_module.damaged_frame(database_path(opened)) is None


def test_a_journal_found_damaged_after_it_opened_refuses_writes_and_is_not_changed(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's path: the quick check runs once the journal is open; the write-ahead file
    is not folded into a damaged file when it closes."""
    crashed = _twenty_saves_in_the_wal(home, tmp_path / "crashed")
    journal: Journal = open_journal(crashed)
    [[root]] = journal.db.execute_sql(
        "SELECT rootpage FROM sqlite_master WHERE name = 'interaction'"
    ).fetchall()  # a page the saves in the write-ahead file did not touch
    path = database_path(crashed)
    data = bytearray(path.read_bytes())
    data[(root - 1) * PAGE + 1000 : (root - 1) * PAGE + 1008] = bytes(8)
    path.write_bytes(bytes(data))
    before = _digests(crashed)
    assert journal.refuse_writes_if_damaged()
    with pytest.raises(JournalWriteFailed, match="is damaged"):
        clients.create_client("Dana")
    refused: list[BaseException] = []

    def on_a_new_connection() -> None:  # a worker thread's first statement is a write
        try:
            clients.create_client("Eve")
        except JournalWriteFailed as exc:
            refused.append(exc)
        finally:
            release_thread_connection()

    worker = threading.Thread(target=on_a_new_connection)
    worker.start()
    worker.join()
    assert "is damaged" in str(refused)
    journal.close()
    assert _digests(crashed) == before


KILLED_WHILE_COPYING = """
import os, signal, sys
from pathlib import Path
import journal.store.atomic as atomic
from journal.store.wal import keep_aside

def killed(*_args):
    os.kill(os.getpid(), signal.SIGKILL)  # the copy is written, not yet in place

atomic.os.replace = killed
keep_aside(Path(sys.argv[1]))
"""


def test_a_kill_while_the_damaged_write_ahead_file_is_copied_leaves_no_half_copy(
    home: Path, passphrase: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    crashed = _twenty_saves_in_the_wal(home, tmp_path / "crashed")
    wal = crashed / "journal.db-wal"
    _flip(wal, _frames(wal.read_bytes()) - 3)
    before = _digests(crashed)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_COPYING, str(database_path(crashed))],
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL
    assert not list(crashed.glob("journal.db-wal.damaged-*"))  # no copy that looks whole
    assert _digests(crashed) == before
    monkeypatch.setenv("RAPPORT_HOME", str(crashed))
    assert run(["check"]) == 1  # the next open makes the copy and reports the damage
    [copy] = crashed.glob("journal.db-wal.damaged-*")
    assert copy.read_bytes() == wal.read_bytes()
