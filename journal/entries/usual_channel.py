"""Which channel a new entry for a client most likely uses, so capture can start there."""

from __future__ import annotations

from journal.store.models import Client, Interaction
from journal.values.vocabulary import CHANNELS


def usual_channel(client_id: int | None) -> str:
    """The client's preferred channel, else that of their latest interaction, else email."""
    client = Client.get_or_none(Client.id == client_id) if client_id is not None else None
    if client is None:
        return "email"
    if client.preferred_channel in CHANNELS:
        return str(client.preferred_channel)
    last = (
        Interaction.select(Interaction.channel)
        .where(Interaction.client == client.id)
        .order_by(Interaction.at.desc())
        .first()
    )
    return str(last.channel) if last is not None and last.channel in CHANNELS else "email"
