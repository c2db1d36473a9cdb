"""`rapport rhythm` and `rapport away`: the agreed contact rhythm as coaches say it, and the
away periods (a client's holiday or leave, the coach's own vacation) during which silence
raises no warning sign."""

from __future__ import annotations

import argparse
from typing import Any

from journal import clients, settings
from journal.cli.common import Outer, opened, print_json
from journal.errors import UserInputError
from journal.i18n import _
from journal.values import fields
from journal.values.away import away_periods, clean_away, period
from journal.values.dates import format_date
from journal.values.rhythm import cadence, rhythm_words


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "rhythm",
        parents=[common],
        help=_("set the agreed contact rhythm of a client"),
        description=_(
            "RHYTHM is twice-a-week, weekly, every-two-weeks, monthly, 'every N days', "
            "a number of days (3.5 is fine), or none."
        ),
    )
    p.add_argument("client", metavar=_("CLIENT"))
    p.add_argument("rhythm", metavar=_("RHYTHM"))
    p.set_defaults(run=cmd_rhythm)

    p = subparsers.add_parser(
        "away",
        parents=[common],
        help=_("add or list away periods: a client's, or your own with --me"),
        description=_(
            "While someone is away, and for the reply window after, no neglect, "
            "unanswered or inconsistency cue is raised. With --from and --to a period is added; "
            "with --remove FROM the period starting that day is removed; else they are listed."
        ),
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("client", metavar=_("CLIENT"), nargs="?")
    who.add_argument("--me", action="store_true", help=_("your own away periods (all clients)"))
    p.add_argument("--from", dest="start", metavar=_("DATE"), help=_("first day away, YYYY-MM-DD"))
    p.add_argument("--to", dest="end", metavar=_("DATE"), help=_("last day away, YYYY-MM-DD"))
    p.add_argument("--note", default="", help=_("what it is (a holiday, parental leave)"))
    p.add_argument("--remove", metavar=_("DATE"), help=_("remove the period that starts on DATE"))
    p.add_argument("--json", action="store_true", help=_("print the periods as JSON"))
    p.set_defaults(run=cmd_away)


def cmd_rhythm(args: argparse.Namespace) -> int:
    days = cadence(args.rhythm, _("RHYTHM"))
    with opened(args, create=False, writes=True):
        client = clients.find_client(args.client)
        clients.update_client(client, cadence_days=days)
        days = client.cadence_days
    said = _("no agreed rhythm") if days is None else rhythm_words(days)
    print(_("%(client)s: %(rhythm)s.") % {"client": client.name, "rhythm": said})
    return 0


def cmd_away(args: argparse.Namespace) -> int:
    adding = args.start is not None or args.end is not None
    if adding and args.remove:
        raise UserInputError(_("Give either --from and --to, or --remove; not both."))
    new = {"from": args.start, "to": args.end, "note": args.note}
    if adding:
        period(new, "--from/--to")  # its own mistakes named by its flags, before the journal
    with opened(args, create=False, writes=bool(adding or args.remove)):
        client = None if args.me else clients.find_client(args.client)
        periods = clean_away(settings.get("away") if client is None else client.away, "away")
        if adding:
            periods = clean_away([*periods, new], "away")
        elif args.remove:
            day = fields.day(args.remove, "--remove")
            kept = [p for p in periods if p["from"] != str(day)]
            if len(kept) == len(periods):
                raise UserInputError(
                    _("--remove: no away period starts on %(day)s.")
                    % {"day": format_date(day) if day else args.remove}
                )
            periods = kept
        if adding or args.remove:
            if client is None:
                settings.set_value("away", periods)
            else:
                clients.update_client(client, away=periods)
    if args.json:
        print_json(periods)
        return 0
    if not periods:
        if client is None:
            print(_("You: no away periods."))
        else:
            print(_("%(client)s: no away periods.") % {"client": client.name})
    for item in away_periods(periods):
        note = f"  {item.note}" if item.note else ""
        values = {"start": format_date(item.start), "end": format_date(item.end), "note": note}
        if client is None:
            print(_("You: away %(start)s to %(end)s%(note)s") % values)
        else:
            print(
                _("%(client)s: away %(start)s to %(end)s%(note)s")
                % {**values, "client": client.name}
            )
    return 0
