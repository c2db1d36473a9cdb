"""What the command groups share: the parser that fails in one line, the Qt commands handed in
by the entry point, opening the journal from a terminal, and JSON output.

main and each command group import this module; it imports none of them, so the groups never
need main back.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NoReturn

from journal.cli.guard import PROG
from journal.errors import UserInputError
from journal.store.database import Journal, open_journal
from journal.store.home import journal_home
from journal.store.secrets import MIN_PASSPHRASE_LENGTH, PassphrasePurpose

GuiCommand = Callable[[argparse.Namespace], int]


@dataclass
class Outer:
    """Commands that need Qt, provided by the entry point (ui.entry)."""

    open_app: GuiCommand | None = None
    extra: dict[str, GuiCommand] = field(default_factory=dict)


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UserInputError(f"{message} (see `{self.prog} --help`)")


def terminal_passphrase(purpose: PassphrasePurpose) -> str | None:
    """Ask at the terminal; None where nobody can answer (CI, scripts, pipes)."""
    if not sys.stdin.isatty():
        return None
    if purpose is PassphrasePurpose.UNLOCK:
        return getpass.getpass("Passphrase for the Rapport journal: ")
    if purpose is PassphrasePurpose.RECOVER:
        return getpass.getpass("Recovery key (from the recovery sheet) or passphrase: ")
    print(
        "No system keyring is available, so this journal will be locked with a passphrase.",
        file=sys.stderr,
    )
    first = getpass.getpass(f"Choose a passphrase (at least {MIN_PASSPHRASE_LENGTH} characters): ")
    if getpass.getpass("Type it again: ") != first:
        raise UserInputError("The two passphrases differ; nothing was created. Try again.")
    return first


@contextmanager
def opened(args: argparse.Namespace, create: bool = True) -> Iterator[Journal]:
    journal = open_journal(journal_home(args.home), terminal_passphrase, create=create)
    try:
        for warning in journal.warnings:
            print(f"{PROG}: warning: {warning}", file=sys.stderr)
        yield journal
    finally:
        journal.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
