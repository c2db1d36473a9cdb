"""Logout, `kill` and Ctrl+C end the app the orderly way: the demo journal does not linger."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.app_process import run_until_signal, wait_until_running

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
    found: list[Path] = []

    def demo_is_up(child: subprocess.Popen[str]) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not found:
            found.extend(tmp_path.glob("rapport-demo-*/journal.db"))
            time.sleep(0.1)
        assert found, "the demo never started"
        time.sleep(1.5)  # let the window come up and the event loop run

    code, stderr = run_until_signal(["--demo"], env, demo_is_up, number)
    demo_journal = found[0]
    assert code == 0, stderr
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

    def message_is_up(child: subprocess.Popen[str]) -> None:
        wait_until_running(child, home, tmp_path)
        # The journal fails to open and the message box comes up. (A signal that came
        # before it would close it as soon as it shows.)
        time.sleep(2)
        assert child.poll() is None, "the message box should wait for the user"

    code, stderr = run_until_signal(["--home", str(home)], env, message_is_up)
    assert code == 0, stderr  # ended as asked
    assert "Traceback" not in stderr
