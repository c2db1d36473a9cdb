"""What a journal holds besides its records: the coach's settings, own templates and each
client's dismissed or snoozed cues, as the interchange document carries them.

Each is checked by its own rules (the settings schema, the template checks, the shape of a cue's
evidence), naming its place in the file. The key never travels, nor the records about it that
share the settings table: only keys of the settings schema are read or written.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from journal import settings
from journal.cues.model import KINDS
from journal.cues.state import checked_evidence_key
from journal.i18n import _
from journal.store.models import CueDismissal
from journal.templates import library
from journal.templates.text import Template, clean_set
from journal.values import fields

CUE_STATE_KEYS = ("kind", "evidence_key", "snoozed_until")


def export_settings() -> dict[str, Any]:
    return settings.stored()


def export_templates() -> list[dict[str, Any]]:
    return [template.to_json() for template in library.own_templates()]


def export_cue_states() -> dict[int, list[dict[str, Any]]]:
    """Every dismissal and snooze by client id, in a stable order (kind, then as stored)."""
    by_client: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = CueDismissal.select().order_by(CueDismissal.client, CueDismissal.kind, CueDismissal.id)
    for row in rows:
        until = row.snoozed_until
        by_client[row.client_id].append(
            {
                "kind": row.kind,
                "evidence_key": row.evidence_key,
                "snoozed_until": until.isoformat() if until else None,
            }
        )
    return by_client


def clean_settings(raw: Any) -> dict[str, Any]:
    """`settings` of a file, each value checked by its setting's own rule."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise fields.fail("settings", _("must be an object of setting names to values"))
    known = {item.key: item for item in settings.SCHEMA}
    cleaned = {}
    for key, value in raw.items():
        place = f"settings.{key}"
        if key not in known:
            raise fields.fail(place, _("is not a setting of this Rapport"))
        cleaned[key] = known[key].clean(value, place)
    return cleaned


def clean_templates(raw: Any) -> list[Template]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise fields.fail("templates", _("must be a list"))
    return clean_set(raw)


def clean_cue_state(item: Any, where: str) -> dict[str, Any]:
    """One dismissal (no `snoozed_until`) or snooze of a client's file record."""
    if not isinstance(item, dict):
        raise fields.fail(where, _("must be an object"))
    for key in item:
        if key not in CUE_STATE_KEYS:
            raise fields.fail(f"{where}.{key}", _("is not a field of the rapport-journal format"))
    kind = item.get("kind")
    if kind not in KINDS:
        raise fields.fail(
            f"{where}.kind", (_("must be one of %(kinds)s") % {"kinds": ", ".join(KINDS)})
        )
    until = item.get("snoozed_until")
    return {
        "kind": kind,
        "evidence_key": checked_evidence_key(item.get("evidence_key"), f"{where}.evidence_key"),
        "snoozed_until": None if until is None else fields.moment(until, f"{where}.snoozed_until"),
    }


def store_cue_states(client_id: int, states: list[dict[str, Any]]) -> None:
    if states:
        CueDismissal.insert_many([{**state, "client": client_id} for state in states]).execute()


def store_journal_wide(values: dict[str, Any], templates: list[Template]) -> None:
    """Keep checked settings (the file's apply over the journal's) and templates (each
    replaces the coach's version of the same id and language); in the caller's transaction."""
    settings.set_values(values)
    library.store_set(templates)
