"""What the English and the Swedish explanations share: days, counts, lists and quotes.

Dates are written in the zone of the "as of" moment (the coach's own), without the year when
it is the current one, and from a table rather than the machine's locale (journal.values.dates).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import ClassVar

from journal.values.dates import every_n_days, format_date
from journal.values.rhythm import rhythm_words
from journal.values.vocabulary import FEELING_MAX, FEELING_MIN


class Speaker:
    lang = "en"

    def every(self, days: float) -> str:
        return every_n_days(days, self.lang)

    def rhythm(self, days: float) -> str:
        """An agreed rhythm as coaches say it: "twice a week", "every 10 days"."""
        return rhythm_words(days, self.lang)

    AND = "and"
    QUOTES = ("“", "”")
    DAYS = ("day", "days")
    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {}

    def __init__(self, as_of: dt.datetime) -> None:
        self.as_of = as_of

    def day(self, moment: dt.datetime | dt.date) -> str:
        """'2 March', or '2 March 2025' when the year differs from as_of's."""
        if isinstance(moment, dt.datetime):
            moment = moment.astimezone(self.as_of.tzinfo).date()
        return format_date(moment, self.lang, year=moment.year != self.as_of.year)

    def join(self, parts: list[str]) -> str:
        if len(parts) <= 1:
            return "".join(parts)
        return ", ".join(parts[:-1]) + f" {self.AND} " + parts[-1]

    def quoted(self, text: str, limit: int = 48) -> str:
        text = " ".join(text.split())
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        return f"{self.QUOTES[0]}{text}{self.QUOTES[1]}"

    @staticmethod
    def count(n: int, singular: str, plural: str) -> str:
        return f"{n} {singular if n == 1 else plural}"

    def days(self, n: int) -> str:
        return self.count(n, *self.DAYS)

    def noun(self, channel: str, n: int) -> str:
        """'3 emails' / '3 mejl': outgoing attempts on a channel."""
        return self.count(n, *self.NOUNS.get(channel, (channel, channel + "s")))

    def channel_counts(self, channels: Iterable[str]) -> str:
        """'3 emails and 1 call', channels in order of frequency."""
        tally = Counter(channels)
        ordered = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
        return self.join([self.noun(ch, n) for ch, n in ordered])

    @staticmethod
    def feeling_level(value: float) -> int:
        """An average feeling as a step of the scale, rounding halves up (0.5 is good)."""
        return max(FEELING_MIN, min(FEELING_MAX, math.floor(value + 0.5)))
