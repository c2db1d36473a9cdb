"""Rules about contact itself: unanswered messages, the wrong channel, neglect, over-contact."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter

from journal.cues import messages as facts
from journal.cues.context import CLOSING_THE_LOOP, DAY, Context, real_contacts
from journal.cues.history import Contact
from journal.cues.model import Cue, Severity
from journal.values.vocabulary import RESTING_STATUSES

USUAL_RHYTHM_GAPS = 10  # recent gaps that define a client's own rhythm
MIN_RHYTHM_GAPS = 3  # fewer than this and there is no rhythm to speak of
MIN_NEGLECT_DAYS = 7.0  # a usual rhythm of "daily" must not turn a weekend into neglect
USUAL_RATE_DAYS = 90  # the period a client's usual incoming rate is measured over
MIN_RATE_DAYS = 28  # less history than this and there is no usual rate yet


def unanswered(ctx: Context) -> Cue | None:
    """Messages awaiting a reply, past the reply window, with no contact back since.

    Once the coach has sent the closing-the-loop message (DOMAIN.md section 1) there is
    nothing more to send: the cue stays, as a note that the next move is the client's, and
    stops asking for that message, even before its own reply window has passed.
    """
    if ctx.away_now:
        return None  # an answer is not expected while someone is away
    contacts = ctx.contacts
    window = ctx.thresholds.reply_window_days * DAY
    last_reply: Contact | None = None
    pending: list[Contact] = []
    for contact in contacts:
        if contact.is_reply:
            last_reply, pending = contact, []
        elif contact.awaiting and ctx.now - contact.at >= window:
            pending.append(contact)
    if not pending:
        return None
    n = len(pending)
    closing = ctx.thresholds.closing_loop_after
    severity = Severity.CRITICAL if n >= closing else Severity.WARNING if n >= 2 else Severity.INFO
    template = CLOSING_THE_LOOP if n >= closing else None
    evidence = pending
    closed = ctx.loop_closed
    if closed is not None:
        severity, template = Severity.INFO, None
        # The closing message is evidence from the moment it is sent, so a note the coach
        # dismissed does not come back when that message's own reply window passes.
        evidence = pending if closed in pending else [*pending, closed]
    message = facts.Unanswered(
        ctx.first_name,
        tuple(c.channel for c in pending),
        pending[0].at,
        last_reply,
        closed.at if closed is not None else None,
    )
    return ctx.cue("unanswered", severity, pending[0].at, message, template, evidence)


def channel_mismatch(ctx: Context) -> Cue | None:
    """One channel's messages go unanswered, on any channel, while the client answers on
    another channel once the coach tries it."""
    if ctx.loop_closed is not None:
        return None  # the loop is closed: no other channel to try
    t = ctx.thresholds
    start = ctx.now - t.lookback_days * DAY
    window = t.reply_window_days * DAY
    ignored: dict[str, list[Contact]] = {}
    answered = _answered_in_time(ctx.contacts, window)
    for contact in ctx.contacts:
        if contact.is_reply:
            ignored.pop(contact.channel, None)  # that channel works after all
        elif (
            contact.awaiting
            and contact.at >= start
            and ctx.now - contact.at >= window
            and contact.uid not in answered
            and not ctx.was_away(contact.at)
        ):
            ignored.setdefault(contact.channel, []).append(contact)
    best: Cue | None = None
    best_ignored = 0
    for channel, messages in sorted(ignored.items()):
        if len(messages) < t.channel_mismatch_min:
            continue
        through = [
            c for c in ctx.contacts if c.is_reply and c.channel != channel and c.at > messages[0].at
        ]
        if not through:
            continue
        tally = Counter(c.channel for c in through)
        working = max(
            tally, key=lambda ch: (tally[ch], max(c.at for c in through if c.channel == ch))
        )
        n = len(messages)
        severity = Severity.CRITICAL if n >= 2 * t.channel_mismatch_min else Severity.WARNING
        message = facts.ChannelMismatch(
            ctx.first_name,
            channel,
            n,
            messages[0].at,
            working,
            tally[working],
            profile_says_channel=ctx.history.preferred_channel == channel,
        )
        cue = ctx.cue(
            "channel_mismatch",
            severity,
            messages[0].at,
            message,
            "switch-channel",
            [*messages, *(c for c in through if c.channel == working)],
        )
        if best is None or len(messages) > best_ignored:
            best, best_ignored = cue, len(messages)
    return best


def _answered_in_time(contacts: tuple[Contact, ...], window: dt.timedelta) -> set[str]:
    """Messages that got a reply, on any channel, within the reply window: the client who
    answers every email by phoning back is answering, not ignoring email."""
    answered: set[str] = set()
    next_reply: dt.datetime | None = None
    for contact in reversed(contacts):
        if contact.is_reply:
            next_reply = contact.at
        elif next_reply is not None and next_reply - contact.at <= window:
            answered.add(contact.uid)
    return answered


def usual_gap_days(contacts: list[Contact]) -> float | None:
    """The median gap between recent real contacts, in days; None without enough history."""
    gaps = [(b.at - a.at) / DAY for a, b in itertools.pairwise(contacts)]
    gaps = [g for g in gaps[-USUAL_RHYTHM_GAPS:] if g >= 0.5]  # same-day contacts are one talk
    return statistics.median(gaps) if len(gaps) >= MIN_RHYTHM_GAPS else None


def neglect(ctx: Context) -> Cue | None:
    """Real contact has lapsed beyond the agreed cadence, or beyond the client's usual rhythm."""
    if ctx.history.status in RESTING_STATUSES:
        return None  # a pause by agreement is not neglect
    if ctx.loop_closed is not None:
        return None  # the coach released the client; reaching out again is the client's move
    if ctx.away_now or ctx.follow_up_ahead is not None:
        return None  # someone is away, or the next contact is booked
    real = real_contacts(ctx.contacts)
    if not real:
        return None
    last = real[-1]
    gap = ctx.since_days(last.at) - ctx.away_during(last.at, ctx.now) / DAY
    cadence = ctx.history.cadence_days
    usual_days: int | None = None
    if cadence:
        allowed = cadence * ctx.thresholds.neglect_tolerance
        template = "reconnect-after-lapse"
    else:
        usual = usual_gap_days(real)
        if usual is None:
            return None
        allowed = max(usual * ctx.thresholds.usual_rhythm_tolerance, MIN_NEGLECT_DAYS)
        usual_days = round(usual)
        template = "agree-rhythm"
    if gap <= allowed:
        return None
    ratio = gap / allowed
    severity = Severity.CRITICAL if ratio > 4 else Severity.WARNING if ratio > 2 else Severity.INFO
    attempts = [c for c in ctx.contacts if c.at > last.at]
    message = facts.Neglect(ctx.first_name, int(gap), last.at, cadence or None, usual_days)
    return ctx.cue(
        "neglect", severity, last.at + allowed * DAY, message, template, [last, *attempts]
    )


