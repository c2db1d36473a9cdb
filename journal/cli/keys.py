"""The journal's key from a terminal: the recovery sheet, restoring a backup (on this machine
or a new one), a new passphrase, and moving the key between a passphrase and the keyring."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from journal import recovery_sheet
from journal.backup_plan import backup_before
from journal.cli.care import warn_about
from journal.cli.common import Outer, opened, terminal_passphrase
from journal.cli.reports import pdf_target
from journal.errors import RapportError, UserInputError
from journal.i18n import _
from journal.store.database import Journal
from journal.store.home import journal_home
from journal.store.instance import refuse_while_open
from journal.store.rekey import keyring_key, passphrase_key, rekey
from journal.store.restore import restore_backup
from journal.store.secrets import JournalKey

NEW_PASSPHRASE_ENV = "RAPPORT_NEW_PASSPHRASE"
KEY_MODES = ("keyring", "passphrase")


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "recovery-sheet",
        parents=[common],
        help=_("write the recovery sheet (the journal's key on paper, and how to restore)"),
        description=_(
            "The one page to keep on paper: the journal's recovery key, where the "
            "journal and its backups live, and how to restore them on any computer."
        ),
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", metavar=_("FILE.pdf"), help=_("write the sheet as a PDF"))
    what.add_argument("--text", action="store_true", help=_("print the sheet"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.set_defaults(run=lambda args: cmd_recovery_sheet(args, outer))

    p = subparsers.add_parser(
        "restore",
        parents=[common],
        help=_("make a backup the journal (the journal there now is set aside, not deleted)"),
        description=_(
            "Check BACKUP with its key, set the journal that is there aside and put "
            "the backup in its place. On a new computer give the recovery key "
            "(RAPPORT_RECOVERY_KEY, or typed when asked); it is then kept in this keyring."
        ),
    )
    p.add_argument("backup", metavar=_("BACKUP"))
    p.set_defaults(run=cmd_restore)

    p = subparsers.add_parser(
        "change-passphrase",
        parents=[common],
        help=_("lock a passphrase journal with a new passphrase"),
        description=_(
            "The current passphrase comes from RAPPORT_PASSPHRASE or is asked; the new "
            "one from %(variable)s or is asked twice. A backup is made first."
        )
        % {"variable": NEW_PASSPHRASE_ENV},
    )
    p.set_defaults(run=cmd_change_passphrase)

    p = subparsers.add_parser(
        "move-key",
        parents=[common],
        help=_("move the journal's key to the keyring, or to a passphrase"),
        description=_(
            "Copy the journal under a new key: a random key kept in the system "
            "keyring, or a passphrase (%(variable)s, or asked twice). A backup is made "
            "first, the old file is set aside, and a new recovery sheet is needed."
        )
        % {"variable": NEW_PASSPHRASE_ENV},
    )
    p.add_argument("--to", required=True, choices=KEY_MODES, help=_("where the key is to be kept"))
    p.set_defaults(run=cmd_move_key)


def cmd_recovery_sheet(args: argparse.Namespace, outer: Outer) -> int:
    render = outer.extra.get("recovery-sheet")
    out = pdf_target(args.out, args.force) if args.out else None
    if out is not None and render is None:
        raise RapportError(_("PDF output is not available in this build (Qt is missing)."))
    with opened(args, create=False) as journal:
        sheet = recovery_sheet.sheet_for(journal)
        if out is None:
            print(sheet.text())
        else:
            args.sheet, args.out = sheet, out
            assert render is not None
            render(args)
            print(
                _("Wrote the recovery sheet to %(file)s. Print it and keep it somewhere safe.")
                % {"file": out}
            )
        if journal.refusal:
            return 0  # a journal that takes no changes: the sheet, but no record of it
        recovery_sheet.record_made(journal)
        if sys.stdin.isatty() and sheet.recovery_key:
            typed = input(_("To check you kept it, type the last group of the key: "))
            if recovery_sheet.record_checked(journal, typed, sheet):
                print(_("That matches: the sheet is checked."))
            else:
                print(_("That does not match the sheet; check it and run this again."))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    home = journal_home(args.home)
    refuse_while_open(home)
    backup = Path(args.backup)
    aside = restore_backup(home, backup, ask=terminal_passphrase)
    print(_("Restored %(backup)s as the journal in %(home)s.") % {"backup": backup, "home": home})
    if aside is not None:
        print(_("The journal that was there is kept in %(folder)s.") % {"folder": aside})
    return 0


def _new_passphrase() -> str:
    value = os.environ.get(NEW_PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserInputError(
            _(
                "Set %(variable)s to the new passphrase, or run this in a terminal to type "
                "it; nothing was changed."
            )
            % {"variable": NEW_PASSPHRASE_ENV}
        )
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("Type it again: ")) != first:
        raise UserInputError(_("The two passphrases differ; nothing was changed. Try again."))
    return first


def _rekey(journal: Journal, new_key: Callable[[], JournalKey], reason: str, now: str) -> None:
    """A verified backup under the old key first (not a step further if it fails), then the
    new key (a keyring entry is made only now), then the copy under it."""
    before = backup_before(journal, "rekey")
    aside = rekey(journal, new_key(), reason)
    print(now)
    print(_("A verified backup under the old key is %(path)s.") % {"path": before.home})
    warn_about(before)
    if aside is not None:
        print(_("The journal file under the old key is kept in %(folder)s.") % {"folder": aside})
    print(_("Make a new recovery sheet: `rapport recovery-sheet --out sheet.pdf`."))


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    refuse_while_open(journal_home(args.home))
    with opened(args, create=False, writes=True) as journal:
        if journal.key_mode != "passphrase":
            raise UserInputError(
                _(
                    "This journal's key is kept in the keyring, not a passphrase; to lock it "
                    "with a passphrase use `rapport move-key --to passphrase`."
                )
            )
        new = passphrase_key(_new_passphrase())
        if new.sqlcipher_key == journal.key:
            raise UserInputError(_("That is the current passphrase; nothing was changed."))
        _rekey(
            journal,
            lambda: new,
            "new-passphrase",
            _("The journal is now locked with the new passphrase."),
        )
    return 0


def cmd_move_key(args: argparse.Namespace) -> int:
    refuse_while_open(journal_home(args.home))
    with opened(args, create=False, writes=True) as journal:
        if journal.key_mode == args.to:
            raise UserInputError(
                _("The journal's key is in the %(place)s already; nothing to do.")
                % {"place": _("keyring") if args.to == "keyring" else _("passphrase")}
            )
        if args.to == "keyring":
            _rekey(
                journal,
                keyring_key,
                "to-keyring",
                _("The journal is now locked with a key in the keyring."),
            )
        else:
            new = passphrase_key(_new_passphrase())
            _rekey(
                journal,
                lambda: new,
                "to-passphrase",
                _("The journal is now locked with the passphrase."),
            )
    return 0
