"""Startup benchmark: the app on a 100,000-interaction journal against a bare PySide6 window.

    python -m tests.benchmarks.bench_startup [runs] [clients] [interactions]

Each start is the real `rapport` command (`python -m ui --home DIR`) in a fresh process: the
interpreter, the helper that reads the key and the list's first rows (journal.key_prefetch),
Qt, the single-instance lock, the window. It is timed from launch until the client list has
painted the coach's clients and the event loop is free again: that is when a coach can click.
The journal opens right after, once a worker has loaded its modules (a click that needs it
sooner waits for it); that moment is printed too. The bare baseline is a QMainWindow timed the
same way (its first paint, then a free event loop). The goal: the app needs less than 1.5x
the bare figure. Runs alternate between bare and app so that machine load hits both alike;
compiled bytecode is cached in a temporary folder, as an installed app has it, and the
settings file too: the warm-up start is the machine's first, which asks Qt for the colour
scheme and remembers it (ui/style.py); every later start paints with the remembered one.

Two ways of keeping the journal's key are timed:
- keyring (the default): a random raw key read from a keyring; SQLCipher derives nothing. A
  file-backed test keyring (tests/support/keyring_home/keyrings/rapport_file.py) stands
  in for the OS keyring,
  so the real one is never touched; the D-Bus round trip of a real secret service is not in it.
  As for a user, PYTHON_KEYRING_BACKEND is not set: the app loads the backend key.json names.
- passphrase (where no keyring works): SQLCipher's PBKDF2 (256,000 iterations) runs on open.
  Here the journal opens before the window is built.
Cues, follow-ups and Today arrive afterwards from a background thread; that moment is printed
too. Not a test: figures go into the README.
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

# Both children report "ready" after the first paint of what the user looks at, once the event
# loop has come round again (the window accepts input).
FIRST_PAINT = """
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, ready)
        return False
first_paint = FirstPaint()
"""

BARE = (
    """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
def ready():
    print("ready", flush=True)
    app.quit()
"""
    + FIRST_PAINT
    + """window.installEventFilter(first_paint)
app.exec()
"""
)

# The app is the real `rapport` entry point (`python -m ui --home DIR`, as the console script
# runs it); with RAPPORT_STARTUP_PROBE=1 it prints its milestones (ui/startup_probe.py):
# "ready ROWS" after the client list's first paint, once the event loop is free again;
# "open" when the journal has opened; "cues N" when every client's cues are in.
APP = ["-m", "ui", "--home"]
CHILD_TIMEOUT_S = 120  # a start that hangs (a message box nobody sees) fails the benchmark


class Start:
    """One fresh process: seconds to 'ready', to 'open' and to 'cues'."""

    def __init__(self, args: list[str], env: dict[str, str], code: str | None = None) -> None:
        command = [sys.executable, "-c", code] if code is not None else [sys.executable, *args]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
        assert child.stdout is not None
        self.ready: float | None = None
        self.open: float | None = None
        self.cues: float | None = None
        self.rows = 0
        timer = threading.Timer(CHILD_TIMEOUT_S, child.kill)
        timer.start()
        try:
            for line in child.stdout:
                words = line.split()
                moment = time.perf_counter() - started
                if words[0] == "ready" and self.ready is None:
                    self.ready = moment
                    if len(words) > 1:
                        self.rows = int(words[1])
                elif words[0] == "open" and self.open is None:
                    self.open = moment
                elif words[0] == "cues" and self.cues is None:
                    self.cues = moment
                    child.send_signal(signal.SIGTERM)  # the app closes as at a logout
            code_ = child.wait()
        finally:
            timer.cancel()
        if code_ != 0 or self.ready is None:
            raise SystemExit(f"the child process failed (exit {code_})")


def keyring_home(source: Path, keyring_file: Path) -> Path:
    """A copy of the benchmark journal keyed with a random raw key held in the file keyring."""
    from journal.store.database import export_encrypted_copy
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


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
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
        bare: list[float] = []
        keyed: list[Start] = []
        locked: list[Start] = []
        for _ in range(runs):
            bare.append(Start([], env, code=BARE).ready or 0.0)
            keyed.append(Start([*APP, str(keyed_home)], env))
            locked.append(Start([*APP, str(home)], passphrase_env))
    base = _ms(bare)
    print(f"journal: {n_clients} clients, {n_interactions} interactions ({runs} runs, medians)")
    print(f"bare PySide6 window, first paint: {base:.0f} ms")
    for label, starts in (("keyring (default)", keyed), ("passphrase", locked)):
        ready = _ms([s.ready or 0.0 for s in starts])
        opened = _ms([s.open for s in starts if s.open is not None])
        cues = _ms([s.cues for s in starts if s.cues is not None])
        print(
            f"Rapport, {label}: client list painted ({starts[0].rows} clients) {ready:.0f} ms = "
            f"{ready / base:.2f}x (goal: under 1.5x); journal open {opened:.0f} ms; "
            f"all cues in {cues:.0f} ms"
        )


if __name__ == "__main__":
    main()
