"""The benchmark suite runs end to end at the small size and writes its rows as JSON (issue
15). Its timings are never asserted: only that every row is there and well formed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.suite import Sample, absolute, against_floor, table, write_json

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"name", "value", "unit", "target", "ratio", "pass"}


def test_a_row_over_its_target_says_over_in_the_table_and_the_json(tmp_path: Path) -> None:
    slow = against_floor("search", Sample([30.0, 10.0, 20.0]), Sample([5.0, 5.0]), "raw", 1.5)
    quick = absolute("cues", Sample([100.0, 300.0, 200.0]), 500.0)
    assert (slow.value, slow.spread, slow.ratio, slow.passed) == (20.0, 20.0, 4.0, False)
    assert (quick.value, quick.ratio, quick.passed) == (200.0, None, True)
    assert [line.split()[-1] for line in table([slow, quick]).splitlines() if "≤" in line] == [
        "OVER",
        "pass",
    ]
    write_json([slow, quick], tmp_path / "rows.json")
    rows = json.loads((tmp_path / "rows.json").read_text())
    assert [(r["name"], r["pass"]) for r in rows] == [("search", False), ("cues", True)]


def test_the_suite_runs_at_small_size_and_writes_every_row_as_json(tmp_path: Path) -> None:
    out = tmp_path / "rows.json"
    env = {
        **os.environ,
        "RAPPORT_BENCH_REPEAT": "1",
        "RAPPORT_BENCH_CACHE": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--size", "small", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(out.read_text())
    assert all(set(row) >= FIELDS and isinstance(row["pass"], bool) for row in rows)
    assert all(isinstance(row["value"], float) and row["value"] >= 0 for row in rows)
    names = [row["name"] for row in rows]
    assert len(set(names)) == len(names)
    for part in (
        "edit at small",
        "tick at small",
        "delete at small",
        "window pause during a save",
        "window pause, cue recompute",
        "window pause during a search keystroke",
        "search first results",
        "in-process",
        "all cues",
        "one client's cues after a save",
        "import at small",
        "export at small",
        "import peak memory",
        "export peak memory",
        "start-up first frame",
        "start-up rows",
        "busiest timeline open",
        "client PDF",
    ):
        assert any(part in name for name in names), part
    assert "pass" in done.stdout and "floor: raw FTS5" in done.stdout
    assert (tmp_path / "cache" / "small-v1").is_dir()  # generated once, kept for the next run
