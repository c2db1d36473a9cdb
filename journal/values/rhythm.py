"""The agreed contact rhythm as coaches say it: twice a week, weekly, every two weeks,
monthly, or every N days. Stored as days (`cadence_days`, 3.5 for twice a week); this is the
one place that reads a rhythm typed or imported and says one back."""

from __future__ import annotations

import math
import re
from typing import Any

from journal.i18n import N_, _, language, translation
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
WORDS: dict[float, str] = {
    3.5: N_("twice a week"),
    7: N_("weekly"),
    14: N_("every two weeks"),
    30: N_("monthly"),
}
"""The named rhythms in words, as msgids of the catalogue."""
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
                    _(
                        "not a rhythm (use twice-a-week, weekly, every-two-weeks, monthly, "
                        "'every N days' or a number of days such as 3.5)"
                    ),
                ) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise fail(where, _("must be a number of days, such as 7 or 3.5"))
    if not 1 <= value <= MAX_DAYS:
        raise fail(
            where,
            (
                _("must be from 1 to %(most)s days (got %(days)s)")
                % {"most": MAX_DAYS, "days": format(value, "g")}
            ),
        )
    days = round(float(value), 2)
    return int(days) if days.is_integer() else days


def rhythm_words(days: float, lang: str | None = None) -> str:
    """How the rhythm is said: "twice a week" for 3.5, "every 10 days" for 10 (in `lang`,
    else the language the process speaks)."""
    named = WORDS.get(days)
    if named is None:
        return every_n_days(days, lang)
    return translation(lang or language()).gettext(named)
