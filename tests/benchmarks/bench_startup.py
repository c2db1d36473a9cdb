"""Startup benchmark: the app on a 100,000-interaction journal against a bare PySide6 window.

    python -m tests.benchmarks.bench_startup [runs] [clients] [interactions]

Each start is a fresh process (interpreter, imports, Qt, journal open, first paint), timed from
launch until the window has painted once with the client list filled in: that is when a coach
can click. The bare baseline is a QMainWindow doing the same first paint. The goal: the app
needs less than 1.5x the bare figure. Cues arrive afterwards from a background thread; that
moment is printed too. Not a test: figures go into the README.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.generate import BENCH_PASSPHRASE, open_bulk_journal

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
def ready():
    print("ready", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

APP = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.app import make_application, start_window
app = make_application()
journal, window = start_window(Path(sys.argv[1]))
def ready():
    rows = window.client_list.model.rowCount()
    print(f"ready {rows}", flush=True)
    def wait_for_cues():
        if window.cues is None:
            QTimer.singleShot(5, wait_for_cues)
            return
        print(f"cues {len(window.cues)}", flush=True)
        window.close()
        app.quit()
    wait_for_cues()
QTimer.singleShot(0, ready)
app.exec()
journal.close()
"""


def _time_start(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from launch to 'ready' (and to 'cues', when the child reports it)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, text=True
    )
    assert child.stdout is not None
    ready: float | None = None
    cues: float | None = None
    for line in child.stdout:
        if line.startswith("ready") and ready is None:
            ready = time.perf_counter() - started
        elif line.startswith("cues"):
            cues = time.perf_counter() - started
    if child.wait() != 0 or ready is None:
        raise SystemExit(f"the child process failed (exit {child.returncode})")
    return ready, cues


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    n_clients = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    n_interactions = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    home = Path(tempfile.gettempdir()) / f"rapport-bench-{n_clients}-{n_interactions}"
    open_bulk_journal(home, n_clients, n_interactions).close()
    with tempfile.TemporaryDirectory() as config:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "RAPPORT_PASSPHRASE": BENCH_PASSPHRASE,
            "RAPPORT_HOME": str(home),
            "XDG_CONFIG_HOME": config,  # no remembered geometry from a real session
        }
        _time_start(BARE, [], env)  # warm the file cache for both
        _time_start(APP, [str(home)], env)
        bare = [_time_start(BARE, [], env)[0] for _ in range(runs)]
        app = [_time_start(APP, [str(home)], env) for _ in range(runs)]
    bare_median = statistics.median(bare)
    ready_median = statistics.median(r for r, _ in app)
    cue_times = [c for _, c in app if c is not None]
    print(f"journal: {n_clients} clients, {n_interactions} interactions ({runs} runs, medians)")
    print(f"bare PySide6 window, first paint: {bare_median * 1000:.0f} ms")
    print(f"Rapport window usable (client list painted): {ready_median * 1000:.0f} ms")
    print(f"ratio: {ready_median / bare_median:.2f}x (goal: under 1.5x)")
    if cue_times:
        print(
            f"all cues in, from launch (background): {statistics.median(cue_times) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
