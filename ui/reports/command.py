"""The Qt half of `rapport report`: paint the data journal.cli_reports assembled."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtGui import QGuiApplication

from journal.i18n import ngettext


def ensure_gui_application() -> QGuiApplication:
    """A QGuiApplication for painting; headless (offscreen) unless one exists or a platform is set.

    Painting a PDF needs fonts but no window, so a terminal command never needs a display.
    """
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    argv = [sys.argv[0] if sys.argv else "rapport"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    return QGuiApplication(argv)


def run_report_command(args: argparse.Namespace) -> int:
    from ui.reports import PageSize, default_page_size, render_report

    ensure_gui_application()
    page_size = PageSize(args.page_size) if args.page_size else default_page_size()
    pages = render_report(args.report, args.out, page_size)
    wrote = ngettext(
        "Wrote %(file)s (%(n)d page, %(size)s).", "Wrote %(file)s (%(n)d pages, %(size)s).", pages
    )
    print(wrote % {"file": args.out, "n": pages, "size": page_size.value})
    return 0
