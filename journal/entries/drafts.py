"""Drafts of unsaved captures, so that a crash or a kill never loses a word.

Drafts live in the journal database itself (table `draft`), not in loose files: they hold
the same private notes as the journal, so they get the same SQLCipher encryption at rest,
the same atomic, durable commits (WAL, synchronous=FULL) and the same backups, with no
second key to manage. A draft is cleared only after the capture it belongs to was saved.

A draft's key says what it is a draft of: `new-<random>` for a new interaction, or
`edit-<interaction uid>` for changes to an existing one.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from journal.errors import UserInputError
from journal.i18n import _
from journal.store.models import Client, Draft, database, utc_now

NEW_PREFIX = "new-"
EDIT_PREFIX = "edit-"


@dataclass(frozen=True)
class SavedDraft:
    key: str
    client_id: int | None
    payload: dict[str, Any]
    updated_at: dt.datetime

    @property
    def interaction_uid(self) -> str | None:
        """The interaction being edited, or None for a draft of a new one."""
        return self.key[len(EDIT_PREFIX) :] if self.key.startswith(EDIT_PREFIX) else None


def new_draft_key() -> str:
    return f"{NEW_PREFIX}{uuid.uuid4().hex}"


def edit_draft_key(interaction_uid: str) -> str:
    return f"{EDIT_PREFIX}{interaction_uid}"


def _check(key: str, payload: dict[str, Any]) -> str:
    if not key.startswith((NEW_PREFIX, EDIT_PREFIX)):
        raise UserInputError(
            _("draft key %(key)r: must start with %(NEW_PREFIX)r or %(EDIT_PREFIX)r")
            % {"key": key, "NEW_PREFIX": NEW_PREFIX, "EDIT_PREFIX": EDIT_PREFIX}
        )
    if not isinstance(payload, dict):
        raise UserInputError(_("draft: must be an object of field values"))
    try:
        return json.dumps(payload, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise UserInputError(
            _("draft: holds a value that cannot be stored (%(exc)s)") % {"exc": exc}
        ) from None


def save_draft(key: str, payload: dict[str, Any], client_id: int | None = None) -> None:
    """Write (or overwrite) one draft in a single transaction; a half-written draft cannot exist."""
    _check(key, payload)
    if client_id is not None and not Client.select().where(Client.id == client_id).exists():
        client_id = None  # the client was deleted meanwhile; keep the words anyway
    with database.atomic():
        Draft.insert(
            key=key, client=client_id, payload=payload, updated_at=utc_now()
        ).on_conflict_replace().execute()


def _saved(row: Draft) -> SavedDraft:
    return SavedDraft(row.key, row.client_id, dict(row.payload), row.updated_at)


def load_draft(key: str) -> SavedDraft | None:
    row = Draft.get_or_none(Draft.key == key)
    return _saved(row) if row is not None else None


def pending_drafts() -> list[SavedDraft]:
    """Every unsaved draft, newest first: what a new start offers back."""
    return [_saved(row) for row in Draft.select().order_by(Draft.updated_at.desc(), Draft.key)]


def discard_draft(key: str) -> None:
    """Forget a draft: only after its capture was saved, or when the user chose to discard it."""
    with database.atomic():
        Draft.delete().where(Draft.key == key).execute()
