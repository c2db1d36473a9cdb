"""`rapport check` and `rapport backup`: is the journal whole, and a copy of it that counts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from journal.cli.common import Outer, opened
from journal.store.health import in_words
from journal.store.home import backups_dir


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "check",
        parents=[common],
        help="check that the journal is whole (exit 1 if it is damaged)",
        description="Check every page of the journal, the links between its records and the "
        "search index. Nothing is changed.",
    )
    p.set_defaults(run=cmd_check)
    p = subparsers.add_parser(
        "backup",
        parents=[common],
        help="make a verified, encrypted backup and print its path",
        description="Copy the journal, encrypted with its own key, into the journal's "
        "backups folder (or --to DIR), then open the copy and check it before it counts.",
    )
    p.add_argument("--to", metavar="DIR", help="write the backup into DIR")
    p.set_defaults(run=cmd_backup)


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args, create=False) as journal:
        problems = journal.problems()
    if problems:
        print(f"The journal at {journal.path} is damaged: {in_words(problems)}.")
        print("It was not changed. Keep the file, and restore the newest backup you trust.")
        return 1
    print(f"The journal at {journal.path} is whole.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args, create=False) as journal:
        folder = Path(args.to).expanduser() if args.to else backups_dir(journal.home)
        path = journal.verified_backup(folder)
    print(path)
    return 0
