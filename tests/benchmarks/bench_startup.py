"""Startup benchmark: the app on a 100,000-interaction journal against a bare PySide6 window.

    python -m tests.benchmarks.bench_startup [runs] [clients] [interactions]

Each start is a fresh process (interpreter, imports, Qt, single-instance guard, journal open,
first paint), timed from launch until the client list has painted and the event loop is free
again: that is when a coach can click. The bare baseline is a QMainWindow timed the same way
(its first paint, then a free event loop). The goal: the app needs less than 1.5x the bare
figure. Runs alternate between bare and app so that machine load hits both alike; compiled
bytecode is cached in a temporary folder, as an installed app has it.

Two ways of keeping the journal's key are timed:
- keyring (the default): a random raw key read from a keyring; SQLCipher derives nothing. A
  file-backed test keyring (tests/support/keyring_home/keyrings/rapport_file.py) stands
  in for the OS keyring,
  so the real one is never touched; the D-Bus round trip of a real secret service is not in it.
  As for a user, PYTHON_KEYRING_BACKEND is not set: the app loads the backend key.json names.
- passphrase (where no keyring works): SQLCipher's PBKDF2 (256,000 iterations) runs on open.
Cues, follow-ups and Today arrive afterwards from a background thread; that moment is printed
too. Not a test: figures go into the README.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.generate import BENCH_PASSPHRASE, open_bulk_journal

FILE_KEYRING = "keyrings.rapport_file.FileKeyring"
KEYRING_FILE_ENV = "RAPPORT_BENCH_KEYRING"
ROOT = Path(__file__).resolve().parents[2]
KEYRING_HOME = ROOT / "tests" / "support" / "keyring_home"

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

APP = (
    """
import sys, time
started = time.perf_counter()
from pathlib import Path
# As ui.entry: the key is read in a helper process while Qt loads (journal.startup).
from journal.startup import prepare
prefetch = prepare(Path(sys.argv[1]))
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMessageBox
from ui.app import make_application, start_window
def refuse(parent, title, text):  # offscreen, a message box would wait forever
    sys.exit(f"{title}: {text}")
QMessageBox.critical = refuse
app = make_application()
home = Path(sys.argv[1])
guard_started = time.perf_counter()
from ui.single_instance import claim
guard = claim(home)
guard_ms = (time.perf_counter() - guard_started) * 1000
journal, window = start_window(home, prefetch=prefetch)
guard.attach(window)
def ready():
    rows = window.client_list.model.rowCount()
    print(f"ready {rows} guard {guard_ms:.1f}", flush=True)
    def wait_for_cues():
        if window.cues is None:
            QTimer.singleShot(5, wait_for_cues)
            return
        print(f"cues {len(window.cues)}", flush=True)
        window.close()
        app.quit()
    wait_for_cues()
"""
    + FIRST_PAINT
    + """window.client_list.table.viewport().installEventFilter(first_paint)
app.exec()
guard.close()
journal.close()
"""
)


class Start:
    """One fresh process: seconds to 'ready' and to 'cues', and the guard's own cost."""

    def __init__(self, code: str, args: list[str], env: dict[str, str]) -> None:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, text=True
        )
        assert child.stdout is not None
        self.ready: float | None = None
        self.cues: float | None = None
        self.guard_ms: float | None = None
        self.rows = 0
        for line in child.stdout:
            words = line.split()
            if words[0] == "ready" and self.ready is None:
                self.ready = time.perf_counter() - started
                if len(words) > 1:
                    self.rows, self.guard_ms = int(words[1]), float(words[3])
            elif words[0] == "cues":
                self.cues = time.perf_counter() - started
        if child.wait() != 0 or self.ready is None:
            raise SystemExit(f"the child process failed (exit {child.returncode})")


def keyring_home(source: Path, keyring_file: Path) -> Path:
    """A copy of the benchmark journal keyed with a random raw key held in the file keyring."""
    from journal.home import database_path
    from journal.secrets import SERVICE, KeyRecord, save_key_record
    from journal.store import export_encrypted_copy

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
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_CONFIG_HOME": scratch,  # no remembered geometry from a real session
            "PYTHONPYCACHEPREFIX": str(Path(scratch) / "pycache"),  # bytecode, as installed
            # The app imports the recorded test backend by name, as a user's installed one.
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT), str(KEYRING_HOME), os.environ.get("PYTHONPATH")])
            ),
            KEYRING_FILE_ENV: str(keyring_file),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHON_KEYRING_BACKEND", None)
        env.pop("RAPPORT_PASSPHRASE", None)
        passphrase_env = {**env, "RAPPORT_PASSPHRASE": BENCH_PASSPHRASE}
        # Warm the file cache and write the bytecode for all three.
        Start(BARE, [], env)
        Start(APP, [str(keyed_home)], env)
        Start(APP, [str(home)], passphrase_env)
        bare: list[float] = []
        keyed: list[Start] = []
        locked: list[Start] = []
        for _ in range(runs):
            bare.append(Start(BARE, [], env).ready or 0.0)
            keyed.append(Start(APP, [str(keyed_home)], env))
            locked.append(Start(APP, [str(home)], passphrase_env))
    base = _ms(bare)
    print(f"journal: {n_clients} clients, {n_interactions} interactions ({runs} runs, medians)")
    print(f"bare PySide6 window, first paint: {base:.0f} ms")
    for label, starts in (("keyring (default)", keyed), ("passphrase", locked)):
        ready = _ms([s.ready or 0.0 for s in starts])
        cues = _ms([s.cues for s in starts if s.cues is not None])
        guard = statistics.median(s.guard_ms or 0.0 for s in starts)
        print(
            f"Rapport, {label}: client list painted ({starts[0].rows} clients) {ready:.0f} ms = "
            f"{ready / base:.2f}x (goal: under 1.5x); all cues in {cues:.0f} ms; "
            f"single-instance guard {guard:.1f} ms"
        )


if __name__ == "__main__":
    main()
