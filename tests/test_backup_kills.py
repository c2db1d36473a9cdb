"""A backup killed at any moment (SIGKILL, as a crash or a pulled plug ends it) leaves the
journal as it was and no file that counts as a backup without being one: every
`rapport-*.db` left in either folder opens with the journal's key, passes the check and holds
the journal's records. What a kill leaves half-written keeps a name that never counts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.store.backups import list_backups
from journal.store.health import copy_problems, counts, problems_in, read_only
from journal.store.home import backups_dir, database_path
from tests.support.keyring_journal import keyring_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="POSIX signals"),
]

KILLS = 40
FILL = """
import sys
from pathlib import Path
from journal import clients, settings
from journal.store.database import open_journal
with open_journal(Path(sys.argv[1]), create=False):
    settings.set_value("backup_folder", sys.argv[2])
    for number in range(150):
        clients.create_client(f"Client {number}", notes=f"notes {number} " * 200)
"""
BACKING_UP = """
import sys
from pathlib import Path
from journal.backup_plan import back_up
from journal.store.database import open_journal
journal = open_journal(Path(sys.argv[1]), create=False)
print("open", flush=True)
while True:
    back_up(journal, "daily")
"""


def _whole(path: Path, key: str) -> dict[str, int]:
    """The records of the journal at `path`, which must be whole (read, never written)."""
    conn = read_only(path, key)
    try:
        assert problems_in(conn, quick=True) == []
        return counts(conn)
    finally:
        conn.close()


def test_forty_kills_during_backups_leave_only_backups_that_count(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    """A journal keyed from a keyring (a raw key: no passphrase derivation on every open, so
    forty starts take seconds, not minutes)."""
    home, drive = keyring_journal, tmp_path / "drive"
    drive.mkdir()
    env = keyring_env(keyring_file)
    subprocess.run([sys.executable, "-c", FILL, str(home), str(drive)], env=env, check=True)
    [hex_key] = json.loads(keyring_file.read_text("utf-8")).values()
    key = f"x'{hex_key}'"
    held = _whole(database_path(home), key)
    half_written, checked, round_trip = 0, set[Path](), 0.0
    for kill in range(KILLS):
        with subprocess.Popen(
            [sys.executable, "-c", BACKING_UP, str(home)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        ) as child:
            try:
                assert child.stdout is not None and child.stdout.readline() == "open\n"
                if kill == 0:  # how long one round (two verified copies) takes, to spread over
                    started = time.monotonic()
                    while len(list(drive.glob("rapport-*.db"))) < 1:
                        time.sleep(0.005)
                    round_trip = time.monotonic() - started
                time.sleep(round_trip * (kill + 0.5) / KILLS)
            finally:
                child.send_signal(signal.SIGKILL)
                child.wait(30)
        for folder in (backups_dir(home), drive):
            for path in set(folder.glob("rapport-*.db")) - checked:
                assert copy_problems(path, key, held, held) == [], path
                checked.add(path)
            leftovers = [p for p in folder.iterdir() if not p.name.endswith(".db")]
            half_written += any(".partial" in p.name or ".unverified" in p.name for p in leftovers)
            for path in leftovers:  # so the next kill's are told apart
                path.unlink()
    listed = list_backups(home, drive)
    assert listed and all(backup.verified for backup in listed)
    assert _whole(database_path(home), key) == held
    print(f"{KILLS} kills, {half_written} left a half-written copy, {len(listed)} backups")
