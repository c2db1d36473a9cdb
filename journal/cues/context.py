"""What every rule receives: one client's history cut at "as of", and the thresholds.

Rules are pure functions `rule(ctx) -> Cue | None`: no database, no clock. Everything they
compare is an aware moment, so the zone an interaction was typed in never matters.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from journal.cues.history import Contact, History, Promise
from journal.cues.messages import Message
from journal.cues.model import Cue, EvidenceRef, Severity
from journal.cues.thresholds import Thresholds
from journal.cues.wording import render

DAY = dt.timedelta(days=1)
UTC = dt.UTC
CLOSING_THE_LOOP = "closing-the-loop"


@dataclass(frozen=True)
class Context:
    history: History
    thresholds: Thresholds
    as_of: dt.datetime
    lang: str = "en"  # the language explanations are written in

    @cached_property
    def now(self) -> dt.datetime:
        """as_of in UTC: the one clock all arithmetic uses (see `contacts`)."""
        return self.as_of.astimezone(UTC)

    @cached_property
    def contacts(self) -> tuple[Contact, ...]:
        """Interactions at or before as_of, in time order (later ones have not happened yet).

        Moments are brought to UTC first: Python subtracts and compares two datetimes that
        share one tzinfo by wall clock, so across a daylight-saving switch a gap written in
        Europe/Stockholm time would be an hour off.
        """
        items = self.history.contacts
        if any(c.at.tzinfo is not UTC for c in items):
            items = tuple(
                sorted((replace(c, at=c.at.astimezone(UTC)) for c in items), key=lambda c: c.at)
            )
        if items and items[-1].at > self.now:
            cut = bisect.bisect_right(items, self.now, key=lambda c: c.at)
            return items[:cut]
        return items

    @cached_property
    def loop_closed(self) -> Contact | None:
        """The closing-the-loop message sent since the client's last reply, if there is one.

        DOMAIN.md section 1: after it there is nothing more to send, and no other way to try;
        the next move is the client's. Contact rules stand down rather than ask for more.
        """
        for contact in reversed(self.contacts):
            if contact.is_reply:
                return None
            if contact.awaiting and contact.template == CLOSING_THE_LOOP:
                return contact
        return None

    @cached_property
    def away_spans(self) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        """Each away period as moments, from its first day to the end of its last day plus
        the reply window (silence is expected then, and just after), by start."""
        window = self.thresholds.reply_window_days * DAY
        return tuple(
            (
                self.day_start(p.start).astimezone(UTC),
                self.day_start(p.end + DAY).astimezone(UTC) + window,
            )
            for p in sorted(self.history.away)
        )

    @cached_property
    def away_now(self) -> bool:
        return self.was_away(self.now)

    def away_during(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """How much of the time from `start` to `end` falls in away periods (overlaps once)."""
        covered = dt.timedelta(0)
        reach = start
        for away_start, away_end in self.away_spans:
            low, high = max(away_start, reach), min(away_end, end)
            if high > low:
                covered += high - low
                reach = high
        return covered

    def was_away(self, moment: dt.datetime) -> bool:
        return any(start <= moment < end for start, end in self.away_spans)

    @cached_property
    def follow_up_ahead(self) -> dt.date | None:
        """The latest follow-up day agreed in an interaction that has not come yet: until
        then the next contact is booked, and silence is no neglect."""
        days = [c.follow_up_on for c in self.contacts if c.follow_up_on is not None]
        latest = max(days, default=None)
        return latest if latest is not None and latest >= self.today else None

    @cached_property
    def today(self) -> dt.date:
        """The coach's calendar day at as_of: deadlines are days, not moments."""
        return self.as_of.date()

    @property
    def first_name(self) -> str:
        return self.history.first_name

    def since_days(self, moment: dt.datetime) -> float:
        return (self.now - moment.astimezone(UTC)) / DAY

    def cue(
        self,
        kind: str,
        severity: Severity,
        since: dt.datetime,
        message: Message,
        template: str | None,
        contacts: Iterable[Contact] = (),
        promises: Iterable[Promise] = (),
    ) -> Cue:
        evidence = tuple(EvidenceRef("interaction", c.uid) for c in contacts) + tuple(
            EvidenceRef("commitment", p.uid) for p in promises
        )
        return Cue(
            kind=kind,
            client_id=self.history.client_id,
            client=self.history.name,
            severity=severity,
            since=since,
            evidence=evidence,
            explanation=render(message, self.lang, self.as_of),
            template=template,
        )

    def day_start(self, day: dt.date) -> dt.datetime:
        """The start of a calendar day in the coach's zone, as an aware moment."""
        return dt.datetime.combine(day, dt.time(), tzinfo=self.as_of.tzinfo)


def real_contacts(contacts: Iterable[Contact]) -> list[Contact]:
    return [c for c in contacts if c.is_reply]
