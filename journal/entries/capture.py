"""Recording what happened: interactions and the commitments made in them, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from journal.i18n import _
from journal.store.models import Client, Commitment, Interaction, database, utc_now
from journal.values import fields
from journal.values.vocabulary import SELF_CHECK_QUESTIONS as SELF_CHECK_QUESTIONS


@dataclass(frozen=True)
class NewCommitment:
    owner: str
    text: str
    due: dt.date | None = None


def clean_self_check(value: Any, where: str = "self_check") -> dict[str, bool] | None:
    if value is None:
        return None
    known = {key for key, _ in SELF_CHECK_QUESTIONS}
    if not isinstance(value, dict):
        raise fields.fail(where, _("must be an object of answers"))
    for key, answer in value.items():
        if key not in known:
            raise fields.fail(fields.member(where, key), _("is not a self-check question"))
        if not isinstance(answer, bool):
            raise fields.fail(fields.member(where, key), _("must be true or false"))
    return dict(value)


AHEAD = dt.timedelta(days=1)
"""How far ahead of the clock an interaction may be dated: a coach a time zone away from the
laptop's clock, or one who logs tonight's call early, is not refused."""


def check_happened(at: dt.datetime, place: str) -> dt.datetime:
    """An interaction is something that happened: a planned session is a follow-up date."""
    if at - dt.datetime.now(dt.UTC) > AHEAD:
        raise fields.fail(
            place,
            _(
                "is more than a day in the future; log an interaction once it has "
                "happened, and give a planned session as a follow-up date (follow_up_on, "
                "--follow-up)"
            ),
        )
    return at


def clean_interaction(values: dict[str, Any], where: str = "") -> dict[str, Any]:
    prefix = f"{where}." if where else ""
    out: dict[str, Any] = {}
    for key, value in values.items():
        place = f"{prefix}{key}"
        if key == "at":
            out[key] = check_happened(fields.moment(value, place), place)
        elif key == "channel":
            out[key] = fields.channel(value, place)
        elif key == "direction":
            out[key] = fields.direction(value, place)
        elif key == "summary":
            out[key] = fields.text(value, place, required=True).strip()
        elif key == "notes":
            out[key] = fields.text(value, place)
        elif key == "feeling":
            out[key] = fields.feeling(value, place)
        elif key == "emotions":
            out[key] = fields.emotions(value, place)
        elif key == "awaits_reply":
            out[key] = fields.boolean(value, place)
        elif key == "follow_up_on":
            out[key] = fields.day(value, place)
        elif key == "self_check":
            out[key] = clean_self_check(value, place)
        elif key == "template":
            out[key] = fields.template_id(value, place)
        else:
            raise fields.fail(place, _("is not an interaction field"))
    return out


def log_interaction(
    client: Client,
    *,
    at: dt.datetime,
    channel: str,
    direction: str,
    summary: str,
    commitments: Iterable[NewCommitment] = (),
    **details: Any,
) -> Interaction:
    """Record one interaction and the promises made in it; all saved or nothing."""
    values = clean_interaction(
        {"at": at, "channel": channel, "direction": direction, "summary": summary, **details}
    )
    promised = [
        NewCommitment(
            fields.owner(c.owner), fields.text(c.text, "commitment", required=True), c.due
        )
        for c in commitments
    ]
    with database.atomic():
        interaction = Interaction.create(client=client, **values)
        for item in promised:
            Commitment.create(
                client=client,
                owner=item.owner,
                text=item.text,
                due=item.due,
                interaction=interaction,
            )
    return interaction


def update_interaction(interaction: Interaction, **changes: Any) -> Interaction:
    values = clean_interaction(changes)
    for key, value in values.items():
        setattr(interaction, key, value)
    interaction.updated_at = utc_now()
    with database.atomic():
        interaction.save()
    return interaction


def interactions_of(client: Client, newest_first: bool = True) -> list[Interaction]:
    order = (
        (Interaction.at.desc(), Interaction.id.desc())
        if newest_first
        else (Interaction.at, Interaction.id)
    )
    return list(client.interactions.order_by(*order))


@dataclass(frozen=True)
class DeletedInteraction:
    """Everything needed to put a deleted interaction back exactly, for undo.

    The row keeps its id: the schema never hands a freed id to another row (AUTOINCREMENT),
    so it is still free when the entry comes back. Its commitments, unlinked by the delete,
    are found again by their stable uids.
    """

    row: dict[str, Any]
    commitment_uids: tuple[str, ...]


def delete_interaction(interaction: Interaction) -> DeletedInteraction:
    linked = tuple(c.uid for c in interaction.commitments)
    snapshot = DeletedInteraction(row=dict(interaction.__data__), commitment_uids=linked)
    with database.atomic():
        interaction.delete_instance()
    return snapshot


def restore_interaction(deleted: DeletedInteraction) -> Interaction:
    with database.atomic():
        Interaction.insert(**deleted.row).execute()
        if deleted.commitment_uids:
            Commitment.update(interaction=deleted.row["id"]).where(
                Commitment.uid.in_(deleted.commitment_uids)
            ).execute()
    return Interaction.get(Interaction.uid == deleted.row["uid"])
