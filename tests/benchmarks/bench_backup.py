"""Backups of a career-sized journal: how long a verified backup takes, with and without the
second folder, and how big it is.

    python -m tests.benchmarks.bench_backup [HOME]

HOME keeps the generated journal between runs (default: a temporary folder, built anew).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from journal import settings
    from journal.backup_plan import back_up
    from tests.benchmarks.generate import open_bulk_journal

    with tempfile.TemporaryDirectory() as scratch:
        home = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(scratch) / "home"
        journal = open_bulk_journal(home)
        drive = Path(scratch) / "drive"
        drive.mkdir()
        for folder in ("", str(drive)):
            settings.set_value("backup_folder", folder)
            times = []
            for _ in range(3):
                started = time.perf_counter()
                outcome = back_up(journal, "daily")
                times.append(time.perf_counter() - started)
            size = outcome.home.stat().st_size / 1_000_000
            where = "home + second folder" if folder else "home only"
            print(f"verified backup, {where}: best {min(times):.2f} s, worst {max(times):.2f} s")
        print(f"backup size: {size:.1f} MB (journal {journal.path.stat().st_size / 1e6:.1f} MB)")
        settings.set_value("backup_folder", "")
        journal.close()


if __name__ == "__main__":
    main()
