"""The benchmark suite, one command:

    python -m tests.benchmarks [--size small|career|stress] [--json FILE]

Prints a table (each figure's median and spread, its target, its ratio to its floor, pass or
OVER) and with --json writes the same rows as a list of {name, value, unit, target, ratio,
pass} (plus spread, floor and runs). Generated journals are cached between runs (under
RAPPORT_BENCH_CACHE, by default the temporary folder), keyed by size and generator version.
RAPPORT_BENCH_REPEAT sets how many runs each figure is the median of. A figure is never a
test: the exit status says only whether the suite ran.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks.rows_process import memory_row, startup_rows
from tests.benchmarks.rows_store import (
    all_cues_row,
    interchange_rows,
    search_and_cue_rows,
    write_rows,
)
from tests.benchmarks.rows_ui import pdf_row, window_rows
from tests.benchmarks.suite import SIZES, Row, cached_home, repeat, table, write_json


def run(size: str) -> list[Row]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["rapport-bench"])
    cached_home(size)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        steps = (
            ("writes", lambda: write_rows(size, scratch, repeat(20))),
            ("search and cues", lambda: search_and_cue_rows(size, scratch, repeat(15))),
            ("all cues", lambda: [all_cues_row(size, repeat(7))]),
            ("the window", lambda: window_rows(size, scratch, repeat(7))),
            ("import and export", lambda: interchange_rows(size, scratch, repeat(3))),
            ("start-up", lambda: startup_rows(size, repeat(7))),
            ("memory", lambda: [memory_row(size, repeat(3))]),
            ("PDF", lambda: [pdf_row(scratch, repeat(3))]),
        )
        for label, measure in steps:
            print(f"measuring {label}…", file=sys.stderr, flush=True)
            rows += measure()
    del app
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--size", choices=tuple(SIZES), default="small")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the rows as JSON")
    args = parser.parse_args(argv)
    clients, interactions = SIZES[args.size]
    print(
        f"Rapport benchmark suite: {args.size} ({clients:,} clients / {interactions:,} "
        f"interactions) on {platform.node()}, {os.cpu_count()} cores, load "
        f"{os.getloadavg()[0]:.1f}, Python {platform.python_version()}",
        flush=True,
    )
    rows = run(args.size)
    print(table(rows))
    if args.json is not None:
        write_json(rows, args.json)
    over = sum(not r.passed for r in rows)
    print(f"{len(rows) - over} pass, {over} over (figures are never a failure of the suite)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
