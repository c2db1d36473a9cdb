"""Render one page of each PDF report of the demo journal as PNG, for the README.

    QT_QPA_PLATFORM=offscreen python packaging/make_report_images.py
Writes packaging/screenshots/report-{client,accountability,overview}.png (needs `pdftoppm`,
from poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "packaging" / "screenshots"
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("make_report_images: pdftoppm is missing; install poppler-utils.", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    home = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(home)
    os.environ["RAPPORT_PASSPHRASE"] = "screenshot journal passphrase"
    from journal import clients, settings
    from journal.interchange.demo import populate_demo
    from journal.reports import accountability, client_report, practice
    from journal.store.database import open_journal
    from ui.reports import PageSize, render_report
    from ui.reports.command import ensure_gui_application

    ensure_gui_application()
    journal = open_journal(home, lambda purpose: os.environ["RAPPORT_PASSPHRASE"])
    try:
        populate_demo(NOW)
        settings.set_value("my_name", "Elin Sand")
        made = {
            "client": client_report.build_client_report(clients.find_client("Victor"), NOW),
            "accountability": accountability.build_accountability_list(
                clients.find_client("Sofia"), NOW
            ),
            "overview": practice.build_practice_overview(NOW),
        }
    finally:
        journal.close()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, report in made.items():
        pdf = home / f"{name}.pdf"
        render_report(report, pdf, PageSize.A4)
        stem = OUT / f"report-{name}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        print(f"wrote {stem}.png")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
