"""The app as a user starts it (`python -m ui ...`), ended by a signal as a logout ends it."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable


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
