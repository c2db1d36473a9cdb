"""Start-up milestones for the start-up benchmark (tests/benchmarks/bench_startup.py).

With RAPPORT_STARTUP_PROBE=1 in its environment the app prints one line to standard output
at each milestone of its start, so that the benchmark can time the real `rapport` command
from the outside. Without it, nothing is printed.
"""

from __future__ import annotations

import os

ENABLED = os.environ.get("RAPPORT_STARTUP_PROBE") == "1"


def milestone(*words: object) -> None:
    if ENABLED:
        print(*words, flush=True)
