"""What the feeling chart shows, as plain data: feeling over time, contact density, cue markers.

Computed here, without Qt, so the same numbers feed the chart on screen (the timeline) and on
paper (the client report), and tests can check them without painting anything.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

MAX_BINS = 30
"""At most this many contact-density bars, whatever the period: a bar stays wide enough to read."""


class _Moment(Protocol):
    @property
    def at(self) -> dt.datetime: ...
    @property
    def feeling(self) -> int | None: ...


class _CueLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def severity(self) -> int: ...
    @property
    def since(self) -> dt.datetime: ...


@dataclass(frozen=True)
class FeelingPoint:
    at: dt.datetime
    feeling: int  # FEELING_MIN..FEELING_MAX


@dataclass(frozen=True)
class ContactBin:
    """How many interactions fell in [start, end)."""

    start: dt.datetime
    end: dt.datetime
    count: int


@dataclass(frozen=True)
class CueMarker:
    at: dt.datetime
    kind: str
    severity: int  # a journal.cues.Severity value


@dataclass(frozen=True)
class ChartData:
    start: dt.datetime
    end: dt.datetime
    feelings: tuple[FeelingPoint, ...]
    contacts: tuple[ContactBin, ...]
    cues: tuple[CueMarker, ...]

    @property
    def max_contacts(self) -> int:
        return max((b.count for b in self.contacts), default=0)

    @property
    def is_empty(self) -> bool:
        return not self.feelings and not any(b.count for b in self.contacts) and not self.cues

    def fraction(self, moment: dt.datetime) -> float:
        """Where a moment sits between start (0.0) and end (1.0), clamped."""
        span = (self.end - self.start).total_seconds()
        if span <= 0:
            return 0.5
        return min(1.0, max(0.0, (moment - self.start).total_seconds() / span))


def bin_days(start: dt.datetime, end: dt.datetime) -> int:
    """Whole weeks per bar, so bars line up with weeks and there are at most MAX_BINS of them."""
    span_days = max(1.0, (end - start).total_seconds() / 86400)
    return 7 * max(1, math.ceil(span_days / (7 * MAX_BINS)))


def chart_data(
    interactions: Iterable[_Moment],
    cues: Iterable[_CueLike] = (),
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> ChartData:
    """The chart of a client's interactions (any order) and cues between start and end.

    Without start, the chart begins a day before the first interaction; without end, it ends a
    day after the last one (or at the last cue). Interactions outside [start, end] are left
    out; a cue that began before start is still open in the period, so it is kept (drawn at
    the left edge).
    """
    moments = sorted((i for i in interactions), key=lambda i: i.at)
    markers = sorted(cues, key=lambda c: c.since)
    if start is None:
        first = [m.at for m in moments[:1]] + [c.since for c in markers[:1]]
        start = min(first) - dt.timedelta(days=1) if first else None
    if end is None:
        last = [m.at for m in moments[-1:]] + [c.since for c in markers[-1:]]
        end = max(last) + dt.timedelta(days=1) if last else None
    if start is None or end is None:
        now = dt.datetime.now(dt.UTC)
        start, end = start or (end or now) - dt.timedelta(days=28), end or now
    if end <= start:
        end = start + dt.timedelta(days=1)
    inside = [m for m in moments if start <= m.at <= end]
    step = dt.timedelta(days=bin_days(start, end))
    count = max(1, math.ceil((end - start) / step))
    tallies = [0] * count
    for moment in inside:
        tallies[min(count - 1, int((moment.at - start) / step))] += 1
    return ChartData(
        start=start,
        end=end,
        feelings=tuple(FeelingPoint(m.at, m.feeling) for m in inside if m.feeling is not None),
        contacts=tuple(
            ContactBin(start + k * step, min(end, start + (k + 1) * step), tallies[k])
            for k in range(count)
        ),
        cues=tuple(CueMarker(c.since, c.kind, int(c.severity)) for c in markers if c.since <= end),
    )
