"""Render the README's screenshots from the demo journal, offscreen, into packaging/screenshots/.

    python packaging/make_screenshots.py [output folder]

Uses a temporary journal home and passphrase, a fixed "now" (so the pictures do not drift)
and a throwaway settings folder; nothing of the user's own Rapport is read or written.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SIZE = (1360, 820)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="rapport-screenshots-"))
    os.environ["RAPPORT_HOME"] = str(scratch / "home")
    os.environ["RAPPORT_PASSPHRASE"] = "screenshot-demo-journal"
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")

    from journal.clients import find_client
    from journal.interchange.demo import populate_demo
    from journal.store.database import open_journal
    from ui.app import make_application
    from ui.background import wait_for_background
    from ui.dialogs.capture.dialog import CaptureDialog
    from ui.main_window import MainWindow

    app = make_application()
    journal = open_journal(Path(os.environ["RAPPORT_HOME"]))
    populate_demo(NOW)
    window = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    window.resize(*SIZE)
    window.show()

    def settle() -> None:
        for _ in range(3):
            wait_for_background()
            app.processEvents()
            window.timeline.chart.wait_for_chart()  # the chart is painted by a worker

    settle()
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    window.grab().save(str(out / "today.png"))
    shots.append("today.png")
    window.open_client(find_client("Maja").id)
    settle()
    window.grab().save(str(out / "main-window.png"))
    shots.append("main-window.png")

    dialog = CaptureDialog(
        window.undo_stack,
        find_client("Maja").id,
        clock=lambda: NOW,
        offer_drafts=False,
        parent=window,
    )
    dialog.summary.setText("Call: she picked option B, wants to start in April")
    for button in dialog.channels.buttons():  # as the coach would: it was a call
        if button.text().replace("&", "") == "Phone":
            button.click()
    dialog.show()
    settle()
    dialog.grab().save(str(out / "capture-dialog.png"))
    shots.append("capture-dialog.png")
    dialog.done(0)  # closed as it is: reject() would ask whether to keep the words
    window.close()
    wait_for_background()
    journal.close()
    for name in shots:
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
