"""Benchmark: does rendering a big report in the background stall the window?

Starts a 1,000-interaction client report (124-126 A4 pages) the way the export dialog does,
as a `ReportJob` with a builder on `ui.background.pool()` (and once more on a QThreadPool),
while the UI thread runs a QTimer ticking every 5 ms. A worker that holds Python's global
lock through one long Qt call starves the UI thread for that long, so the longest gap between
ticks is the longest freeze a coach would see. Prints that gap (split into the
journal read and the Qt rendering), the gaps over 50 ms, the total time from start to
`finished`, and for comparison the longest gap with nothing running.

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_report_stall
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from tests.benchmarks.bench_reports import NOW, document
from tests.benchmarks.generate import load_into

TICK_MS = 5
STALL_MS = 50  # the longest pause a coach should never notice


def _ticker(ticks: list[tuple[float, bool]], phase: Callable[[], bool]):  # -> QTimer
    """A timer that notes the time of every tick (and `phase()` then) in `ticks`."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), phase())))
    return timer


def measure(start: Callable[[object], None], build: Callable, out: Path) -> None:
    """Run one job to the end with the timer ticking; print what the UI thread saw.

    A gap counts as rendering if the job had its report (`job.report`) at the tick that
    began it, else as gathering (the journal read and cue run, before any Qt rendering).
    """
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.reports import PageSize, ReportJob

    job = ReportJob(build, out, PageSize.A4)
    ticks: list[tuple[float, bool]] = []
    timer = _ticker(ticks, lambda: job.report is not None)
    loop = QEventLoop()
    outcome: dict[str, object] = {}
    job.signals.finished.connect(lambda _path, pages: (outcome.update(pages=pages), loop.quit()))
    job.signals.failed.connect(lambda message: (outcome.update(failed=message), loop.quit()))
    timer.start()
    # A few idle ticks first, so the first gap measured is the job's and not the timer's start.
    QTimer.singleShot(50, lambda: (outcome.update(t0=time.perf_counter()), start(job)))
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    ended = time.perf_counter()
    timer.stop()
    if "failed" in outcome or "pages" not in outcome:
        raise SystemExit(f"the report did not finish: {outcome.get('failed', 'timed out')}")
    t0 = float(outcome["t0"])  # type: ignore[arg-type]
    during = [(t0, False), *((t, p) for t, p in ticks if t >= t0), (ended, True)]
    gaps = [((b - a) * 1000, rendering) for (a, rendering), (b, _) in pairwise(during)]
    worst = {phase: max((g for g, p in gaps if p is phase), default=0.0) for phase in (False, True)}
    long = sorted((g for g, _ in gaps if g > STALL_MS), reverse=True)
    print(
        f"  {outcome['pages']} pages in {ended - t0:.2f} s; longest UI gap "
        f"{max(worst.values()):.0f} ms (gathering {worst[False]:.0f}, rendering "
        f"{worst[True]:.0f}; {len(gaps)} ticks); gaps > {STALL_MS} ms: "
        + (", ".join(f"{g:.0f}" for g in long) if long else "none")
    )


def idle_gap(seconds: float = 1.0) -> float:
    """The longest gap between ticks with nothing running: the machine's own noise."""
    from PySide6.QtCore import QEventLoop, QTimer

    ticks: list[tuple[float, bool]] = []
    timer = _ticker(ticks, lambda: False)
    loop = QEventLoop()
    timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return max((b - a) * 1000 for (a, _), (b, _) in pairwise(ticks))


def main(count: int = 1000, rounds: int = 3) -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from journal import clients
    from journal.reports import client_report
    from journal.store.models import Client
    from ui.background import pool, release_connections

    app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
    with tempfile.TemporaryDirectory() as tmp:
        journal = load_into(Path(tmp) / "home", document(count))
        client_id = clients.find_client("Bench Client").id
        out = Path(tmp) / "report.pdf"

        def build() -> client_report.ClientReport:
            return client_report.build_client_report(Client.get_by_id(client_id), NOW)

        starters: dict[str, Callable[[object], None]] = {
            "ui.background.pool()": lambda job: pool().start(job),
            "QThreadPool": lambda job: QThreadPool.globalInstance().start(job),
        }
        print(f"client report, {count} interactions, A4; UI timer every {TICK_MS} ms")
        print(f"idle, no job: longest UI gap {idle_gap():.0f} ms")
        for name, start in starters.items():
            print(name)
            for _ in range(rounds):
                measure(start, build, out)
        QThreadPool.globalInstance().waitForDone()
        release_connections()
        journal.close()
    del app


if __name__ == "__main__":
    main()
