"""Start-up benchmark: the app on a 100,000-interaction journal against a bare PySide6 window.

    python -m tests.benchmarks.bench_startup [runs] [clients] [interactions]

Each start is the real `rapport` command (`python -m ui --home DIR`) in a fresh process, on
the one start path: arguments, unlock, the window shown, the journal opened right after the
first paint, the rows, then the cues from a worker. With RAPPORT_STARTUP_PROBE=1 the app
prints each milestone with the CPU time the process has used so far (ui/startup_probe.py):
"frame" (the window's first frame is on screen), "open" (the journal is open), "rows" (the
client list has painted the coach's clients) and "cues" (every client's cues are in). The
bare baseline is a QMainWindow timed the same way, to its first frame. Figures are CPU-time
ratios to the bare window (medians of alternating starts), which this shared machine's load
moves far less than wall time; wall times are printed too.

Two ways of keeping the journal's key are timed:
- keyring (the default): a random raw key read from a keyring; SQLCipher derives nothing. A
  file-backed test keyring (tests/support/keyring_home/keyrings/rapport_file.py) stands in
  for the OS keyring, so the real one is never touched. As for a user,
  PYTHON_KEYRING_BACKEND is not set: the app loads the backend key.json names.
- passphrase (where no keyring works): SQLCipher's PBKDF2 runs when the journal opens.
Not a test: the figures go into the README.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.benchmarks.generate import BENCH_PASSPHRASE, open_bulk_journal
from tests.support.keyring_journal import FILE_KEYRING, keyring_env

# The bare window reports "frame" with its CPU time after its first paint, once the event
# loop has come round again, as the app does.
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
def ready():
    print("frame", f"{time.process_time():.4f}", flush=True)
    app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, ready)
        return False
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.show()
app.exec()
"""

APP = ["-m", "ui", "--home"]
CHILD_TIMEOUT_S = 120  # a start that hangs (a message box nobody sees) fails the benchmark


MILESTONES = ("frame", "open", "rows", "cues")


class Start:
    """One fresh process: each milestone's CPU seconds and wall seconds."""

    def __init__(self, args: list[str], env: dict[str, str], code: str | None = None) -> None:
        command = [sys.executable, "-c", code] if code is not None else [sys.executable, *args]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
        assert child.stdout is not None
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self.rows = 0
        timer = threading.Timer(CHILD_TIMEOUT_S, child.kill)
        timer.start()
        try:
            for line in child.stdout:
                name, cpu, *figures = line.split()
                self.cpu.setdefault(name, float(cpu))
                self.wall.setdefault(name, time.perf_counter() - started)
                if name == "rows" and figures:
                    self.rows = int(figures[0])
                if name == "cues":
                    child.send_signal(signal.SIGTERM)  # the app closes as at a logout
            code_ = child.wait()
        finally:
            timer.cancel()
        if code_ != 0 or "frame" not in self.cpu:
            raise SystemExit(f"the child process failed (exit {code_})")


def keyring_home(source: Path, keyring_file: Path) -> Path:
    """A copy of the benchmark journal keyed with a random raw key held in the file keyring."""
    from journal.store.backups import export_encrypted_copy
    from journal.store.home import database_path
    from journal.store.key_record import KeyRecord, save_key_record
    from journal.store.secrets import SERVICE

    home = source.with_name(source.name + "-keyring")
    account = "journal-benchmark"
    record = KeyRecord(mode="keyring", backend=FILE_KEYRING, account=account)
    if database_path(home).exists():
        save_key_record(home, record)  # a copy keyed before the backend had its current name
    else:
        hex_key = secrets.token_hex(32)
        journal = open_bulk_journal(source)
        try:
            export_encrypted_copy(journal.db, f"x'{hex_key}'", database_path(home))
        finally:
            journal.close()
        save_key_record(home, record)
        (home / "bench-key.json").write_text(json.dumps({f"{SERVICE}/{account}": hex_key}))
    keyring_file.write_text((home / "bench-key.json").read_text())
    return home


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    n_clients = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    n_interactions = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    home = Path(tempfile.gettempdir()) / f"rapport-bench-{n_clients}-{n_interactions}"
    open_bulk_journal(home, n_clients, n_interactions).close()
    with tempfile.TemporaryDirectory() as scratch:
        keyring_file = Path(scratch) / "keyring.json"
        keyed_home = keyring_home(home, keyring_file)
        # The app imports the recorded test backend by name, as a user's installed one.
        env = keyring_env(
            keyring_file,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=scratch,  # no remembered geometry from a real session
            PYTHONPYCACHEPREFIX=str(Path(scratch) / "pycache"),  # bytecode, as installed
            RAPPORT_STARTUP_PROBE="1",
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        passphrase_env = {**env, "RAPPORT_PASSPHRASE": BENCH_PASSPHRASE}
        # Warm the file cache and write the bytecode for all three.
        Start([], env, code=BARE)
        Start([*APP, str(keyed_home)], env)
        Start([*APP, str(home)], passphrase_env)
        bare: list[Start] = []
        keyed: list[Start] = []
        locked: list[Start] = []
        for _ in range(runs):
            bare.append(Start([], env, code=BARE))
            keyed.append(Start([*APP, str(keyed_home)], env))
            locked.append(Start([*APP, str(home)], passphrase_env))
    base_cpu = _median_ms([s.cpu["frame"] for s in bare])
    base_wall = _median_ms([s.wall["frame"] for s in bare])
    print(f"journal: {n_clients} clients, {n_interactions} interactions ({runs} runs, medians)")
    print(f"bare PySide6 window, first frame: {base_cpu:.0f} ms CPU, {base_wall:.0f} ms wall")
    for label, starts in (("keyring (default)", keyed), ("passphrase", locked)):
        print(f"Rapport, {label} ({starts[0].rows} clients):")
        for name in MILESTONES:
            cpu = _median_ms([s.cpu[name] for s in starts])
            wall = _median_ms([s.wall[name] for s in starts])
            print(
                f"  {name:>5}: {cpu:5.0f} ms CPU = {cpu / base_cpu:.2f}x bare; "
                f"{wall:5.0f} ms wall = {wall / base_wall:.2f}x"
            )


if __name__ == "__main__":
    main()
