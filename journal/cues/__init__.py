"""Warning signs: the cue engine. The API the app, the CLI and the reports share.

Rules are pure (see engine.evaluate); this module loads histories and thresholds, runs them,
and leaves out what the user dismissed or snoozed.
"""

# journal.settings must finish loading before thresholds.py: settings appends the cue
# thresholds to its schema and thresholds builds them from settings.SettingSpec. Importing
# it first here makes the order the same whichever of the two a caller imports first.
from journal import settings  # isort: skip

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

from journal.cues.model import KINDS, Cue, EvidenceRef, Severity
from journal.cues.thresholds import CUE_SETTINGS, Thresholds, clean_override, merge
from journal.models import Client, database

if TYPE_CHECKING:  # the public names that load lazily, for type checkers
    from journal.cues.engine import evaluate
    from journal.cues.history import History
    from journal.cues.state import dismiss_cue, restore_cues, snooze_cue

# The rules, histories and holds load on first use, so that importing the vocabulary
# (journal.cues.model) does not load the whole engine: the app's first paint needs only that.
_LAZY = {
    "evaluate": "engine",
    "required_days": "engine",
    "sort_cues": "engine",
    "History": "history",
    "all_histories": "history",
    "history_of": "history",
    "dismiss_cue": "state",
    "load_holds": "state",
    "restore_cues": "state",
    "snooze_cue": "state",
    "without_held": "state",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CUE_SETTINGS",
    "KINDS",
    "Cue",
    "EvidenceRef",
    "History",
    "Severity",
    "Thresholds",
    "all_cues",
    "cues_for_client",
    "dismiss_cue",
    "evaluate",
    "restore_cues",
    "set_client_threshold",
    "snooze_cue",
    "thresholds_for",
]


def _global_values() -> dict[str, Any]:
    return settings.get_all()


def thresholds_for(client: Client, global_values: dict[str, Any] | None = None) -> Thresholds:
    """The global thresholds with this client's overrides on top."""
    values = _global_values() if global_values is None else global_values
    return merge(values, client.cue_settings)


def cues_for_client(
    client: Client, as_of: dt.datetime, include_held: bool = False, lang: str | None = None
) -> list[Cue]:
    """One client's cues as of a moment, worst first, without dismissed or snoozed ones
    unless `include_held` (state.hold_of tells which hold hides one). Explanations are in
    `lang`, by default the journal's language setting."""
    from journal.cues.engine import evaluate, required_days
    from journal.cues.history import history_of
    from journal.cues.state import load_holds, without_held

    values = _global_values()
    thresholds = thresholds_for(client, values)
    with database.atomic():  # one read snapshot
        history = history_of(client, as_of, required_days(thresholds))
        holds = load_holds(client.id)
    found = evaluate(history, thresholds, as_of, lang or str(values["language"]))
    return found if include_held else without_held(found, holds, as_of)


def all_cues(as_of: dt.datetime, include_held: bool = False, lang: str | None = None) -> list[Cue]:
    """Every client's cues as of a moment, worst first; a handful of queries in all.
    Explanations are in `lang`, by default the journal's language setting."""
    from journal.cues.engine import evaluate, required_days, sort_cues
    from journal.cues.history import all_histories
    from journal.cues.state import load_holds, without_held

    with database.atomic():
        global_values = _global_values()
        overrides = [c.cue_settings for c in Client.select(Client.cue_settings) if c.cue_settings]
        days = max(required_days(merge(global_values, o)) for o in [{}, *overrides])
        histories = all_histories(as_of, days)
        holds = load_holds()
    found: list[Cue] = []
    for history in histories:
        thresholds = merge(global_values, history.overrides)
        found.extend(evaluate(history, thresholds, as_of, lang or str(global_values["language"])))
    return sort_cues(found if include_held else without_held(found, holds, as_of))


def set_client_threshold(client: Client, key: str, value: Any) -> Client:
    """Override one threshold for one client (None removes the override); checked first."""
    overrides = dict(client.cue_settings or {})
    if value is None:
        overrides.pop(key, None)
    else:
        overrides[key] = clean_override(key, value)
    client.cue_settings = overrides
    with database.atomic():
        client.save()
    return client
