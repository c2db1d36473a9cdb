"""Export: the whole journal as one rapport-journal document, written atomically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from journal.cues.thresholds import valid_overrides
from journal.errors import RapportError, os_problem
from journal.i18n import _
from journal.interchange import extras
from journal.interchange.document import CLIENT_KEYS, FORMAT, VERSION
from journal.store.atomic import open_atomic
from journal.store.models import Client, Commitment, Interaction, as_tuples


def _iso_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


_INTERACTION_COLUMNS = (
    Interaction.id,
    Interaction.uid,
    Interaction.at,
    Interaction.channel,
    Interaction.direction,
    Interaction.summary,
    Interaction.notes,
    Interaction.feeling,
    Interaction.emotions,
    Interaction.awaits_reply,
    Interaction.follow_up_on,
    Interaction.self_check,
    Interaction.template,
    Interaction.updated_at,
)


def _interactions(client_id: int, uid_of: dict[int, str]) -> list[dict[str, Any]]:
    """One client's interactions in time order, as plain rows (no model objects); records
    each one's uid in `uid_of` for the commitments made in it."""
    rows = as_tuples(
        Interaction.select(*_INTERACTION_COLUMNS)
        .where(Interaction.client == client_id)
        .order_by(Interaction.at, Interaction.id)
    )
    out = []
    for row_id, uid, at, channel, direction, summary, notes, *rest in rows:
        feeling, emotions, awaits, follow_up, self_check, template, updated = rest
        uid_of[row_id] = uid
        out.append(
            {
                "id": uid,
                "at": at.isoformat(),
                "channel": channel,
                "direction": direction,
                "summary": summary,
                "notes": notes,
                "feeling": feeling,
                "emotions": list(emotions),
                "awaits_reply": awaits,
                "follow_up_on": _iso_day(follow_up),
                "self_check": self_check,
                **({"template": template} if template else {}),
                "updated_at": updated.isoformat(),
            }
        )
    return out


def _commitments(client_id: int, uid_of: dict[int, str]) -> list[dict[str, Any]]:
    rows = as_tuples(
        Commitment.select(
            Commitment.uid,
            Commitment.owner,
            Commitment.text,
            Commitment.due,
            Commitment.done_on,
            Commitment.interaction,
            Commitment.updated_at,
        )
        .where(Commitment.client == client_id)
        .order_by(Commitment.id)
    )
    return [
        {
            "id": uid,
            "owner": owner,
            "text": text,
            "due": _iso_day(due),
            "done_on": _iso_day(done_on),
            "from_interaction": None if source is None else _uid_of(source, uid_of),
            "updated_at": updated.isoformat(),
        }
        for uid, owner, text, due, done_on, source, updated in rows
    ]


def _uid_of(interaction_id: int, uid_of: dict[int, str]) -> str | None:
    """The uid of the interaction a promise was made in: the client's own, else looked up."""
    found = uid_of.get(interaction_id)
    if found is None:
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        found = None if row is None else row.uid
    return found


def client_records() -> Iterator[dict[str, Any]]:
    """Each client with their interactions, commitments and cue states, one at a time, in a
    stable order (clients by name): memory holds one client's records, not the journal's."""
    cue_states = extras.export_cue_states()
    for c in Client.select().order_by(Client.name, Client.id):
        uid_of: dict[int, str] = {}
        yield {
            "id": c.uid,
            **{key: getattr(c, key) for key in CLIENT_KEYS},
            "cue_settings": valid_overrides(c.cue_settings),
            "updated_at": c.updated_at.isoformat(),
            "interactions": _interactions(c.id, uid_of),
            "commitments": _commitments(c.id, uid_of),
            "cue_states": cue_states.get(c.id, []),
        }


def export_journal() -> dict[str, Any]:
    """The whole journal as a JSON-ready dict (what `write_export` streams to a file), with
    everything but the key: settings, own templates and cue states too."""
    return {**_head(), "clients": list(client_records())}


def _head() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": extras.export_settings(),
        "templates": extras.export_templates(),
    }


def _compact(value: Any) -> str:
    """One value on one line (the standard library's C encoder writes these)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _indented(value: dict[str, Any], pad: str) -> str:
    """An object indented by two, in which each record of a list of records (an interaction,
    a commitment, a template) is one line: readable, and a record's line diffs on its own."""
    inner = pad + "  "
    parts = []
    for key, item in value.items():
        if isinstance(item, list) and item and all(isinstance(r, dict) for r in item):
            text = "[\n" + ",\n".join(inner + "  " + _compact(r) for r in item) + f"\n{inner}]"
        else:
            text = _compact(item)
        parts.append(f"{inner}{_compact(key)}: {text}")
    return "{\n" + ",\n".join(parts) + f"\n{pad}}}"


def document_text(document: dict[str, Any]) -> str:
    """The file's text for a whole document (what `write_export` streams)."""
    clients = document["clients"]
    head = _indented({k: v for k, v in document.items() if k != "clients"}, "")
    body = ",\n".join("    " + _indented(record, "    ") for record in clients)
    return head[:-2] + (
        ',\n  "clients": [\n' + body + "\n  ]\n}\n" if clients else ',\n  "clients": []\n}\n'
    )


def write_export(path: Path) -> int:
    """Write the export atomically, a client at a time; returns the number of clients written.
    The file is the very text `document_text(export_journal())` makes."""
    count = 0
    try:
        with open_atomic(path) as handle:
            handle.write(_indented(_head(), "")[:-2].encode())  # without the closing "\n}"
            handle.write(b',\n  "clients": [')
            for record in client_records():
                text = _indented(record, "    ")
                handle.write(((",\n    " if count else "\n    ") + text).encode())
                count += 1
            handle.write(b"\n  ]\n}\n" if count else b"]\n}\n")
    except OSError as exc:
        raise RapportError(
            _("Cannot write %(path)s: %(strerror)s; choose another place.")
            % {"path": path, "strerror": os_problem(exc)}
        ) from exc
    return count
