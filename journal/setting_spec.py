"""What a setting is: its key, default, type, words for the dialog and the rule for its values.

A module of its own so that the settings schema (journal.settings) and the warning-sign
thresholds it includes (journal.cues.thresholds) can both build on it, whichever loads first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journal.errors import UserInputError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    type: type
    label: str
    help: str
    group: str = "General"
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def clean(self, value: Any) -> Any:
        if self.type is bool:
            if not isinstance(value, bool):
                raise UserInputError(f"{self.label}: must be on or off.")
            return value
        if self.type in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise UserInputError(f"{self.label}: must be a number.")
            value = self.type(value)
            if self.minimum is not None and value < self.minimum:
                raise UserInputError(f"{self.label}: must be at least {self.minimum:g}.")
            if self.maximum is not None and value > self.maximum:
                raise UserInputError(f"{self.label}: must be at most {self.maximum:g}.")
            return value
        if not isinstance(value, str):
            raise UserInputError(f"{self.label}: must be text.")
        if self.choices and value not in self.choices:
            raise UserInputError(f"{self.label}: must be one of {', '.join(self.choices)}.")
        return value
