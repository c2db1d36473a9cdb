"""Start-up milestones for the start-up benchmark (tests/benchmarks/bench_startup.py).

With RAPPORT_STARTUP_PROBE=1 in its environment the app prints one line to standard output
at each milestone of its start: the milestone, the process's CPU time so far in seconds, and
any figures that go with it. Without it, nothing is printed.
"""

from __future__ import annotations

import os
import time

ENABLED = os.environ.get("RAPPORT_STARTUP_PROBE") == "1"


def milestone(name: str, *figures: object) -> None:
    if ENABLED:
        print(name, f"{time.process_time():.4f}", *figures, flush=True)
