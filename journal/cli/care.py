"""`rapport check`, `rapport backup` and `rapport backups`: is the journal whole, a copy of
it that counts, and the copies there are."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from journal.backup_plan import Outcome, back_up, second_folder
from journal.cli.common import Outer, opened, print_json, warning
from journal.errors import RapportError
from journal.i18n import _
from journal.store.backups import list_backups, newest_verified
from journal.store.health import in_words
from journal.store.home import backups_dir, database_path, journal_home
from journal.values.dates import date_and_time, decimal


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "check",
        parents=[common],
        help=_("check that the journal is whole (exit 1 if it is damaged)"),
        description=_(
            "Check every page of the journal, the links between its records and the "
            "search index. Nothing is changed."
        ),
    )
    p.set_defaults(run=cmd_check)
    p = subparsers.add_parser(
        "backup",
        parents=[common],
        help=_("make a verified, encrypted backup and print its path"),
        description=_(
            "Copy the journal, encrypted with its own key, into the journal's "
            "backups folder and the second backup folder of the backup_folder setting (or only "
            "into --to DIR), then open each copy and check it before it counts."
        ),
    )
    p.add_argument("--to", metavar=_("DIR"), help=_("write the backup into DIR"))
    p.set_defaults(run=cmd_backup)
    p = subparsers.add_parser(
        "backups",
        parents=[common],
        help=_("list the backups, newest first"),
        description=_(
            "Each backup in the journal's backups folder and the second backup "
            "folder: when it was made, its size, where it is and whether it was verified."
        ),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(run=cmd_backups)


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args, create=False) as journal:
        problems = journal.problems()
    if problems:
        print(
            _("The journal at %(path)s is damaged: %(problems)s.")
            % {"path": journal.path, "problems": in_words(problems)}
        )
        newest = newest_verified(journal.home)
        if newest is None:
            print(_("It was not changed. Keep the file; no verified backup was found."))
        else:
            print(_("It was not changed. Keep the file; the newest verified backup is"))
            print(
                _("%(path)s (made %(made)s).")
                % {"path": newest.path, "made": date_and_time(newest.made)}
            )
        return 1
    print(_("The journal at %(path)s is whole.") % {"path": journal.path})
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args, create=False) as journal:
        if args.to:
            print(journal.verified_backup(Path(args.to).expanduser()))
            return 0
        outcome = back_up(journal)
    print(outcome.home)
    if outcome.second is not None:
        print(outcome.second)
    warn_about(outcome)
    return 0


def warn_about(outcome: Outcome) -> None:
    """A second folder that got no copy, in one line on stderr (the home's copy counts)."""
    if outcome.problem:
        warning(outcome.problem)


def _second_folder(args: argparse.Namespace) -> list[Path]:
    """The second backup folder, read from the journal's settings; none when the journal
    cannot be opened (said in one line: the home's backups are listed all the same)."""
    if not database_path(journal_home(args.home)).exists():
        return []  # no journal here (a new machine): only its backups folder to list
    try:
        with opened(args, create=False):
            folder = second_folder()
    except RapportError as exc:
        warning(_("the second backup folder is not listed: %(problem)s") % {"problem": exc})
        return []
    return [] if folder is None else [folder]


def cmd_backups(args: argparse.Namespace) -> int:
    home = journal_home(args.home)
    found = list_backups(home, *_second_folder(args))
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
        print(
            _("No backups in %(folder)s yet; make one with `rapport backup`.")
            % {"folder": backups_dir(home)}
        )
    for b in found:
        state = _("verified") if b.verified else _("not verified (made before a schema update)")
        size = _("%(size)s MB") % {"size": decimal(b.size / 1_000_000)}
        print(f"{date_and_time(b.made)}  {size:>10}  {b.path}  {state}")
    return 0
