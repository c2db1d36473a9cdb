"""Parsing and checking of field values, shared by capture, the CLI and the JSON import.

Every problem raises UserInputError naming the place ("clients[2].interactions[5].at: not a
date"), so one message serves a terminal user and an imported file alike.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from journal.errors import UserInputError
from journal.i18n import _
from journal.values.vocabulary import (
    CHANNELS,
    DIRECTIONS,
    FEELING_MAX,
    FEELING_MIN,
    OWNERS,
    STATUSES,
)


def fail(where: str, problem: str) -> UserInputError:
    return UserInputError(f"{where}: {problem}" if where else problem)


def shown(value: Any, limit: int = 40) -> str:
    """`value` as a message quotes it, cut short: a hostile value cannot flood the line."""
    try:
        text = repr(value)
    except ValueError:  # an int of thousands of digits
        return _("a number too long to show")
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def member(where: str, key: Any) -> str:
    """The place of `key` inside `where`: clients[0].name, or clients[0]['odd key'] for a
    key that is not a plain word (quoted and cut short: a message stays one short line)."""
    if isinstance(key, str) and key.isidentifier() and len(key) <= 40:
        return f"{where}.{key}" if where else key
    return f"{where}[{shown(key)}]"


TEXT_MAX = 1_000_000
"""The most characters one text may hold: many hours of a session's notes fit."""
NAME_MAX = 200
YEARS = (1900, 2199)
"""The years a date may fall in: any real coaching relationship, with room to spare, and
far from the ends of Python's calendar, where a change of zone overflows."""


def is_storable(value: str) -> bool:
    """Whether `storable` takes `value` (what it refuses, and why, is said there)."""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def storable(value: str, where: str) -> str:
    """Text that is stored and shown as it was given. Refused: a NUL (SQLite and C code cut
    text there) and a lone surrogate (half a UTF-16 pair from JSON's \\ud800 escapes, or
    invalid UTF-8 as Python decodes it), which no file or database can encode."""
    if is_storable(value):
        return value
    if "\x00" in value:
        raise fail(where, _("contains a NUL character (\\x00); remove it"))
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise fail(
                where,
                (
                    _(
                        "is not valid Unicode (character %(position)s is half of a pair, "
                        "%(char)r); save the text as UTF-8 again"
                    )
                    % {"position": exc.start + 1, "char": value[exc.start]}
                ),
            ) from None
    return value


def in_years(day: dt.date, where: str) -> dt.date:
    """`day`, if it falls in YEARS; every date a person gives passes here."""
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise fail(
            where,
            (
                _("use a date from %(first)s to %(last)s (got %(day)s)")
                % {"first": YEARS[0], "last": YEARS[1], "day": day.isoformat()}
            ),
        )
    return day


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
        raise fail(
            where,
            (
                _("%(shown)s is not a template id (lowercase letters, digits, dashes)")
                % {"shown": shown(value)}
            ),
        )
    return str(value)


def text(
    value: Any,
    where: str,
    *,
    required: bool = False,
    default: str = "",
    longest: int = TEXT_MAX,
) -> str:
    if value is None:
        if required:
            raise fail(where, _("is required"))
        return default
    if not isinstance(value, str):
        raise fail(where, _("must be text"))
    if len(value) > longest:
        raise fail(
            where,
            (
                _("is too long (%(length)s characters; at most %(longest)s)")
                % {"length": format(len(value), ","), "longest": format(longest, ",")}
            ),
        )
    storable(value, where)
    if required and not value.strip():
        raise fail(where, _("must not be empty"))
    return value


def choice(
    value: Any, where: str, options: tuple[str, ...], *, required: bool = True
) -> str | None:
    if value is None and not required:
        return None
    if value not in options:
        raise fail(
            where,
            (
                _("must be one of %(choices)s (got %(shown)s)")
                % {"choices": ", ".join(options), "shown": shown(value)}
            ),
        )
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
            raise fail(where, _("must be a whole number"))
    if value < low or (high is not None and value > high):
        values = {"low": low, "high": high, "shown": shown(value)}
        if high is None:
            raise fail(where, _("must be %(low)s or more (got %(shown)s)") % values)
        raise fail(where, _("must be from %(low)s to %(high)s (got %(shown)s)") % values)
    return int(value)


def feeling(value: Any, where: str = "feeling") -> int | None:
    return integer(value, where, FEELING_MIN, FEELING_MAX)


def boolean(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise fail(where, _("must be true or false"))
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
                where, _("not a date and time (use ISO 8601, e.g. 2026-03-02T14:30+01:00)")
            ) from None
    else:
        raise fail(where, _("not a date and time (use ISO 8601, e.g. 2026-03-02T14:30+01:00)"))
    in_years(parsed.date(), where)  # so far from the calendar's ends, a zone change is safe
    if parsed.tzinfo is None:
        if default_tz is None:
            raise fail(where, _("needs a UTC offset, e.g. 2026-03-02T14:30+01:00"))
        parsed = _in_zone(parsed, default_tz, where)
    return parsed


def _in_zone(naive: dt.datetime, zone: dt.tzinfo, where: str) -> dt.datetime:
    """A wall-clock time in a zone, by that zone's rules on that day (summer time included).

    A time the clocks skipped (the spring-forward hour) is refused rather than shifted.
    """
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise fail(
            where,
            (
                _(
                    "%(naive)s does not exist on this clock (summer time skipped it); give a "
                    "time after the change or an explicit offset"
                )
                % {"naive": format(naive, "%Y-%m-%d %H:%M")}
            ),
        )
    return aware


def day(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return in_years(value, where)
    if isinstance(value, str):
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return in_years(parsed, where)
    raise fail(where, _("not a date (use YYYY-MM-DD)"))


def emotions(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise fail(where, _("must be a list of words"))
    return [text(word, where).strip() for word in value if word.strip()]
