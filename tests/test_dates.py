"""Dates in words come from the language tables, never from the process locale."""

from __future__ import annotations

import datetime as dt

from journal.values.dates import (
    date_and_time,
    day_label,
    format_date,
    short_date,
    time_of_day,
    weekday_date,
)

WED = dt.date(2026, 2, 25)


def test_long_and_short_dates_in_english_and_swedish() -> None:
    assert format_date(WED, "en", year=False, weekday=True) == "Wed 25 February"
    assert format_date(WED, "sv", year=False, weekday=True) == "ons 25 februari"
    assert short_date(WED, "en", weekday=True) == "Wed 25 Feb 2026"
    assert short_date(WED, "sv", weekday=True) == "ons 25 feb 2026"
    assert short_date(dt.date(2026, 5, 3), "sv", year=False) == "3 maj"
    assert short_date(dt.date(2026, 9, 3), "en") == "3 Sep 2026"


def test_every_weekday_has_a_name_in_each_language() -> None:
    monday = dt.date(2026, 3, 2)
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    assert [short_date(d, "sv", weekday=True).split()[0] for d in week] == [
        "mån", "tis", "ons", "tors", "fre", "lör", "sön"
    ]  # fmt: skip
    assert format_date(week[6], "en", weekday=True) == "Sun 8 March 2026"


def test_time_of_day_is_the_24_hour_clock() -> None:
    assert time_of_day(dt.datetime(2026, 2, 25, 9, 5)) == "09:05"
    assert time_of_day(dt.time(23, 59)) == "23:59"


def test_day_label_follows_the_language_and_drops_this_year() -> None:
    today = dt.date(2026, 3, 2)
    assert day_label(WED, today, lang="sv") == "ons 25 feb"
    assert day_label(dt.date(2025, 12, 22), today, weekday=False, lang="sv") == "22 dec 2025"


def test_a_heading_day_and_a_tooltip_moment_read_in_the_journal_s_language() -> None:
    monday = dt.date(2026, 3, 2)
    assert weekday_date(monday, "en") == "Monday 2 March"
    assert weekday_date(monday, "sv") == "måndag 2 mars"
    late = dt.datetime(2026, 7, 15, 0, 30)
    assert date_and_time(late, "en") == "15 Jul 2026, 00:30"
    assert date_and_time(late, "sv") == "15 jul 2026, 00:30"


def test_relative_days_and_rhythms_agree_with_their_number_in_both_languages() -> None:
    from journal.values.dates import decimal, every_n_days, relative_day

    today = dt.date(2026, 3, 2)
    said = {
        lang: [relative_day(today + dt.timedelta(days=d), today, lang) for d in (-2, -1, 0, 1, 2)]
        for lang in ("en", "sv")
    }
    assert said["en"] == ["2 days ago", "yesterday", "today", "tomorrow", "in 2 days"]
    assert said["sv"] == ["för 2 dagar sedan", "i går", "i dag", "i morgon", "om 2 dagar"]
    assert relative_day(today - dt.timedelta(days=1), today + dt.timedelta(days=1), "sv") == (
        "för 2 dagar sedan"
    )
    assert relative_day(dt.date(2026, 5, 3), today, "sv") == "3 maj"  # far off: the day itself
    assert [every_n_days(n, "en") for n in (1, 2, 3)] == [
        "every day",
        "every other day",
        "every 3 days",
    ]
    assert (
        every_n_days(3.5, "sv") == "var 3,5:e dag" and every_n_days(3.5, "en") == "every 3.5 days"
    )
    assert (decimal(1.5, "sv"), decimal(1.5, "en"), decimal(7.0, "sv")) == ("1,5", "1.5", "7")
