"""The journal's key read ahead in a forked helper while the app loads Qt (journal.key_prefetch).

Each case runs in a fresh single-threaded process, as the app starts: pytest's own process
has threads, where forking is refused on purpose. The key sits in a file-backed test keyring
(tests/support/keyring_home), loaded by the name key.json records, as a user's would be.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.key_prefetch import prefetch_key
from journal.store.key_record import KeyRecord
from journal.store.secrets import JournalKey
from tests.support.app_process import run_until_signal, wait_until_running
from tests.support.keyring_journal import (
    KEYRING_DELAY_ENV,
    app_env,
    create_journal,
    keyring_env,
    run_code,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the key is read ahead only on Linux"
)

START = """
import json, os, sys
from pathlib import Path
from journal.key_prefetch import prefetch_key
home = Path(sys.argv[1])
prefetch = prefetch_key(home)
result = {"prefetched": prefetch is not None}
rows = prefetch.first_rows() if prefetch is not None else None
shown = lambda row: [row.name, row.status, row.last_contact is not None]
result["rows"] = None if rows is None else [shown(row) for row in rows]
key = prefetch.key() if prefetch is not None else None
if prefetch is not None:
    try:
        os.waitpid(prefetch.pid, os.WNOHANG)
        result["reaped"] = False
    except ChildProcessError:
        result["reaped"] = True
result["key"] = key is not None
result["keyring_in_app"] = "keyring" in sys.modules
from journal.errors import RapportError
from journal.store.models import Client
from journal.store.database import open_journal
try:
    journal = open_journal(home, None, create=False, key=key)
except RapportError as exc:
    result["error"] = str(exc)
else:
    result["clients"] = [client.name for client in Client.select()]
    journal.close()
print(json.dumps(result))
"""


def test_the_app_opens_its_journal_with_the_key_and_first_rows_the_helper_read(
    keyring_journal: Path, keyring_file: Path
) -> None:
    """The window paints the rows before the app has opened the journal."""
    result = json.loads(run_code(START, keyring_journal, keyring_env(keyring_file)))
    assert result["prefetched"] and result["key"] and result["reaped"]
    assert result["clients"] == ["Ada Lovelace"]
    assert not result["keyring_in_app"]  # the keyring package loaded in the helper only
    assert result["rows"] == [["Ada Lovelace", "active", False]]


def test_a_missing_key_means_no_rows_and_is_reported_the_usual_way(
    keyring_journal: Path, keyring_file: Path
) -> None:
    keyring_file.write_text("{}")  # the keyring entry is gone
    result = json.loads(run_code(START, keyring_journal, keyring_env(keyring_file)))
    assert result["rows"] is None
    assert result["prefetched"] and not result["key"]
    assert "key is missing from the keyring" in result["error"]
    assert "clients" not in result


def test_a_passphrase_journal_is_not_read_ahead(home: Path, keyring_file: Path) -> None:
    env = keyring_env(keyring_file, RAPPORT_PASSPHRASE="a long passphrase")
    assert create_journal(home, env)["mode"] == "passphrase"
    result = json.loads(run_code(START, home, env))
    assert not result["prefetched"]
    assert result["clients"] == ["Ada Lovelace"]


def test_no_journal_yet_means_no_helper(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("journal.key_prefetch._single_threaded", lambda: True)  # as at start
    assert prefetch_key(home) is None


def test_a_process_with_threads_never_forks(keyring_journal: Path) -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert prefetch_key(keyring_journal) is None
    finally:
        stop.set()
        worker.join()


def test_a_key_read_ahead_that_does_not_fit_is_read_again(home: Path) -> None:
    """A stale key (the journal was re-keyed meanwhile) costs one more read, never the start."""
    from journal.clients import create_client
    from journal.store.database import open_journal
    from ui.app import open_for_app

    journal = open_journal(home)
    create_client("Grace Hopper")
    journal.close()
    record = KeyRecord(**json.loads((home / "key.json").read_text()))
    stale = JournalKey("x'" + "00" * 32 + "'", record)
    reopened = open_for_app(home, key=stale)
    assert reopened is not None
    try:
        from journal.store.models import Client

        assert [client.name for client in Client.select()] == ["Grace Hopper"]
    finally:
        reopened.close()


def test_the_app_starts_on_a_keyring_journal_and_quits_cleanly(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    """The whole path a user takes: `rapport` reads the key ahead, opens the window, and a
    logout ends it with exit code 0 (a journal that failed to open would exit 1)."""

    env = app_env(keyring_file, tmp_path)

    window_is_up = _window_is_up(keyring_journal, tmp_path, 1.5)  # the journal opens
    code, stderr = run_until_signal(["--home", str(keyring_journal)], env, window_is_up)
    assert code == 0, stderr
    assert "Traceback" not in stderr


def _window_is_up(
    home: Path, tmp_path: Path, settle: float
) -> Callable[[subprocess.Popen[str]], None]:
    """Wait until the app has claimed `home`, then `settle` seconds more."""

    def wait(child: subprocess.Popen[str]) -> None:
        wait_until_running(child, home, tmp_path)
        time.sleep(settle)

    return wait


def test_a_logout_while_the_keyring_is_slow_ends_the_start(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    """The signal comes before the main loop runs, where quit() alone would do nothing."""
    env = app_env(keyring_file, tmp_path, **{KEYRING_DELAY_ENV: "4"})
    started = time.monotonic()
    code, stderr = run_until_signal(
        ["--home", str(keyring_journal)], env, _window_is_up(keyring_journal, tmp_path, 0.5)
    )
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert time.monotonic() - started < 20


def test_a_second_launch_does_not_wait_for_the_keyring(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    """It hands over to the running window; the key it began to read is dropped at once."""
    env = app_env(keyring_file, tmp_path)

    def second_launch_hands_over(child: subprocess.Popen[str]) -> None:
        _window_is_up(keyring_journal, tmp_path, 1.5)(child)
        slow = {**env, KEYRING_DELAY_ENV: "30"}
        began = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "ui", "--home", str(keyring_journal)],
            env=slow,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert time.monotonic() - began < 15  # not the 30 s the keyring would take

    code, stderr = run_until_signal(["--home", str(keyring_journal)], env, second_launch_hands_over)
    assert code == 0, stderr


def test_what_the_helper_loads_only_when_used_still_works_when_used() -> None:
    """The helper leaves the keyring package's unused imports (urllib.request and what it
    pulls in) until something touches them; then they load as usual."""
    code = (
        "import sys\n"
        "from journal.key_prefetch import _LoadWhenUsed\n"
        "sys.meta_path.insert(0, _LoadWhenUsed(frozenset({'urllib.request'})))\n"
        "import urllib.request\n"
        "print('http.client' in sys.modules)\n"
        "print(urllib.request.Request('https://example.org/a').full_url)\n"
        "print('http.client' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "https://example.org/a", "True"]
