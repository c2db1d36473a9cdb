"""Export: the whole journal as one rapport-journal document, written atomically a client at a
time, so memory holds one client's records whatever the journal's size.

Interactions, the bulk of a journal, are read as stored (not through peewee's per-field
conversion) and each is written as its line of the file straight from the row: moments by
string operations on their one stored shape, the stored JSON of emotion words and self-checks
as it is. Every record line is what the standard library's encoder writes for that record
(tests/test_interchange.py holds the export to that).
"""

from __future__ import annotations

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
from journal.store.models import Client, Commitment, Interaction, UtcDateTimeField, database

_compact = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
"""One value on one line, by the standard library's C encoder (one encoder for the export)."""


class _Lines(list[str]):
    """Records already encoded, one line each."""


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


def _interaction_lines(client_id: int, uid_of: dict[int, str]) -> _Lines:
    """One client's interactions in time order, each the JSON line of its record: id, at,
    channel, direction, summary, notes, feeling, emotions, awaits_reply, follow_up_on,
    self_check, template (only when one was used) and updated_at. Records each one's uid in
    `uid_of` for the commitments made in it."""
    query = (
        Interaction.select(*_INTERACTION_COLUMNS)
        .where(Interaction.client == client_id)
        .order_by(Interaction.at, Interaction.id)
    )
    moment, text = UtcDateTimeField.file_text, _compact
    lines = _Lines()
    for row in database.execute(query):  # the values as stored: no per-field conversion
        row_id, uid, at, channel, direction, summary, notes, feeling, *rest = row
        emotions, awaits, follow_up, self_check, template, updated = rest
        uid_of[row_id] = uid
        lines.append(
            f'{{"id": {text(uid)}, "at": "{moment(at)}", "channel": {text(channel)}, '
            f'"direction": {text(direction)}, "summary": {text(summary)}, '
            f'"notes": {text(notes)}, "feeling": {"null" if feeling is None else int(feeling)}, '
            f'"emotions": {emotions or "[]"}, "awaits_reply": {"true" if awaits else "false"}, '
            f'"follow_up_on": {"null" if follow_up is None else text(follow_up)}, '
            f'"self_check": {self_check or "null"}, '
            + (f'"template": {text(template)}, ' if template else "")
            + f'"updated_at": "{moment(updated)}"}}'
        )
    return lines


def _commitments(client_id: int, uid_of: dict[int, str]) -> list[dict[str, Any]]:
    query = (
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
            "due": due,  # days are stored as the file writes them, YYYY-MM-DD
            "done_on": done_on,
            "from_interaction": None if source is None else _uid_of(source, uid_of),
            "updated_at": UtcDateTimeField.file_text(updated),
        }
        for uid, owner, text, due, done_on, source, updated in database.execute(query)
    ]


def _uid_of(interaction_id: int, uid_of: dict[int, str]) -> str | None:
    """The uid of the interaction a promise was made in: the client's own, else looked up."""
    found = uid_of.get(interaction_id)
    if found is None:
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        found = None if row is None else row.uid
    return found


def _client_texts() -> Iterator[str]:
    """Each client with their interactions, commitments and cue states as the file's text, one
    at a time, in a stable order (clients by name)."""
    cue_states = extras.export_cue_states()
    for c in Client.select().order_by(Client.name, Client.id):
        uid_of: dict[int, str] = {}
        record = {
            "id": c.uid,
            **{key: getattr(c, key) for key in CLIENT_KEYS},
            "cue_settings": valid_overrides(c.cue_settings),
            "updated_at": c.updated_at.isoformat(),
            "interactions": _interaction_lines(c.id, uid_of),
            "commitments": _commitments(c.id, uid_of),
            "cue_states": cue_states.get(c.id, []),
        }
        yield _indented(record, "    ")


def _indented(value: dict[str, Any], pad: str) -> str:
    """An object indented by two, in which each record of a list of records (an interaction,
    a commitment, a template) is one line: readable, and a record's line diffs on its own."""
    inner = pad + "  "
    parts = []
    for key, item in value.items():
        if type(item) is list and item and all(isinstance(r, dict) for r in item):
            item = _Lines(_compact(r) for r in item)
        if isinstance(item, _Lines) and item:
            text = "[\n" + ",\n".join(inner + "  " + r for r in item) + f"\n{inner}]"
        else:
            text = _compact(item)
        parts.append(f"{inner}{_compact(key)}: {text}")
    return "{\n" + ",\n".join(parts) + f"\n{pad}}}"


def _document() -> Iterator[tuple[str, int]]:
    """The file's text a piece at a time (the head, then a client at a time), each with the
    number of clients written so far."""
    head = {
        "format": FORMAT,
        "version": VERSION,
        "settings": extras.export_settings(),
        "templates": extras.export_templates(),
    }
    yield _indented(head, "")[:-2] + ',\n  "clients": [', 0  # the head without its "\n}"
    count = 0
    for text in _client_texts():
        count += 1
        yield (",\n    " if count > 1 else "\n    ") + text, count
    yield ("\n  ]\n}\n" if count else "]\n}\n"), count


def export_journal() -> dict[str, Any]:
    """The whole journal as the export file holds it, with everything but the key: settings,
    own templates and cue states too (for tests and tools; an export streams to a file)."""
    document: dict[str, Any] = json.loads("".join(text for text, _count in _document()))
    return document


def write_export(path: Path) -> int:
    """Write the export atomically, a client at a time; returns the number of clients written."""
    count = 0
    try:
        with open_atomic(path) as handle:
            for text, written in _document():
                handle.write(text.encode())
                count = written
    except OSError as exc:
        raise RapportError(
            _("Cannot write %(path)s: %(strerror)s; choose another place.")
            % {"path": path, "strerror": os_problem(exc)}
        ) from exc
    return count
