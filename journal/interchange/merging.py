"""Importing into a journal that already holds some of the file's records: merged by id.

A client whose id the journal knows is updated from the file (the fields the file gives),
its interactions and commitments are updated by id or added, and its dismissed or snoozed
cues are added where the journal lacks them. A name is never a match: a client of the same
name under another id (or none) is still refused, since two people can share a name and
a merge by name would pour one person's notes into another's.

An import never rolls a record back. The file's version of a record replaces the journal's
only when the journal's has not changed since (its `updated_at` is not later than the
file's): an edited export applies, an older export over a newer journal keeps the newer
records, and a file that does not say when a record was changed changes no record the
journal already holds. The records kept are counted and said.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from journal.i18n import _
from journal.interchange import extras
from journal.interchange.records import PlannedClient
from journal.store.models import Client, Commitment, CueDismissal, Interaction, as_tuples, utc_now
from journal.values import fields

BATCH = 500
"""Ids looked up in one query (SQLite caps the values a statement takes)."""


def owners(uids: list[str]) -> dict[str, str]:
    """The client uid of each interaction and commitment the journal holds under one of `uids`,
    by the record's uid."""
    found: dict[str, str] = {}
    for model in (Interaction, Commitment):
        for batch in _batches(uids):
            query = model.select(model.uid, Client.uid).join(Client).where(model.uid.in_(batch))
            found.update(dict(as_tuples(query)))
    return found


def client_ids(uids: list[str]) -> set[str]:
    """Those of `uids` that are the ids of clients the journal holds."""
    found: set[str] = set()
    for batch in _batches(uids):
        found.update(
            uid for (uid,) in as_tuples(Client.select(Client.uid).where(Client.uid.in_(batch)))
        )
    return found


def _batches(uids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(uids), BATCH):
        yield uids[start : start + BATCH]


def check_merge(place: str, client_uid: str, plan: PlannedClient, owner: dict[str, str]) -> None:
    """The records of a merged client may name only its own records by id."""
    records = [
        *((f"{place}.interactions[{i}].id", v) for i, v in enumerate(plan.interactions)),
        *((f"{place}.commitments[{i}].id", v) for i, v in enumerate(plan.commitments)),
    ]
    for where, values in records:
        uid = values.get("uid")
        if uid in owner and owner[uid] != client_uid:
            raise fields.fail(
                where,
                _("the id %(shown)s is another client's record") % {"shown": fields.shown(uid)},
            )


def _update(row: Client | Interaction | Commitment, values: dict[str, Any]) -> bool:
    """Write the file's version over a record the journal holds, unless the journal's is newer.
    False when the journal's version was kept because it differs and is (or may be) newer."""
    theirs = values.pop("updated_at", None)
    if all(row.__data__.get(name) == value for name, value in values.items()):
        return True  # the same already: nothing to write, nothing kept
    if theirs is None or row.updated_at > theirs:
        return False
    # An edited export (the same moment as the journal's) is an edit made now.
    values["updated_at"] = theirs if theirs > row.updated_at else utc_now()
    model = type(row)
    model.update(**values).where(model.id == row.id).execute()
    return True


def _upsert(
    model: type[Interaction] | type[Commitment], values: dict[str, Any]
) -> tuple[int, bool]:
    """Update the record with this uid, or add it; its row id, and False when the journal's
    newer version was kept."""
    uid = values.get("uid")
    row = model.get_or_none(model.uid == uid) if uid else None
    if row is None:
        return int(model.create(**values).id), True
    return int(row.id), _update(row, {k: v for k, v in values.items() if k != "uid"})


def merge_client(plan: PlannedClient, client: Client) -> tuple[int, int, int, int]:
    """Write one planned client into the journal's client of the same id. Returns the
    interactions, commitments and cue holds written, and the records kept as they were."""
    kept = 0 if _update(client, {k: v for k, v in plan.values.items() if k != "uid"}) else 1
    ids: dict[str, int] = {}
    for values in plan.interactions:
        row_id, written = _upsert(Interaction, {**values, "client": client.id})
        kept += 0 if written else 1
        if values.get("uid"):
            ids[values["uid"]] = row_id
    for values in plan.commitments:
        source = values.get("from_interaction")
        record = {k: v for k, v in values.items() if k != "from_interaction"}
        interaction = ids.get(source or "")
        _, written = _upsert(
            Commitment, {**record, "client": client.id, "interaction": interaction}
        )
        kept += 0 if written else 1
    held = {
        (kind, key)
        for kind, key in as_tuples(
            CueDismissal.select(CueDismissal.kind, CueDismissal.evidence_key).where(
                CueDismissal.client == client.id
            )
        )
    }
    new = [s for s in plan.cue_states if (s["kind"], s["evidence_key"]) not in held]
    extras.store_cue_states(client.id, new)
    return len(plan.interactions), len(plan.commitments), len(new), kept
