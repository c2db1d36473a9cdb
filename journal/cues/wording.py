"""Small pieces of English for cue explanations: days, counts, channel nouns.

Dates are written in the zone of the "as of" moment (the coach's own), without the year
when it is the current one, and without relying on the machine's locale.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# What an outgoing attempt on each channel is called, singular and plural.
_NOUNS = {
    "email": ("email", "emails"),
    "phone": ("call", "calls"),
    "video": ("video call", "video calls"),
    "meeting": ("meeting", "meetings"),
    "message": ("message", "messages"),
}
# How to suggest a channel: "try a call".
_SUGGEST = {
    "email": "an email",
    "phone": "a phone call",
    "video": "a video call",
    "meeting": "meeting in person",
    "message": "a text message",
}
FEELINGS = {-2: "very bad", -1: "bad", 0: "neutral", 1: "good", 2: "very good"}


def day(moment: dt.datetime | dt.date, as_of: dt.datetime) -> str:
    """'2 March', or '2 March 2025' when the year differs from as_of's."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(as_of.tzinfo).date()
    text = f"{moment.day} {MONTHS[moment.month - 1]}"
    return text if moment.year == as_of.year else f"{text} {moment.year}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def singular(channel: str) -> str:
    return _NOUNS.get(channel, (channel, channel + "s"))[0]


def noun(channel: str, n: int) -> str:
    singular, plural = _NOUNS.get(channel, (channel, channel + "s"))
    return f"{n} {singular if n == 1 else plural}"


def channel_counts(channels: Iterable[str]) -> str:
    """'3 emails and 1 call', channels in order of frequency."""
    tally = Counter(channels)
    parts = [noun(ch, n) for ch, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))]
    return join(parts)


def suggestion(channel: str) -> str:
    return _SUGGEST.get(channel, channel)


def join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def feeling(value: float) -> str:
    """The word for an average feeling, rounding halves up (1.5 is very good, 0.5 good)."""
    return FEELINGS[max(-2, min(2, math.floor(value + 0.5)))]


def times(factor: float) -> str:
    """'about 6 times' for a ratio, 'twice' for two."""
    rounded = round(factor)
    if rounded == 2:
        return "about twice"
    return f"about {rounded} times"


def quoted(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"
