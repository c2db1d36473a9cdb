"""Parsing and checking of field values, shared by capture, the CLI and the JSON import.

Every problem raises UserInputError naming the place ("clients[2].interactions[5].at: not a
date"), so one message serves a terminal user and an imported file alike.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import tzlocal

from journal.errors import UserInputError
from journal.models import CHANNELS, DIRECTIONS, FEELING_MAX, FEELING_MIN, OWNERS, STATUSES


def fail(where: str, problem: str) -> UserInputError:
    return UserInputError(f"{where}: {problem}" if where else problem)


TEMPLATE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEMPLATE_ID_MAX = 60


def is_template_id(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) <= TEMPLATE_ID_MAX and bool(TEMPLATE_ID.match(value))
    )


def template_id(value: Any, where: str = "template") -> str:
    """The template a message was made from ('' for none): a template id or nothing."""
    if value is None or value == "":
        return ""
    if not is_template_id(value):
        raise fail(where, f"{value!r} is not a template id (lowercase letters, digits, dashes)")
    return str(value)


def text(value: Any, where: str, *, required: bool = False, default: str = "") -> str:
    if value is None:
        if required:
            raise fail(where, "is required")
        return default
    if not isinstance(value, str):
        raise fail(where, "must be text")
    if required and not value.strip():
        raise fail(where, "must not be empty")
    return value


def choice(
    value: Any, where: str, options: tuple[str, ...], *, required: bool = True
) -> str | None:
    if value is None and not required:
        return None
    if value not in options:
        raise fail(where, f"must be one of {', '.join(options)} (got {value!r})")
    return str(value)


def channel(value: Any, where: str = "channel", *, required: bool = True) -> str | None:
    return choice(value, where, CHANNELS, required=required)


def direction(value: Any, where: str = "direction") -> str:
    result = choice(value, where, DIRECTIONS)
    assert result is not None
    return result


def status(value: Any, where: str = "status") -> str:
    result = choice("active" if value is None else value, where, STATUSES)
    assert result is not None
    return result


def owner(value: Any, where: str = "owner") -> str:
    result = choice(value, where, OWNERS)
    assert result is not None
    return result


def integer(value: Any, where: str, low: int, high: int | None = None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(value.strip()) if isinstance(value, str) else None
        except ValueError:
            value = None
        if value is None:
            raise fail(where, "must be a whole number")
    if value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise fail(where, f"must be {bounds} (got {value})")
    return int(value)


def feeling(value: Any, where: str = "feeling") -> int | None:
    return integer(value, where, FEELING_MIN, FEELING_MAX)


def boolean(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise fail(where, "must be true or false")
    return value


def moment(value: Any, where: str, *, default_tz: dt.tzinfo | None = None) -> dt.datetime:
    """An ISO 8601 moment. Without an offset it is refused unless a default zone is given."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise fail(
                where, "not a date and time (use ISO 8601, e.g. 2026-03-02T14:30+01:00)"
            ) from None
    else:
        raise fail(where, "not a date and time (use ISO 8601, e.g. 2026-03-02T14:30+01:00)")
    if parsed.tzinfo is None:
        if default_tz is None:
            raise fail(where, "needs a UTC offset, e.g. 2026-03-02T14:30+01:00")
        parsed = _in_zone(parsed, default_tz, where)
    try:
        parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise fail(where, "is out of range; use a year between 1 and 9999") from None
    return parsed


def _in_zone(naive: dt.datetime, zone: dt.tzinfo, where: str) -> dt.datetime:
    """A wall-clock time in a zone, by that zone's rules on that day (summer time included).

    A time the clocks skipped (the spring-forward hour) is refused rather than shifted.
    """
    aware = naive.replace(tzinfo=zone)
    try:
        round_trip = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise fail(where, "is out of range; use a year between 1 and 9999") from None
    if round_trip != naive:
        raise fail(
            where,
            f"{naive:%Y-%m-%d %H:%M} does not exist on this clock (summer time skipped it); "
            "give a time after the change or an explicit offset",
        )
    return aware


def day(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail(where, "not a date (use YYYY-MM-DD)")


def emotions(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise fail(where, "must be a list of words")
    return [word.strip() for word in value if word.strip()]


def local_zone() -> dt.tzinfo:
    """The machine's time zone with its rules (not today's fixed offset).

    A summer entry seen in winter keeps its summer offset, and days are cut at local midnight
    by the rules of that day. tzlocal reads the system setting (TZ, /etc/localtime, the
    Windows registry) and returns a real IANA zone.

    The one rule for local days and clock times: `as_of`/`now` says *when*, a zone says
    *where*, and the zone is never taken from a "now" (`datetime.now().astimezone()` carries
    only today's fixed offset, so a July 10:00+02:00 would print as 09:00 in November).
    A stored moment is shown with `moment.astimezone(zone)` for a real zone, or
    `moment.astimezone()` (the system's rules). Functions that cut days or print times take
    `zone: tzinfo | None = None`; code that meets the user resolves None to `local_zone()`
    (`zone_or_local`) and first brings as_of into it (`as_of.astimezone(zone)`), after which
    `as_of.tzinfo` and `as_of.date()` are right (an offset the user typed, as in
    `--as-of ...+01:00`, is a zone they chose and may be passed on). Pure code (the cue
    rules, their wording) reads no system state: given no zone it keeps as_of's own, which
    is what its tests pin.
    """
    try:
        return tzlocal.get_localzone()
    except Exception:  # a POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3", "UTC0") has no IANA name
        return _SYSTEM_RULES


class _SystemRules(dt.tzinfo):
    """The C library's own local-time rules, for a TZ setting that names no IANA zone."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
        if moment is None:
            return dt.timedelta(seconds=time.localtime().tm_gmtoff)
        fields = (
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
            0,
            0,
            -1,
        )
        try:
            return dt.timedelta(seconds=time.localtime(time.mktime(fields)).tm_gmtoff)
        except (OverflowError, ValueError):
            return dt.timedelta(seconds=time.localtime().tm_gmtoff)

    def dst(self, moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, moment: dt.datetime | None) -> str:
        return time.strftime("%Z")

    def fromutc(self, moment: dt.datetime) -> dt.datetime:
        stamp = (moment.replace(tzinfo=None) - dt.datetime(1970, 1, 1)).total_seconds()
        try:
            offset = time.localtime(stamp).tm_gmtoff
        except (OverflowError, ValueError):
            offset = time.localtime().tm_gmtoff
        return moment + dt.timedelta(seconds=offset)


_SYSTEM_RULES = _SystemRules()


def zone_or_local(zone: dt.tzinfo | None) -> dt.tzinfo:
    """`zone` when a caller chose one, else the machine's zone with its rules."""
    return zone if zone is not None else local_zone()
