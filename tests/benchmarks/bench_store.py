"""Store benchmark: import, export, open, search and the client overview on a 100k journal.

    python -m tests.benchmarks.bench_store [clients] [interactions]

Prints one line per figure. Not a test: figures go into the README's performance section.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks.generate import _bench_passphrase, bulk_document, load_into


def _best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    n_clients = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    n_interactions = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    document = bulk_document(n_clients, n_interactions)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        started = time.perf_counter()
        journal = load_into(home, document)
        print(
            f"import {n_clients} clients / {n_interactions} interactions: "
            f"{time.perf_counter() - started:.2f} s"
        )

        from journal.interchange.export import write_export
        from journal.overview import client_overview
        from journal.search import search
        from journal.store.database import open_journal

        print(f"export to JSON: {_best_of(3, lambda: write_export(home / 'out.json')):.2f} s")
        for query in ("budget", "call", "zzzz-no-match"):
            seconds = _best_of(5, lambda q=query: search(q, limit=100))
            print(f"search {query!r} (top 100): {seconds * 1000:.1f} ms")
        print(f"client overview (all clients): {_best_of(5, client_overview) * 1000:.1f} ms")
        journal.close()

        def reopen() -> None:
            with _bench_passphrase():
                open_journal(home, create=False).close()

        print(
            f"open + close the journal (passphrase KDF included): "
            f"{statistics.median([_best_of(1, reopen) for _ in range(3)]) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
