"""evaluate(): every rule over one client's history, as of one moment. Pure: no DB, no clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from journal.cues.context import Context
from journal.cues.history import History
from journal.cues.model import KINDS, Cue
from journal.cues.rules_conduct import conduct
from journal.cues.rules_contact import (
    USUAL_RATE_DAYS,
    channel_mismatch,
    neglect,
    over_contact,
    unanswered,
)
from journal.cues.rules_feeling import dread, mood_decline
from journal.cues.rules_promises import inconsistency, missed_deadlines
from journal.cues.thresholds import Thresholds

Rule = Callable[[Context], Cue | None]

RULES: tuple[Rule, ...] = (
    unanswered,
    channel_mismatch,
    neglect,
    inconsistency,
    missed_deadlines,
    over_contact,
    dread,
    mood_decline,
    conduct,
)
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}
MARGIN_DAYS = 30  # so that a gap crossing the look-back's start is still seen whole


def required_days(thresholds: Thresholds) -> int:
    """How far back before as_of the rules look (besides a client's last few interactions)."""
    needs = (thresholds.lookback_days, thresholds.over_contact_window_days + USUAL_RATE_DAYS)
    return max(needs) + MARGIN_DAYS


def evaluate(
    history: History,
    thresholds: Thresholds,
    as_of: dt.datetime,
    lang: str = "en",
    zone: dt.tzinfo | None = None,
) -> list[Cue]:
    """The cues for one client as of `as_of`, worst first, explained in `lang` (en or sv).

    Calendar days (deadlines, dates in explanations) are read in `zone`; without one, in
    as_of's own tzinfo (pure: no look at the machine's zone). A closed relationship raises
    nothing. A bad streak (dread) already says what a falling mood would, so mood_decline
    stays quiet then.
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    if zone is not None:
        as_of = as_of.astimezone(zone)
    if history.status == "closed":
        return []
    ctx = Context(history, thresholds, as_of, lang)
    cues = [cue for rule in RULES if (cue := rule(ctx)) is not None]
    if any(c.kind == "dread" for c in cues):
        cues = [c for c in cues if c.kind != "mood_decline"]
    return sort_cues(cues)


def sort_cues(cues: Iterable[Cue]) -> list[Cue]:
    """Worst first; among equals the oldest trouble first, then a fixed kind and name order."""
    return sorted(cues, key=cue_order)


def cue_order(cue: Cue) -> tuple[Any, ...]:
    """The key `sort_cues` orders by."""
    return (-cue.severity, cue.since, _KIND_ORDER[cue.kind], cue.client.casefold(), cue.client_id)
