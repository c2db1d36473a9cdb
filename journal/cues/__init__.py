"""Warning signs: the cue engine. The API the app, the CLI and the reports share.

Rules are pure (see engine.evaluate); journal.cues.api loads histories and thresholds, runs
them, and leaves out what the user dismissed or snoozed.

Every name here loads on first use: importing the vocabulary (journal.cues.model) must not
load the engine, the models and peewee, since the app's first paint needs only that.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the public names that load lazily, for type checkers
    from journal.cues.api import (
        ClientThreshold,
        all_cues,
        allowed_values,
        clean_override_key,
        client_thresholds,
        cues_for_client,
        parse_threshold,
        set_client_threshold,
        set_client_thresholds,
        thresholds_for,
    )
    from journal.cues.engine import evaluate
    from journal.cues.history import History
    from journal.cues.model import KINDS, Cue, EvidenceRef, Severity
    from journal.cues.state import dismiss_cue, restore_cues, snooze_cue, undo_hold
    from journal.cues.thresholds import CUE_SETTINGS, Thresholds

_LAZY = {
    **dict.fromkeys(("KINDS", "Cue", "EvidenceRef", "Severity"), "model"),
    **dict.fromkeys(("CUE_SETTINGS", "Thresholds"), "thresholds"),
    **dict.fromkeys(
        (
            "ClientThreshold",
            "all_cues",
            "allowed_values",
            "clean_override_key",
            "client_thresholds",
            "cues_for_client",
            "parse_threshold",
            "set_client_threshold",
            "set_client_thresholds",
            "thresholds_for",
        ),
        "api",
    ),
    "evaluate": "engine",
    "History": "history",
    **dict.fromkeys(("dismiss_cue", "restore_cues", "snooze_cue", "undo_hold"), "state"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [  # the names of _LAZY (a test holds them equal), spelled out for tools
    "CUE_SETTINGS",
    "KINDS",
    "ClientThreshold",
    "Cue",
    "EvidenceRef",
    "History",
    "Severity",
    "Thresholds",
    "all_cues",
    "allowed_values",
    "clean_override_key",
    "client_thresholds",
    "cues_for_client",
    "dismiss_cue",
    "evaluate",
    "parse_threshold",
    "restore_cues",
    "set_client_threshold",
    "set_client_thresholds",
    "snooze_cue",
    "thresholds_for",
    "undo_hold",
]
