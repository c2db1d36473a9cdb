"""The machine's time zone, with its rules: how Rapport cuts local days and prints clock times.

The one home of these rules: the services, the reports, the CLI and the app's windows all
ask here.
"""

from __future__ import annotations

import datetime as dt
import time

import tzlocal


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
