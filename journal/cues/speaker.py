"""The pieces every cue sentence is made of, in one language: days, counts, lists and quotes.

One speaker serves every language: its words come from that language's catalogue
(journal.i18n.translation), so a translator changes a sentence in the .po, not here. The
language is explicit because cues are written in the journal's language whatever the process
speaks. Dates are written in the zone of the "as of" moment (the coach's own), without the year
when it is the current one (journal.values.dates).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable

from journal.i18n import translation
from journal.values.dates import every_n_days, format_date
from journal.values.rhythm import rhythm_words
from journal.values.vocabulary import FEELING_MAX, FEELING_MIN, emotion_word


class Speaker:
    """Says cue facts in `lang` (an unknown language speaks English)."""

    def __init__(self, as_of: dt.datetime, lang: str = "en") -> None:
        self.as_of = as_of
        self.lang = lang
        self._catalogue = translation(lang)

    def gettext(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._catalogue.npgettext(context, singular, plural, n)

    def every(self, days: float) -> str:
        return every_n_days(days, self.lang)

    def rhythm(self, days: float) -> str:
        """An agreed rhythm as coaches say it: "twice a week", "every 10 days"."""
        return rhythm_words(days, self.lang)

    def emotion(self, word: str) -> str:
        return emotion_word(word, self.lang)

    def day(self, moment: dt.datetime | dt.date) -> str:
        """'2 March', or '2 March 2025' when the year differs from as_of's."""
        if isinstance(moment, dt.datetime):
            moment = moment.astimezone(self.as_of.tzinfo).date()
        return format_date(moment, self.lang, year=moment.year != self.as_of.year)

    def join(self, parts: list[str]) -> str:
        """'a, b and c' / 'a, b och c'."""
        if len(parts) <= 1:
            return "".join(parts)
        last = self.pgettext("the last two items of a list", "%(items)s and %(last)s")
        return last % {"items": ", ".join(parts[:-1]), "last": parts[-1]}

    def quoted(self, text: str, limit: int = 48) -> str:
        text = " ".join(text.split())
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
        # Translators: a client's or coach's words quoted in a sentence.
        return self.pgettext("quoting", "“%(text)s”") % {"text": text}

    def days(self, n: int) -> str:
        return self.ngettext("%(n)d day", "%(n)d days", n) % {"n": n}

    def noun(self, channel: str, n: int) -> str:
        """'3 emails' / '3 mejl': outgoing attempts on a channel."""
        if channel == "email":
            text = self.npgettext("channel", "%(n)d email", "%(n)d emails", n)
        elif channel == "phone":
            text = self.npgettext("channel", "%(n)d call", "%(n)d calls", n)
        elif channel == "video":
            text = self.npgettext("channel", "%(n)d video call", "%(n)d video calls", n)
        elif channel == "meeting":
            text = self.npgettext("channel", "%(n)d meeting", "%(n)d meetings", n)
        elif channel == "message":
            text = self.npgettext("channel", "%(n)d message", "%(n)d messages", n)
        else:
            return f"{n} {channel}"
        return text % {"n": n}

    def channel_counts(self, channels: Iterable[str]) -> str:
        """'3 emails and 1 call', channels in order of frequency."""
        tally = Counter(channels)
        ordered = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
        return self.join([self.noun(ch, n) for ch, n in ordered])

    @staticmethod
    def feeling_level(value: float) -> int:
        """An average feeling as a step of the scale, rounding halves up (0.5 is good)."""
        return max(FEELING_MIN, min(FEELING_MAX, math.floor(value + 0.5)))

    def feeling(self, value: float) -> str:
        """How contacts felt, as a step of the scale: "went down from good to neutral"."""
        words = {
            -2: self.pgettext("how contacts felt", "very bad"),
            -1: self.pgettext("how contacts felt", "bad"),
            0: self.pgettext("how contacts felt", "neutral"),
            1: self.pgettext("how contacts felt", "good"),
            2: self.pgettext("how contacts felt", "very good"),
        }
        return words[self.feeling_level(value)]
