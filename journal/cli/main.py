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
from journal.backup_plan import Outcome, backup_before_commit
from journal.cli import care as cli_care
from journal.cli import cues as cli_cues
from journal.cli import keys as cli_keys
from journal.cli import reports as cli_reports
from journal.cli import rhythm as cli_rhythm
from journal.cli import sync as cli_sync
from journal.cli import templates as cli_templates
from journal.cli.common import (
    Outer,
    Parser,
    already_exists,
    counted_clients,
    counted_commitments,
    counted_interactions,
    feeling_help,
    no_such_folder,
    opened,
    print_json,
)
from journal.cli.guard import PROG, check_arguments, guarded
from journal.entries import capture
from journal.errors import RapportError, UserInputError
from journal.i18n import _, ngettext
from journal.interchange import export, importing
from journal.overview import client_overview
from journal.store.home import holds_journal, journal_home
from journal.values import documents, fields, zones
from journal.values.dates import relative_day, short_date, time_of_day
from journal.values.vocabulary import (
    CHANNEL_WORDS,
    CHANNELS,
    DIRECTION_WORDS,
    DIRECTIONS,
    STATUS_WORDS,
    emotion_key,
    emotion_word,
    feeling_word,
    said,
)


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if holds_journal(journal_home(args.home)):
        documents.check_readable(path)  # a typo is said before a passphrase is asked
    else:
        importing.check_file(path)  # a rejected file must not leave a new journal behind
    backups: list[Outcome] = []
    with opened(args, writes=True) as journal:
        # A new journal has nothing to lose; any other is backed up (as it was, once the file
        # has passed), or not imported into.
        summary = importing.import_file(
            path,
            None
            if journal.created
            else lambda: backups.append(backup_before_commit(journal, "import")),
        )
    before = backups[0] if backups else None
    print(
        _("Imported %(clients)s, %(interactions)s and %(commitments)s.")
        % {
            "clients": counted_clients(summary.clients),
            "interactions": counted_interactions(summary.interactions),
            "commitments": counted_commitments(summary.commitments),
        }
    )
    if summary.carried():
        print(summary.carried())
    if summary.kept_line():
        print(summary.kept_line())
    if before is not None:
        print(
            _("The journal as it was before is backed up in %(folder)s.") % {"folder": before.home}
        )
        cli_care.warn_about(before)
    return 0


EXPORT_NAME = "rapport-export.json"


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.is_dir():
        raise UserInputError(
            _("%(target)s is a folder; give a file name, e.g. %(example)s.")
            % {"target": target, "example": target / EXPORT_NAME}
        )
    if target.exists() and not args.force:
        raise UserInputError(already_exists(target))
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise UserInputError(
            _("%(folder)s is a file, not a folder; pick another place.") % {"folder": folder}
        )
    if not folder.exists():  # a mistyped folder is refused rather than created on the way
        raise UserInputError(no_such_folder(folder))
    with opened(args, create=False):
        count = export.write_export(target)
    print(
        ngettext("Exported %(n)d client to %(file)s.", "Exported %(n)d clients to %(file)s.", count)
        % {"n": count, "file": target}
    )
    return 0


def cmd_clients(args: argparse.Namespace) -> int:
    with opened(args, create=False):
        rows = client_overview()
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(_("No clients yet. Add one with `rapport log NAME ...` or `rapport import FILE`."))
        return 0
    today = dt.date.today()
    width = max(len(r["name"]) for r in rows)
    statuses = {r["status"]: said(STATUS_WORDS, r["status"]) for r in rows}
    status_width = max(len(word) for word in statuses.values())
    for r in rows:
        last = _day(r["last_contact"]) if r["last_contact"] else _("never")
        reached = r["last_reached_out"]
        if reached and (not r["last_contact"] or reached > r["last_contact"]):
            last = _("%(day)s (you wrote %(wrote)s)") % {"day": last, "wrote": _day(reached)}
        parts = [_("last contact %(day)s") % {"day": last}]
        if r["next_follow_up"]:
            follow_up = dt.date.fromisoformat(r["next_follow_up"])
            parts.append(_("next follow-up %(day)s") % {"day": relative_day(follow_up, today)})
        parts.append(
            _("%(interactions)s, %(commitments)s")
            % {
                "interactions": counted_interactions(r["interactions"]),
                "commitments": ngettext(
                    "%(n)d open commitment", "%(n)d open commitments", r["open_commitments"]
                )
                % {"n": r["open_commitments"]},
            }
        )
        status = statuses[r["status"]]
        print(f"{r['name']:<{width}}  {status:<{status_width}}  " + "  ".join(parts))
    return 0


