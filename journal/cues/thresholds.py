"""The cue thresholds as the rules read them, overridable per client; their settings
(group "Warning signs") are declared with every other setting in journal.settings.

A client's `cue_settings` JSON holds overrides under the same keys as the global settings,
so a coach can give one slow correspondent a longer reply window without loosening the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from journal.errors import UserInputError
from journal.i18n import LANGUAGES, _
from journal.settings import CUE_SETTINGS
from journal.values.fields import shown
from journal.values.vocabulary import emotion_key, emotion_word

_BY_KEY = {spec.key: spec for spec in CUE_SETTINGS}


@dataclass(frozen=True)
class Thresholds:
    """The effective thresholds for one client: plain values, so rules stay pure."""

    reply_window_days: int
    closing_loop_after: int
    channel_mismatch_min: int
    neglect_tolerance: float
    usual_rhythm_tolerance: float
    rhythm_swing: float
    lookback_days: int
    deadline_grace_days: int
    over_contact_window_days: int
    over_contact_min: int
    over_contact_factor: float
    dread_streak: int
    mood_window: int
    mood_drop: float
    conduct_min: int
    conduct_window: int
    dread_words: frozenset[str]

    @classmethod
    def default(cls, **changes: Any) -> Thresholds:
        """The shipped defaults, with `changes` (field names without the cue_ prefix)."""
        values = defaults()
        values.update({f"cue_{name}": value for name, value in changes.items()})
        return cls.from_values(values)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Thresholds:
        """Build from setting keys (`cue_...`); unknown keys are ignored, missing ones default."""
        kwargs: dict[str, Any] = {}
        for key, value in {**defaults(), **values}.items():
            if key not in _BY_KEY:
                continue
            name = key.removeprefix("cue_")
            if name == "dread_words":
                kwargs[name] = parse_words(value)
            else:
                kwargs[name] = value
        return cls(**kwargs)


def parse_words(value: str) -> frozenset[str]:
    """The words as typed, and each known emotion in every language: a list that says
    "obehag" counts the chip "dread", and "exhausted" counts "slutkörd" typed in Swedish."""
    typed = {word.strip().casefold() for word in value.split(",") if word.strip()}
    keys = {emotion_key(word, lang) for word in typed for lang in LANGUAGES}
    said = {emotion_word(key, lang) for key in keys for lang in LANGUAGES}
    return frozenset(typed | {word.casefold() for word in keys | said})


def defaults() -> dict[str, Any]:
    return {spec.key: spec.default for spec in CUE_SETTINGS}


def clean_override(key: str, value: Any) -> Any:
    """Check one per-client override; raises UserInputError naming the setting."""
    spec = _BY_KEY.get(key)
    if spec is None:
        raise UserInputError(
            _("There is no warning-sign setting called %(shown)s.") % {"shown": shown(key)}
        )
    return spec.clean(value)


def valid_overrides(overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """A client's stored overrides that still pass their setting's check. A journal from an
    older Rapport may hold junk (a NaN once passed); left out, the global value protects."""
    valid = {}
    for key, value in (overrides or {}).items():
        try:
            valid[key] = clean_override(key, value)
        except UserInputError:
            continue
    return valid


def merge(global_values: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> Thresholds:
    """Global values with a client's valid overrides on top."""
    values = {k: v for k, v in global_values.items() if k in _BY_KEY}
    return Thresholds.from_values({**values, **valid_overrides(overrides)})
