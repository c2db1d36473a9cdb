"""Background jobs on a passphrase journal: what a small job costs; a UI write during an import.

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_background

Prints (1) milliseconds per background job (a one-row read through `ui.background.run_op`,
queued one after another as refresh_cues does after every save), on a passphrase-locked
journal where every new connection derives its key; (2) how long a UI-thread write waits,
and what it raises, while another thread holds the journal's write lock as an import does.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

JOBS = 30


def _journal(home: Path):  # -> Journal
    from tests.benchmarks.generate import BENCH_PASSPHRASE

    os.environ["RAPPORT_PASSPHRASE"] = BENCH_PASSPHRASE
    from journal.store.database import open_journal

    return open_journal(home)


def per_job_ms(app) -> list[float]:
    from journal.clients import list_clients
    from ui.background import run_op, wait_for_background

    times: list[float] = []
    for _ in range(JOBS):
        done = threading.Event()
        started = time.perf_counter()
        run_op(None, lambda _p: list_clients(), lambda _r, done=done: done.set())
        while not done.is_set():
            app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    wait_for_background()
    return times


def ui_write_during_import() -> tuple[float, str]:
    from journal.clients import create_client
    from journal.store.models import database

    holding, release = threading.Event(), threading.Event()

    def importer() -> None:
        with database.atomic():
            create_client("Importing now")
            holding.set()
            release.wait(20)
        database.close()

    thread = threading.Thread(target=importer)
    thread.start()
    holding.wait(10)
    started = time.perf_counter()
    try:
        create_client("Typed during the import")
        outcome = "saved"
    except Exception as exc:  # the figure is what a coach would meet
        outcome = f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
    waited = (time.perf_counter() - started) * 1000
    release.set()
    thread.join()
    return waited, outcome


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.background import release_connections

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder, _journal(Path(folder)) as journal:
        times = per_job_ms(app)
        print(
            f"background job on a passphrase journal: median {statistics.median(times):.1f} ms, "
            f"first {times[0]:.1f} ms, mean of the others {statistics.mean(times[1:]):.1f} ms "
            f"({JOBS} jobs)"
        )
        journal.serve_interactively()  # as the main window does
        waited, outcome = ui_write_during_import()
        print(f"UI-thread write during an import: waited {waited:.0f} ms -> {outcome}")
        release_connections()


if __name__ == "__main__":
    main()