def _day(stamp: str) -> str:
    """An ISO moment from the overview as the coach's day in words: "2 Mar 2026"."""
    moment = dt.datetime.fromisoformat(stamp)
    day = moment.astimezone().date() if moment.tzinfo else moment.date()
    return short_date(day)


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
        "emotions": [emotion_key(word) for word in args.emotion or []],
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
        local = interaction.at.astimezone()
        values = {
            "channel": said(CHANNEL_WORDS, interaction.channel),
            "direction": said(DIRECTION_WORDS, interaction.direction),
            "client": client.name,
            "day": short_date(local.date()),
            "time": time_of_day(local),
        }
        if interaction.feeling is None:
            line = _("Logged %(channel)s (%(direction)s) with %(client)s on %(day)s at %(time)s.")
        else:
            values["feeling"] = feeling_word(interaction.feeling)
            line = _(
                "Logged %(channel)s (%(direction)s) with %(client)s on %(day)s at %(time)s; "
                "it felt %(feeling)s."
            )
        print(line % values)
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
        print(_("Nothing found for %(query)r.") % {"query": args.query})
        return 0
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    start, end = ("\033[1m", "\033[0m") if bold else ("[", "]")
    for h in hits:
        if isinstance(h.when, dt.datetime):
            when = short_date(h.when.astimezone().date())
        elif h.when:
            when = short_date(h.when)
        else:
            when = _("profile") if h.kind == "client" else _("no date")
        line = f"{when}  {h.client_name}  {h.marked(h.title, start, end)}"
        snippet = h.marked(h.snippet, start, end).strip()
        print(line + (f"  — {snippet}" if snippet else ""))
    return 0


def build_parser(outer: Outer) -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument(
        "--home",
        metavar=_("DIR"),
        default=argparse.SUPPRESS,
        help=_("journal folder (default: RAPPORT_HOME or the user data folder)"),
    )
    parser = Parser(
        prog=PROG,
        description=_("Rapport: a private journal of your client relationships."),
        epilog=_("With no command, opens the app."),
    )
    parser.add_argument("--home", metavar=_("DIR"), default=None, help=common._actions[0].help)
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=None,
        help=_(
            "language of messages, the app and reports (default: the journal's, else the system's)"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open the app on a demo journal (a temporary one unless --home is given)"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the version and exit"),
    )
    sub = parser.add_subparsers(
        dest="command", metavar=_("COMMAND"), parser_class=Parser, title=_("commands")
    )

    p = sub.add_parser(
        "import", parents=[common], help=_("add the clients of a JSON export to the journal")
    )
    p.add_argument("file", metavar=_("FILE"))
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("export", parents=[common], help=_("write the whole journal as JSON"))
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.set_defaults(run=cmd_export)

    p = sub.add_parser(
        "clients",
        parents=[common],
        help=_("list clients"),
        description=_(
            "Each client with their status, last contact, next follow-up and counts; "
            "--json prints every field."
        ),
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(run=cmd_clients)

    p = sub.add_parser("log", parents=[common], help=_("record an interaction from the terminal"))
    p.add_argument("client", metavar=_("CLIENT"))
    p.add_argument("summary", metavar=_("SUMMARY"))
    p.add_argument("--channel", required=True, choices=CHANNELS, help=_("how you were in touch"))
    p.add_argument(
        "--direction",
        required=True,
        choices=DIRECTIONS,
        help=_("out: to the client; in: from the client; two_way: both ways"),
    )
    p.add_argument(
        "--at", metavar=_("WHEN"), help=_("ISO 8601 date and time (default: now, local time)")
    )
    p.add_argument("--feeling", type=int, metavar=_("N"), help=feeling_help())
    examples = ", ".join(emotion_word(word) for word in ("dread", "drained", "calm"))
    p.add_argument(
        "--emotion",
        action="append",
        metavar=_("WORD"),
        help=_("e.g. %(words)s") % {"words": examples},
    )
    p.add_argument("--notes", metavar=_("TEXT"), help=_("longer notes"))
    p.add_argument(
        "--awaits-reply", action="store_true", help=_("an outgoing message that needs an answer")
    )
    p.add_argument("--follow-up", metavar=_("DATE"), help=_("follow up on this day (YYYY-MM-DD)"))
    p.add_argument("--new-client", action="store_true", help=_("create CLIENT first"))
    p.set_defaults(run=cmd_log)

    p = sub.add_parser(
        "search", parents=[common], help=_("full-text search over notes and commitments")
    )
    p.add_argument("query", metavar=_("QUERY"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
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
                raise RapportError(_("The app is not available in this build; use a command."))
            return chosen.open_app(args)
        if args.demo:
            raise UserInputError(_("--demo opens the app; use it without a command."))
        return int(args.run(args))

    return guarded(parse_and_run)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(run(argv))
