"""Import, all or nothing: a file is read a client record at a time, each checked, cleaned
and written as it comes, in one transaction, so a bad record anywhere leaves the journal as it
was and memory holds one client's records (and the file's ids), not the file. Clients the
journal already holds under the file's ids are merged by id (merging.py).

One bad record rejects the file with a message that names the place. `check_file` reads a file
the same way without a journal, so a rejected file never makes one appear.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from journal.i18n import _, listed, ngettext
from journal.interchange import extras, merging, records
from journal.interchange.document import INTERACTION_KEYS
from journal.interchange.records import PlannedClient
from journal.store.models import (
    BaseModel,
    Client,
    Commitment,
    Interaction,
    as_tuples,
    database,
    new_uid,
    utc_now,
)
from journal.templates.text import Template
from journal.values import documents

CLIENTS = "clients"
"""The member of the file that is read an item at a time: the records."""


@dataclass(frozen=True)
class ImportSummary:
    clients: int
    interactions: int
    commitments: int
    settings: int = 0
    templates: int = 0
    cue_states: int = 0
    kept: int = 0  # records the journal holds in a newer version than the file's

    def kept_line(self) -> str:
        """Said when the journal's own newer versions were kept; "" when none were."""
        if not self.kept:
            return ""
        return ngettext(
            "Kept %(n)d record as it is in the journal: it was changed here after the file's "
            "version (or the file does not say when its version was made).",
            "Kept %(n)d records as they are in the journal: they were changed here after the "
            "file's version (or the file does not say when its version was made).",
            self.kept,
        ) % {"n": self.kept}

    def carried(self) -> str:
        """What came along besides the records, for the line after the counts; "" if nothing."""
        parts = []
        if self.settings:
            parts.append(
                ngettext("%(n)d setting", "%(n)d settings", self.settings) % {"n": self.settings}
            )
        if self.templates:
            parts.append(
                ngettext("%(n)d template", "%(n)d templates", self.templates)
                % {"n": self.templates}
            )
        if self.cue_states:
            parts.append(
                ngettext(
                    "%(n)d dismissed or snoozed cue",
                    "%(n)d dismissed or snoozed cues",
                    self.cue_states,
                )
                % {"n": self.cue_states}
            )
        if not parts:
            return ""
        return _("With them: %(things)s.") % {"things": listed(parts)}


def import_file(path: Path, before_commit: Callable[[], None] | None = None) -> ImportSummary:
    """Import the file at `path` into the open journal. `before_commit` is called once every
    record is checked and written, before the transaction commits (the backup of the journal
    as it was: backup_plan.backup_before_commit)."""
    return _import(documents.stream_members(path, CLIENTS), write=True, before_commit=before_commit)


def check_file(path: Path) -> None:
    """Check the file at `path` as an import would, without a journal and writing nothing."""
    _import(documents.stream_members(path, CLIENTS), write=False)


def import_data(data: Any) -> ImportSummary:
    """Import a parsed document (the demo journal, tests) as a file is imported."""
    return _import(documents.document_members(data, CLIENTS), write=True)


def _names_held() -> dict[str, str]:
    """The journal's client names (casefolded) with each client's uid, as the import starts:
    empty for an empty journal, which nothing in a file can clash with."""
    return {name.casefold(): uid for name, uid in as_tuples(Client.select(Client.name, Client.uid))}


def _import(
    members: Iterable[documents.Member],
    write: bool,
    before_commit: Callable[[], None] | None = None,
) -> ImportSummary:
    """Check each member of a file in file order, and (`write`) write each client as it comes,
    all in one transaction: a problem anywhere raises, and nothing is kept."""
    with database.atomic() if write else _nothing():
        held = _names_held() if write else {}
        seen_ids: set[str] = set()
        names: set[str] = set()
        header: dict[str, Any] = {}
        chosen: dict[str, Any] = {}
        templates: list[Template] = []
        counts = [0] * 7
        for name, index, value in members:
            if name == CLIENTS and index is not None:
                where = f"clients[{index}]"
                plan = records.clean_client(value, where, seen_ids, names)
                if write:
                    added = _write_client(plan, where, held)
                    counts = [a + b for a, b in zip(counts, added, strict=True)]
            elif name == CLIENTS:
                records.listed(value, CLIENTS)  # null, or refused: a list comes an item at a time
            elif name in ("format", "version"):
                records.check_header(name, value)
                header[name] = value
            elif name == "settings":
                chosen = extras.clean_settings(value)
            elif name == "templates":
                templates = extras.clean_templates(value)
        for name in ("format", "version"):
            if name not in header:
                records.check_header(name, None)
        if write:
            extras.store_journal_wide(chosen, templates)
            if before_commit is not None:
                before_commit()
    counts[3:5] = [len(chosen), len(templates)]
    return ImportSummary(*counts)


