"""One declarative schema for every setting; the settings dialog and validation are built from it.

Values live in the journal's `setting` table (encrypted with everything else).
"""

from __future__ import annotations

from typing import Any

from journal.cues.thresholds import CUE_SETTINGS
from journal.errors import UserInputError
from journal.setting_spec import SettingSpec
from journal.store.models import Setting, database

SCHEMA: list[SettingSpec] = [
    SettingSpec("my_name", "", str, "Your name", "Signs templates and heads reports."),
    SettingSpec("signature", "", str, "Signature", "Added under messages made from templates."),
    SettingSpec(
        "language",
        "en",
        str,
        "Language",
        "Language of templates, reports and warning-sign sentences (menus stay in English).",
        choices=("en", "sv"),
    ),
    SettingSpec(
        "ideal_client",
        "",
        str,
        "Ideal client",
        "Who you serve best and why you fit them; rate each client's fit against it.",
    ),
]

# The warning-sign thresholds live next to the rules that read them (group "Warning signs").
SCHEMA += CUE_SETTINGS


def spec(key: str) -> SettingSpec:
    for item in SCHEMA:
        if item.key == key:
            return item
    raise UserInputError(f"There is no setting called {key!r}.")


def get(key: str) -> Any:
    item = spec(key)
    row = Setting.get_or_none(Setting.key == key)
    return item.default if row is None else row.value


def get_all() -> dict[str, Any]:
    stored = {row.key: row.value for row in Setting.select()}
    return {item.key: stored.get(item.key, item.default) for item in SCHEMA}


def set_value(key: str, value: Any) -> Any:
    return set_values({key: value})[key]


def set_values(values: dict[str, Any]) -> dict[str, Any]:
    """Store several settings all or nothing: every value is checked first (the first bad one
    is named, nothing is stored), then all are written in one transaction. Returns the
    cleaned values."""
    cleaned = {key: spec(key).clean(value) for key, value in values.items()}
    with database.atomic():
        for key, value in cleaned.items():
            Setting.insert(key=key, value=value).on_conflict_replace().execute()
    return cleaned


def reset(key: str) -> None:
    spec(key)
    with database.atomic():
        Setting.delete().where(Setting.key == key).execute()
