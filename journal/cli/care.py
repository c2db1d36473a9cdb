"""`rapport check`, `rapport backup` and `rapport backups`: is the journal whole, a copy of
it that counts, and the copies there are."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from journal.cli.common import Outer, opened, print_json
from journal.store.backups import list_backups, newest_verified
from journal.store.health import in_words
from journal.store.home import backups_dir, journal_home


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
    p = subparsers.add_parser(
        "backups",
        parents=[common],
        help="list the backups, newest first",
        description="Each backup in the journal's backups folder: when it was made, its size, "
        "where it is and whether it was verified.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_backups)


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args, create=False) as journal:
        problems = journal.problems()
    if problems:
        print(f"The journal at {journal.path} is damaged: {in_words(problems)}.")
        newest = newest_verified(journal.home)
        if newest is None:
            print("It was not changed. Keep the file; no verified backup was found.")
        else:
            made = newest.made.strftime("%Y-%m-%d %H:%M")
            print("It was not changed. Keep the file; the newest verified backup is")
            print(f"{newest.path} (made {made}).")
        return 1
    print(f"The journal at {journal.path} is whole.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args, create=False) as journal:
        folder = Path(args.to).expanduser() if args.to else backups_dir(journal.home)
        path = journal.verified_backup(folder)
    print(path)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    home = journal_home(args.home)
    found = list_backups(home)
    if args.json:
        print_json(
            [
                {
                    "time": b.made.isoformat(timespec="seconds"),
                    "size": b.size,
                    "place": str(b.path),
                    "verified": b.verified,
                }
                for b in found
            ]
        )
        return 0
    if not found:
        print(f"No backups in {backups_dir(home)} yet; make one with `rapport backup`.")
    for b in found:
        state = "verified" if b.verified else "not verified (made before a schema update)"
        print(f"{b.made:%Y-%m-%d %H:%M}  {b.size / 1_000_000:7.1f} MB  {b.path}  {state}")
    return 0
