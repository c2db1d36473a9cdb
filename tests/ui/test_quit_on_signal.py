"""Logout, `kill` and Ctrl+C end the app the orderly way: the demo journal does not linger."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_demo_and_removes_its_temporary_journal(
    tmp_path: Path, number: int
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    env.pop("RAPPORT_HOME", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "ui", "--demo"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        demo_journal = None
        while time.monotonic() < deadline and demo_journal is None:
            found = list(tmp_path.glob("rapport-demo-*/journal.db"))
            demo_journal = found[0] if found else None
            time.sleep(0.1)
        assert demo_journal is not None, "the demo never started"
        time.sleep(1.5)  # let the window come up and the event loop run
        child.send_signal(number)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert not demo_journal.parent.exists()


def test_a_signal_during_a_failed_start_ends_the_app(tmp_path: Path) -> None:
    """Logout while "Rapport cannot open the journal" is on screen: the app goes, promptly."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "journal.db").write_bytes(b"not a journal" * 100)
    (home / "key.json").write_text('{"mode": "passphrase"}')
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path),
        "RAPPORT_PASSPHRASE": "any passphrase at all",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "ui", "--home", str(home)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(3)  # the journal fails to open and the message box is up
        assert child.poll() is None, "the message box should wait for the user"
        child.send_signal(signal.SIGTERM)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 1, stderr  # the journal was never opened
    assert "Traceback" not in stderr
