"""Dates and numbers in words for the app's languages, from the catalogue rather than the
process locale.

One set of month and weekday names serves templates ("2 mars 2026"), cue explanations
("sedan 2 mars"), the CLI and the reports, so a translator fixes a month name in one place
(resources/locale/<lang>/LC_MESSAGES/rapport.po). Every function takes the language to write
in; None means the language the process speaks (journal.i18n.language).
"""

from __future__ import annotations

import datetime as dt
import gettext

from journal.i18n import LANGUAGES, language, translation


def _catalogue(lang: str | None) -> gettext.NullTranslations:
    return translation(lang or language())


def month_names(lang: str | None = None) -> tuple[str, ...]:
    """ "January" … "December" / "januari" … "december"."""
    t = _catalogue(lang)
    return (
        t.pgettext("month", "January"), t.pgettext("month", "February"),
        t.pgettext("month", "March"), t.pgettext("month", "April"),
        t.pgettext("month", "May"), t.pgettext("month", "June"),
        t.pgettext("month", "July"), t.pgettext("month", "August"),
        t.pgettext("month", "September"), t.pgettext("month", "October"),
        t.pgettext("month", "November"), t.pgettext("month", "December"),
    )  # fmt: skip


def short_month_names(lang: str | None = None) -> tuple[str, ...]:
    """ "Jan" … "Dec" / "jan" … "dec"."""
    t = _catalogue(lang)
    return (
        t.pgettext("short month", "Jan"), t.pgettext("short month", "Feb"),
        t.pgettext("short month", "Mar"), t.pgettext("short month", "Apr"),
        t.pgettext("short month", "May"), t.pgettext("short month", "Jun"),
        t.pgettext("short month", "Jul"), t.pgettext("short month", "Aug"),
        t.pgettext("short month", "Sep"), t.pgettext("short month", "Oct"),
        t.pgettext("short month", "Nov"), t.pgettext("short month", "Dec"),
    )  # fmt: skip


def weekday_names(lang: str | None = None) -> tuple[str, ...]:
    """ "Monday" … "Sunday" / "måndag" … "söndag"."""
    t = _catalogue(lang)
    return (
        t.pgettext("weekday", "Monday"), t.pgettext("weekday", "Tuesday"),
        t.pgettext("weekday", "Wednesday"), t.pgettext("weekday", "Thursday"),
        t.pgettext("weekday", "Friday"), t.pgettext("weekday", "Saturday"),
        t.pgettext("weekday", "Sunday"),
    )  # fmt: skip


def short_weekday_names(lang: str | None = None) -> tuple[str, ...]:
    """ "Mon" … "Sun" / "mån" … "sön"."""
    t = _catalogue(lang)
    return (
        t.pgettext("short weekday", "Mon"), t.pgettext("short weekday", "Tue"),
        t.pgettext("short weekday", "Wed"), t.pgettext("short weekday", "Thu"),
        t.pgettext("short weekday", "Fri"), t.pgettext("short weekday", "Sat"),
        t.pgettext("short weekday", "Sun"),
    )  # fmt: skip


MONTHS: dict[str, tuple[str, ...]] = {lang: month_names(lang) for lang in LANGUAGES}
"""The month names of each language, read from the catalogue once."""
MONTHS_SHORT: dict[str, tuple[str, ...]] = {lang: short_month_names(lang) for lang in LANGUAGES}


def format_date(
    day: dt.date, lang: str | None = None, *, year: bool = True, weekday: bool = False
) -> str:
    """ "2 March 2026" / "2 mars 2026"; without the year: "2 March" / "2 mars"; with the
    weekday: "Mon 2 March" / "mån 2 mars"."""
    return _date(day, lang, month_names(lang), year=year, weekday=weekday)


def short_date(
    day: dt.date, lang: str | None = None, *, year: bool = True, weekday: bool = False
) -> str:
    """As format_date with the month short: "Wed 25 Feb 2026" / "ons 25 feb 2026"."""
    return _date(day, lang, short_month_names(lang), year=year, weekday=weekday)


def _date(
    day: dt.date, lang: str | None, months: tuple[str, ...], *, year: bool, weekday: bool
) -> str:
    text = f"{day.day} {months[day.month - 1]}"
    if weekday:
        text = f"{short_weekday_names(lang)[day.weekday()]} {text}"
    return f"{text} {day.year}" if year else text


def weekday_date(day: dt.date, lang: str | None = None) -> str:
    """ "Monday 2 March" / "måndag 2 mars": a day named in full, as a heading says it."""
    return f"{weekday_names(lang)[day.weekday()]} {format_date(day, lang, year=False)}"


def date_and_time(moment: dt.datetime, lang: str | None = None) -> str:
    """ "2 Mar 2026, 09:05" / "2 mar 2026, 09:05": a moment, in a tooltip."""
    return f"{short_date(moment.date(), lang)}, {time_of_day(moment)}"


def time_of_day(moment: dt.datetime | dt.time) -> str:
    """ "09:05": the 24-hour clock in both languages, whatever the process locale says."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def decimal(value: float, lang: str | None = None, digits: int = 1) -> str:
    """A number as the language writes it: "3.5" / "3,5"; whole numbers without decimals."""
    text = f"{value:g}" if float(value).is_integer() else f"{value:.{digits}f}".rstrip("0")
    separator = _catalogue(lang).pgettext("decimal separator", ".")
    return text.replace(".", separator)


def every_n_days(days: float, lang: str | None = None) -> str:
    """An agreed rhythm: "every 4 days"; "varannan dag", "var 3:e dag", "var 21:a dag"."""
    t = _catalogue(lang)
    if not float(days).is_integer():
        return t.gettext("every %(days)s days") % {"days": decimal(days, lang, 2)}
    n = int(days)
    if n == 1:
        return t.pgettext("rhythm", "every day")
    if n == 2:
        return t.pgettext("rhythm", "every other day")
    if n % 10 in (1, 2) and n % 100 not in (11, 12):
        # Translators: a rhythm for a number ending in 1 or 2 (21, 32), where Swedish writes
        # the ordinal "21:a".
        return t.pgettext("rhythm, n ends in 1 or 2", "every %(n)d days") % {"n": n}
    return t.pgettext("rhythm", "every %(n)d days") % {"n": n}


def relative_day(day: dt.date, today: dt.date, lang: str | None = None) -> str:
    """'today', 'yesterday', 'in 3 days', '5 days ago', else a short date: how a coach says it."""
    t = _catalogue(lang)
    delta = (day - today).days
    if delta == 0:
        return t.gettext("today")
    if delta == -1:
        return t.gettext("yesterday")
    if delta == 1:
        return t.gettext("tomorrow")
    if -14 < delta < 0:
        return t.ngettext("%(n)d day ago", "%(n)d days ago", -delta) % {"n": -delta}
    if 0 < delta < 14:
        return t.ngettext("in %(n)d day", "in %(n)d days", delta) % {"n": delta}
    return day_label(day, today, weekday=False, lang=lang)


def day_label(
    day: dt.date, today: dt.date, *, weekday: bool = True, lang: str | None = None
) -> str:
    """A day as the app shows it: "Tue 10 Nov", with the year when it is not this one."""
    return short_date(day, lang, year=day.year != today.year, weekday=weekday)
