"""Import, all or nothing: the whole file is checked before a row is written. Clients the
journal already holds under the file's ids are merged by id (merging.py).

One bad record rejects the file with a message that names the place, and the journal is left
as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal.clients import clean_profile
from journal.entries.capture import AHEAD, clean_interaction
from journal.i18n import _, listed, ngettext
from journal.interchange import extras, merging
from journal.interchange.document import CLIENT_KEYS, FORMAT, INTERACTION_KEYS, VERSION
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
from journal.values import documents, fields


@dataclass
class PlannedClient:
    values: dict[str, Any]
    interactions: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    cue_states: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Planned:
    clients: list[PlannedClient]
    settings: dict[str, Any]
    templates: list[Template]


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


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fields.fail(where, _("must be an object"))
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise fields.fail(where, _("must be a list"))
    return value


def _uid(value: Any, where: str, seen: set[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise fields.fail(where, _("must be a short text id"))
    if value in seen:
        raise fields.fail(
            where, (_("the id %(shown)s is used twice") % {"shown": fields.shown(value)})
        )
    seen.add(value)
    return value


def _known_keys(record: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in record:
        if key not in allowed:
            raise fields.fail(
                fields.member(where, key), _("is not a field of the rapport-journal format")
            )


def check_import(data: Any) -> Planned:
    """Check and clean a parsed file as far as it can be without a journal (everything but
    clashes with what a journal already holds), so a rejected file never makes one appear.
    The plan is what `import_planned` writes: the file is validated once."""
    return _plan(data, seen_ids=set(), existing_names=set())


def _clashes(planned: Planned) -> dict[str, Client]:
    """The plan's names and ids against the open journal's, naming the first that clashes.
    Returns the journal's clients the file names by id: those are merged (merging.py)."""
    known = {client.uid: client for client in Client.select()}
    owner = merging.owners()
    taken = set(owner) | set(known)
    names = {
        name.casefold(): uid for uid, name in as_tuples(Client.select(Client.uid, Client.name))
    }
    merged: dict[str, Client] = {}
    for ci, plan in enumerate(planned.clients):
        where = f"clients[{ci}]"
        uid = plan.values.get("uid")
        if uid in known:
            merging.check_merge(where, uid, plan, owner)
            merged[uid] = known[uid]
        named = names.get(plan.values["name"].casefold())
        if named is not None and named != uid:
            raise fields.fail(
                f"{where}.name",
                (_("a client named %(name)r already exists") % {"name": plan.values["name"]}),
            )
        records = [
            *([] if uid in known else [(f"{where}.id", plan.values)]),
            *((f"{where}.interactions[{i}].id", v) for i, v in enumerate(plan.interactions)),
            *((f"{where}.commitments[{i}].id", v) for i, v in enumerate(plan.commitments)),
        ]
        for place, values in records:
            if values.get("uid") in taken and uid not in known:
                raise fields.fail(
                    place,
                    (_("the id %(shown)s is used twice") % {"shown": fields.shown(values["uid"])}),
                )
    return merged


def _check_header(data: Any) -> dict[str, Any]:
    root = _obj(data, "file")
    if root.get("format") != FORMAT:
        raise fields.fail(
            "format",
            (_("must be %(FORMAT)r; this is not a Rapport journal export") % {"FORMAT": FORMAT}),
        )
    if type(root.get("version")) is not int or root.get("version") != VERSION:
        raise fields.fail(
            "version",
            (
                _("this Rapport reads version %(VERSION)s (got %(shown)s)")
                % {"VERSION": VERSION, "shown": fields.shown(root.get("version"))}
            ),
        )
    return root


def _plan(data: Any, seen_ids: set[str], existing_names: set[str]) -> Planned:
    """Every record checked and cleaned; `seen_ids` and `existing_names` (casefolded) are
    taken already, and grow with the file's own."""
    documents.check_document(data)
    root = _check_header(data)
    chosen = extras.clean_settings(root.get("settings"))
    templates = extras.clean_templates(root.get("templates"))
    return Planned(_plan_clients(root, seen_ids, existing_names), chosen, templates)


