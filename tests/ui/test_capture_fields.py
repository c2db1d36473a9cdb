"""The capture form has one mapping between an interaction's fields and its widgets: an edit
and a draft load through it, saving reads through it, and a draft's JSON round-trips."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.capture import NewCommitment, log_interaction
from journal.entries.drafts import edit_draft_key, save_draft
from journal.store.database import Journal
from journal.store.models import Client, Interaction
from tests.conftest import NOW
from ui.dialogs.capture import fields
from ui.dialogs.capture.dialog import CaptureDialog


@pytest.fixture
def client(journal: Journal) -> Client:
    return create_client("Maja Lindqvist")


@pytest.fixture
def full(client: Client) -> Interaction:
    """An interaction with every field the form shows set to something other than its default."""
    return log_interaction(
        client,
        at=dt.datetime(2026, 2, 25, 10, 30, tzinfo=NOW.tzinfo),
        channel="video",
        direction="in",
        summary="Talked through the offer",
        notes="She wants April.",
        feeling=1,
        emotions=["hopeful", "tired"],
        awaits_reply=True,
        follow_up_on=dt.date(2026, 3, 4),
        self_check={"kept_my_word": True, "asked_before_advising": False},
    )


def dialog(qtbot: QtBot, stack: QUndoStack, **kw) -> CaptureDialog:
    opened = CaptureDialog(stack, clock=lambda: NOW, offer_drafts=False, **kw)
    qtbot.addWidget(opened)
    return opened


def shown(form: CaptureDialog) -> dict[str, object]:
    """What each field's widget shows, read from the widgets themselves, not the mapping."""
    return {
        "when": form.when.dateTime().toString("yyyy-MM-dd HH:mm"),
        "channel": form.channels.checkedButton().property("value"),
        "direction": form.directions.checkedButton().property("value"),
        "summary": form.summary.text(),
        "notes": form.notes.toPlainText(),
        "feeling": form.feeling.value(),
        "emotions": form.emotions.words(),
        "awaits_reply": form.awaits_reply.isChecked(),
        "follow_up": (form.follow_up.check.isChecked(), form.follow_up.date.date().toPython()),
        "self_check": {key: box.currentData() for key, box in form.self_check.items()},
        "self_check_open": form.self_check_toggle.isChecked(),
    }


def test_an_edit_and_a_draft_of_it_fill_the_same_widgets_alike(
    qtbot: QtBot, stack: QUndoStack, client: Client, full: Interaction
) -> None:
    edit = dialog(qtbot, stack, interaction_id=full.id)
    draft = fields.Draft(fields.values_of(full), client.id, [])
    new = dialog(qtbot, stack, client_id=client.id)
    new.apply_payload(fields.to_json(draft))
    assert shown(new) == shown(edit)
    assert shown(edit)["emotions"] == ["hopeful", "tired"]
    assert shown(edit)["follow_up"] == (True, dt.date(2026, 3, 4))
    assert new.values() == edit.values()


def test_form_to_values_to_form_round_trips(
    qtbot: QtBot, stack: QUndoStack, client: Client, full: Interaction
) -> None:
    first = dialog(qtbot, stack, interaction_id=full.id)
    second = dialog(qtbot, stack, client_id=client.id)
    second.set_values(first.values())
    assert shown(second) == shown(first)
    assert second.values() == first.values()
    stored = {key: getattr(full, key) for key in first.values()}
    assert first.values() == stored | {"at": full.at.astimezone()}


def test_a_draft_round_trips_through_json(qtbot: QtBot, stack: QUndoStack, client: Client) -> None:
    form = dialog(qtbot, stack, client_id=client.id)
    form.summary.setText("Call")
    form.follow_up.set_value(dt.date(2026, 3, 9))
    form.commitment_text.setText("Send the dates")
    draft = fields.Draft(form.values(), client.id, form.new_commitments())
    assert fields.from_json(fields.to_json(draft)) == draft
    assert draft.commitments == [NewCommitment("me", "Send the dates", None)]


def test_an_unreadable_draft_keeps_the_time_shown_and_empties_the_rest(
    qtbot: QtBot, stack: QUndoStack, client: Client
) -> None:
    form = dialog(qtbot, stack, client_id=client.id)
    before = form.when.dateTime()
    form.summary.setText("typed")
    form.apply_payload({"at": "not a time", "follow_up_on": "nor a day"})
    assert form.when.dateTime() == before
    assert form.summary.text() == "" and form.follow_up.value() is None


def test_discarding_an_edits_draft_shows_the_saved_entry_whole(
    qtbot: QtBot, stack: QUndoStack, client: Client
) -> None:
    """The draft set a follow-up the entry does not have; discarding it must clear it again."""
    plain = log_interaction(
        client, at=NOW - dt.timedelta(days=1), channel="email", direction="out", summary="Sent"
    )
    unfinished = fields.Draft(
        fields.values_of(plain) | {"follow_up_on": dt.date(2026, 3, 9), "summary": "Sent!"},
        client.id,
        [],
    )
    save_draft(edit_draft_key(plain.uid), fields.to_json(unfinished), client.id)
    edit = CaptureDialog(stack, interaction_id=plain.id, clock=lambda: NOW)
    qtbot.addWidget(edit)
    assert edit.summary.text() == "Sent!" and edit.follow_up.value() == dt.date(2026, 3, 9)
    edit.discard_offered_draft()
    assert edit.summary.text() == "Sent" and edit.follow_up.value() is None
    assert not edit.is_dirty()


def test_an_offered_emotion_typed_in_swedish_ticks_its_chip(
    qtbot: QtBot, stack: QUndoStack, client: Client
) -> None:
    """Typing "obehag" made a second chip beside the offered "obehag" (dread), stored as a
    word the dread cue does not count; now it ticks the offered one."""
    from ui.views.language import apply_language

    apply_language("sv")
    try:
        form = dialog(qtbot, stack, client_id=client.id)
        row = form.emotions
        row.other.setText("obehag, trött")
        row.other.returnPressed.emit()
        assert row.words() == ["dread", "trött"]
        assert row.chip("dread").isChecked() and row.chip("dread").text() == "obehag"
        form._closing_decided = True
    finally:
        apply_language("en")
