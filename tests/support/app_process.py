"""The app as a user starts it (`python -m ui ...`), ended by a signal as a logout ends it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def run_until_signal(
    args: list[str],
    env: dict[str, str],
    wait_until_ready: Callable[[subprocess.Popen[str]], None],
    number: int = signal.SIGTERM,
) -> tuple[int, str]:
    """Start the app, wait (the callback asserts what must be true), signal it: exit code and
    stderr. The process never outlives the test."""
    child = subprocess.Popen(
        [sys.executable, "-m", "ui", *args], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_until_ready(child)
        child.send_signal(number)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return child.returncode, stderr


def wait_until_running(child: subprocess.Popen[str], home: Path, tmpdir: Path) -> None:
    """Until the app holds its single-instance lock (made in TMPDIR): it has claimed `home`
    and goes on to open the journal."""
    from journal.store.instance import instance_name

    lock = tmpdir / f"{instance_name(home)}.lock"  # the child's TMPDIR
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not lock.exists() and child.poll() is None:
        time.sleep(0.05)
    assert lock.exists(), "the app never started"
