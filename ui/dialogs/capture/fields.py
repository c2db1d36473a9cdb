"""The one mapping between an interaction's fields and the capture form's widgets.

Each field names the widget that shows it, how to read and write it there, and how a draft
keeps it as JSON. Editing an interaction, restoring a draft and saving all go through this
table, so a field is added (or fixed) in one place and the two loaders cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QLineEdit, QPlainTextEdit

from journal.entries.capture import NewCommitment
from ui.dialogs.capture.widgets import (
    ChipRow,
    FeelingPicker,
    OptionalDate,
    pick,
    picked,
    self_check_answers,
    set_self_check_answers,
)
from ui.dialogs.qt_dates import from_qdatetime, to_qdatetime


def _same(value: Any) -> Any:
    return value


def _read_moment(widget: QDateTimeEdit) -> dt.datetime:
    return from_qdatetime(widget.dateTime()).astimezone()


def _write_moment(widget: QDateTimeEdit, moment: dt.datetime | None) -> None:
    if moment is not None:  # a draft without a readable time keeps the one shown
        widget.setDateTime(to_qdatetime(moment.astimezone().replace(tzinfo=None)))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment_from_iso(text: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text).astimezone()
    except (TypeError, ValueError):
        return None


def _day_from_iso(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Field:
    key: str  # as journal.entries.capture takes it, and as a draft keeps it
    widget: str  # the form's attribute that shows it
    read: Callable[[Any], Any]
    write: Callable[[Any, Any], None]
    to_json: Callable[[Any], Any] = _same
    from_json: Callable[[Any], Any] = _same


FIELDS: tuple[Field, ...] = (
    Field("at", "when", _read_moment, _write_moment, _iso, _moment_from_iso),
    Field("channel", "channels", picked, pick),
    Field("direction", "directions", picked, pick),
    Field("summary", "summary", QLineEdit.text, lambda w, v: w.setText(v or "")),
    Field("notes", "notes", QPlainTextEdit.toPlainText, lambda w, v: w.setPlainText(v or "")),
    Field("feeling", "feeling", FeelingPicker.value, FeelingPicker.set_value),
    Field("emotions", "emotions", ChipRow.words, lambda w, v: w.set_words(list(v or []))),
    Field("awaits_reply", "awaits_reply", QCheckBox.isChecked, lambda w, v: w.setChecked(bool(v))),
    Field(
        "follow_up_on", "follow_up", OptionalDate.value, OptionalDate.set_value, _iso, _day_from_iso
    ),
    Field("self_check", "self_check", self_check_answers, set_self_check_answers),
)


def read_form(form: Any) -> dict[str, Any]:
    """The interaction's fields as the form shows them, as journal.entries.capture takes them."""
    return {field.key: field.read(getattr(form, field.widget)) for field in FIELDS}


def write_form(form: Any, values: dict[str, Any]) -> None:
    """Show `values` in the form; a missing field is shown empty (a time, unchanged)."""
    for field in FIELDS:
        field.write(getattr(form, field.widget), values.get(field.key))


def values_of(interaction: Any) -> dict[str, Any]:
    """A stored interaction's fields, the same keys read_form gives."""
    return {field.key: getattr(interaction, field.key) for field in FIELDS}


@dataclass(frozen=True)
class Draft:
    """What a draft holds: the fields, the client and the promises not yet saved."""

    values: dict[str, Any]
    client_id: int | None
    commitments: list[NewCommitment]


def to_json(draft: Draft) -> dict[str, Any]:
    """A draft as JSON, for journal.entries.drafts (and to tell whether anything changed)."""
    return {
        **{field.key: field.to_json(draft.values.get(field.key)) for field in FIELDS},
        "client_id": draft.client_id,
        "commitments": [
            {"owner": c.owner, "text": c.text, "due": _iso(c.due)} for c in draft.commitments
        ],
    }


def from_json(payload: dict[str, Any]) -> Draft:
    """A kept draft back, tolerant of what an older or damaged one lacks."""
    return Draft(
        {field.key: field.from_json(payload.get(field.key)) for field in FIELDS},
        payload.get("client_id"),
        [
            NewCommitment(item["owner"], item["text"], _day_from_iso(item.get("due")))
            for item in payload.get("commitments") or []
        ],
    )
