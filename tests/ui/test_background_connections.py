"""The worker threads keep their journal connection between jobs (a passphrase journal
derives its key on every connect) and close them at shutdown, before the journal closes."""

from __future__ import annotations

import threading

import pytest

from journal.clients import create_client, list_clients
from journal.store.database import Journal
from journal.store.home import database_path
from ui.background import WORKERS, release_connections, run_op, wait_for_background


@pytest.fixture
def connects(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that opened a connection to the journal, in order."""
    made: list[str] = []
    initialise = journal.db._initialize_connection

    def counting(conn) -> None:
        made.append(threading.current_thread().name)
        initialise(conn)

    release_connections()  # start from fresh workers, so earlier tests' threads do not count
    monkeypatch.setattr(journal.db, "_initialize_connection", counting)
    return made


def test_jobs_reuse_their_thread_connection(qtbot, journal, connects):
    create_client("Ada Berg")
    seen: list[list[str]] = []
    for _ in range(12):  # one after another, as refresh_cues runs after every save
        run_op(None, lambda _p: [c.name for c in list_clients()], seen.append)
        wait_for_background()
    qtbot.waitUntil(lambda: len(seen) == 12)
    assert seen == [["Ada Berg"]] * 12
    assert 1 <= len(connects) <= WORKERS
    assert threading.main_thread().name not in connects


def test_release_closes_every_worker_connection_before_the_journal(qtbot, journal, connects):
    create_client("Ada Berg")
    gate = threading.Barrier(WORKERS + 1)
    for _ in range(WORKERS):  # both workers busy at once: each opens its own connection
        run_op(None, lambda _p: (list_clients(), gate.wait(10)))
    gate.wait(10)
    wait_for_background()
    assert len(set(connects)) == WORKERS
    assert release_connections()
    journal.close()
    # The last connection to close folds the WAL back; one left open would keep the file.
    wal = database_path(journal.home).with_name(database_path(journal.home).name + "-wal")
    assert not wal.exists()


def test_work_after_a_release_gets_fresh_workers(qtbot, journal, connects):
    create_client("Ada Berg")
    release_connections()
    names: list[list[str]] = []
    run_op(None, lambda _p: [c.name for c in list_clients()], names.append)
    wait_for_background()
    qtbot.waitUntil(lambda: bool(names))
    assert names == [["Ada Berg"]]
