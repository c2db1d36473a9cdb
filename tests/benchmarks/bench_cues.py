"""Benchmark: every cue for a 200-client / 100,000-interaction journal, and one client after a save.

Targets (issue 3): all_cues well under 0.5 s; one client's cues a few milliseconds.
Run: python -m tests.benchmarks.bench_cues [HOME]   (the generated journal is cached in HOME)
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks.generate import open_bulk_journal

AS_OF = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _timed(action: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return times, result


def _report(label: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(
        f"{label:<44} median {statistics.median(ms):8.2f} ms   best {min(ms):8.2f} ms   "
        f"worst {max(ms):8.2f} ms   ({len(ms)} runs)"
    )


def main(home: Path) -> None:
    from journal.cues.api import all_cues, cues_for_client, thresholds_for
    from journal.cues.engine import evaluate, required_days
    from journal.cues.history import all_histories
    from journal.entries.capture import log_interaction
    from journal.store.models import Client, Interaction

    journal = open_bulk_journal(home)
    try:
        n_clients, n_interactions = Client.select().count(), Interaction.select().count()
        print(
            f"journal: {n_clients} clients, {n_interactions} interactions, as of {AS_OF:%Y-%m-%d}"
        )

        times, cues = _timed(lambda: all_cues(AS_OF), 7)
        _report("all_cues (whole journal)", times)
        tally = Counter(c.kind for c in cues)  # type: ignore[union-attr]
        print(f"  {len(cues)} cues: " + ", ".join(f"{k} {n}" for k, n in tally.most_common()))  # type: ignore[arg-type]

        days = required_days(thresholds_for(Client.get()))
        times, histories = _timed(lambda: all_histories(AS_OF, days), 7)
        _report("  of which loading the histories", times)
        thresholds = {h.client_id: thresholds_for(Client.get_by_id(h.client_id)) for h in histories}  # type: ignore[union-attr]
        times, _ = _timed(
            lambda: [evaluate(h, thresholds[h.client_id], AS_OF) for h in histories],
            7,  # type: ignore[union-attr]
        )
        _report("  of which evaluating the rules", times)

        busiest = max(Client.select(), key=lambda c: c.interactions.count())
        count = busiest.interactions.count()
        save_times = []
        for k in range(20):
            log_interaction(
                busiest,
                at=AS_OF - dt.timedelta(minutes=k + 1),
                channel="email",
                direction="out",
                summary="Benchmark note",
                awaits_reply=True,
            )
            started = time.perf_counter()
            cues_for_client(busiest, AS_OF)
            save_times.append(time.perf_counter() - started)
        _report(f"cues_for_client after a save ({count} interactions)", save_times)
        journal.db.rollback() if journal.db.in_transaction() else None
        Interaction.delete().where(Interaction.summary == "Benchmark note").execute()
    finally:
        journal.close()


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(tempfile.gettempdir()) / "rapport-bench-journal"
    )
    main(target)
