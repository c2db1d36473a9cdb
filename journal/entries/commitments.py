"""Promises with owners and due dates: the coach's own and the client's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from journal.i18n import _
from journal.store.models import Client, Commitment, Interaction, database, utc_now
from journal.values import fields


def add_commitment(
    client: Client,
    owner: str,
    text: str,
    due: dt.date | None = None,
    interaction: Interaction | None = None,
) -> Commitment:
    with database.atomic():
        return Commitment.create(
            client=client,
            owner=fields.owner(owner),
            text=fields.text(text, "text", required=True).strip(),
            due=fields.day(due, "due"),
            interaction=interaction,
        )


def set_done(commitment: Commitment, done_on: dt.date | None) -> Commitment:
    """Tick a commitment done on a day, or None to reopen it."""
    commitment.done_on = done_on
    commitment.updated_at = utc_now()
    with database.atomic():
        commitment.save()
    return commitment


def update_commitment(commitment: Commitment, **changes: Any) -> Commitment:
    for key, value in changes.items():
        if key == "owner":
            value = fields.owner(value)
        elif key == "text":
            value = fields.text(value, "text", required=True).strip()
        elif key in ("due", "done_on"):
            value = fields.day(value, key)
        else:
            raise fields.fail(key, _("is not a commitment field"))
        setattr(commitment, key, value)
    commitment.updated_at = utc_now()
    with database.atomic():
        commitment.save()
    return commitment


def delete_commitment(commitment: Commitment) -> None:
    with database.atomic():
        commitment.delete_instance()


def commitments_of(client: Client, *, open_only: bool = False) -> list[Commitment]:
    query = client.commitments
    if open_only:
        query = query.where(Commitment.done_on.is_null())
    return list(query.order_by(Commitment.due.is_null(), Commitment.due, Commitment.id))


def commitment_state(commitment: Commitment, today: dt.date) -> str:
    """Where a promise stands on a day: "open", "overdue", "done" or "done_late"."""
    if commitment.done_on is not None:
        late = commitment.due is not None and commitment.done_on > commitment.due
        return "done_late" if late else "done"
    if commitment.due is not None and commitment.due < today:
        return "overdue"
    return "open"
