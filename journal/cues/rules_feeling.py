"""Rules about how the work feels to the coach: a streak of dread, a falling mood."""

from __future__ import annotations

from collections import Counter

from journal.cues import messages as facts
from journal.cues.context import Context
from journal.cues.history import Contact
from journal.cues.model import Cue, Severity

MIN_TREND = 5  # fewer rated interactions than this and there is no trend to read
BASELINE = 20  # rated interactions before the trend window that show the client's usual level
MIN_BASELINE = 3


def felt_bad(contact: Contact, words: frozenset[str]) -> bool:
    if contact.feeling is not None and contact.feeling <= -1:
        return True
    return any(e.casefold() in words for e in contact.emotions)


def about_the_client(contact: Contact) -> bool:
    """Dread and mood are about time with the client: a talk, or what the client sent. How
    the coach felt writing into a silence is the unanswered cue's business, and a reply must
    not turn it into dread after the fact."""
    return contact.direction != "out"


def _recorded(contact: Contact) -> bool:
    return contact.feeling is not None or bool(contact.emotions)


def dread(ctx: Context) -> Cue | None:
    """Several interactions in a row that felt bad; unrated ones, and the coach's own
    messages, neither break nor extend it."""
    words = ctx.thresholds.dread_words
    streak: list[Contact] = []
    for contact in reversed(ctx.contacts):
        if not _recorded(contact) or not about_the_client(contact):
            continue
        if not felt_bad(contact, words):
            break
        streak.append(contact)
    need = ctx.thresholds.dread_streak
    if len(streak) < need:
        return None
    streak.reverse()
    n = len(streak)
    severity = Severity.CRITICAL if n >= need + 2 else Severity.WARNING
    named = Counter(e.casefold() for c in streak for e in c.emotions if e.casefold() in words)
    feelings = tuple(word for word, _ in named.most_common(3))
    message = facts.Dread(ctx.first_name, n, streak[0].at, feelings)
    return ctx.cue("dread", severity, streak[0].at, message, "let-go-referral", streak)


def mood_decline(ctx: Context) -> Cue | None:
    """The recorded feeling falls clearly: across the last few interactions (first half to
    second), or from the client's usual level to a recent one that stays lower."""
    t = ctx.thresholds
    rated = [c for c in ctx.contacts if c.feeling is not None and about_the_client(c)]
    window = rated[-t.mood_window :]
    if len(window) < MIN_TREND:
        return None
    half = len(window) // 2
    before = _mean(window[:half])
    after = _mean(window[-half:])
    latest = window[-1].feeling or 0
    earlier = rated[-len(window) - BASELINE : -len(window)]
    usual = _mean(earlier) if len(earlier) >= MIN_BASELINE else None
    falling = before - after >= t.mood_drop and latest <= (window[0].feeling or 0)
    sunk = usual is not None and usual - _mean(window) >= t.mood_drop
    if not (falling or sunk):
        return None
    if after >= 0.5 or latest > after + 0.5:
        return None  # still feels good, or already climbing back
    if usual is not None and after > usual - t.mood_drop / 2:
        return None  # a dip back to this client's usual level is noise, not a decline
    start = before if falling else usual
    assert start is not None
    serious = start - after >= 1.5 * t.mood_drop or latest <= -1
    message = facts.MoodDecline(ctx.first_name, start, after, len(window), window[0].at)
    return ctx.cue(
        "mood_decline",
        Severity.WARNING if serious else Severity.INFO,
        window[0].at,
        message,
        None,
        window,
    )


def _mean(contacts: list[Contact]) -> float:
    return sum(c.feeling or 0 for c in contacts) / len(contacts)
