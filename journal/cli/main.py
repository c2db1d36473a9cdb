"""The `rapport` command line: quick capture, import/export, listing and search from a terminal.

Exit codes: 0 success, 2 bad input or usage, 1 any other failure. Errors are one line on
stderr. The Qt parts (the app, PDF reports) are handed in by the entry point, so this module
stays free of Qt and terminal commands start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from journal import __version__, clients, i18n, search
from journal.backup_plan import backup_before
from journal.cli import care as cli_care
from journal.cli import cues as cli_cues
from journal.cli import keys as cli_keys
from journal.cli import reports as cli_reports
from journal.cli import rhythm as cli_rhythm
from journal.cli import sync as cli_sync
from journal.cli import templates as cli_templates
from journal.cli.common import Outer, Parser, opened, print_json
from journal.cli.guard import PROG, check_arguments, guarded
from journal.entries import capture
from journal.errors import RapportError, UserInputError
from journal.interchange import export, importing
from journal.overview import client_overview
from journal.values import fields, zones
from journal.values.vocabulary import CHANNELS, DIRECTIONS


def cmd_import(args: argparse.Namespace) -> int:
    data = importing.read_import_file(Path(args.file))
    planned = importing.check_import(data)  # a rejected file must not leave a new journal
    with opened(args, writes=True) as journal:
        # A new journal has nothing to lose; any other is backed up first, or not imported into.
        before = None if journal.created else backup_before(journal, "import")
        summary = importing.import_planned(planned)
    print(
        f"Imported {summary.clients} clients, {summary.interactions} interactions "
        f"and {summary.commitments} commitments."
    )
    if summary.carried():
        print(summary.carried())
    if before is not None:
        print(f"The journal as it was before is backed up in {before.home}.")
        cli_care.warn_about(before)
    return 0


EXPORT_NAME = "rapport-export.json"


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.is_dir():
        raise UserInputError(
            f"{target} is a folder; give a file name, e.g. {target / EXPORT_NAME}."
        )
    if target.exists() and not args.force:
        raise UserInputError(f"{target} already exists; pass --force to replace it.")
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise UserInputError(f"{folder} is a file, not a folder; pick another place.")
    if not folder.exists():  # a mistyped folder is refused rather than created on the way
        raise UserInputError(f"The folder {folder} does not exist; create it or pick another.")
    with opened(args, create=False):
        count = export.write_export(target)
    print(f"Exported {count} clients to {target}.")
    return 0


def cmd_clients(args: argparse.Namespace) -> int:
    with opened(args, create=False):
        rows = client_overview()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No clients yet. Add one with `rapport log NAME ...` or `rapport import FILE`.")
        return 0
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        last = r["last_contact"][:10] if r["last_contact"] else "never"
        reached = r["last_reached_out"]
        if reached and (not r["last_contact"] or reached > r["last_contact"]):
            last += f" (you wrote {reached[:10]})"
        n, open_ = r["interactions"], r["open_commitments"]
        print(
            f"{r['name']:<{width}}  {r['status']:<8}  last contact {last}  "
            f"{n} interaction{'' if n == 1 else 's'}, "
            f"{open_} open commitment{'' if open_ == 1 else 's'}"
        )
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    at = (
        capture.check_happened(
            fields.moment(args.at, "--at", default_tz=zones.local_zone()), "--at"
        )
        if args.at
        else dt.datetime.now().astimezone()
    )
    details: dict[str, Any] = {
        "notes": args.notes or "",
        "feeling": fields.feeling(args.feeling, "--feeling"),
        "emotions": args.emotion or [],
        "awaits_reply": args.awaits_reply,
        "follow_up_on": fields.day(args.follow_up, "--follow-up"),
    }
    with opened(args, writes=True):
        client = _client_for_log(args)
        interaction = capture.log_interaction(
            client,
            at=at,
            channel=args.channel,
            direction=args.direction,
            summary=args.summary,
            **details,
        )
        when = interaction.at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(
            f"Logged {interaction.channel} ({interaction.direction}) with {client.name} at {when}."
        )
    return 0


def _client_for_log(args: argparse.Namespace) -> Any:
    if args.new_client:
        return clients.create_client(args.client)
    return clients.find_client(args.client)


def cmd_search(args: argparse.Namespace) -> int:
    limit = fields.integer(args.limit, "--limit", 1, 10_000)
    assert limit is not None  # it has a default
    with opened(args, create=False):
        hits = search.search(args.query, limit=limit)
    if args.json:
        print_json(
            [
                {
                    "kind": h.kind,
                    "id": h.uid,
                    "client": h.client_name,
                    "when": h.when.isoformat() if h.when else None,
                    "text": h.plain(h.title),
                    "snippet": h.plain(h.snippet),
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print(f"Nothing found for {args.query!r}.")
        return 0
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    start, end = ("\033[1m", "\033[0m") if bold else ("[", "]")
    for h in hits:
        when = (
            h.when.astimezone().strftime("%Y-%m-%d")
            if isinstance(h.when, dt.datetime)
            else (h.when.isoformat() if h.when else "profile" if h.kind == "client" else "no date")
        )
        line = f"{when}  {h.client_name}  {h.marked(h.title, start, end)}"
        snippet = h.marked(h.snippet, start, end).strip()
        print(line + (f"  — {snippet}" if snippet else ""))
    return 0


def build_parser(outer: Outer) -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="journal folder (default: RAPPORT_HOME or the user data folder)",
    )
    parser = Parser(
        prog=PROG,
        description="Rapport: a private journal of your client relationships.",
        epilog="With no command, opens the app.",
    )
    parser.add_argument("--home", metavar="DIR", default=None, help=common._actions[0].help)
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=None,
        help="language of messages, the app and reports (default: the journal's, else the "
        "system's)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a demo journal (a temporary one unless --home is given)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser(
        "import", parents=[common], help="add the clients of a JSON export to the journal"
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("export", parents=[common], help="write the whole journal as JSON")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("clients", parents=[common], help="list clients")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_clients)

    p = sub.add_parser("log", parents=[common], help="record an interaction from the terminal")
    p.add_argument("client", metavar="CLIENT")
    p.add_argument("summary", metavar="SUMMARY")
    p.add_argument("--channel", required=True, choices=CHANNELS)
    p.add_argument("--direction", required=True, choices=DIRECTIONS)
    p.add_argument("--at", metavar="WHEN", help="ISO 8601 date and time (default: now, local time)")
    p.add_argument("--feeling", type=int, metavar="N", help="how it felt, from -2 to 2")
    p.add_argument(
        "--emotion", action="append", metavar="WORD", help="e.g. dread, drained, energised"
    )
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument(
        "--awaits-reply", action="store_true", help="an outgoing message that needs an answer"
    )
    p.add_argument("--follow-up", metavar="DATE", help="follow up on this day (YYYY-MM-DD)")
    p.add_argument("--new-client", action="store_true", help="create CLIENT first")
    p.set_defaults(run=cmd_log)

    p = sub.add_parser(
        "search", parents=[common], help="full-text search over notes and commitments"
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=50, help=argparse.SUPPRESS)
    p.set_defaults(run=cmd_search)

    for add_commands in COMMAND_GROUPS:
        add_commands(sub, common, outer)
    return parser


# Further command groups (cues, templates, reports) live in modules of their own, each with an
# `add_commands(subparsers, common_parent, outer)` function listed here.
COMMAND_GROUPS: tuple[Callable[[Any, argparse.ArgumentParser, Outer], None], ...] = (
    cli_templates.add_commands,
    cli_reports.add_commands,
    cli_cues.add_commands,
    cli_care.add_commands,
    cli_keys.add_commands,
    cli_rhythm.add_commands,
    cli_sync.add_commands,
)


def spoken_language(arguments: Sequence[str]) -> str | None:
    """The --lang given anywhere on the line (the parser checks its value later)."""
    for index, argument in enumerate(arguments):
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
    return None


def run(argv: Sequence[str] | None = None, outer: Outer | None = None) -> int:
    chosen = outer or Outer()

    def parse_and_run() -> int:
        arguments = list(sys.argv[1:] if argv is None else argv)
        check_arguments(arguments)
        i18n.use(i18n.resolve(spoken_language(arguments)))  # before the help is written
        parser = build_parser(chosen)
        args = parser.parse_args(arguments)
        if args.command is None:
            if chosen.open_app is None:
                raise RapportError("The app is not available in this build; use a command.")
            return chosen.open_app(args)
        if args.demo:
            raise UserInputError("--demo opens the app; use it without a command.")
        return int(args.run(args))

    return guarded(parse_and_run)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(run(argv))
