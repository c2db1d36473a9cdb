"""`rapport cues`: the warning signs as of a moment, for one client or the whole journal.

With --dismiss or --snooze it puts one client's open cue of a kind away (see
journal.cues.state for how long); --all lists the put-away cues too, marked as such.
With --set / --reset / --thresholds it changes or shows one client's own thresholds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any

from journal import clients
from journal.cli.common import Outer, opened, print_json
from journal.cli.thresholds import checked_threshold_flags, show_thresholds
from journal.cues.api import (
    all_cues,
    cues_for_client,
)
from journal.cues.model import KINDS, Cue
from journal.cues.state import Hold, dismiss_cue, hold_of, load_holds, snooze_cue
from journal.errors import UserInputError
from journal.i18n import _, language
from journal.values import fields, zones
from journal.values.dates import date_and_time, short_date
from journal.values.vocabulary import SEVERITY_WORDS, said

DURATION = re.compile(r"^(\d+)\s*([dw])$", re.IGNORECASE)


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "cues",
        parents=[common],
        help=_("list the warning signs in the journal"),
        description=_(
            "List the warning signs (cues) with their evidence, worst first. Dismissed "
            "and snoozed cues are left out unless --all. --dismiss KIND or --snooze KIND puts "
            "one client's open cue away: a dismissed cue comes back when something new happens "
            "or it gets worse, a snoozed one at --until."
        ),
    )
    p.add_argument(
        "--client", metavar=_("NAME"), help=_("only this client (a unique part of the name)")
    )
    p.add_argument(
        "--as-of",
        metavar=_("WHEN"),
        help=_("as of this ISO 8601 moment; a date alone means the end of that day (default: now)"),
    )
    p.add_argument("--json", action="store_true", help=_("print a JSON list of cue objects"))
    p.add_argument(
        "--all",
        action="store_true",
        help=_('include dismissed and snoozed cues, marked (in --json: a "state" field)'),
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument(
        "--dismiss", metavar=_("KIND"), help=_("dismiss the --client's open cue of this kind")
    )
    action.add_argument(
        "--snooze",
        metavar=_("KIND"),
        help=_("snooze the --client's open cue of this kind --until WHEN"),
    )
    p.add_argument(
        "--until",
        metavar=_("WHEN"),
        help=_("with --snooze: a date (the cue is back that morning), a moment, or 3d / 2w"),
    )
    p.add_argument(
        "--set",
        metavar=_("KEY=VALUE"),
        action="append",
        default=[],
        help=_("give the --client their own threshold, e.g. cue_reply_window_days=7 (repeatable)"),
    )
    p.add_argument(
        "--reset",
        metavar=_("KEY"),
        action="append",
        default=[],
        help=_(
            "let the --client's threshold follow the global setting again; 'all' for every one "
            "(repeatable)"
        ),
    )
    p.add_argument(
        "--thresholds",
        action="store_true",
        help=_("show the --client's thresholds in effect, their own values marked"),
    )
    p.set_defaults(run=cmd_cues)


def as_of_moment(value: str | None) -> dt.datetime:
    """Parse --as-of: a moment (local time when no offset is given) or a whole day.

    Its tzinfo is the zone the output reads days and times in: an offset the user typed,
    else the machine's zone with its rules (zones.local_zone), never today's fixed offset.
    """
    if value is None:
        return dt.datetime.now(zones.local_zone())
    text = value.strip()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        moment = fields.moment(text, "--as-of", default_tz=zones.local_zone())
    else:
        # the machine's zone on that day, daylight saving included
        moment = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=zones.local_zone())
    fields.in_years(moment.date(), "--as-of")  # the rules look back months: keep well inside
    return moment


def until_moment(value: str, as_of: dt.datetime) -> dt.datetime:
    """Parse --until: N days or weeks after --as-of, the start of a day, or a moment."""
    text = value.strip()
    duration = DURATION.match(text)
    if duration:
        count, unit = int(duration.group(1)), duration.group(2).lower()
        days = count * (7 if unit == "w" else 1)
        if days > 366 * (fields.YEARS[1] - fields.YEARS[0]):
            raise fields.fail(
                "--until",
                _("%(span)s is too far ahead; give a date before %(year)d")
                % {"span": fields.shown(text), "year": fields.YEARS[1] + 1},
            )
        until = as_of + dt.timedelta(days=days)
    else:
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            try:
                until = fields.moment(text, "--until", default_tz=zones.local_zone())
            except UserInputError:
                raise UserInputError(
                    _(
                        "--until: '%(text)s' is not a date, a moment or a span; use e.g. "
                        "2026-03-09, 2026-03-09T09:00 or 3d / 2w."
                    )
                    % {"text": text}
                ) from None
        else:
            until = dt.datetime.combine(fields.in_years(day, "--until"), dt.time()).astimezone()
    fields.in_years(until.date(), "--until")
    if until <= as_of:
        raise UserInputError(
            _(
                "--until: %(text)s is not after %(as_of)s; give a later date, "
                "a moment, or a span such as 3d or 2w."
            )
            % {"text": text, "as_of": date_and_time(as_of)}
        )
    return until


def _checked_action(args: argparse.Namespace) -> str | None:
    """The kind to dismiss or snooze, after checking the flags that go with it."""
    kind: str | None
    flag, kind = ("--dismiss", args.dismiss) if args.dismiss else ("--snooze", args.snooze)
    if kind is None:
        if args.until:
            raise UserInputError(_("--until goes with --snooze KIND --client NAME."))
        return None
    if kind not in KINDS:
        raise UserInputError(
            _("%(flag)s: no cue kind '%(kind)s'; use one of %(kinds)s.")
            % {"flag": flag, "kind": kind, "kinds": ", ".join(KINDS)}
        )
    if not args.client:
        raise UserInputError(
            _("%(flag)s needs --client NAME: whose %(kind)s cue to put away.")
            % {"flag": flag, "kind": kind}
        )
    if args.all:
        raise UserInputError(_("--all lists cues; use it without %(flag)s.") % {"flag": flag})
    if args.snooze and not args.until:
        raise UserInputError(_("--snooze needs --until WHEN: a date, a moment, or 3d / 2w."))
    if args.dismiss and args.until:
        raise UserInputError(_("--until goes with --snooze; a dismissed cue waits for news."))
    return kind


def cmd_cues(args: argparse.Namespace) -> int:
    if args.client is not None and not args.client.strip():
        # An empty name would otherwise read as "no --client" and list every client.
        raise UserInputError(_("--client: give a client name (or a unique part of it)."))
    changes = checked_threshold_flags(args)
    if changes is not None:
        return show_thresholds(args, changes)
    kind = _checked_action(args)
    as_of = as_of_moment(args.as_of)
    until = until_moment(args.until, as_of) if args.snooze else None
    if kind is not None:
        return _put_away(args, kind, as_of, until)
    with opened(args, create=False):
        if args.client:
            client = clients.find_client(args.client)
            found = cues_for_client(
                client, as_of, include_held=args.all, lang=language(), zone=as_of.tzinfo
            )
        else:
            found = all_cues(as_of, include_held=args.all, lang=language(), zone=as_of.tzinfo)
        states = _states(found, as_of) if args.all else {}
    if args.json:
        rows = [cue.to_json() for cue in found]
        if args.all:
            for row, cue in zip(rows, found, strict=True):
                row["state"] = _state_word(states.get(id(cue)))
        print_json(rows)
        return 0
    when = date_and_time(as_of)
    if not found:
        if args.client:
            line = _("No warning signs for %(client)s as of %(when)s.")
        else:
            line = _("No warning signs as of %(when)s.")
        print(line % {"client": client.name if args.client else "", "when": when})
        return 0
    width = max(len(cue.client) for cue in found)
    severities = {c.severity.label: said(SEVERITY_WORDS, c.severity.label) for c in found}
    severity_width = max(len(word) for word in severities.values())
    for cue in found:
        since = _("since %(day)s") % {"day": short_date(cue.since.astimezone(as_of.tzinfo).date())}
        template = _("  [template: %(id)s]") % {"id": cue.template} if cue.template else ""
        mark = _state_mark(states.get(id(cue)), as_of) if args.all else ""
        severity = severities[cue.severity.label]
        print(
            f"{severity:<{severity_width}}  {cue.client:<{width}}  {cue.kind:<16}  {since}  "
            f"{cue.explanation}{template}{mark}"
        )
    return 0


def _states(found: list[Cue], as_of: dt.datetime) -> dict[int, Hold]:
    """The hold behind each put-away cue, by the cue's id(); open cues are absent."""
    holds = load_holds()
    held = {id(c): hold_of(c, holds.get((c.client_id, c.kind), ()), as_of) for c in found}
    return {key: hold for key, hold in held.items() if hold is not None}


