"""Benchmark: the timeline for one client with 10,000 interactions.

Prints the time to read the rows, to compute the cues, to set the client in the view (rows,
cues, chart, layout) and to paint, and the time per scroll step while paging through the
whole history. Run: python -m tests.benchmarks.bench_timeline [HOME]
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from tests.benchmarks.generate import open_bulk_journal

AS_OF = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
COUNT = 10_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main(home: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from journal.clients import list_clients
    from journal.timeline import entries_of
    from ui.style import apply_style
    from ui.views.timeline.view import TimelineView, default_cue_source

    apply_style(app)
    journal = open_bulk_journal(home, clients=1, interactions=COUNT)
    [client] = list_clients()

    started = time.perf_counter()
    entries = entries_of(client.id)
    read = time.perf_counter() - started
    started = time.perf_counter()
    cues = default_cue_source(client, AS_OF)
    cue_time = time.perf_counter() - started
    print(f"rows read ({len(entries)} interactions)          {_ms(read)}")
    print(f"cues computed ({len(cues)} cues)                   {_ms(cue_time)}")

    view = TimelineView(clock=lambda: AS_OF)
    view.resize(900, 1000)
    view.show()
    app.processEvents()
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        view.set_client(client.id)
        view.repaint()
        app.processEvents()
        runs.append(time.perf_counter() - started)
        view.set_client(None)
        app.processEvents()
    print(f"set_client + first paint, median of 5        {_ms(statistics.median(runs))}")
    started = time.perf_counter()
    view.set_client(client.id)
    view.chart.wait_for_chart()
    print(f"chart picture ready (off the UI thread)      {_ms(time.perf_counter() - started)}")

    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:  # the batched layout finishes in the background
        app.processEvents()
    bar = view.list.verticalScrollBar()
    steps, value, times = 0, 0, []
    while value < bar.maximum():
        value = min(bar.maximum(), value + bar.pageStep())
        started = time.perf_counter()
        bar.setValue(value)
        view.list.viewport().repaint()
        times.append(time.perf_counter() - started)
        steps += 1
    times.sort()
    print(
        f"scroll page by page ({steps} pages)            median {_ms(statistics.median(times))}"
        f"   p99 {_ms(times[int(len(times) * 0.99)])}   worst {_ms(times[-1])}"
    )
    started = time.perf_counter()
    view.scroll_to_interaction(entries[-1].id)
    view.list.viewport().repaint()
    print(f"scroll_to_interaction (the oldest)          {_ms(time.perf_counter() - started)}")
    view.close()
    journal.close()


if __name__ == "__main__":
    folder = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(tempfile.gettempdir()) / "rapport-bench-timeline"
    )
    main(folder)
