"""Export: the whole journal as one rapport-journal document, written atomically."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from journal.cues.thresholds import valid_overrides
from journal.errors import RapportError
from journal.interchange import extras
from journal.interchange.document import CLIENT_KEYS, FORMAT, VERSION
from journal.store.atomic import write_text_atomic
from journal.store.models import Client, Commitment, Interaction


def _iso_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_journal() -> dict[str, Any]:
    """The whole journal as a JSON-ready dict, in a stable order (clients by name, time order),
    with everything but the key: settings, own templates and cue states too."""
    clients = list(Client.select().order_by(Client.name, Client.id))
    by_client: dict[int, list[Interaction]] = {c.id: [] for c in clients}
    for interaction in Interaction.select().order_by(Interaction.at, Interaction.id):
        by_client[interaction.client_id].append(interaction)
    promises: dict[int, list[Commitment]] = {c.id: [] for c in clients}
    for commitment in Commitment.select().order_by(Commitment.id):
        promises[commitment.client_id].append(commitment)
    uid_of = {i.id: i.uid for items in by_client.values() for i in items}
    cue_states = extras.export_cue_states()
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": extras.export_settings(),
        "templates": extras.export_templates(),
        "clients": [
            {
                "id": c.uid,
                **{key: getattr(c, key) for key in CLIENT_KEYS},
                "cue_settings": valid_overrides(c.cue_settings),
                "interactions": [
                    {
                        "id": i.uid,
                        "at": i.at.isoformat(),
                        "channel": i.channel,
                        "direction": i.direction,
                        "summary": i.summary,
                        "notes": i.notes,
                        "feeling": i.feeling,
                        "emotions": list(i.emotions),
                        "awaits_reply": i.awaits_reply,
                        "follow_up_on": _iso_day(i.follow_up_on),
                        "self_check": i.self_check,
                        **({"template": i.template} if i.template else {}),
                    }
                    for i in by_client[c.id]
                ],
                "commitments": [
                    {
                        "id": m.uid,
                        "owner": m.owner,
                        "text": m.text,
                        "due": _iso_day(m.due),
                        "done_on": _iso_day(m.done_on),
                        "from_interaction": None
                        if m.interaction_id is None
                        else uid_of.get(m.interaction_id),
                    }
                    for m in promises[c.id]
                ],
                "cue_states": cue_states.get(c.id, []),
            }
            for c in clients
        ],
    }


def write_export(path: Path) -> int:
    """Write the export atomically; returns the number of clients written."""
    data = export_journal()
    try:
        write_text_atomic(
            path, json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        )
    except OSError as exc:
        raise RapportError(f"Cannot write {path}: {exc.strerror}; choose another place.") from exc
    return len(data["clients"])
