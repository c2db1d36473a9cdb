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
from pathlib import Path
from typing import Any, NoReturn

from journal import i18n, settings
from journal.cli.guard import PROG
from journal.errors import JournalWriteFailed, UserInputError
from journal.i18n import N_, _, ngettext
from journal.store.database import Journal, open_journal
from journal.store.home import journal_home
from journal.store.secrets import MIN_PASSPHRASE_LENGTH, PassphrasePurpose
from journal.values.vocabulary import FEELING_MAX, FEELING_MIN, feeling_word

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
"""argparse's own words (usage, errors), which it looks up through its module's `_`: pointed
at Rapport's catalogue below, so `--help` and usage errors speak the chosen language."""
argparse._ = i18n._  # type: ignore[attr-defined]

GuiCommand = Callable[[argparse.Namespace], int]


@dataclass
class Outer:
    """Commands that need Qt, provided by the entry point (ui.entry)."""

    open_app: GuiCommand | None = None
    extra: dict[str, GuiCommand] = field(default_factory=dict)


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UserInputError(
            _("%(message)s (see `%(prog)s --help`)") % {"message": message, "prog": self.prog}
        )


def counted_clients(n: int) -> str:
    return ngettext("%(n)d client", "%(n)d clients", n) % {"n": n}


def counted_interactions(n: int) -> str:
    return ngettext("%(n)d interaction", "%(n)d interactions", n) % {"n": n}


def counted_commitments(n: int) -> str:
    return ngettext("%(n)d commitment", "%(n)d commitments", n) % {"n": n}


def already_exists(target: Path) -> str:
    return _("%(target)s already exists; pass --force to replace it.") % {"target": target}


def no_such_folder(folder: Path) -> str:
    return _("The folder %(folder)s does not exist; create it or pick another.") % {
        "folder": folder
    }


def feeling_help() -> str:
    """--feeling's help: the stored scale, with the words and keys the app shows for it."""
    return _(
        "how it felt, from %(low)d (%(low_word)s) to %(high)d (%(high_word)s), "
        "as the app's keys 1 to 5"
    ) % {
        "low": FEELING_MIN,
        "low_word": feeling_word(FEELING_MIN),
        "high": FEELING_MAX,
        "high_word": feeling_word(FEELING_MAX),
    }


def warning(text: object) -> None:
    """A warning in one line on stderr, after the work it concerns was done."""
    print(_("%(prog)s: warning: %(text)s") % {"prog": PROG, "text": text}, file=sys.stderr)


def terminal_passphrase(purpose: PassphrasePurpose) -> str | None:
    """Ask at the terminal; None where nobody can answer (CI, scripts, pipes)."""
    if not sys.stdin.isatty():
        return None
    if purpose is PassphrasePurpose.UNLOCK:
        return getpass.getpass(_("Passphrase for the Rapport journal: "))
    if purpose in (PassphrasePurpose.RECOVER, PassphrasePurpose.JOIN):
        return getpass.getpass(_("Recovery key (from the recovery sheet) or passphrase: "))
    print(
        _("No system keyring is available, so this journal will be locked with a passphrase."),
        file=sys.stderr,
    )
    first = getpass.getpass(
        _("Choose a passphrase (at least %(n)d characters): ") % {"n": MIN_PASSPHRASE_LENGTH}
    )
    if getpass.getpass(_("Type it again: ")) != first:
        raise UserInputError(_("The two passphrases differ; nothing was created. Try again."))
    return first


@contextmanager
def opened(
    args: argparse.Namespace, create: bool = True, writes: bool = False
) -> Iterator[Journal]:
    """The journal, its warnings said once on stderr. `writes`: the command changes the
    journal, so it is checked first, and one that takes no changes (read-only, a full disk,
    damage) is refused in one line before anything is done."""
    home = journal_home(args.home)
    journal = open_journal(home, terminal_passphrase, create=create, check=writes)
    after = ""
    try:
        if getattr(args, "lang", None) is None:  # no --lang: the journal's own language
            i18n.use(settings.journal_language())
        refused = writes and journal.refusal
        for said in journal.warnings:
            if not (refused and said == journal.refusal):  # said once, as the error
                warning(said)
        if refused:
            raise JournalWriteFailed(journal.refusal)
        yield journal
    finally:
        after = journal.close()
    if after:  # the save is done; what failed after it is said, not hidden
        warning(after)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
