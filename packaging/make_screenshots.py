"""Render the README's screenshots from the demo journal, offscreen, into packaging/screenshots/.

    python packaging/make_screenshots.py [output folder]

Each shot in English and in Swedish. Uses temporary journals and a passphrase, a fixed "now"
(so the pictures do not drift) and a throwaway settings folder; nothing of the user's own
Rapport is read or written.
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


LANGUAGES = ("en", "sv")
"""English shots are named plainly (today.png), the others by language (today-sv.png)."""


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="rapport-screenshots-"))
    os.environ["RAPPORT_PASSPHRASE"] = "screenshot-demo-journal"
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")

    from ui.app import make_application

    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    for lang in LANGUAGES:
        shots += _shots(app, lang, scratch / lang, out)
    for path in shots:
        print(path)
    return 0


def _shots(app: object, lang: str, scratch: Path, out: Path) -> list[Path]:
    """Today, a client's page, capture and the welcome page of a new journal, in `lang`."""
    from journal.clients import find_client
    from journal.interchange.demo import populate_demo
    from journal.store.database import open_journal
    from journal.values.vocabulary import CHANNELS
    from ui.background import wait_for_background
    from ui.dialogs.capture.dialog import CaptureDialog
    from ui.main_window import MainWindow
    from ui.views.language import apply_language
    from ui.views.welcome import offer_welcome

    apply_language(lang)
    suffix = "" if lang == "en" else f"-{lang}"
    shots = []

    def shot(widget: object, name: str) -> None:
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        shots.append(path)

    journal = open_journal(scratch / "demo")
    populate_demo(NOW)
    window = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    window.resize(*SIZE)
    window.show()

    def settle() -> None:
        for _ in range(3):
            wait_for_background()
            app.processEvents()  # type: ignore[attr-defined]
            window.timeline.chart.wait_for_chart()  # the chart is painted by a worker

    settle()
    shot(window, "today")
    window.open_client(find_client("Maja").id)
    settle()
    shot(window, "main-window")

    dialog = CaptureDialog(
        window.undo_stack,
        find_client("Maja").id,
        clock=lambda: NOW,
        offer_drafts=False,
        parent=window,
    )
    dialog.summary.setText("Call: she picked option B, wants to start in April")
    dialog.channels.buttons()[CHANNELS.index("phone")].click()  # as the coach would: a call
    dialog.show()
    settle()
    shot(dialog, "capture-dialog")
    dialog.done(0)  # closed as it is: reject() would ask whether to keep the words
    window.close()
    wait_for_background()
    journal.close()

    journal = open_journal(scratch / "new")  # a new journal opens on the welcome page
    window = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    window.resize(*SIZE)
    window.show()
    offer_welcome(window)
    settle()
    shot(window, "welcome")
    window.close()
    wait_for_background()
    journal.close()
    return shots


if __name__ == "__main__":
    sys.exit(main())
