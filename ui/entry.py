"""The `rapport` entry point: the outermost layer, joining the command line and the app.

Qt is imported only when the app or a report is actually asked for, so terminal commands
start in a fraction of a second. The plain app start (`rapport`, `rapport --home DIR`) skips
the command line's parser and modules altogether: they load the whole journal, which the
window's first paint does without (see journal.startup).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn


def _open_app(home: str | None, demo: bool) -> int:
    # The start allocates what lives as long as the app (modules, classes, Qt's enums), which
    # the cycle collector would only walk again and again (~6 ms); run_app turns it back on
    # once the window has painted (ui.app.resume_collection).
    gc.disable()
    # Before Qt loads: the key and first rows are read in a helper meanwhile, the first
    # paint's journal modules load (see journal.startup).
    from journal.startup import prepare
    from journal.store.home import journal_home

    prefetch = prepare(None if demo and not home else journal_home(home))
    if prefetch is None:
        gc.enable()  # the journal opens first, perhaps behind the unlock dialog: no hurry
    from ui.app import run_app

    return run_app(home=home, demo=demo, prefetch=prefetch)


def _report(args: argparse.Namespace) -> int:
    from ui.reports.command import run_report_command

    return run_report_command(args)


def plain_app_start(args: Sequence[str]) -> tuple[bool, str | None]:
    """(True, home) when the arguments only open the app, with `--home DIR` or without."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--home" and args[1] and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--home=") and len(args[0]) > len("--home="):
        return True, args[0].removeprefix("--home=")
    return False, None


def main(argv: Sequence[str] | None = None) -> NoReturn:
    os.umask(0o077)  # journal, drafts, backups and exports: owner-only
    args = list(sys.argv[1:] if argv is None else argv)
    plain, home = plain_app_start(args)
    if plain:
        from journal.cli.guard import guarded

        sys.exit(guarded(lambda: _open_app(home, demo=False)))
    from journal.cli.common import Outer
    from journal.cli.main import run

    outer = Outer(open_app=lambda a: _open_app(a.home, a.demo), extra={"report": _report})
    sys.exit(run(args, outer))


if __name__ == "__main__":
    main()
