"""`rapport sync`: set up or join sync through a folder, sync now, where sync stands, leave."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from journal.cli.common import Outer, opened, print_json, terminal_passphrase
from journal.errors import UserInputError
from journal.i18n import _
from journal.store.home import database_path, journal_home
from journal.store.recovery import RECOVERY_KEY_ENV, parse_recovery_key
from journal.store.secrets import (
    PASSPHRASE_ENV,
    JournalKey,
    PassphrasePurpose,
    key_from_answer,
    recovered_key,
)
from journal.sync import service, wording
from journal.sync.engine import Outcome
from journal.sync.folder import read_journal_file


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "sync",
        parents=[common],
        help=_("sync the journal with your other devices through a folder"),
        description=_(
            "Sync through a folder that Syncthing, a cloud drive or a network share copies "
            "between your devices. Only encrypted change files are written there. With "
            "--folder: set sync up, or join the journal synced there (on a new device, with "
            "the recovery key from RAPPORT_RECOVERY_KEY or typed at the prompt)."
        ),
    )
    p.add_argument("--folder", metavar=_("DIR"), help=_("the folder to sync through"))
    p.add_argument("--status", action="store_true", help=_("show where sync stands"))
    p.add_argument("--json", action="store_true", help=_("with --status: as JSON"))
    p.add_argument("--leave", action="store_true", help=_("stop syncing on this device"))
    p.set_defaults(run=cmd_sync)


def _joining_key() -> JournalKey:
    """The journal's key for a new device: the recovery key, or a passphrase journal's
    passphrase."""
    text = os.environ.get(RECOVERY_KEY_ENV)
    if text:
        return recovered_key(parse_recovery_key(text))
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        return key_from_answer(passphrase)
    typed = terminal_passphrase(PassphrasePurpose.JOIN)
    if not typed:
        raise UserInputError(
            _(
                "Joining needs the journal's key: set {recovery} to the key on its recovery "
                "sheet (or {passphrase} for a passphrase journal)."
            ).format(recovery=RECOVERY_KEY_ENV, passphrase=PASSPHRASE_ENV)
        )
    return key_from_answer(typed)


def _say(outcome: Outcome) -> None:
    print(wording.outcome_line(outcome))
    if outcome.notice:
        print(outcome.notice, file=sys.stderr)


def cmd_sync(args: argparse.Namespace) -> int:
    if args.json and not args.status:
        raise UserInputError(_("--json goes with --status."))
    home = journal_home(args.home)
    if args.folder and not database_path(home).exists():
        folder = Path(args.folder).expanduser()
        if folder.is_dir() and read_journal_file(folder) is not None:
            service.join_in_place(home, folder, _joining_key())
            print(_("Joined the journal synced in {folder}.").format(folder=folder))
            return 0
    with opened(args, create=bool(args.folder), writes=not args.status) as journal:
        if args.status:
            status = service.status(journal)
            if args.json:
                print_json(status.as_json())
            else:
                print("\n".join(wording.status_lines(status)))
        elif args.leave:
            service.leave(journal)
            print(_("This device no longer syncs; its journal stays as it is."))
        elif args.folder:
            outcome = service.set_up(journal, Path(args.folder))
            print(_("Sync is set up through {folder}.").format(folder=service.folder_of(journal)))
            _say(outcome)
        else:
            _say(service.sync_now(journal))
    return 0
