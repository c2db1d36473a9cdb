"""Cue explanations in Swedish."""

from __future__ import annotations

from typing import ClassVar

from journal.cues.history import Contact
from journal.cues.messages import (
    ChannelMismatch,
    Dread,
    Inconsistency,
    MissedDeadlines,
    MoodDecline,
    Neglect,
    OverContact,
    Unanswered,
)
from journal.cues.speaker import Speaker


class Swedish(Speaker):
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

    QUESTIONS: ClassVar[dict[str, str]] = {
        "asked_before_advising": "Frågade jag innan jag gav råd?",
        "full_attention": "Gav jag full uppmärksamhet?",
        "opinion_only_when_asked": "Höll jag inne med åsikter tills de efterfrågades?",
        "kept_my_word": "Gjorde jag det jag sa att jag skulle göra?",
        "shared_what_i_know": "Delade jag med mig av det jag vet?",
    }
    SLIPS: ClassVar[dict[str, str]] = {
        "asked_before_advising": "du gav råd utan att fråga",
        "full_attention": "din uppmärksamhet var på annat håll",
        "opinion_only_when_asked": "du gav åsikter som ingen bett om",
        "kept_my_word": "du gjorde inte det du sa att du skulle göra",
        "shared_what_i_know": "du höll inne med det du vet",
    }
    CONDUCT = (
        "Frågan att arbeta med i kontakten med {first} är {question}: {slip} vid {count} av de "
        "{window} senaste tillfällena, sedan {since}."
    )

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
            "har inte fått något svar i tid, "
            f"medan {self.got_through(m.working, m.working_count)}; "
            f"prova {self.SUGGEST.get(m.working, m.working)}{profile}."
        )

    def neglect(self, m: Neglect) -> str:
        if m.cadence:
            basis = f"fast ni har kommit överens om kontakt {self.rhythm(m.cadence)}"
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
            basis = f"kontakt {self.rhythm(m.cadence)} skulle ge" if m.cadence else "vanligt"
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
                f"fast ni har kommit överens om kontakt {self.rhythm(m.cadence or 0)}"
            )
        if m.missed or m.late:
            subject = f"Du har inte hållit allt du lovat {m.first_name}"
        else:
            subject = f"Kontaktrytmen med {m.first_name} svänger"
        return f"{subject}: {self.join(parts)}."
