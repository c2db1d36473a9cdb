"""The suite's figures: medians of repeated runs, their floors and targets, the table and JSON.

A row compares its value either with a floor measured in the same run (`ratio` must stay at
or under `target`) or, where nothing sensible floors it, with an absolute `target` in the
value's own unit (`ratio` is then None). Children are timed by their own CPU time and memory
through `os.wait4`, so a busy second core does not move the figure.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks.generate import GENERATOR_VERSION, open_bulk_journal

SIZES = {"small": (20, 2_000), "career": (200, 100_000), "stress": (1_000, 500_000)}
REFERENCE = {"small": "small", "career": "small", "stress": "career"}
"""The size each size's growth is compared with: stress with career (the issue's memory
targets), career with small; small with itself, where the ratio is 1 by construction."""
REPEAT_ENV = "RAPPORT_BENCH_REPEAT"
CACHE_ENV = "RAPPORT_BENCH_CACHE"


def repeat(default: int) -> int:
    """How many runs a figure is the median of (RAPPORT_BENCH_REPEAT overrides, e.g. for CI)."""
    return max(1, int(os.environ.get(REPEAT_ENV, default)))


@dataclass
class Sample:
    """Repeated measurements of one thing: the median and the spread (max - min)."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> float:
        return max(self.values) - min(self.values)


BUDGET_S = 60.0
"""A figure whose runs have taken this long stops repeating (its row says how many ran)."""


def sample(action: Callable[[], object], runs: int, scale: float = 1000.0) -> Sample:
    """Wall time of `action`, `runs` times (fewer past BUDGET_S), in milliseconds by default."""
    values: list[float] = []
    spent = 0.0
    while len(values) < runs and spent < BUDGET_S:
        started = time.perf_counter()
        action()
        took = time.perf_counter() - started
        spent += took
        values.append(took * scale)
    return Sample(values)


@dataclass
class Row:
    name: str
    value: float
    unit: str
    target: float
    ratio: float | None
    passed: bool
    spread: float
    floor: str
    runs: int
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["pass"] = out.pop("passed")
        return out


def against_floor(
    name: str, measured: Sample, floor: Sample, floor_name: str, target: float, unit: str = "ms"
) -> Row:
    """A row whose median must stay within `target` times its floor's median."""
    ratio = measured.median / floor.median if floor.median > 0 else float("inf")
    return Row(
        name,
        measured.median,
        unit,
        target,
        round(ratio, 3),
        ratio <= target,
        measured.spread,
        f"{floor_name} {floor.median:.4g} {unit}",
        len(measured.values),
    )


def absolute(name: str, measured: Sample, target: float, unit: str = "ms") -> Row:
    """A row whose median must stay at or under `target` in its own unit."""
    return Row(
        name,
        measured.median,
        unit,
        target,
        None,
        measured.median <= target,
        measured.spread,
        "-",
        len(measured.values),
    )


def table(rows: list[Row]) -> str:
    head = f"{'name':<52} {'value':>10} {'±':>8} {'unit':<4} {'target':>9} {'ratio':>7}  result"
    lines = [head, "-" * len(head)]
    for r in rows:
        target = f"≤{r.target:g}×" if r.ratio is not None else f"≤{r.target:g}"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        lines.append(
            f"{r.name:<52} {r.value:>10.4g} {r.spread:>8.3g} {r.unit:<4} {target:>9} {ratio:>7}  "
            f"{'pass' if r.passed else 'OVER'}"
        )
        if r.floor != "-":
            lines.append(f"{'':<8}floor: {r.floor}; median of {r.runs} runs")
        if r.note:
            lines.append(f"{'':<8}note: {r.note}")
    return "\n".join(lines)


def write_json(rows: list[Row], path: Path) -> None:
    path.write_text(json.dumps([r.as_json() for r in rows], indent=1) + "\n", "utf-8")


# --- journals -------------------------------------------------------------------------------
def cache_root() -> Path:
    default = Path(tempfile.gettempdir()) / "rapport-bench-cache"
    return Path(os.environ.get(CACHE_ENV, default))


def cached_home(size: str) -> Path:
    """The generated journal of `size`, built once per generator version and kept on disk."""
    clients, interactions = SIZES[size]
    home = cache_root() / f"{size}-v{GENERATOR_VERSION}"
    open_bulk_journal(home, clients, interactions).close()
    return home


def working_copy(size: str, scratch: Path) -> Path:
    """A copy of the cached journal that writes may change (the cache itself never is)."""
    target = scratch / f"work-{size}"
    if not target.exists():
        shutil.copytree(cached_home(size), target)
    return target


# --- child processes ------------------------------------------------------------------------
@dataclass
class Child:
    """A finished child process: its output, CPU seconds and peak resident memory (MiB).

    The peak is the child's own high-water mark (VmHWM, printed by `print_peak` as it ends):
    the rusage of a child also counts what its parent held when it forked."""

    out: str
    cpu: float
    peak_mib: float

    def figure(self, key: str) -> float:
        """A figure the child printed as `key value`."""
        for line in self.out.splitlines():
            name, _, value = line.partition(" ")
            if name == key:
                return float(value)
        raise SystemExit(f"the benchmark child printed no {key!r}:\n{self.out}")


def run_child(args: list[str], env: dict[str, str] | None = None) -> Child:
    """Run `python ARGS` to the end; its own rusage, not the parent's, is what is read."""
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen([sys.executable, *args], stdout=out, env=env, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if child.returncode != 0:
        raise SystemExit(f"benchmark child {args} failed (exit {child.returncode}):\n{text}")
    cpu = usage.ru_utime + usage.ru_stime
    return Child(text, cpu, Child(text, cpu, 0.0).figure("peak_kib") / 1024)


PRINT_PEAK = "\nfrom tests.benchmarks.suite import print_peak\nprint_peak()\n"
"""Appended to a child's `-c` code, so it reports its peak as it ends."""


def print_peak() -> None:
    """Print this process's peak resident size so far as `peak_kib N` (Linux's VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            print("peak_kib", line.split()[1], flush=True)


def busiest_client_id() -> int:
    """The client with the most interactions in the open journal: the heaviest to refresh."""
    from peewee import fn

    from journal.store.models import Interaction

    row = (
        Interaction.select(Interaction.client)
        .group_by(Interaction.client)
        .order_by(fn.COUNT(Interaction.id).desc())
        .first()
    )
    return int(row.client_id)