def _state_word(hold: Hold | None) -> str:
    if hold is None:
        return "open"
    return "dismissed" if hold.snoozed_until is None else "snoozed"


def _state_mark(hold: Hold | None, as_of: dt.datetime) -> str:
    if hold is None:
        return ""
    if hold.snoozed_until is None:
        return _("  [dismissed]")
    until = date_and_time(hold.snoozed_until.astimezone(as_of.tzinfo))
    return _("  [snoozed until %(when)s]") % {"when": until}


def _put_away(
    args: argparse.Namespace, kind: str, as_of: dt.datetime, until: dt.datetime | None
) -> int:
    """Dismiss or snooze one client's open cue of a kind; one line says what happened."""
    with opened(args, create=False, writes=True):
        client = clients.find_client(args.client)
        cue = next(
            (
                c
                for c in cues_for_client(client, as_of, lang=language(), zone=as_of.tzinfo)
                if c.kind == kind
            ),
            None,
        )
        if cue is None:
            raise UserInputError(
                _(
                    "%(client)s has no open %(kind)s cue as of %(when)s; "
                    '`rapport cues --client "%(client)s" --all` lists theirs.'
                )
                % {"client": client.name, "kind": kind, "when": date_and_time(as_of)}
            )
        if until is None:
            dismiss_cue(cue)
        else:
            snooze_cue(cue, until)
    if args.json:
        row = cue.to_json()
        row["state"] = "dismissed" if until is None else "snoozed"
        print_json(row)
    elif until is None:
        print(
            _(
                "Dismissed (%(client)s, %(kind)s): %(explanation)s "
                "It comes back if something new happens."
            )
            % {"client": cue.client, "kind": kind, "explanation": cue.explanation}
        )
    else:
        back = date_and_time(until.astimezone(as_of.tzinfo))
        print(
            _("Snoozed until %(when)s (%(client)s, %(kind)s): %(explanation)s")
            % {"when": back, "client": cue.client, "kind": kind, "explanation": cue.explanation}
        )
    return 0
