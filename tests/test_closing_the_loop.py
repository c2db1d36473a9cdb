"""DOMAIN.md section 1 followed through: once the closing-the-loop message has gone out, the
cues wait for the client instead of asking the coach for more."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack

from journal.clients import find_client
from journal.cues.api import cues_for_client
from journal.cues.model import Cue, Severity
from journal.cues.state import dismiss_cue
from journal.store.database import Journal
from journal.store.models import Client, Interaction
from journal.templates.filling import log_sent
from tests.conftest import NOW
from ui.commands import LogSentCommand, run_undoable

DAY = dt.timedelta(days=1)


def _unanswered(client: Client, as_of: dt.datetime = NOW) -> Cue | None:
    return next((c for c in cues_for_client(client, as_of) if c.kind == "unanswered"), None)


def test_a_dismissed_note_stays_dismissed_when_the_closing_message_ages(
    demo_journal: Journal,
) -> None:
    maja = find_client("Maja")
    log_sent(maja, "Closing the loop", "…", NOW, template_id="closing-the-loop")
    note = _unanswered(maja)
    assert note is not None and note.severity == Severity.INFO
    dismiss_cue(note)
    assert _unanswered(maja, NOW + DAY) is None
    # Past the closing message's own reply window, with still no reply: nothing new happened.
    assert _unanswered(maja, NOW + 5 * DAY) is None


def test_undo_and_redo_of_log_as_sent_keep_what_the_message_was(
    demo_journal: Journal, stack: QUndoStack
) -> None:
    maja = find_client("Maja")
    before = _unanswered(maja)
    assert before is not None and before.template == "closing-the-loop"
    command = LogSentCommand(maja.id, "Closing the loop", "…", NOW, template_id="closing-the-loop")
    run_undoable(stack, command)
    sent_note = _unanswered(maja)
    assert sent_note is not None and sent_note.template is None
    stack.undo()
    assert Interaction.get_or_none(Interaction.id == command.interaction_id) is None
    assert _unanswered(maja) == before  # asking for the message again
    stack.redo()
    sent = Interaction.get_by_id(command.interaction_id)
    assert sent.template == "closing-the-loop"
    after = _unanswered(maja)
    assert after is not None and (after.severity, after.template) == (Severity.INFO, None)
