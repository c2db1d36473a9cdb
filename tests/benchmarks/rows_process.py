"""Rows whose floor is another process: start-up and the memory of the open window.

Start-up is the real `rapport` command in fresh processes with RAPPORT_STARTUP_PROBE=1
(bench_startup's probe): the CPU time to its first frame and to its painted rows, against a
bare QMainWindow's CPU time to its first frame, starts alternating. Memory is the peak
resident size of a fresh process with the busiest client's timeline open, less a bare
window's, both read from the child's own rusage.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.benchmarks.bench_startup import APP, BARE, Start, keyring_home, startup_env
from tests.benchmarks.suite import (
    PRINT_PEAK,
    Row,
    Sample,
    absolute,
    against_floor,
    cached_home,
    run_child,
)

MEMORY_OVER_BARE_MIB = {"small": 100.0, "career": 100.0, "stress": 150.0}


def startup_rows(size: str, runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as scratch:
        keyring_file = Path(scratch) / "keyring.json"
        home = keyring_home(cached_home(size), keyring_file)
        env = startup_env(keyring_file, Path(scratch))
        Start([], env, code=BARE)  # warm the file cache and write the bytecode
        Start([*APP, str(home)], env)
        bare: list[Start] = []
        app: list[Start] = []
        for _ in range(runs):
            bare.append(Start([], env, code=BARE))
            app.append(Start([*APP, str(home)], env))
    floor = Sample([s.cpu["frame"] * 1000 for s in bare])
    return [
        against_floor(
            f"start-up first frame at {size}, CPU",
            Sample([s.cpu["frame"] * 1000 for s in app]),
            floor,
            "bare window",
            1.5,
        ),
        against_floor(
            f"start-up rows painted at {size}, CPU",
            Sample([s.cpu["rows"] * 1000 for s in app]),
            floor,
            "bare window",
            2.5,
        ),
    ]


def memory_row(size: str, runs: int) -> Row:
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_CONFIG_HOME": scratch,
        }
        bare, opened = [], []
        for _ in range(runs):
            bare.append(run_child(["-c", BARE + PRINT_PEAK], env).peak_mib)
            child = run_child(
                ["-m", "tests.benchmarks.child", "timeline", str(cached_home(size))], env
            )
            opened.append(child.peak_mib)
    over = Sample([o - b for o, b in zip(opened, bare, strict=True)])
    row = absolute(
        f"peak memory, busiest timeline open at {size}, over bare",
        over,
        MEMORY_OVER_BARE_MIB[size],
        unit="MiB",
    )
    row.floor = f"bare window {Sample(bare).median:.4g} MiB"
    return row
