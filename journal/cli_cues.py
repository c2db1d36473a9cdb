"""`rapport cues`: the warning signs as of a moment, for one client or the whole journal."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from journal import fields


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Any) -> None:
    p = subparsers.add_parser(
        "cues",
        parents=[common],
        help="list the warning signs in the journal",
        description="List the warning signs (cues) with their evidence, worst first. Dismissed "
        "and snoozed cues are left out.",
    )
    p.add_argument("--client", metavar="NAME", help="only this client (a unique part of the name)")
    p.add_argument(
        "--as-of",
        metavar="WHEN",
        help="as of this ISO 8601 moment; a date alone means the end of that day (default: now)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list of cue objects")
    p.set_defaults(run=cmd_cues)


def as_of_moment(value: str | None) -> dt.datetime:
    """Parse --as-of: a moment (local time when no offset is given) or a whole day."""
    if value is None:
        return dt.datetime.now().astimezone()
    text = value.strip()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return fields.moment(text, "--as-of", default_tz=fields.local_zone())
    end = dt.datetime.combine(day, dt.time(23, 59, 59))
    return end.astimezone()  # the machine's zone on that day, daylight saving included


def cmd_cues(args: argparse.Namespace) -> int:
    from journal import clients  # the CLI module imports this one; keep start-up light
    from journal.cli import opened
    from journal.cues import all_cues, cues_for_client

    as_of = as_of_moment(args.as_of)
    with opened(args, create=False):
        if args.client:
            client = clients.find_client(args.client)
            found = cues_for_client(client, as_of)
        else:
            found = all_cues(as_of)
    if args.json:
        json.dump([cue.to_json() for cue in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    when = as_of.strftime("%Y-%m-%d %H:%M")
    if not found:
        scope = f" for {client.name}" if args.client else ""
        print(f"No warning signs{scope} as of {when}.")
        return 0
    width = max(len(cue.client) for cue in found)
    for cue in found:
        since = cue.since.astimezone(as_of.tzinfo).strftime("%Y-%m-%d")
        template = f"  [template: {cue.template}]" if cue.template else ""
        print(
            f"{cue.severity.label:<8}  {cue.client:<{width}}  {cue.kind:<16}  since {since}  "
            f"{cue.explanation}{template}"
        )
    return 0
