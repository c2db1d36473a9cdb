"""Rules about kept word: the client's missed deadlines, and my own inconsistency."""

from __future__ import annotations

import datetime as dt
import itertools

from journal.cues import messages as facts
from journal.cues.context import DAY, Context, real_contacts
from journal.cues.history import Contact, Promise
from journal.cues.model import Cue, Severity
from journal.values.vocabulary import RESTING_STATUSES


def overdue(promise: Promise, ctx: Context) -> bool:
    """Past due (plus grace) on as_of's day and not done by then."""
    if promise.due is None:
        return False
    if promise.done_on is not None and promise.done_on <= ctx.today:
        return False
    return ctx.today > promise.due + dt.timedelta(days=ctx.thresholds.deadline_grace_days)


def _days_late(promise: Promise, ctx: Context) -> int:
    assert promise.due is not None
    end = promise.done_on if promise.done_on and promise.done_on <= ctx.today else ctx.today
    return (end - promise.due).days


def missed_deadlines(ctx: Context) -> Cue | None:
    missed = sorted(
        (p for p in ctx.history.promises if p.owner == "client" and overdue(p, ctx)),
        key=lambda p: (p.due, p.uid),
    )
    if not missed:
        return None
    n, oldest = len(missed), missed[0]
    assert oldest.due is not None
    age = _days_late(oldest, ctx)
    severity = (
        Severity.CRITICAL
        if n >= 3 or age > 21
        else Severity.WARNING
        if n == 2 or age > 7
        else Severity.INFO
    )
    message = facts.MissedDeadlines(ctx.first_name, tuple((p.text, p.due) for p in missed if p.due))
    since = ctx.day_start(oldest.due + DAY)
    return ctx.cue(
        "missed_deadlines", severity, since, message, "accountability-recap", promises=missed
    )


def rhythm_swings(ctx: Context) -> list[tuple[Contact, dt.datetime, Contact | None]]:
    """Gaps between real contacts, within the look-back, far longer than agreed (away
    periods not counted): each as (the contact before it, where it ends, the contact that
    ended it). The gap still open counts too (it ends now, with no contact), so a pattern
    shows while the coach can act on it, and the call that closes it never raises it anew."""
    cadence = ctx.history.cadence_days
    if not cadence or ctx.history.status in RESTING_STATUSES:
        return []
    start = ctx.now - ctx.thresholds.lookback_days * DAY
    limit = cadence * ctx.thresholds.rhythm_swing * DAY
    real = real_contacts(ctx.contacts)

    def long(begin: dt.datetime, end: dt.datetime) -> bool:
        return end - begin - ctx.away_during(begin, end) > limit

    gaps: list[tuple[Contact, dt.datetime, Contact | None]] = [
        (a, b.at, b) for a, b in itertools.pairwise(real) if b.at >= start and long(a.at, b.at)
    ]
    if real and long(real[-1].at, ctx.now):
        gaps.append((real[-1], ctx.now, None))
    return gaps


def inconsistency(ctx: Context) -> Cue | None:
    """My own commitments missed or done late, or a contact rhythm that keeps swinging."""
    if ctx.away_now:
        return None  # nothing to keep while someone is away
    t = ctx.thresholds
    grace = dt.timedelta(days=t.deadline_grace_days)
    recent = ctx.today - dt.timedelta(days=t.lookback_days)
    mine = [p for p in ctx.history.promises if p.owner == "me" and p.due is not None]
    missed = [p for p in mine if overdue(p, ctx)]
    late = [
        p
        for p in mine
        if p.done_on is not None
        and p.due is not None
        and recent < p.done_on <= ctx.today
        and p.done_on > p.due + grace
    ]
    swings = rhythm_swings(ctx)
    swings = swings if len(swings) >= 2 else []
    items = len(missed) + len(late) + len(swings)
    if not items:
        return None
    message = facts.Inconsistency(
        ctx.first_name,
        missed=tuple((p.text, _days_late(p, ctx)) for p in missed),
        late=tuple((p.text, _days_late(p, ctx)) for p in late),
        lookback_days=t.lookback_days,
        gaps=tuple(round((end - a.at) / DAY) for a, end, _ in swings),
        cadence=ctx.history.cadence_days,
    )
    starts = [ctx.day_start(p.due + DAY) for p in missed + late if p.due]
    starts += [a.at for a, _, _ in swings]
    severity = (
        Severity.CRITICAL if items >= 3 else Severity.WARNING if items == 2 else Severity.INFO
    )
    evidence = list(dict.fromkeys(c for a, _, b in swings for c in (a, b) if c is not None))
    return ctx.cue(
        "inconsistency",
        severity,
        min(starts),
        message,
        "reconnect-after-lapse",
        evidence,
        sorted(missed + late, key=lambda p: (p.due, p.uid)),
    )
