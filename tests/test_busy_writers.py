"""Two writers take turns; "busy" comes only after the documented wait, and only while another
writer really holds the journal (issue 13, item 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from journal.clients import create_client, find_client, list_clients
from journal.store.database import open_journal, release_thread_connection
from journal.store.models import database
from tests.support.busy import OtherWriter
from tests.support.keyring_journal import keyring_env

PASSPHRASE = "two writers passphrase"


def test_a_save_that_read_first_waits_for_another_writer_instead_of_failing(journal) -> None:
    create_client("Ada")
    read, trying = threading.Event(), threading.Event()

    def other_writer() -> None:
        try:
            assert read.wait(10)
            trying.set()
            create_client("Bo")  # waits for the first save's lock, then saves
        finally:
            release_thread_connection()

    with ThreadPoolExecutor(1) as pool:
        other = pool.submit(other_writer)
        with database.atomic():  # as a service does: look something up, then write
            find_client("Ada")
            read.set()
            assert trying.wait(10)
            time.sleep(0.3)  # room for the other writer to get in first, if it could
            create_client("Cy")
        other.result(timeout=30)
    assert sorted(c.name for c in list_clients()) == ["Ada", "Bo", "Cy"]


def _cli_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "RAPPORT_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "RAPPORT_PASSPHRASE": PASSPHRASE,
    }


def _log(
    home: Path, summary: str, env: dict[str, str] | None = None, client: str = "Maja"
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "ui", "log", client, summary, "--channel", "email"]
    return subprocess.run(
        [*argv, "--direction", "out"],
        capture_output=True,
        text=True,
        env={**(env or _cli_env(home)), "RAPPORT_HOME": str(home)},
        timeout=120,
    )


@pytest.mark.slow
def test_two_parallel_log_loops_both_finish_without_a_refusal(
    keyring_journal: Path, keyring_file: Path
) -> None:
    env = keyring_env(keyring_file)  # no key derivation per run: the loops overlap most

    def loop(name: str) -> list[str]:
        return [_log(keyring_journal, f"{name} {n}", env, "Ada").stderr for n in range(20)]

    with ThreadPoolExecutor(2) as pool:
        errors = [e for errs in pool.map(loop, ("a", "b")) for e in errs if e]
    assert errors == []
    counted = subprocess.run(
        [sys.executable, "-m", "ui", "clients", "--json"],
        capture_output=True,
        text=True,
        env={**env, "RAPPORT_HOME": str(keyring_journal)},
        timeout=120,
    )
    assert json.loads(counted.stdout)[0]["interactions"] == 40


@pytest.mark.slow
def test_a_writer_that_holds_the_journal_makes_a_save_busy_after_the_wait(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home):
        create_client("Maja")
        with OtherWriter():  # a writer that holds the lock past the CLI's wait
            held = _log(home, "typed while another writer held the journal")
        assert held.returncode == 1
        assert held.stderr == (
            "rapport: The journal is busy: an import or another Rapport is writing to it; "
            "nothing was changed — try again in a moment.\n"
        )
        assert find_client("Maja").interactions.count() == 0
        assert _log(home, "once it was free").returncode == 0
