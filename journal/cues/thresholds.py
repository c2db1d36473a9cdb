"""The cue thresholds: one SettingSpec each (group "Warning signs"), overridable per client.

A client's `cue_settings` JSON holds overrides under the same keys as the global settings,
so a coach can give one slow correspondent a longer reply window without loosening the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from journal.errors import UserInputError
from journal.setting_spec import SettingSpec

GROUP = "Warning signs"


def _spec(
    key: str, default: Any, kind: type, label: str, help: str, low: float, high: float
) -> SettingSpec:
    return SettingSpec(key, default, kind, label, help, group=GROUP, minimum=low, maximum=high)


CUE_SETTINGS: list[SettingSpec] = [
    _spec(
        "cue_reply_window_days",
        3,
        int,
        "Reply window (days)",
        "An outgoing message that awaits a reply counts as unanswered after this many days.",
        1,
        60,
    ),
    _spec(
        "cue_closing_loop_after",
        3,
        int,
        "Unanswered before closing the loop",
        "From this many unanswered messages in a row the cue is critical and suggests a "
        "closing-the-loop message.",
        2,
        20,
    ),
    _spec(
        "cue_channel_mismatch_min",
        3,
        int,
        "Ignored messages on one channel",
        "Unanswered messages on one channel, while another channel gets through, before "
        "suggesting a switch.",
        2,
        20,
    ),
    _spec(
        "cue_neglect_tolerance",
        1.5,
        float,
        "Neglect tolerance (times the agreed rhythm)",
        "A gap in real contact longer than the agreed cadence times this raises neglect.",
        1.0,
        10.0,
    ),
    _spec(
        "cue_usual_rhythm_tolerance",
        2.5,
        float,
        "Neglect tolerance without an agreed rhythm",
        "With no agreed cadence, a gap longer than the client's usual rhythm times this "
        "raises neglect.",
        1.2,
        10.0,
    ),
    _spec(
        "cue_rhythm_swing",
        2.5,
        float,
        "Rhythm swing (times the agreed rhythm)",
        "Two or more gaps this much longer than the agreed cadence, within the look-back, "
        "count as an inconsistent rhythm.",
        1.5,
        10.0,
    ),
    _spec(
        "cue_lookback_days",
        60,
        int,
        "Look-back (days)",
        "How far back channel and consistency cues look.",
        14,
        365,
    ),
    _spec(
        "cue_deadline_grace_days",
        0,
        int,
        "Grace for deadlines (days)",
        "A commitment counts as missed this many days after its due date.",
        0,
        30,
    ),
    _spec(
        "cue_over_contact_window_days",
        14,
        int,
        "Over-contact window (days)",
        "The window in which incoming messages are counted.",
        3,
        60,
    ),
    _spec(
        "cue_over_contact_min",
        8,
        int,
        "Over-contact: at least this many messages",
        "Fewer incoming messages in the window never count as over-contact.",
        3,
        200,
    ),
    _spec(
        "cue_over_contact_factor",
        3.0,
        float,
        "Over-contact: times the usual rate",
        "Incoming messages must exceed the agreed or usual rate by this factor.",
        1.5,
        20.0,
    ),
    _spec(
        "cue_dread_streak",
        3,
        int,
        "Bad interactions in a row",
        "This many interactions in a row that felt bad raise the dread cue.",
        2,
        20,
    ),
    _spec(
        "cue_mood_window",
        6,
        int,
        "Mood trend: interactions looked at",
        "How many recent interactions with a recorded feeling the mood trend uses.",
        4,
        30,
    ),
    _spec(
        "cue_mood_drop",
        1.0,
        float,
        "Mood trend: drop that counts",
        "How far the average feeling must fall (on the -2 to 2 scale) to raise mood decline.",
        0.5,
        4.0,
    ),
]
# The dread words are text, so they get the default type check only.
CUE_SETTINGS.append(
    SettingSpec(
        "cue_dread_words",
        "dread, drained, exhausted, resentful",
        str,
        "Words that mean dread",
        "Comma-separated emotion words that make an interaction count as bad.",
        group=GROUP,
    )
)

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
    return frozenset(word.strip().casefold() for word in value.split(",") if word.strip())


def defaults() -> dict[str, Any]:
    return {spec.key: spec.default for spec in CUE_SETTINGS}


def clean_override(key: str, value: Any) -> Any:
    """Check one per-client override; raises UserInputError naming the setting."""
    spec = _BY_KEY.get(key)
    if spec is None:
        raise UserInputError(f"There is no warning-sign setting called {key!r}.")
    return spec.clean(value)


def merge(global_values: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> Thresholds:
    """Global values with a client's overrides on top; a bad stored override falls back."""
    values = {k: v for k, v in global_values.items() if k in _BY_KEY}
    for key, value in (overrides or {}).items():
        try:
            values[key] = clean_override(key, value)
        except UserInputError:
            continue  # an imported file may carry junk; the global value still protects
    return Thresholds.from_values(values)
