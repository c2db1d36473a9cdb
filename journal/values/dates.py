"""Dates in words for the app's languages, from a table rather than the process locale.

One table serves templates ("2 mars 2026") and cue explanations ("sedan 2 mars"), so a
translator fixes a month name in one place.
"""

from __future__ import annotations

import datetime as dt

# fmt: off
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
}
# fmt: on
MONTHS_SHORT: dict[str, tuple[str, ...]] = {
    lang: tuple(name[:3] for name in names) for lang, names in MONTHS.items()
}
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
}
WEEKDAYS_SHORT: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
}


def format_date(day: dt.date, lang: str, *, year: bool = True, weekday: bool = False) -> str:
    """ "2 March 2026" / "2 mars 2026"; without the year: "2 March" / "2 mars"; with the
    weekday: "Mon 2 March" / "mån 2 mars"."""
    return _date(day, lang, MONTHS[lang], year=year, weekday=weekday)


def short_date(day: dt.date, lang: str, *, year: bool = True, weekday: bool = False) -> str:
    """As format_date with the month short: "Wed 25 Feb 2026" / "ons 25 feb 2026"."""
    return _date(day, lang, MONTHS_SHORT[lang], year=year, weekday=weekday)


def _date(day: dt.date, lang: str, months: tuple[str, ...], *, year: bool, weekday: bool) -> str:
    text = f"{day.day} {months[day.month - 1]}"
    if weekday:
        text = f"{WEEKDAYS_SHORT[lang][day.weekday()]} {text}"
    return f"{text} {day.year}" if year else text


def weekday_date(day: dt.date, lang: str) -> str:
    """ "Monday 2 March" / "måndag 2 mars": a day named in full, as a heading says it."""
    return f"{WEEKDAYS[lang][day.weekday()]} {format_date(day, lang, year=False)}"


def date_and_time(moment: dt.datetime, lang: str) -> str:
    """ "2 Mar 2026, 09:05" / "2 mar 2026, 09:05": a moment, in a tooltip."""
    return f"{short_date(moment.date(), lang)}, {time_of_day(moment)}"


def time_of_day(moment: dt.datetime | dt.time) -> str:
    """ "09:05": the 24-hour clock in both languages, whatever the process locale says."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def every_n_days(days: float, lang: str) -> str:
    """An agreed rhythm: "every 4 days"; "varannan dag", "var 3:e dag", "var 21:a dag"."""
    if not float(days).is_integer():
        number = f"{days:g}"
        return f"var {number.replace('.', ',')}:e dag" if lang == "sv" else f"every {number} days"
    days = int(days)
    if lang == "sv":
        if days == 1:
            return "varje dag"
        if days == 2:
            return "varannan dag"
        suffix = "a" if days % 10 in (1, 2) and days % 100 not in (11, 12) else "e"
        return f"var {days}:{suffix} dag"
    return f"every {days} day" if days == 1 else f"every {days} days"


def day_label(day: dt.date, today: dt.date, *, weekday: bool = True, lang: str = "en") -> str:
    """A day as the app shows it: "Tue 10 Nov", with the year when it is not this one."""
    return short_date(day, lang, year=day.year != today.year, weekday=weekday)
