"""Cue explanations in English. Users and tests rely on this wording: change it only on purpose."""

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
from journal.values.vocabulary import FEELING_WORDS, SELF_CHECK_QUESTIONS


class English(Speaker):
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
    FEELINGS: ClassVar[dict[int, str]] = FEELING_WORDS
    QUESTIONS: ClassVar[dict[str, str]] = dict(SELF_CHECK_QUESTIONS)
    # A self-check question answered "no", as what the coach did: "you advised without asking".
    SLIPS: ClassVar[dict[str, str]] = {
        "asked_before_advising": "you advised without asking",
        "full_attention": "your attention was elsewhere",
        "opinion_only_when_asked": "you gave opinions nobody asked for",
        "kept_my_word": "you did not do what you said you would",
        "shared_what_i_know": "you held back what you know",
    }
    CONDUCT = (
        "The question to work on with {first} is {question}: {slip} in {count} of the last "
        "{window} sessions, since {since}."
    )

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
            f"got no reply in time, while {self.noun(m.working, m.working_count)} got through; "
            f"try {self.SUGGEST.get(m.working, m.working)}{profile}."
        )

    def neglect(self, m: Neglect) -> str:
        if m.cadence:
            basis = f"against the agreed rhythm ({self.rhythm(m.cadence)})"
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
                f"what the agreed rhythm ({self.rhythm(m.cadence)}) would bring"
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
                f"contact gaps of {gaps} days against the agreed rhythm "
                f"({self.rhythm(m.cadence or 0)})"
            )
        subject = "Your own word slipped" if m.missed or m.late else "Your contact rhythm swings"
        return f"{subject} with {m.first_name}: {self.join(parts)}."
