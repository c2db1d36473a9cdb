"""Exact snapshots for undo: take back a capture or the commitments added to it, and put them back.

Rows go back with their original ids and uids, so later commands on the undo stack (and
cue evidence, which names uids) still point at the same records after an undo and a redo.
That is safe because the schema never hands out an id twice (AUTOINCREMENT, migration 5):
a write that skips the undo stack, or another process, cannot take a deleted row's id.
A command that has to find a row again goes by its uid where it can.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from journal.entries.capture import (
    DeletedInteraction,
    NewCommitment,
    clean_interaction,
    delete_interaction,
    restore_interaction,
    update_interaction,
)
from journal.entries.commitments import add_commitment
from journal.store.models import Commitment, Interaction, database, get_record


def remove_commitments(ids: Iterable[int]) -> tuple[dict[str, Any], ...]:
    """Delete commitments, returning their rows for `reinsert_commitments`."""
    wanted = tuple(ids)
    if not wanted:
        return ()
    with database.atomic():
        rows = tuple(
            dict(c.__data__)
            for c in Commitment.select().where(Commitment.id.in_(wanted)).order_by(Commitment.id)
        )
        Commitment.delete().where(Commitment.id.in_(wanted)).execute()
    return rows


def reinsert_commitments(rows: Iterable[dict[str, Any]]) -> None:
    with database.atomic():
        for row in rows:
            Commitment.insert(**row).execute()


def commitment_by_uid(uid: str) -> Commitment:
    """Find a commitment again for an undo command; its uid never changes or moves."""
    return get_record(Commitment, uid, by=Commitment.uid)


def retract_commitment(uid: str) -> tuple[dict[str, Any], ...]:
    """Undo adding a commitment; returns its row for `reinsert_commitments`."""
    return remove_commitments((commitment_by_uid(uid).id,))


@dataclass(frozen=True)
class RetractedCapture:
    """An interaction taken back together with the commitments that were made in it."""

    interaction: DeletedInteraction
    commitments: tuple[dict[str, Any], ...]


def retract_capture(interaction: Interaction, commitment_ids: Iterable[int]) -> RetractedCapture:
    """Undo a capture: its own commitments go with it, all in one transaction."""
    with database.atomic():
        commitments = remove_commitments(commitment_ids)
        deleted = delete_interaction(interaction)
    return RetractedCapture(deleted, commitments)


def reinstate_capture(retracted: RetractedCapture) -> Interaction:
    with database.atomic():
        interaction = restore_interaction(retracted.interaction)
        reinsert_commitments(retracted.commitments)
    return interaction


@dataclass(frozen=True)
class Revision:
    """An edit of an interaction, with what it replaced and the commitments it added."""

    before: dict[str, Any]
    after: dict[str, Any]
    added_commitment_ids: tuple[int, ...]


def revise_interaction(
    interaction: Interaction, changes: dict[str, Any], new_commitments: Iterable[NewCommitment] = ()
) -> Revision:
    """Apply an edit and add commitments made in it, all or nothing; returns how to take it back."""
    before = {key: getattr(interaction, key) for key in clean_interaction(changes)}
    with database.atomic():
        update_interaction(interaction, **changes)
        added = tuple(
            add_commitment(interaction.client, item.owner, item.text, item.due, interaction).id
            for item in new_commitments
        )
    return Revision(before, dict(changes), added)


def revert_revision(interaction: Interaction, revision: Revision) -> tuple[dict[str, Any], ...]:
    """Undo an edit; returns the removed commitments' rows for `reapply_revision`."""
    with database.atomic():
        removed = remove_commitments(revision.added_commitment_ids)
        update_interaction(interaction, **revision.before)
    return removed


def reapply_revision(
    interaction: Interaction, revision: Revision, commitments: Iterable[dict[str, Any]]
) -> None:
    with database.atomic():
        update_interaction(interaction, **revision.after)
        reinsert_commitments(commitments)