def _write_client(plan: PlannedClient, where: str, held: dict[str, str]) -> list[int]:
    """Write one checked client once it is known not to clash with what the journal held:
    added as new, or merged into the journal's client of the same id. Returns the counts of
    ImportSummary's fields it adds to."""
    existing = _clashes(plan, where, held) if held else None
    if existing is not None:
        interactions, commitments, cue_states, kept = merging.merge_client(plan, existing)
        return [1, interactions, commitments, 0, 0, cue_states, kept]
    client = Client.create(**plan.values)
    _insert_in_batches(Interaction, plan.interactions, INTERACTION_DEFAULTS, client=client.id)
    sources = {m["from_interaction"] for m in plan.commitments} - {None}
    ids: dict[str, int] = (
        dict(
            as_tuples(
                Interaction.select(Interaction.uid, Interaction.id).where(
                    Interaction.client == client, Interaction.uid.in_(sources)
                )
            )
        )
        if sources
        else {}
    )
    promises = [
        {
            **{k: v for k, v in values.items() if k != "from_interaction"},
            "interaction": ids.get(values["from_interaction"]),
        }
        for values in plan.commitments
    ]
    _insert_in_batches(Commitment, promises, COMMITMENT_DEFAULTS, client=client.id)
    extras.store_cue_states(client.id, plan.cue_states)
    return [1, len(plan.interactions), len(promises), 0, 0, len(plan.cue_states), 0]


def _clashes(plan: PlannedClient, where: str, held: dict[str, str]) -> Client | None:
    """The client's name and ids against what the journal held, naming the first that clashes.
    Returns the journal's client of the same id, which the file's is merged into."""
    uid = plan.values.get("uid")
    existing = Client.get_or_none(Client.uid == uid) if uid else None
    owner = merging.owners([*([uid] if uid else []), *plan.record_ids()])
    if existing is not None:
        merging.check_merge(where, existing.uid, plan, owner)
    named = held.get(plan.values["name"].casefold())
    if named is not None and named != uid:
        raise records.name_taken(where, plan.values["name"])
    if existing is None:
        places = [
            *([(f"{where}.id", uid)] if uid else []),
            *(
                (f"{where}.interactions[{i}].id", v.get("uid"))
                for i, v in enumerate(plan.interactions)
            ),
            *(
                (f"{where}.commitments[{i}].id", v.get("uid"))
                for i, v in enumerate(plan.commitments)
            ),
        ]
        taken = set(owner) | merging.client_ids([uid for _place, uid in places if uid])
        for place, record_uid in places:
            if record_uid in taken:
                raise records.used_twice(place, record_uid)
    return existing


@contextmanager
def _nothing() -> Iterator[None]:
    """No transaction: a check writes nothing."""
    yield


INTERACTION_DEFAULTS: dict[str, Any] = {
    "uid": None,
    **dict.fromkeys(INTERACTION_KEYS),
    "notes": "",
    "emotions": [],
    "awaits_reply": False,
    "template": "",
    "updated_at": None,
}
"""Every field a cleaned interaction may carry (the document's), with what one that lacks it
is stored with."""
COMMITMENT_DEFAULTS: dict[str, Any] = {
    "uid": None,
    "owner": None,
    "text": None,
    "due": None,
    "done_on": None,
    "interaction": None,
    "updated_at": None,
}

_STORED_AS_CLEANED = (CharField, TextField, IntegerField, ForeignKeyField)
"""Fields whose db_value gives a cleaned value back as it is (text as text, a whole number as
itself): the batched insert leaves the call out."""


def _insert_in_batches(
    model: type[BaseModel], rows: list[dict[str, Any]], defaults: dict[str, Any], **same: Any
) -> None:
    """One prepared statement run over all rows: a 100,000-interaction import takes seconds.
    Each row is its cleaned values over `defaults`, with the values `same` for every row; a
    row with no uid gets a new one, and one the file did not date is dated now.

    Values still pass through each field's db_value (where it changes them), so they are stored
    exactly as a normal save would store them.
    """
    if not rows:
        return
    fields = model._meta.fields
    names = [*defaults, *same]
    columns = [fields[name] for name in names]
    sql = (
        f'INSERT INTO "{model._meta.table_name}" '
        f"({', '.join(c.column_name for c in columns)}, created_at) "
        f"VALUES ({', '.join('?' for _ in columns)}, ?)"
    )
    convert = [
        (i, column.db_value)
        for i, column in enumerate(columns)
        if type(column) not in _STORED_AS_CLEANED
    ]
    ordered = operator.itemgetter(*names)
    uid, updated = names.index("uid"), names.index("updated_at")
    stamp = fields["created_at"].db_value(utc_now())

    def params() -> Iterator[list[Any]]:
        for row in rows:
            values = list(ordered({**defaults, **row, **same}))
            values[uid] = values[uid] or new_uid()
            for i, db_value in convert:
                values[i] = db_value(values[i])
            values[updated] = values[updated] or stamp
            values.append(stamp)
            yield values

    database.obj.execute_many(sql, params())
