"""The practice overview: every current client at a glance, worst health first."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journal.cues.api import all_cues
from journal.cues.model import KINDS, Cue
from journal.overview import client_rows, with_cues
from journal.reports.period import ReportContext, report_context, report_moment, resolve_period
from journal.store.models import Commitment, Interaction, as_tuples
from journal.values.vocabulary import CURRENT_STATUSES
from journal.values.zones import zone_or_local

AllCueSource = Callable[[dt.datetime], Sequence[Cue]]


@dataclass(frozen=True)
class OverviewRow:
    name: str
    status: str
    severity: int  # the worst open cue's Severity, or 0 for none
    last_contact: dt.datetime | None
    cue_kinds: tuple[str, ...]  # open cues, worst first
    due_soon: int  # open commitments due within a week of the report's day
    overdue: int


@dataclass(frozen=True)
class PracticeOverview:
    context: ReportContext
    rows: tuple[OverviewRow, ...]  # worst health first, then by name
    cue_counts: tuple[tuple[str, int], ...]  # every cue kind, in KINDS order
    interactions: int  # in the period, across current clients


DUE_SOON_DAYS = 7


def build_practice_overview(
    as_of: dt.datetime,
    start: dt.date | None = None,
    end: dt.date | None = None,
    cues: AllCueSource = all_cues,
    *,
    zone: dt.tzinfo | None = None,
) -> PracticeOverview:
    """Every current client's health, last contact, open cues and commitments due.

    The period (default: the last 30 days) bounds the cue counts (cues that began in it)
    and the interaction count. Days are read in `zone` (default: the machine's).
    """
    zone = zone_or_local(zone)
    as_of = as_of.astimezone(zone)
    period = resolve_period(start, end, as_of, None)
    moment = report_moment(period, as_of)
    today = moment.date()
    open_cues = list(cues(moment))
    rows = [r for r in with_cues(client_rows(zone), open_cues) if r.status in CURRENT_STATUSES]
    ids = [r.id for r in rows]
    kinds: dict[int, list[str]] = {}
    for cue in sorted(open_cues, key=lambda c: -c.severity):
        kinds.setdefault(cue.client_id, []).append(cue.kind)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    due_soon: Counter[int] = Counter()
    overdue: Counter[int] = Counter()
    for client_id, due in as_tuples(
        Commitment.select(Commitment.client, Commitment.due).where(
            Commitment.done_on.is_null(), Commitment.due.is_null(False), Commitment.client.in_(ids)
        )
    ):
        if due < today:
            overdue[client_id] += 1
        elif due <= soon:
            due_soon[client_id] += 1
    first, last = period.first_moment(zone), period.last_moment(zone)
    held = (
        Interaction.select()
        .where(Interaction.client.in_(ids), Interaction.at >= first, Interaction.at < last)
        .count()
    )
    current = set(ids)
    counts = Counter(
        c.kind
        for c in open_cues
        if c.client_id in current and period.holds(c.since.astimezone(zone).date())
    )
    out = [
        OverviewRow(
            name=r.name,
            status=r.status,
            severity=r.severity,
            last_contact=r.last_contact.astimezone(zone) if r.last_contact else None,
            cue_kinds=tuple(kinds.get(r.id, ())),
            due_soon=due_soon[r.id],
            overdue=overdue[r.id],
        )
        for r in rows
    ]
    out.sort(key=lambda r: (-r.severity, -r.overdue, r.name.casefold()))
    return PracticeOverview(
        context=report_context(period, moment),
        rows=tuple(out),
        cue_counts=tuple((kind, counts[kind]) for kind in KINDS),
        interactions=held,
    )
