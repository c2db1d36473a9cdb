"""Away periods: a client's holiday or leave, or the coach's own vacation (for all clients).
While one lasts, and for the reply window after it, silence is expected: the contact cues
stand down (journal.cues). Stored and exchanged as [{"from", "to", "note"}]."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from journal.i18n import _
from journal.values import fields

MAX_PERIODS = 200
MAX_DAYS = 730
"""A period longer than two years is a status (paused), not an absence."""


@dataclass(frozen=True, order=True)
class Away:
    start: dt.date
    end: dt.date
    note: str = ""

    def as_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "note": self.note}


def clean_away(value: Any, where: str) -> list[dict[str, str]]:
    """Away periods as stored: checked, sorted, each naming its place when it is wrong."""
    return [period.as_json() for period in away_periods(value, where)]


def away_periods(value: Any, where: str = "away") -> list[Away]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise fields.fail(where, _('must be a list of {"from": DATE, "to": DATE, "note": TEXT}'))
    if len(value) > MAX_PERIODS:
        raise fields.fail(
            where,
            (
                _("holds more than %(MAX_PERIODS)s periods; remove old ones")
                % {"MAX_PERIODS": MAX_PERIODS}
            ),
        )
    return sorted(period(item, f"{where}[{index}]") for index, item in enumerate(value))


def period(item: Any, place: str) -> Away:
    """One away period from its JSON shape; `place` names it in a message."""
    if not isinstance(item, dict):
        raise fields.fail(place, _('must be {"from": DATE, "to": DATE, "note": TEXT}'))
    unknown = set(item) - {"from", "to", "note"}
    if unknown:
        raise fields.fail(f"{place}.{sorted(unknown)[0]}", _("is not an away-period field"))
    start = fields.day(item.get("from"), f"{place}.from")
    end = fields.day(item.get("to"), f"{place}.to")
    if start is None or end is None:
        raise fields.fail(place, _("needs both from and to dates (YYYY-MM-DD)"))
    if end < start:
        raise fields.fail(
            place,
            (
                _("ends (%(end)s) before it starts (%(start)s); swap them")
                % {"end": end, "start": start}
            ),
        )
    if (end - start).days > MAX_DAYS:
        raise fields.fail(place, _("is longer than two years; pause the client instead"))
    note = fields.text(item.get("note", ""), f"{place}.note")
    return Away(start, end, note.strip())
