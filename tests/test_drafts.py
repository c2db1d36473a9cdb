"""Drafts: what was typed survives a crash, stays encrypted, and goes only when told."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.clients import create_client, delete_client
from journal.entries.drafts import (
    discard_draft,
    edit_draft_key,
    load_draft,
    new_draft_key,
    pending_drafts,
    save_draft,
)
from journal.errors import UserInputError
from journal.store.database import Journal, open_journal

SECRET_NOTE = "She told me about the divorce; zebra-marmalade"


def test_a_saved_draft_comes_back_after_the_journal_is_closed_without_warning(home: Path) -> None:
    journal = open_journal(home)
    client = create_client("Maja Lindqvist")
    key = new_draft_key()
    save_draft(key, {"summary": "Call", "notes": SECRET_NOTE, "feeling": -1}, client.id)
    journal.db.close()  # no checkpoint, no tidy close: as after a kill

    reopened = open_journal(home)
    try:
        [draft] = pending_drafts()
        assert draft.key == key
        assert draft.client_id == client.id
        assert draft.payload == {"summary": "Call", "notes": SECRET_NOTE, "feeling": -1}
        assert draft.interaction_uid is None
    finally:
        reopened.close()


def test_drafts_are_encrypted_at_rest(home: Path, journal: Journal) -> None:
    save_draft(new_draft_key(), {"notes": SECRET_NOTE})
    journal.close()
    for path in home.rglob("*"):
        if path.is_file():
            assert b"zebra-marmalade" not in path.read_bytes(), path


def test_saving_again_replaces_the_draft_and_newest_comes_first(journal: Journal) -> None:
    first, second = new_draft_key(), edit_draft_key("abc123")
    save_draft(first, {"notes": "one"})
    save_draft(second, {"notes": "two"})
    save_draft(first, {"notes": "one, longer"})
    drafts = pending_drafts()
    assert [d.key for d in drafts] == [first, second]
    assert drafts[0].payload == {"notes": "one, longer"}
    assert drafts[1].interaction_uid == "abc123"


def test_discard_removes_only_that_draft(journal: Journal) -> None:
    keep, drop = new_draft_key(), new_draft_key()
    save_draft(keep, {"notes": "keep"})
    save_draft(drop, {"notes": "drop"})
    discard_draft(drop)
    assert load_draft(drop) is None
    assert load_draft(keep) is not None
    discard_draft(drop)  # discarding twice is harmless


def test_a_draft_outlives_its_client(journal: Journal) -> None:
    client = create_client("Victor Hale")
    key = new_draft_key()
    save_draft(key, {"notes": "words worth keeping"}, client.id)
    delete_client(client)
    draft = load_draft(key)
    assert draft is not None and draft.client_id is None
    assert draft.payload["notes"] == "words worth keeping"
    save_draft(key, {"notes": "still typing"}, client.id)  # a stale client id is not an error
    assert load_draft(key).client_id is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("key", "payload", "message"),
    [
        ("whatever", {}, "must start with"),
        (new_draft_key(), {"when": object()}, "cannot be stored"),
    ],
)
def test_bad_drafts_are_refused_with_a_clear_message(
    journal: Journal, key: str, payload: dict, message: str
) -> None:
    with pytest.raises(UserInputError, match=message):
        save_draft(key, payload)
    assert pending_drafts() == []
