"""Undo and redo while an import holds the journal: one line says "try again in a moment",
and trying again once the import is done really works, because nothing left the stack."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.capture import interactions_of
from journal.store.database import Journal
from journal.store.models import Client, database
from tests.conftest import NOW
from tests.support.busy import OtherWriter
from ui.background import journal_busy, wait_for_background
from ui.commands import AddInteractionCommand, push_applied
from ui.dialogs import files
from ui.main_window import MainWindow

VALUES = {
    "summary": "Call about the launch",
    "at": NOW - dt.timedelta(hours=1),
    "channel": "phone",
    "direction": "out",
}


@pytest.fixture
def client(journal: Journal) -> Iterator[Client]:
    journal.serve_interactively()  # as the main window does: waits only briefly
    yield create_client("Maja Lindqvist")
    wait_for_background()


def _summaries(client: Client) -> list[str]:
    return [i.summary for i in interactions_of(client)]


def test_an_undo_refused_while_busy_can_be_tried_again(client: Client, stack: QUndoStack) -> None:
    reported: list[str] = []
    push_applied(stack, AddInteractionCommand(client.id, VALUES, report=reported.append))
    with OtherWriter():
        stack.undo()
    [message] = reported
    assert "try again in a moment" in message
    assert _summaries(client) == ["Call about the launch"]  # nothing changed ...
    assert (stack.count(), stack.index()) == (1, 1)  # ... and the undo is still there
    assert stack.canUndo() and not stack.canRedo()
    assert stack.undoText() == "Add “Call about the launch”"

    stack.undo()  # the import is done: the same Ctrl+Z now works
    assert _summaries(client) == []
    stack.redo()
    assert _summaries(client) == ["Call about the launch"]
    assert len(reported) == 1


def test_a_redo_refused_while_busy_can_be_tried_again(client: Client, stack: QUndoStack) -> None:
    reported: list[str] = []
    push_applied(stack, AddInteractionCommand(client.id, VALUES, report=reported.append))
    stack.undo()
    with OtherWriter():
        stack.redo()
    assert "Could not redo" in reported[0]
    assert _summaries(client) == []
    assert (stack.count(), stack.index()) == (1, 0)
    assert stack.canRedo() and not stack.canUndo()
    stack.redo()
    assert _summaries(client) == ["Call about the launch"]
    stack.undo()
    assert _summaries(client) == []


def test_stepping_back_several_at_once_while_busy_is_put_back_whole(
    client: Client, stack: QUndoStack
) -> None:
    """Clicking an older entry in an undo list sweeps several commands in one go."""
    reported: list[str] = []
    for summary in ("First", "Second"):
        values = {**VALUES, "summary": summary}
        push_applied(stack, AddInteractionCommand(client.id, values, report=reported.append))
    with OtherWriter():
        stack.setIndex(0)
    assert len(reported) == 2
    assert sorted(_summaries(client)) == ["First", "Second"]
    assert stack.index() == 2
    stack.setIndex(0)
    assert _summaries(client) == []


class HeldImport:
    """The window's own File > Import, held open mid-write until `finish()`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()
        # The app reads, checks and writes the file in one transaction (and backs up before
        # it commits): that is what holds the journal.
        monkeypatch.setattr("journal.interchange.importing.import_file", self._import)

    def _import(self, _path, before_commit=None):
        from journal.interchange.importing import ImportSummary

        with database.atomic():
            create_client("Imported Irene")
            self.holding.set()
            self.release.wait(30)
            if before_commit is not None:
                before_commit()
        return ImportSummary(clients=1, interactions=0, commitments=0)

    def finish(self, qtbot: QtBot) -> None:
        self.release.set()
        qtbot.waitUntil(lambda: not journal_busy())


def test_undo_and_redo_are_greyed_out_while_an_import_runs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from journal.clients import find_client

    maja = find_client("Maja")
    reported: list[str] = []
    for summary in ("First", "Second"):
        values = {**VALUES, "summary": summary}
        push_applied(
            window.undo_stack, AddInteractionCommand(maja.id, values, report=reported.append)
        )
    window.undo_stack.undo()
    assert window.window_actions.undo.isEnabled() and window.window_actions.redo.isEnabled()

    held = HeldImport(monkeypatch)
    files.import_json(window, str(tmp_path / "any.json"))
    assert held.holding.wait(10)
    assert not window.window_actions.undo.isEnabled()
    assert not window.window_actions.redo.isEnabled()
    # The stack stirring meanwhile (a redo from elsewhere, refused) does not switch them on.
    window.undo_stack.redo()
    assert "try again in a moment" in reported[0]
    assert not window.window_actions.undo.isEnabled()
    assert not window.window_actions.redo.isEnabled()

    held.finish(qtbot)
    qtbot.waitUntil(lambda: window.window_actions.undo.isEnabled())
    assert window.window_actions.redo.isEnabled()  # the refused redo is still there to do
    window.window_actions.redo.trigger()
    assert {"First", "Second"} <= {i.summary for i in interactions_of(maja)}
