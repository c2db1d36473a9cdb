"""Check benchmark: the quick check a CLI write runs first, and the write-ahead file's
checksum walk, at career size.

    python -m tests.benchmarks.bench_checks [HOME] [clients] [interactions]

HOME keeps the generated journal between runs (default: a temporary folder). Prints one
line per figure. Not a test: figures go into the README's reliability section.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench_store import _best_of
from tests.benchmarks.generate import _bench_passphrase, open_bulk_journal

WAL_BYTES = 4 << 20


def main() -> None:
    from journal import clients
    from journal.store.access import page_damage
    from journal.store.health import problems_in
    from journal.store.wal import damaged_frame, first_bad_frame

    keep = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    n_clients = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    n_interactions = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    folder = keep or Path(tempfile.mkdtemp(prefix="rapport-bench-"))
    journal = open_bulk_journal(folder, n_clients, n_interactions)
    size = journal.path.stat().st_size / 1e6
    key = journal.key
    with _bench_passphrase():
        quick = _best_of(3, lambda: page_damage(journal.path, key))
        alone = _best_of(3, lambda: problems_in(journal.db.connection(), quick=True))
        whole = _best_of(1, lambda: problems_in(journal.db.connection()))
    print(f"journal of {n_interactions} interactions: {size:.0f} MB")
    print(f"page check before a CLI write (own connection): {quick:.2f} s")
    print(f"quick check (the app's, on a worker): {alone:.2f} s")
    print(f"rapport check (integrity_check, links, index): {whole:.2f} s")
    journal.close()  # the import's write-ahead file folded in: the walk starts from nothing
    with _bench_passphrase():
        journal = open_bulk_journal(folder, n_clients, n_interactions)
    journal.db.execute_sql("PRAGMA wal_autocheckpoint = 0")
    wal = Path(f"{journal.path}-wal")
    number = 0
    while not wal.exists() or wal.stat().st_size < WAL_BYTES:
        clients.create_client(f"Bench {number}", notes="n" * 3000)
        number += 1
    data = wal.read_bytes()
    walk = _best_of(3, lambda: first_bad_frame(data))
    on_open = _best_of(3, lambda: damaged_frame(journal.path))
    print(f"write-ahead file of {len(data) / 1e6:.1f} MB: checksum walk {walk:.3f} s")
    print(f"as on open (the -shm index, then the walk): {on_open:.3f} s")
    journal.db.execute_sql("DELETE FROM client WHERE name LIKE 'Bench %'")
    journal.close()
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
