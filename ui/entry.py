"""The `rapport` entry point: the outermost layer, joining the command line and the app.

Qt is imported only when the app or a report is actually asked for, so terminal commands
start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from journal.cli import Outer, run


def _open_app(args: argparse.Namespace) -> int:
    # Before Qt loads: the key is read in a helper meanwhile, the journal's modules load
    # (see journal.startup).
    from journal.home import journal_home
    from journal.startup import prepare

    prefetch = prepare(None if args.demo and not args.home else journal_home(args.home))
    from ui.app import run_app

    return run_app(home=args.home, demo=args.demo, prefetch=prefetch)


def _report(args: argparse.Namespace) -> int:
    from ui.reports.command import run_report_command

    return run_report_command(args)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    os.umask(0o077)  # journal, drafts, backups and exports: owner-only
    sys.exit(run(argv, Outer(open_app=_open_app, extra={"report": _report})))


if __name__ == "__main__":
    main()
