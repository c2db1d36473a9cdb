"""The period a report covers and the header every report shares (who, when, which language).

A report's days are whole days in the coach's zone; a report never speaks of a moment later
than the end of its last day, so a report of March reads the same in April.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal import i18n, settings
from journal.errors import UserInputError
from journal.i18n import _

RECENT_DAYS = 30
"""Without a start date, the accountability list shows what was done in the last 30 days."""


@dataclass(frozen=True)
class Period:
    """Whole days from start to end inclusive, in the coach's time zone."""

    start: dt.date
    end: dt.date

    def first_moment(self, zone: dt.tzinfo | None) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=zone)

    def last_moment(self, zone: dt.tzinfo | None) -> dt.datetime:
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def resolve_period(
    start: dt.date | None, end: dt.date | None, as_of: dt.datetime, earliest: dt.date | None
) -> Period:
    """The period a coach asked for; open ends run from `earliest` (or 30 days back) to today."""
    today = as_of.date()
    last = end or today
    first = start or earliest or (last - dt.timedelta(days=RECENT_DAYS))
    if first > last:
        raise UserInputError(
            _("The period starts (%(start)s) after it ends (%(end)s); swap --from and --to.")
            % {"start": first.isoformat(), "end": last.isoformat()}
        )
    return Period(first, last)


def report_moment(period: Period, as_of: dt.datetime) -> dt.datetime:
    """The "as of" moment of a report: the end of its last day, never later than now."""
    return min(as_of, period.last_moment(as_of.tzinfo) - dt.timedelta(microseconds=1))


@dataclass(frozen=True)
class ReportContext:
    """Who, when and in which language: what every report's header needs."""

    period: Period
    generated_at: dt.datetime
    coach: str
    language: str


def report_context(period: Period, as_of: dt.datetime) -> ReportContext:
    return ReportContext(
        period=period,
        generated_at=as_of,
        coach=str(settings.get("my_name") or ""),
        language=i18n.language(),
    )
