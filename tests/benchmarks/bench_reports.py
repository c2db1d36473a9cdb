"""Benchmark: a client report of 1,000 interactions (with notes) to PDF; the issue asks < 2 s.

Prints the time to assemble the data (database + cues, on the thread that owns the journal)
and to render it (Qt, any thread), for A4, plus the page count and file size.

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_reports
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from tests.benchmarks.generate import load_into

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
NOTE = (
    "Talked through the quarter's priorities. She wants to delegate the hiring round but "
    "worries about quality; we agreed on a scorecard and two check-ins. Åsa joined at the end."
)


def document(count: int) -> dict:
    interactions = [
        {
            "at": (NOW - dt.timedelta(hours=9 * k + 1)).isoformat(),
            "channel": ("email", "phone", "video", "meeting")[k % 4],
            "direction": ("out", "in", "two_way")[k % 3],
            "summary": f"Session {count - k}: planning and follow-up",
            "notes": NOTE * (1 + k % 3),
            "feeling": (k % 5) - 2,
            "emotions": ["energised"] if k % 7 == 0 else [],
        }
        for k in range(count)
    ]
    return {
        "format": "rapport-journal",
        "version": 1,
        "clients": [
            {
                "name": "Bench Client",
                "project": "benchmark",
                "interactions": interactions,
                "commitments": [{"owner": "client", "text": "Send the plan", "due": "2026-02-01"}],
            }
        ],
    }


def main(count: int = 1000, rounds: int = 2) -> None:
    from PySide6.QtGui import QGuiApplication

    from journal import clients
    from journal.reports import client_report
    from ui.reports import PageSize, render_report
    from ui.reports.fonts import ensure_fonts

    app = QGuiApplication.instance() or QGuiApplication(["bench", "-platform", "offscreen"])
    ensure_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        journal = load_into(Path(tmp) / "home", document(count))
        client = clients.find_client("Bench Client")
        out = Path(tmp) / "report.pdf"
        for round_ in range(1, rounds + 1):
            t0 = time.perf_counter()
            report = client_report.build_client_report(client, NOW)
            t1 = time.perf_counter()
            pages = render_report(report, out, PageSize.A4)
            t2 = time.perf_counter()
            print(
                f"round {round_}: {len(report.interactions)} interactions, {pages} pages, "
                f"{out.stat().st_size / 1e6:.1f} MB: data {t1 - t0:.2f} s, "
                f"render {t2 - t1:.2f} s, total {t2 - t0:.2f} s (goal < 2 s)"
            )
        journal.close()
    del app


if __name__ == "__main__":
    main()
