"""The facts of each cue's explanation: one frozen dataclass per cue kind.

A rule returns one of these (counts, dates, channels, the client's first name), never a
sentence, so the rules stay language-free and pure; journal.cues.wording says them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from journal.cues.history import Contact


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
    cadence: float | None  # the agreed rhythm in days, if any
    usual: int | None  # else the client's usual rhythm in days


@dataclass(frozen=True)
class OverContact:
    key: ClassVar[str] = "over_contact"
    first_name: str
    count: int  # incoming messages in the window
    window_days: int
    since: dt.datetime
    ratio: float | None  # times the expected rate; None with no earlier rhythm to compare
    cadence: float | None  # the agreed rhythm the expectation comes from, else the usual rate


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
    cadence: float | None


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
