"""One client record of a rapport-journal file, checked and cleaned on its own: its profile,
interactions, commitments and cue states, and the header's two fields.

What spans records is handed in: the ids the file has used so far (an id names one record in
the whole file) and its client names (casefolded: two clients may not share one). Every
problem is one line naming its place, e.g. clients[2].interactions[5].summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journal.clients import clean_profile
from journal.entries.capture import AHEAD, clean_interaction
from journal.i18n import _
from journal.interchange import extras
from journal.interchange.document import CLIENT_KEYS, FORMAT, INTERACTION_KEYS, VERSION
from journal.store.models import utc_now
from journal.values import fields

CLIENT_FIELDS = frozenset(
    ("id", *CLIENT_KEYS, "updated_at", "interactions", "commitments", "cue_states")
)
INTERACTION_FIELDS = frozenset(("id", *INTERACTION_KEYS, "updated_at"))
COMMITMENT_FIELDS = frozenset(
    ("id", "owner", "text", "due", "done_on", "from_interaction", "updated_at")
)


@dataclass
class PlannedClient:
    """A client record cleaned, as the import writes it."""

    values: dict[str, Any]
    interactions: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    cue_states: list[dict[str, Any]] = field(default_factory=list)

    def record_ids(self) -> list[str]:
        """The ids the file gives the client's interactions and commitments."""
        return [v["uid"] for v in (*self.interactions, *self.commitments) if "uid" in v]


def check_header(name: str, value: Any) -> None:
    """`format` or `version`, present or not (None): this Rapport reads only its own."""
    if name == "format" and value != FORMAT:
        raise fields.fail(
            "format",
            (_("must be %(FORMAT)r; this is not a Rapport journal export") % {"FORMAT": FORMAT}),
        )
    if name == "version" and (type(value) is not int or value != VERSION):
        raise fields.fail(
            "version",
            (
                _("this Rapport reads version %(VERSION)s (got %(shown)s)")
                % {"VERSION": VERSION, "shown": fields.shown(value)}
            ),
        )


def listed(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise fields.fail(where, _("must be a list"))
    return value


def used_twice(where: str, uid: str) -> Exception:
    return fields.fail(where, _("the id %(shown)s is used twice") % {"shown": fields.shown(uid)})


def name_taken(where: str, name: str) -> Exception:
    return fields.fail(
        f"{where}.name", _("a client named %(name)r already exists") % {"name": name}
    )


def clean_client(raw: Any, where: str, seen_ids: set[str], names: set[str]) -> PlannedClient:
    """One client record of the file, checked and cleaned; its ids join `seen_ids` and its
    casefolded name joins `names`."""
    record = _obj(raw, where)
    _known_keys(record, CLIENT_FIELDS, where)
    values = clean_profile(
        {k: record.get(k) for k in CLIENT_KEYS if k in record or k == "name"}, where
    )
    _stamped(values, record, where)
    if values["name"].casefold() in names:
        raise name_taken(where, values["name"])
    names.add(values["name"].casefold())
    uid = _uid(record.get("id"), f"{where}.id", seen_ids)
    if uid:
        values["uid"] = uid
    plan = PlannedClient(values)
    own: set[str] = set()
    for ii, raw_item in enumerate(listed(record.get("interactions"), f"{where}.interactions")):
        cleaned = _interaction(raw_item, f"{where}.interactions[{ii}]", seen_ids)
        if "uid" in cleaned:
            own.add(cleaned["uid"])
        plan.interactions.append(cleaned)
    for mi, raw_item in enumerate(listed(record.get("commitments"), f"{where}.commitments")):
        plan.commitments.append(_commitment(raw_item, f"{where}.commitments[{mi}]", seen_ids, own))
    plan.cue_states = [
        extras.clean_cue_state(item, f"{where}.cue_states[{si}]")
        for si, item in enumerate(listed(record.get("cue_states"), f"{where}.cue_states"))
    ]
    return plan


def _interaction(raw: Any, place: str, seen_ids: set[str]) -> dict[str, Any]:
    item = _obj(raw, place)
    _known_keys(item, INTERACTION_FIELDS, place)
    for required in ("at", "channel", "direction", "summary"):
        if required not in item:
            raise fields.fail(f"{place}.{required}", _("is required"))
    given = item if "id" not in item and "updated_at" not in item else _without_stamps(item)
    cleaned = clean_interaction(given, place)
    _stamped(cleaned, item, place)
    uid = _uid(item.get("id"), f"{place}.id", seen_ids)
    if uid:
        cleaned["uid"] = uid
    return cleaned


def _commitment(raw: Any, place: str, seen_ids: set[str], own: set[str]) -> dict[str, Any]:
    """A commitment; `from_interaction` may name only an interaction of its own client."""
    item = _obj(raw, place)
    _known_keys(item, COMMITMENT_FIELDS, place)
    cleaned = {
        "owner": fields.owner(item.get("owner"), f"{place}.owner"),
        "text": fields.text(item.get("text"), f"{place}.text", required=True),
        "due": fields.day(item.get("due"), f"{place}.due"),
        "done_on": fields.day(item.get("done_on"), f"{place}.done_on"),
    }
    source = item.get("from_interaction")
    if source is not None and (not isinstance(source, str) or source not in own):
        raise fields.fail(
            f"{place}.from_interaction",
            (_("no interaction of this client has id %(shown)s") % {"shown": fields.shown(source)}),
        )
    cleaned["from_interaction"] = source
    _stamped(cleaned, item, place)
    uid = _uid(item.get("id"), f"{place}.id", seen_ids)
    if uid:
        cleaned["uid"] = uid
    return cleaned


def _without_stamps(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("id", "updated_at")}


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fields.fail(where, _("must be an object"))
    return value


def _uid(value: Any, where: str, seen: set[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise fields.fail(where, _("must be a short text id"))
    if value in seen:
        raise used_twice(where, value)
    seen.add(value)
    return value


def _known_keys(record: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    if record.keys() <= allowed:
        return
    for key in record:
        if key not in allowed:
            raise fields.fail(
                fields.member(where, key), _("is not a field of the rapport-journal format")
            )


def _stamped(values: dict[str, Any], record: dict[str, Any], where: str) -> None:
    """A record's `updated_at`, when the file gives it: kept on a new record, and what tells
    whether the file's version of a record the journal holds is newer (merging.py)."""
    if record.get("updated_at") is not None:
        place = f"{where}.updated_at"
        moment = fields.moment(record["updated_at"], place)
        if moment - utc_now() > AHEAD:  # it would outrank every later edit, here and synced
            raise fields.fail(place, _("is more than a day in the future"))
        values["updated_at"] = moment
