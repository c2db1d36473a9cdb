"""Rows that need the window: its pauses during a save, a search keystroke and the cue
recompute after a save; search's first results; and a client PDF.

A QTimer ticks every few milliseconds on the UI thread and notes when it ran (as
bench_report_stall does); the longest gap between ticks while something happens is the
longest the window froze. The window is the app's own MainWindow on a working copy of the
cached journal, with the busiest client open, as a coach at their desk would have it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_reports import NOW, document
from tests.benchmarks.generate import load_into, open_locked
from tests.benchmarks.suite import Row, Sample, absolute, busiest_client_id, sample, working_copy

AS_OF = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
TICK_MS = 4
PAUSE_MS = 50.0
LONGEST_WAIT_MS = 60_000
SEARCH_WAIT_MS = 20_000


class Ticks:
    """The UI thread's heartbeat: the time of every tick of a fast timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start()

    def longest_gap(self, start: float, end: float) -> float:
        """The longest stretch in [start, end] without a tick, in milliseconds."""
        inside = [start, *(t for t in self.times if start < t < end), end]
        return max((b - a) * 1000 for a, b in pairwise(inside))


def run_until(
    done: Callable[[], bool], signal: Any = None, limit_ms: int = LONGEST_WAIT_MS
) -> float | None:
    """Spin the event loop until `done()`, checked on every tick of a fast timer and on
    `signal` if given (the precise moment). Returns the moment it was seen done, or None
    when it was not within `limit_ms`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    seen: list[float] = []

    def wake() -> None:
        if not seen and done():
            seen.append(time.perf_counter())
            loop.quit()

    poll = QTimer()
    poll.setInterval(TICK_MS)
    poll.timeout.connect(wake)
    poll.start()
    if signal is not None:
        signal.connect(wake)
    QTimer.singleShot(limit_ms, loop.quit)
    wake()
    if not seen:
        loop.exec()
    poll.stop()
    if signal is not None:
        signal.disconnect(wake)
    return seen[0] if seen else None


def waited(done: Callable[[], bool]) -> float:
    """`run_until` for what must finish (a save and its cues): the suite stops if not."""
    moment = run_until(done)
    if moment is None:
        raise SystemExit("the window did not finish a save and its cues in time")
    return moment


def settle(seconds: float = 0.3) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def window_rows(size: str, scratch: Path, runs: int) -> list[Row]:
    from ui.background import wait_for_background
    from ui.commands import AddInteractionCommand, push_applied
    from ui.main_window import MainWindow

    journal = open_locked(working_copy(size, scratch))
    searching = _interruptible_search()
    window = MainWindow(journal, clock=lambda: AS_OF, restore_geometry=False)
    rounds: dict[str, list[float]] = {k: [] for k in ("idle", "save", "cues", "keys", "first")}
    try:
        window.show()
        cues_in: list[int] = []
        shown = window.cues_changed

        def cues_changed(clients: Any, cues: Any) -> None:
            shown(clients, cues)
            cues_in.append(1)

        window.cues_changed = cues_changed  # type: ignore[method-assign]
        waited(lambda: window.cues is not None)
        busiest = busiest_client_id()
        window.open_client(busiest)
        window.show_search()
        edit, model = window.search.query_edit, window.search.model
        settle(1.0)
        ticks = Ticks()
        minutes = itertools.count(1)
        for _ in range(runs):
            settle()
            start = time.perf_counter()
            settle(0.25)
            rounds["idle"].append(ticks.longest_gap(start, time.perf_counter()))
            before = len(cues_in)
            values = {
                "at": AS_OF - dt.timedelta(minutes=next(minutes)),
                "channel": "email",
                "direction": "out",
                "summary": "Benchmark note",
            }
            start = time.perf_counter()
            push_applied(window.undo_stack, AddInteractionCommand(busiest, values))
            saved = time.perf_counter()
            waited(lambda b=before: len(cues_in) > b)
            settle(0.05)  # the rows and Today are set right after the cues
            rounds["save"].append(ticks.longest_gap(start, saved))
            rounds["cues"].append(ticks.longest_gap(saved, time.perf_counter()))
        gave_up = ""
        for _ in range(runs):
            edit.clear()
            waited(lambda: model.rowCount() == 0)
            settle()
            start, ended = _type_and_wait(edit, model)
            rounds["first"].append(((ended or time.perf_counter()) - start) * 1000)
            rounds["keys"].append(ticks.longest_gap(start, ended or time.perf_counter()))
            if ended is None:
                gave_up = f"no results within {SEARCH_WAIT_MS / 1000:g} s: a lower bound"
                searching.interrupt()
                break
        ticks.timer.stop()
    finally:
        window.close()
        wait_for_background()
        searching.restore()
        journal.close()
    first_results = absolute(
        f"search first results after the keystroke at {size}", Sample(rounds["first"]), 50.0
    )
    first_results.note = gave_up
    return [
        absolute(
            f"window pause, idle at {size} (the machine's noise)", Sample(rounds["idle"]), PAUSE_MS
        ),
        absolute(f"window pause during a save at {size}", Sample(rounds["save"]), PAUSE_MS),
        absolute(
            f"window pause, cue recompute after a save at {size}", Sample(rounds["cues"]), PAUSE_MS
        ),
        absolute(
            f"window pause during a search keystroke at {size}", Sample(rounds["keys"]), PAUSE_MS
        ),
        first_results,
    ]


class _interruptible_search:
    """The search panel's own search, each call's connection noted, so a search the suite
    gives up on can be stopped (sqlite3 `interrupt`) rather than left to run for minutes."""

    def __init__(self) -> None:
        import ui.views.search as view
        from journal.store.models import database

        self._view, self._search = view, view.search
        self._running: list[Any] = []

        def search(*args: Any, **kwargs: Any) -> Any:
            self._running.append(database.connection())
            return self._search(*args, **kwargs)

        view.search = search

    def interrupt(self) -> None:
        for connection in self._running:
            connection.interrupt()

    def restore(self) -> None:
        self._view.search = self._search


def _type_and_wait(edit: Any, model: Any) -> tuple[float, float | None]:
    """Type "se" (a common prefix); from the last keystroke to the results on screen.
    The search panel's pause for typing (ui.views.search.DEBOUNCE_MS) is included: a coach
    waits for it too."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(edit, Qt.Key.Key_S)
    start = time.perf_counter()
    QTest.keyClick(edit, Qt.Key.Key_E)
    ended = run_until(lambda: model.rowCount() > 0, model.modelReset, SEARCH_WAIT_MS)
    return start, ended


def pdf_row(scratch: Path, runs: int) -> Row:
    """A client report of 1,000 interactions, read and rendered to an A4 PDF."""
    from journal import clients
    from journal.reports import client_report
    from ui.reports import PageSize, render_report
    from ui.reports.fonts import ensure_fonts

    ensure_fonts()
    journal = load_into(scratch / "report-home", document(1000))
    try:
        client = clients.find_client("Bench Client")
        out = scratch / "report.pdf"

        def build_and_render() -> None:
            render_report(client_report.build_client_report(client, NOW), out, PageSize.A4)

        figure = sample(build_and_render, runs, scale=1.0)
    finally:
        journal.close()
    return absolute("client PDF, 1,000 interactions", figure, 2.0, unit="s")
