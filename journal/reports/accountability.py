"""The accountability list: the commitments of both sides, for the client to read.

It carries no notes, feelings or cues by construction: its types have no field that could hold
them, so nothing private can leak onto a page meant for the client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal.entries.commitments import commitment_state, commitments_of
from journal.reports.period import ReportContext, report_context, report_moment, resolve_period
from journal.store.models import Client
from journal.values.zones import zone_or_local


@dataclass(frozen=True)
class AccountabilityItem:
    """One promise as the client may read it: who, what, by when, and where it stands."""

    owner: str  # "me" (the coach) or "client"
    text: str
    due: dt.date | None
    done_on: dt.date | None
    state: str


@dataclass(frozen=True)
class AccountabilityList:
    context: ReportContext
    client: str  # the client's name and nothing else of the profile
    items: tuple[AccountabilityItem, ...]  # open first (by due date), then recently done


def build_accountability_list(
    client: Client,
    as_of: dt.datetime,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    zone: dt.tzinfo | None = None,
) -> AccountabilityList:
    """Open commitments of both sides, and those done in the period (default: 30 days)."""
    as_of = as_of.astimezone(zone_or_local(zone))
    period = resolve_period(start, end, as_of, None)
    moment = report_moment(period, as_of)
    today = moment.date()
    items = [
        AccountabilityItem(c.owner, c.text, c.due, c.done_on, commitment_state(c, today))
        for c in commitments_of(client)
        if c.done_on is None or period.holds(c.done_on)
    ]
    items.sort(key=lambda i: (i.done_on is not None, i.due is None, i.due or dt.date.max))
    return AccountabilityList(
        context=report_context(period, moment), client=client.name, items=tuple(items)
    )
