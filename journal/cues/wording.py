"""Cue explanations in words: the rules state the facts, this module says them in a language.

A rule returns a message (one frozen dataclass per cue kind: counts, dates, channels, the
client's first name), never a sentence, so the rules stay language-free and pure. `render`
writes the one-sentence explanation in English or Swedish. The English wording is relied on
by users and tests: change it only on purpose.

Dates are written in the zone of the "as of" moment (the coach's own), without the year when
it is the current one, and from a table rather than the machine's locale (journal.dates).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from journal.cues.history import Contact
from journal.values.dates import every_n_days, format_date

# --- the facts of each explanation ---------------------------------------------------------


@dataclass(frozen=True)
class Unanswered:
    key: ClassVar[str] = "unanswered"
    first_name: str
    channels: tuple[str, ...]  # of the messages awaiting a reply, oldest first
    since: dt.datetime  # the oldest of them
    last_reply: Contact | None  # the last contact that came back, if any
    loop_closed: dt.datetime | None = None  # when the closing-the-loop message went out


@dataclass(frozen=True)
class ChannelMismatch:
    key: ClassVar[str] = "channel_mismatch"
    first_name: str
    channel: str  # the channel that goes unanswered
    count: int
    since: dt.datetime
    working: str  # the channel that gets through
    working_count: int
    profile_says_channel: bool  # the profile still prefers the unanswered channel


@dataclass(frozen=True)
class Neglect:
    key: ClassVar[str] = "neglect"
    first_name: str
    days: int  # whole days since the last real contact
    last: dt.datetime
    cadence: int | None  # the agreed rhythm in days, if any
    usual: int | None  # else the client's usual rhythm in days


@dataclass(frozen=True)
class OverContact:
    key: ClassVar[str] = "over_contact"
    first_name: str
    count: int  # incoming messages in the window
    window_days: int
    since: dt.datetime
    ratio: float | None  # times the expected rate; None with no earlier rhythm to compare
    cadence: int | None  # the agreed rhythm the expectation comes from, else the usual rate


@dataclass(frozen=True)
class Dread:
    key: ClassVar[str] = "dread"
    first_name: str
    count: int
    since: dt.datetime
    feelings: tuple[str, ...]  # the emotion words named most, as the coach typed them


@dataclass(frozen=True)
class MoodDecline:
    key: ClassVar[str] = "mood_decline"
    first_name: str
    start: float  # average feeling before, -2..2
    end: float  # average feeling lately
    count: int  # interactions looked at
    since: dt.datetime


@dataclass(frozen=True)
class MissedDeadlines:
    key: ClassVar[str] = "missed_deadlines"
    first_name: str
    items: tuple[tuple[str, dt.date], ...]  # (what, due), oldest due first


@dataclass(frozen=True)
class Inconsistency:
    key: ClassVar[str] = "inconsistency"
    first_name: str
    missed: tuple[tuple[str, int], ...]  # my overdue commitments: (what, days overdue)
    late: tuple[tuple[str, int], ...]  # my commitments done late: (what, days late)
    lookback_days: int
    gaps: tuple[int, ...]  # contact gaps in days, far longer than agreed
    cadence: int | None


Message = (
    Unanswered
    | ChannelMismatch
    | Neglect
    | OverContact
    | Dread
    | MoodDecline
    | MissedDeadlines
    | Inconsistency
)

LANGUAGES: tuple[str, ...] = ("en", "sv")


def render(message: Message, lang: str, as_of: dt.datetime) -> str:
    """The explanation as one sentence; an unknown language falls back to English."""
    speaker = (_Swedish if lang == "sv" else _English)(as_of)
    text: str = getattr(speaker, message.key)(message)
    return text


# --- what both languages share -------------------------------------------------------------


class _Speaker:
    lang = "en"

    def every(self, days: int) -> str:
        return every_n_days(days, self.lang)

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
        return max(-2, min(2, math.floor(value + 0.5)))


# --- English -------------------------------------------------------------------------------


class _English(_Speaker):
    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {
        "email": ("email", "emails"),
        "phone": ("call", "calls"),
        "video": ("video call", "video calls"),
        "meeting": ("meeting", "meetings"),
        "message": ("message", "messages"),
    }
    # How to suggest a channel: "try a phone call".
    SUGGEST: ClassVar[dict[str, str]] = {
        "email": "an email",
        "phone": "a phone call",
        "video": "a video call",
        "meeting": "meeting in person",
        "message": "a text message",
    }
    # How a reply on each channel came: "Ada last replied by phone".
    MEDIUM: ClassVar[dict[str, str]] = {
        "email": "email",
        "phone": "phone",
        "video": "video",
        "meeting": "in person",
        "message": "message",
    }
    FEELINGS: ClassVar[dict[int, str]] = {
        -2: "very bad",
        -1: "bad",
        0: "neutral",
        1: "good",
        2: "very good",
    }

    def last_word(self, first: str, contact: Contact | None) -> str:
        if contact is None:
            return f"nothing has come back from {first} yet"
        when = self.day(contact.at)
        channel = contact.channel
        if contact.direction == "in":
            return f"{first} last replied by {self.MEDIUM.get(channel, channel)} on {when}"
        singular = self.NOUNS.get(channel, (channel, channel))[0]
        if channel in ("phone", "video"):
            return f"the last {singular} got through on {when}"
        if channel == "meeting":
            return f"you last met in person on {when}"
        return f"your last {singular} exchange was on {when}"

    def unanswered(self, m: Unanswered) -> str:
        opening = f"{self.channel_counts(m.channels)} since {self.day(m.since)} without a reply"
        if m.loop_closed is not None:
            return (
                f"{opening}; you closed the loop on {self.day(m.loop_closed)}, so the next move "
                f"is {m.first_name}'s."
            )
        return f"{opening}; {self.last_word(m.first_name, m.last_reply)}."

    def channel_mismatch(self, m: ChannelMismatch) -> str:
        profile = f" (the profile still says {m.channel})" if m.profile_says_channel else ""
        return (
            f"{self.noun(m.channel, m.count)} to {m.first_name} since {self.day(m.since)} "
            f"got no reply that way, while {self.noun(m.working, m.working_count)} got through; "
            f"try {self.SUGGEST.get(m.working, m.working)}{profile}."
        )

    def neglect(self, m: Neglect) -> str:
        if m.cadence:
            basis = f"against an agreed rhythm of {self.every(m.cadence)}"
        else:
            basis = f"while the usual rhythm is about {self.every(m.usual or 0)}"
        return (
            f"No real contact with {m.first_name} for {self.days(m.days)} "
            f"(last on {self.day(m.last)}), {basis}."
        )

    def over_contact(self, m: OverContact) -> str:
        if m.ratio is None:
            comparison = "with no earlier rhythm to compare"
        else:
            rounded = round(m.ratio)
            times = "about twice" if rounded == 2 else f"about {rounded} times"
            basis = (
                f"what an agreed rhythm of {self.every(m.cadence)} would bring"
                if m.cadence
                else f"{m.first_name}'s usual rate"
            )
            comparison = f"{times} {basis}"
        return (
            f"{m.count} messages from {m.first_name} in the last {self.days(m.window_days)} "
            f"(since {self.day(m.since)}), {comparison}."
        )

    def dread(self, m: Dread) -> str:
        feelings = f" ({', '.join(m.feelings)})" if m.feelings else ""
        return (
            f"The last {m.count} interactions with {m.first_name} felt bad{feelings}, "
            f"since {self.day(m.since)}."
        )

    def mood_decline(self, m: MoodDecline) -> str:
        start = self.FEELINGS[self.feeling_level(m.start)]
        end = self.FEELINGS[self.feeling_level(m.end)]
        return (
            f"How your contacts with {m.first_name} felt went down from {start} to {end} "
            f"over the last {m.count}, since {self.day(m.since)}."
        )

    def missed_deadlines(self, m: MissedDeadlines) -> str:
        who, (text, due), n = m.first_name, m.items[0], len(m.items)
        if n == 1:
            return f"{who} has not done {self.quoted(text)}, due {self.day(due)}."
        if n == 2:
            items = [f"{self.quoted(t)} (due {self.day(d)})" for t, d in m.items]
            return f"{who} has 2 commitments past due: {self.join(items)}."
        return (
            f"{who} has {n} commitments past due since {self.day(due)}, "
            f"the oldest {self.quoted(text)}."
        )

    def inconsistency(self, m: Inconsistency) -> str:
        parts: list[str] = []
        if len(m.missed) == 1:
            text, days = m.missed[0]
            parts.append(f"{self.quoted(text)} is {self.days(days)} overdue")
        elif m.missed:
            parts.append(f"{len(m.missed)} of your commitments are overdue")
        if len(m.late) == 1:
            text, days = m.late[0]
            parts.append(f"{self.quoted(text)} came {self.days(days)} late")
        elif m.late:
            others = "others" if m.missed else "of your commitments"
            parts.append(f"{len(m.late)} {others} came late in the last {m.lookback_days} days")
        if m.gaps:
            gaps = self.join([str(g) for g in m.gaps])
            parts.append(
                f"contact gaps of {gaps} days against an agreed {self.days(m.cadence or 0)}"
            )
        subject = "Your own word slipped" if m.missed or m.late else "Your contact rhythm swings"
        return f"{subject} with {m.first_name}: {self.join(parts)}."


# --- Swedish -------------------------------------------------------------------------------


class _Swedish(_Speaker):
    lang = "sv"
    AND = "och"
    QUOTES = ("”", "”")
    DAYS = ("dag", "dagar")
    NOUNS: ClassVar[dict[str, tuple[str, str]]] = {
        "email": ("mejl", "mejl"),
        "phone": ("samtal", "samtal"),
        "video": ("videosamtal", "videosamtal"),
        "meeting": ("möte", "möten"),
        "message": ("sms", "sms"),
    }
    SUGGEST: ClassVar[dict[str, str]] = {
        "email": "ett mejl",
        "phone": "ett telefonsamtal",
        "video": "ett videosamtal",
        "meeting": "att ses",
        "message": "ett sms",
    }
    # "Ada svarade senast per telefon".
    MEDIUM: ClassVar[dict[str, str]] = {
        "email": "via mejl",
        "phone": "per telefon",
        "video": "via video",
        "meeting": "när ni sågs",
        "message": "via sms",
    }
    # The channel as the profile names it: "i profilen står fortfarande mejl".
    PROFILE: ClassVar[dict[str, str]] = {
        "email": "mejl",
        "phone": "telefon",
        "video": "video",
        "meeting": "möten",
        "message": "sms",
    }
    # A two-way exchange in definite form: "er senaste mejlväxling".
    EXCHANGE: ClassVar[dict[str, str]] = {"email": "mejlväxling", "message": "sms-växling"}
    FEELINGS: ClassVar[dict[int, str]] = {
        -2: "mycket dålig",
        -1: "dålig",
        0: "neutral",
        1: "bra",
        2: "mycket bra",
    }

    def last_word(self, first: str, contact: Contact | None) -> str:
        if contact is None:
            return f"{first} har inte hört av sig ännu"
        when = self.day(contact.at)
        channel = contact.channel
        if contact.direction == "in":
            medium = self.MEDIUM.get(channel, f"via {channel}")
            return f"{first} svarade senast {medium} den {when}"
        if channel == "phone":
            return f"det senaste samtalet gick fram den {when}"
        if channel == "video":
            return f"det senaste videosamtalet gick fram den {when}"
        if channel == "meeting":
            return f"ni sågs senast den {when}"
        exchange = self.EXCHANGE.get(channel, f"kontakt via {channel}")
        return f"er senaste {exchange} var den {when}"

    def got_through(self, channel: str, n: int) -> str:
        verb = "blev av" if channel == "meeting" else "gick fram"
        return f"{self.noun(channel, n)} {verb}"

    def unanswered(self, m: Unanswered) -> str:
        opening = f"{self.channel_counts(m.channels)} sedan {self.day(m.since)} utan svar"
        if m.loop_closed is not None:
            return (
                f"{opening}; du knöt ihop säcken den {self.day(m.loop_closed)}, så nu är det "
                f"upp till {m.first_name} att höra av sig."
            )
        return f"{opening}; {self.last_word(m.first_name, m.last_reply)}."

    def channel_mismatch(self, m: ChannelMismatch) -> str:
        profile = (
            f" (i profilen står fortfarande {self.PROFILE.get(m.channel, m.channel)})"
            if m.profile_says_channel
            else ""
        )
        return (
            f"{self.noun(m.channel, m.count)} till {m.first_name} sedan {self.day(m.since)} "
            "har inte fått något svar den vägen, "
            f"medan {self.got_through(m.working, m.working_count)}; "
            f"prova {self.SUGGEST.get(m.working, m.working)}{profile}."
        )

    def neglect(self, m: Neglect) -> str:
        if m.cadence:
            basis = f"fast ni har kommit överens om kontakt {self.every(m.cadence)}"
        else:
            basis = f"medan den vanliga rytmen är ungefär {self.every(m.usual or 0)}"
        return (
            f"Ingen riktig kontakt med {m.first_name} på {self.days(m.days)} "
            f"(senast den {self.day(m.last)}), {basis}."
        )

    def over_contact(self, m: OverContact) -> str:
        if m.ratio is None:
            comparison = "och ingen tidigare rytm att jämföra med"
        else:
            rounded = round(m.ratio)
            times = "ungefär dubbelt" if rounded == 2 else f"ungefär {rounded} gånger"
            basis = f"kontakt {self.every(m.cadence)} skulle ge" if m.cadence else "vanligt"
            comparison = f"{times} så många som {basis}"
        window = (
            "det senaste dygnet" if m.window_days == 1 else f"de senaste {m.window_days} dagarna"
        )
        messages = self.count(m.count, "meddelande", "meddelanden")
        return f"{messages} från {m.first_name} {window} (sedan {self.day(m.since)}), {comparison}."

    def dread(self, m: Dread) -> str:
        feelings = f" ({', '.join(m.feelings)})" if m.feelings else ""
        return (
            f"De senaste {m.count} kontakterna med {m.first_name} har känts tunga{feelings}, "
            f"sedan {self.day(m.since)}."
        )

    def mood_decline(self, m: MoodDecline) -> str:
        start = self.FEELINGS[self.feeling_level(m.start)]
        end = self.FEELINGS[self.feeling_level(m.end)]
        return (
            f"Känslan i kontakterna med {m.first_name} har sjunkit från {start} till {end} "
            f"under de senaste {m.count} gångerna, sedan {self.day(m.since)}."
        )

    def missed_deadlines(self, m: MissedDeadlines) -> str:
        who, (text, due), n = m.first_name, m.items[0], len(m.items)
        if n == 1:
            return (
                f"{who} har inte gjort {self.quoted(text)}, "
                f"som skulle ha varit klart den {self.day(due)}."
            )
        if n == 2:
            items = [f"{self.quoted(t)} (senast {self.day(d)})" for t, d in m.items]
            return f"{who} har 2 försenade åtaganden: {self.join(items)}."
        return (
            f"{who} har {n} försenade åtaganden sedan {self.day(due)}, "
            f"det äldsta {self.quoted(text)}."
        )

    def inconsistency(self, m: Inconsistency) -> str:
        parts: list[str] = []
        if len(m.missed) == 1:
            text, days = m.missed[0]
            parts.append(f"{self.quoted(text)} skulle ha varit klart för {self.days(days)} sedan")
        elif m.missed:
            parts.append(f"{len(m.missed)} av dina åtaganden är försenade")
        if len(m.late) == 1:
            text, days = m.late[0]
            parts.append(f"{self.quoted(text)} blev klart {self.days(days)} för sent")
        elif m.late:
            others = "andra" if m.missed else "av dina åtaganden"
            parts.append(
                f"{len(m.late)} {others} blev klara för sent de senaste {m.lookback_days} dagarna"
            )
        if m.gaps:
            gaps = self.join([str(g) for g in m.gaps])
            parts.append(
                f"det har gått {gaps} dagar mellan kontakterna, "
                f"fast ni har kommit överens om {self.every(m.cadence or 0)}"
            )
        if m.missed or m.late:
            subject = f"Du har inte hållit allt du lovat {m.first_name}"
        else:
            subject = f"Kontaktrytmen med {m.first_name} svänger"
        return f"{subject}: {self.join(parts)}."
