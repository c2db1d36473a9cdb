"""The suite's work that runs in a fresh process, so its CPU time and peak memory are its own.

    python -m tests.benchmarks.child import FILE HOME       import FILE into a new journal
    python -m tests.benchmarks.child raw-import FILE SOURCE HOME
                                                 the floor: json.load + executemany of SOURCE's
                                                 rows into a new journal (the same triggers)
    python -m tests.benchmarks.child export HOME OUT         the product's export
    python -m tests.benchmarks.child dump HOME OUT           the floor: a raw SELECT dump
    python -m tests.benchmarks.child timeline HOME           the window, the busiest client open

Each prints `seconds S` for the timed part only (opening the journal is not timed); the
parent reads the child's peak memory and CPU time from its rusage.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.generate import open_locked
from tests.benchmarks.suite import busiest_client_id, print_peak

TABLES = ("client", "interaction", "commitment")


def _timed(started: float) -> None:
    print(f"seconds {time.perf_counter() - started:.6f}", flush=True)


def product_import(file: Path, home: Path) -> None:
    from journal.interchange.importing import import_file

    journal = open_locked(home, create=True)
    started = time.perf_counter()
    import_file(file)
    _timed(started)
    journal.close()


def raw_import(file: Path, source: Path, home: Path) -> None:
    """What an import cannot beat: read the file, then one executemany per table of the very
    rows the product's import stored, into the same schema with the same search triggers."""
    journal = open_locked(source)
    tables = {}
    for table in TABLES:
        cursor = journal.db.connection().execute(f'SELECT * FROM "{table}"')
        tables[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    journal.close()
    journal = open_locked(home, create=True)
    connection = journal.db.connection()
    started = time.perf_counter()
    json.loads(file.read_text("utf-8"))
    with journal.db.atomic():
        for table, (columns, rows) in tables.items():
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    _timed(started)
    journal.close()


def product_export(home: Path, out: Path) -> None:
    from journal.interchange.export import write_export

    journal = open_locked(home)
    started = time.perf_counter()
    write_export(out)
    _timed(started)
    journal.close()


def raw_dump(home: Path, out: Path) -> None:
    """What an export cannot beat: every row of the three tables, one JSON line each."""
    journal = open_locked(home)
    connection = journal.db.connection()
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as stream:
        for table in TABLES:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    _timed(started)
    journal.close()


def timeline(home: Path) -> None:
    """The window with the busiest client's timeline open, its cues and chart in."""
    from PySide6.QtWidgets import QApplication

    from ui.background import wait_for_background
    from ui.main_window import MainWindow

    app = QApplication(["bench", "-platform", "offscreen"])
    journal = open_locked(home)
    window = MainWindow(journal, restore_geometry=False)
    window.show()
    _wait(app, lambda: window.cues is not None)
    started = time.perf_counter()
    window.open_client(busiest_client_id())
    window.timeline.chart.wait_for_chart()
    _wait(app, lambda: False, seconds=2.0)  # the batched layout finishes meanwhile
    _timed(started)
    window.close()
    wait_for_background()
    journal.close()


def _wait(app: Any, done: Any, seconds: float = 60.0) -> None:
    deadline = time.perf_counter() + seconds
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)


def main(argv: list[str]) -> None:
    mode, *paths = argv
    args = [Path(p) for p in paths]
    actions = {
        "import": product_import,
        "raw-import": raw_import,
        "export": product_export,
        "dump": raw_dump,
        "timeline": timeline,
    }
    actions[mode](*args)
    print_peak()


if __name__ == "__main__":
    main(sys.argv[1:])
