"""Template benchmark: filling templates for the busiest clients of a 100k-interaction journal.

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_templates [clients] [interactions]

Prints one line per figure. Not a test: figures go into the README's performance section.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from journal.store.models import Client
from journal.templates import filling, library
from tests.benchmarks.generate import bulk_document, load_into

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    n_clients = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    n_interactions = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        journal = load_into(Path(folder), bulk_document(n_clients, n_interactions))
        started = time.perf_counter()
        library.builtin_templates()
        print(f"load the bundled library (16 files): {_ms(time.perf_counter() - started)}")
        busiest = max(Client.select(), key=lambda c: c.interactions.count())
        count = busiest.interactions.count()
        usable = library.list_templates()
        timings = []
        for template in usable:
            started = time.perf_counter()
            filling.render(template, busiest, NOW)
            timings.append(time.perf_counter() - started)
        print(
            f"fill one template for the busiest client ({count} interactions): "
            f"median {_ms(sorted(timings)[len(timings) // 2])}, worst {_ms(max(timings))}"
        )
        started = time.perf_counter()
        clients = list(Client.select())
        for client in clients:
            filling.render(library.get_template("accountability-recap", "en"), client, NOW)
        elapsed = time.perf_counter() - started
        print(f"accountability recap for all {len(clients)} clients: {elapsed:.2f} s")
        _bench_dialog(busiest.id)
        journal.close()


def _bench_dialog(client_id: int) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.template.dialog import TemplateDialog

    app = QApplication.instance() or QApplication([])
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        dialog = TemplateDialog(client_id, "switch-channel", as_of=NOW)
        dialog.show()
        app.processEvents()
        timings.append(time.perf_counter() - started)
        dialog.close()
        dialog.deleteLater()
    print(f"open the template dialog, filled and shown: best {_ms(min(timings))}")


if __name__ == "__main__":
    main()
