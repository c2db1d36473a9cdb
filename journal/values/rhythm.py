"""The agreed contact rhythm as coaches say it: twice a week, weekly, every two weeks,
monthly, or every N days. Stored as days (`cadence_days`, 3.5 for twice a week); this is the
one place that reads a rhythm typed or imported and says one back."""

from __future__ import annotations

import math
import re
from typing import Any

from journal.values.dates import every_n_days
from journal.values.fields import fail

MAX_DAYS = 365
NAMED: dict[str, float] = {
    "twice-a-week": 3.5,
    "weekly": 7,
    "every-two-weeks": 14,
    "monthly": 30,
}
"""The rhythms a coach names, by the words the CLI takes (spaces work too)."""
ALIASES = {"fortnightly": "every-two-weeks", "biweekly": "every-two-weeks"}
WORDS = {
    "en": {3.5: "twice a week", 7: "weekly", 14: "every two weeks", 30: "monthly"},
    "sv": {3.5: "två gånger i veckan", 7: "varje vecka", 14: "varannan vecka", 30: "varje månad"},
}
_EVERY_N_DAYS = re.compile(r"^every-(\d+(?:\.\d+)?)-days?$")


def cadence(value: Any, where: str) -> float | int | None:
    """Days between contacts from a number (3.5 is fine) or a named rhythm; None for none.
    Whole numbers stay whole, so an export says 7, not 7.0."""
    if value is None:
        return None
    if isinstance(value, str):
        text = "-".join(value.strip().lower().split())
        text = ALIASES.get(text, text)
        if text in ("", "none"):
            return None
        matched = _EVERY_N_DAYS.match(text)
        if text in NAMED:
            value = NAMED[text]
        elif matched:
            value = float(matched.group(1))
        else:
            try:
                value = float(text)
            except ValueError:
                raise fail(
                    where,
                    "not a rhythm (use twice-a-week, weekly, every-two-weeks, monthly, "
                    "'every N days' or a number of days such as 3.5)",
                ) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise fail(where, "must be a number of days, such as 7 or 3.5")
    if not 1 <= value <= MAX_DAYS:
        raise fail(where, f"must be from 1 to {MAX_DAYS} days (got {value:g})")
    days = round(float(value), 2)
    return int(days) if days.is_integer() else days


def rhythm_words(days: float, lang: str = "en") -> str:
    """How the rhythm is said: "twice a week" for 3.5, "every 10 days" for 10."""
    named = WORDS.get(lang, WORDS["en"]).get(days)
    return named if named is not None else every_n_days(days, lang)