def _plan_clients(
    root: dict[str, Any], seen_ids: set[str], existing_names: set[str]
) -> list[PlannedClient]:
    planned: list[PlannedClient] = []
    for ci, raw_client in enumerate(_list(root.get("clients"), "clients")):
        where = f"clients[{ci}]"
        record = _obj(raw_client, where)
        _known_keys(
            record,
            ("id", *CLIENT_KEYS, "updated_at", "interactions", "commitments", "cue_states"),
            where,
        )
        values = clean_profile(
            {k: record.get(k) for k in CLIENT_KEYS if k in record or k == "name"}, where
        )
        _stamped(values, record, where)
        if values["name"].casefold() in existing_names:
            raise fields.fail(
                f"{where}.name",
                (_("a client named %(name)r already exists") % {"name": values["name"]}),
            )
        existing_names.add(values["name"].casefold())
        uid = _uid(record.get("id"), f"{where}.id", seen_ids)
        if uid:
            values["uid"] = uid
        plan = PlannedClient(values)
        local_interactions: set[str] = set()
        for ii, raw in enumerate(_list(record.get("interactions"), f"{where}.interactions")):
            place = f"{where}.interactions[{ii}]"
            item = _obj(raw, place)
            _known_keys(item, ("id", *INTERACTION_KEYS, "updated_at"), place)
            for required in ("at", "channel", "direction", "summary"):
                if required not in item:
                    raise fields.fail(f"{place}.{required}", _("is required"))
            cleaned = clean_interaction(
                {k: v for k, v in item.items() if k not in ("id", "updated_at")}, place
            )
            _stamped(cleaned, item, place)
            iuid = _uid(item.get("id"), f"{place}.id", seen_ids)
            if iuid:
                cleaned["uid"] = iuid
                local_interactions.add(iuid)
            plan.interactions.append(cleaned)
        for mi, raw in enumerate(_list(record.get("commitments"), f"{where}.commitments")):
            place = f"{where}.commitments[{mi}]"
            item = _obj(raw, place)
            _known_keys(
                item,
                ("id", "owner", "text", "due", "done_on", "from_interaction", "updated_at"),
                place,
            )
            cleaned = {
                "owner": fields.owner(item.get("owner"), f"{place}.owner"),
                "text": fields.text(item.get("text"), f"{place}.text", required=True),
                "due": fields.day(item.get("due"), f"{place}.due"),
                "done_on": fields.day(item.get("done_on"), f"{place}.done_on"),
            }
            source = item.get("from_interaction")
            if source is not None and (
                not isinstance(source, str) or source not in local_interactions
            ):
                raise fields.fail(
                    f"{place}.from_interaction",
                    (
                        _("no interaction of this client has id %(shown)s")
                        % {"shown": fields.shown(source)}
                    ),
                )
            cleaned["from_interaction"] = source
            _stamped(cleaned, item, place)
            muid = _uid(item.get("id"), f"{place}.id", seen_ids)
            if muid:
                cleaned["uid"] = muid
            plan.commitments.append(cleaned)
        plan.cue_states = [
            extras.clean_cue_state(raw, f"{where}.cue_states[{si}]")
            for si, raw in enumerate(_list(record.get("cue_states"), f"{where}.cue_states"))
        ]
        planned.append(plan)
    return planned


def _stamped(values: dict[str, Any], record: dict[str, Any], where: str) -> None:
    """A record's `updated_at`, when the file gives it: kept on a new record, and what tells
    whether the file's version of a record the journal holds is newer (merging.py)."""
    if record.get("updated_at") is not None:
        place = f"{where}.updated_at"
        moment = fields.moment(record["updated_at"], place)
        if moment - utc_now() > AHEAD:  # it would outrank every later edit, here and synced
            raise fields.fail(place, _("is more than a day in the future"))
        values["updated_at"] = moment


# Batched inserts need every row to carry the same columns.
INTERACTION_DEFAULTS: dict[str, Any] = {
    "notes": "",
    "feeling": None,
    "emotions": [],
    "awaits_reply": False,
    "follow_up_on": None,
    "self_check": None,
    "template": "",
}


def import_data(data: Any) -> ImportSummary:
    return import_planned(check_import(data))


def import_planned(planned: Planned) -> ImportSummary:
    """Write a checked file's plan in one transaction, once it is known not to clash with
    what the journal holds."""
    merged = _clashes(planned)
    counts = [0, 0, 0, len(planned.settings), len(planned.templates), 0, 0]
    with database.atomic():
        extras.store_journal_wide(planned.settings, planned.templates)
        for plan in planned.clients:
            existing = merged.get(plan.values.get("uid", ""))
            if existing is not None:
                written = merging.merge_client(plan, existing)
                added = [1, *written[:2], 0, 0, *written[2:]]
                counts = [a + b for a, b in zip(counts, added, strict=True)]
                continue
            client = Client.create(**plan.values)
            interactions = [
                {**INTERACTION_DEFAULTS, "uid": new_uid(), **values, "client": client.id}
                for values in plan.interactions
            ]
            _insert_in_batches(Interaction, interactions)
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
            commitments = [
                {
                    "uid": new_uid(),
                    "due": None,
                    "done_on": None,
                    **{k: v for k, v in values.items() if k != "from_interaction"},
                    "client": client.id,
                    "interaction": ids.get(values["from_interaction"]),
                }
                for values in plan.commitments
            ]
            _insert_in_batches(Commitment, commitments)
            extras.store_cue_states(client.id, plan.cue_states)
            counts[0] += 1
            counts[1] += len(interactions)
            counts[2] += len(commitments)
            counts[5] += len(plan.cue_states)
    return ImportSummary(*counts)


def _insert_in_batches(model: type[BaseModel], rows: list[dict[str, Any]]) -> None:
    """One prepared statement run over all rows: a 100,000-interaction import takes seconds.

    Values still pass through each field's db_value, so they are stored exactly as a normal
    save would store them.
    """
    if not rows:
        return
    fields = model._meta.fields
    columns = [fields[name] for name in rows[0] if name != "updated_at"]
    updated = fields["updated_at"]
    stamp = fields["created_at"].db_value(utc_now())
    sql = (
        f'INSERT INTO "{model._meta.table_name}" '
        f"({', '.join(c.column_name for c in columns)}, created_at, updated_at) "
        f"VALUES ({', '.join('?' for _ in columns)}, ?, ?)"
    )
    params = (
        (
            *(column.db_value(row[column.name]) for column in columns),
            stamp,
            updated.db_value(row["updated_at"]) if row.get("updated_at") else stamp,
        )
        for row in rows
    )
    database.obj.execute_many(sql, params)


def read_import_file(path: Path) -> Any:
    return documents.read_json(path)


def import_file(path: Path) -> ImportSummary:
    return import_data(read_import_file(path))
