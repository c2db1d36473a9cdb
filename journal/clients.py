"""Clients: create, find by name as a coach types it, update, list."""

from __future__ import annotations

from typing import Any

from peewee import fn

from journal.cues.thresholds import clean_override
from journal.errors import UserInputError
from journal.i18n import _
from journal.store.models import Client, database, utc_now
from journal.values import fields, rhythm
from journal.values.away import clean_away

# The profile a coach edits; also the client fields of the JSON interchange format, in order.
PROFILE_FIELDS = (
    "name",
    "email",
    "phone",
    "project",
    "preferred_channel",
    "cadence_days",
    "status",
    "fit",
    "notes",
    "cue_settings",
    "away",
)


def clean_profile(values: dict[str, Any], where: str = "") -> dict[str, Any]:
    """Check profile fields; the same rules for the app, the CLI and an imported file."""
    prefix = f"{where}." if where else ""
    out: dict[str, Any] = {}
    for key, value in values.items():
        place = f"{prefix}{key}"
        if key == "name":
            out[key] = fields.text(value, place, required=True, longest=fields.NAME_MAX).strip()
        elif key in ("email", "phone", "project", "notes"):
            out[key] = fields.text(value, place)
        elif key == "preferred_channel":
            out[key] = fields.channel(value, place, required=False)
        elif key == "cadence_days":
            out[key] = rhythm.cadence(value, place)
        elif key == "away":
            out[key] = clean_away(value, place)
        elif key == "status":
            out[key] = fields.status(value, place)
        elif key == "fit":
            out[key] = fields.integer(value, place, 1, 5)
        elif key == "cue_settings":
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise fields.fail(place, _("must be an object of setting names to values"))
            out[key] = _clean_cue_settings(value, place)
        else:
            raise fields.fail(place, _("is not a client field"))
    return out


def _clean_cue_settings(values: dict[str, Any], where: str) -> dict[str, Any]:
    """Per-client warning-sign thresholds, each checked like the global setting it overrides."""
    cleaned = {}
    for name, value in values.items():
        try:
            cleaned[name] = clean_override(name, value)
        except UserInputError as exc:
            raise fields.fail(fields.member(where, name), str(exc)) from None
    return cleaned


def _name_taken(name: str, except_id: int | None = None) -> bool:
    """Case-insensitive for every script (SQLite's NOCASE folds ASCII only)."""
    wanted = name.casefold()
    return any(
        c.name.casefold() == wanted and c.id != except_id
        for c in Client.select(Client.id, Client.name)
    )


def create_client(name: str, **profile: Any) -> Client:
    values = clean_profile({"name": name, **profile})
    if _name_taken(values["name"]):
        raise UserInputError(
            _("A client named %(name)r already exists; pick another name.")
            % {"name": values["name"]}
        )
    with database.atomic():
        return Client.create(**values)


def update_client(client: Client, **changes: Any) -> Client:
    values = clean_profile(changes)
    if "name" in values and _name_taken(values["name"], client.id):
        raise UserInputError(
            _("A client named %(name)r already exists; pick another name.")
            % {"name": values["name"]}
        )
    for key, value in values.items():
        setattr(client, key, value)
    client.updated_at = utc_now()
    with database.atomic():
        client.save()
    return client


def has_clients() -> bool:
    """Whether the journal holds any client at all (a new journal holds none)."""
    return bool(Client.select().exists())


def list_clients(status: str | None = None) -> list[Client]:
    query = Client.select().order_by(fn.lower(Client.name))
    if status is not None:
        query = query.where(Client.status == fields.status(status))
    return list(query)


def find_client(name: str) -> Client:
    """The client a coach means: an exact name, else the one whose name starts with or holds it."""
    wanted = name.strip().casefold()
    if not wanted:
        raise UserInputError(_("Give a client name; `rapport clients` lists them."))
    everyone = list(Client.select())
    for finder in (
        lambda c: c.name.casefold() == wanted,
        lambda c: c.name.casefold().startswith(wanted),
        lambda c: wanted in c.name.casefold(),
    ):
        matches = [c for c in everyone if finder(c)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(sorted(c.name for c in matches))
            raise UserInputError(
                _("%(name)r matches several clients (%(names)s); type more of the name.")
                % {"name": name, "names": names}
            )
    raise UserInputError(
        _("No client called %(name)r; `rapport clients` lists them.") % {"name": name}
    )


def delete_client(client: Client) -> None:
    with database.atomic():
        client.delete_instance()
