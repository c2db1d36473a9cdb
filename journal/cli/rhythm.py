"""`rapport rhythm` and `rapport away`: the agreed contact rhythm as coaches say it, and the
away periods (a client's holiday or leave, the coach's own vacation) during which silence
raises no warning sign."""

from __future__ import annotations

import argparse
from typing import Any

from journal import clients, settings
from journal.cli.common import Outer, opened, print_json
from journal.errors import UserInputError
from journal.values import fields
from journal.values.away import away_periods, clean_away, period
from journal.values.rhythm import cadence, rhythm_words


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "rhythm",
        parents=[common],
        help="set the agreed contact rhythm of a client",
        description="RHYTHM is twice-a-week, weekly, every-two-weeks, monthly, 'every N days', "
        "a number of days (3.5 is fine), or none.",
    )
    p.add_argument("client", metavar="CLIENT")
    p.add_argument("rhythm", metavar="RHYTHM")
    p.set_defaults(run=cmd_rhythm)

    p = subparsers.add_parser(
        "away",
        parents=[common],
        help="add or list away periods: a client's, or your own with --me",
        description="While someone is away, and for the reply window after, no neglect, "
        "unanswered or inconsistency cue is raised. With --from and --to a period is added; "
        "with --remove FROM the period starting that day is removed; else they are listed.",
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("client", metavar="CLIENT", nargs="?")
    who.add_argument("--me", action="store_true", help="your own away periods (all clients)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day away, YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day away, YYYY-MM-DD")
    p.add_argument("--note", default="", help="what it is (a holiday, parental leave)")
    p.add_argument("--remove", metavar="DATE", help="remove the period that starts on DATE")
    p.add_argument("--json", action="store_true", help="print the periods as JSON")
    p.set_defaults(run=cmd_away)


def cmd_rhythm(args: argparse.Namespace) -> int:
    days = cadence(args.rhythm, "RHYTHM")
    with opened(args, create=False, writes=True):
        client = clients.find_client(args.client)
        clients.update_client(client, cadence_days=days)
        days = client.cadence_days
    said = "no agreed rhythm" if days is None else rhythm_words(days)
    print(f"{client.name}: {said}.")
    return 0


def cmd_away(args: argparse.Namespace) -> int:
    adding = args.start is not None or args.end is not None
    if adding and args.remove:
        raise UserInputError("Give either --from and --to, or --remove; not both.")
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
                raise UserInputError(f"--remove: no away period starts on {day}.")
            periods = kept
        if adding or args.remove:
            if client is None:
                settings.set_value("away", periods)
            else:
                clients.update_client(client, away=periods)
    if args.json:
        print_json(periods)
        return 0
    whose = "You" if client is None else client.name
    if not periods:
        print(f"{whose}: no away periods.")
    for item in away_periods(periods):
        note = f"  {item.note}" if item.note else ""
        print(f"{whose}: away {item.start} to {item.end}{note}")
    return 0
