"""The `rapport` entry point: the outermost layer, joining the command line and the app.

Every start goes through the command line's parser; the app and the PDF reports, which need
Qt, are handed to it, so terminal commands never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from journal.cli.common import GuiCommand, Outer
from journal.cli.main import run


def _open_app(args: argparse.Namespace) -> int:
    from ui.app import run_app  # Qt loads only for the app

    return run_app(home=args.home, demo=args.demo, lang=args.lang)


def _report(args: argparse.Namespace) -> int:
    from ui.reports.command import run_report_command  # Qt loads only for a PDF

    return run_report_command(args)


def _recovery_sheet(args: argparse.Namespace) -> int:
    from ui.reports.recovery import run_recovery_sheet_command  # Qt loads only for a PDF

    return run_recovery_sheet_command(args)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    os.umask(0o077)  # journal, drafts, backups and exports: owner-only
    args = list(sys.argv[1:] if argv is None else argv)
    extra: dict[str, GuiCommand] = {"report": _report, "recovery-sheet": _recovery_sheet}
    sys.exit(run(args, Outer(open_app=_open_app, extra=extra)))


if __name__ == "__main__":
    main()
