"""`rapport cues --client NAME --set / --reset / --thresholds`: one client's own warning-sign
thresholds, checked whole before the journal opens, changed in one transaction, then shown."""

from __future__ import annotations

import argparse
from typing import Any

from journal import clients
from journal.cli.common import opened, print_json
from journal.cues.api import (
    clean_override_key,
    client_thresholds,
    parse_threshold,
    set_client_thresholds,
)
from journal.errors import UserInputError
from journal.i18n import _, ngettext
from journal.values.dates import decimal
from journal.values.vocabulary import words_shown

RESET_ALL = "all"  # --reset all


def checked_threshold_flags(args: argparse.Namespace) -> dict[str, Any] | None:
    """The threshold changes the flags ask for ({} to only show them); None without
    --set / --reset / --thresholds. Every key and value is checked before anything opens."""
    if not (args.set or args.reset or args.thresholds):
        return None
    flag = "--set" if args.set else "--reset" if args.reset else "--thresholds"
    if not args.client:
        raise UserInputError(_("%(flag)s needs --client NAME: whose thresholds.") % {"flag": flag})
    for other, given in (
        ("--dismiss", args.dismiss),
        ("--snooze", args.snooze),
        ("--until", args.until),
        ("--all", args.all),
        ("--as-of", args.as_of),
    ):
        if given:
            raise UserInputError(
                _("%(other)s goes with listing cues; use it without %(flag)s.")
                % {"other": other, "flag": flag}
            )
    changes: dict[str, Any] = {}
    for key in args.reset:
        if key.strip().casefold() == "all":
            changes[RESET_ALL] = None
        else:
            changes[clean_override_key(key.strip())] = None
    for item in args.set:
        key, equals, text = item.partition("=")
        if not equals or not key.strip():
            raise UserInputError(
                _("--set %(item)s: write KEY=VALUE, e.g. cue_reply_window_days=7.") % {"item": item}
            )
        full = clean_override_key(key.strip())
        if full in changes:
            raise UserInputError(
                _("--set %(key)s: that threshold is named twice; give it once.") % {"key": full}
            )
        changes[full] = parse_threshold(full, text)
    return changes


def show_thresholds(args: argparse.Namespace, changes: dict[str, Any]) -> int:
    """Change one client's own thresholds (one transaction), then say what is in effect."""
    with opened(args, create=False, writes=bool(changes)):
        client = clients.find_client(args.client)
        if changes.pop(RESET_ALL, False) is None:
            reset = {
                row.key: None for row in client_thresholds(client) if row.own_value is not None
            }
            changes = {**reset, **changes}
        if changes:
            set_client_thresholds(client, changes)
        rows = client_thresholds(client)
    if args.json:
        out = [
            {
                "key": row.key,
                "label": row.label,
                "value": row.value,
                "global": row.global_value,
                "overridden": row.own_value is not None,
            }
            for row in rows
        ]
        print_json(out)
        return 0
    if not args.thresholds:
        if not changes:
            print(
                _("%(client)s had no own thresholds; every one follows the global settings.")
                % {"client": client.name}
            )
        for row in rows:
            if row.key not in changes:
                continue
            if row.own_value is None:
                print(
                    _("%(client)s: %(key)s follows the global setting again (%(value)s).")
                    % {"client": client.name, "key": row.key, "value": shown(row.global_value)}
                )
            else:
                print(
                    _("%(client)s: %(key)s is now %(value)s (global %(global)s).")
                    % {
                        "client": client.name,
                        "key": row.key,
                        "value": shown(row.value),
                        "global": shown(row.global_value),
                    }
                )
        return 0
    own = sum(row.own_value is not None for row in rows)
    print(
        ngettext(
            "Thresholds for %(client)s: %(n)d of their own (*), the rest as set globally.",
            "Thresholds for %(client)s: %(n)d of their own (*), the rest as set globally.",
            own,
        )
        % {"client": client.name, "n": own}
    )
    width = max(len(row.key) for row in rows)
    for row in rows:
        note = ""
        if row.own_value is not None:
            note = _("   [own; global %(value)s]") % {"value": shown(row.global_value)}
        mark = "*" if row.own_value is not None else " "
        print(f"{mark} {row.key:<{width}}  {shown(row.value):<5}  {_(row.label)}{note}")
    return 0


def shown(value: Any) -> str:
    if isinstance(value, str):  # the dread words, in the language spoken
        return words_shown(value)
    return decimal(value) if isinstance(value, float) else str(value)