def over_contact(ctx: Context) -> Cue | None:
    """Far more incoming messages in a short window than the agreed cadence or usual rate."""
    t = ctx.thresholds
    start = ctx.now - t.over_contact_window_days * DAY
    incoming = [c for c in ctx.contacts if c.direction == "in" and c.at > start]
    n = len(incoming)
    if n < t.over_contact_min:
        return None
    cadence = ctx.history.cadence_days
    agreed = t.over_contact_window_days / cadence if cadence else 0.0
    usual = _usual_incoming(ctx, start)
    # Far above both: a client who has always written this much, and whom the coach has
    # answered on their own rhythm for months, is no new flood.
    expected = max(agreed, usual)
    if usual > agreed:
        cadence = None  # the wording names the usual rate, which is what was exceeded
    ratio = n / max(expected, 1.0)
    if ratio < t.over_contact_factor:
        return None
    big = n >= 2 * t.over_contact_min and ratio >= 2 * t.over_contact_factor
    severity = Severity.CRITICAL if big else Severity.WARNING
    message = facts.OverContact(
        ctx.first_name,
        n,
        t.over_contact_window_days,
        incoming[0].at,
        ratio if expected > 0 else None,
        cadence or None,
    )
    return ctx.cue("over_contact", severity, incoming[0].at, message, "set-boundaries", incoming)


def _usual_incoming(ctx: Context, window_start: dt.datetime) -> float:
    """Incoming messages per window over the months before it; 0 when too new to tell."""
    contacts = ctx.contacts
    if not contacts:
        return 0.0
    begin = max(contacts[0].at, window_start - USUAL_RATE_DAYS * DAY)
    span = (window_start - begin) / DAY
    if span < MIN_RATE_DAYS:
        return 0.0
    before = sum(1 for c in contacts if c.direction == "in" and begin <= c.at <= window_start)
    return before / span * ctx.thresholds.over_contact_window_days
