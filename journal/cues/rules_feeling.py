"""Rules about how the work feels to the coach: a streak of dread, a falling mood."""

from __future__ import annotations

from collections import Counter

from journal.cues import wording as w
from journal.cues.context import Context
from journal.cues.history import Contact
from journal.cues.model import Cue, Severity

MIN_TREND = 5  # fewer rated interactions than this and there is no trend to read


def felt_bad(contact: Contact, words: frozenset[str]) -> bool:
    if contact.feeling is not None and contact.feeling <= -1:
        return True
    return any(e.casefold() in words for e in contact.emotions)


def _recorded(contact: Contact) -> bool:
    return contact.feeling is not None or bool(contact.emotions)


def dread(ctx: Context) -> Cue | None:
    """Several interactions in a row that felt bad; unrated ones neither break nor extend it."""
    words = ctx.thresholds.dread_words
    streak: list[Contact] = []
    for contact in reversed(ctx.contacts):
        if not _recorded(contact):
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
    feelings = f" ({', '.join(word for word, _ in named.most_common(3))})" if named else ""
    explanation = (
        f"The last {n} interactions with {ctx.first_name} felt bad{feelings}, "
        f"since {w.day(streak[0].at, ctx.as_of)}."
    )
    return ctx.cue("dread", severity, streak[0].at, explanation, "let-go-referral", streak)


def mood_decline(ctx: Context) -> Cue | None:
    """The recorded feeling falls clearly across the last interactions, first half to second."""
    t = ctx.thresholds
    rated = [c for c in ctx.contacts if c.feeling is not None][-t.mood_window :]
    if len(rated) < MIN_TREND:
        return None
    half = len(rated) // 2
    before = sum(c.feeling or 0 for c in rated[:half]) / half
    after = sum(c.feeling or 0 for c in rated[-half:]) / half
    drop = before - after
    latest = rated[-1].feeling or 0
    if drop < t.mood_drop or latest > (rated[0].feeling or 0):
        return None
    serious = drop >= 1.5 * t.mood_drop or latest <= -1
    explanation = (
        f"How interactions with {ctx.first_name} felt fell from {w.feeling(before)} to "
        f"{w.feeling(after)} over the last {len(rated)}, since {w.day(rated[0].at, ctx.as_of)}."
    )
    return ctx.cue(
        "mood_decline",
        Severity.WARNING if serious else Severity.INFO,
        rated[0].at,
        explanation,
        None,
        rated,
    )
