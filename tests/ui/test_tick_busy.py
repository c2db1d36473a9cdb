"""Ticking a commitment the journal refuses (busy with an import, or the commitment deleted
from the terminal meanwhile): one line in the panel, the box unticked again, no undo entry."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import create_client
from journal.entries.commitments import add_commitment, commitments_of, delete_commitment
from journal.store.database import Journal
from journal.store.models import Client, Commitment
from tests.support.busy import OtherWriter
from ui.background import wait_for_background
from ui.views.profile.panel import ProfilePanel

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def maja(journal: Journal) -> Client:
    journal.serve_interactively()  # as the main window does
    return create_client("Maja Lindqvist")


@pytest.fixture
def promise(maja: Client) -> Commitment:
    return add_commitment(maja, "me", "Send notes", None)


@pytest.fixture
def panel(qtbot: QtBot, stack: QUndoStack, maja: Client, promise: Commitment) -> ProfilePanel:
    shown = ProfilePanel(stack, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.set_client(maja.id)
    yield shown
    wait_for_background()


def _open(client: Client) -> list[str]:
    return [c.text for c in commitments_of(client, open_only=True)]


def _ticked(panel: ProfilePanel) -> bool:
    return panel.commitment_tree.topLevelItem(0).checkState(0) == Qt.CheckState.Checked


def test_a_tick_while_an_import_runs_says_so_and_can_be_done_after(
    panel: ProfilePanel, stack: QUndoStack, maja: Client, promise: Commitment
) -> None:
    with OtherWriter():
        panel._tick(promise.id)
    assert "busy" in panel.message.text() and "try again in a moment" in panel.message.text()
    assert "\n" not in panel.message.text()
    assert stack.count() == 0  # no entry whose undo would "reopen" a promise never ticked
    assert _open(maja) == ["Send notes"]
    assert not _ticked(panel)

    panel._tick(promise.id)  # the import is done: the same tick works
    assert _open(maja) == []
    assert stack.count() == 1 and stack.undoText() == "Tick “Send notes” done"
    stack.undo()
    assert _open(maja) == ["Send notes"]


def test_a_tick_on_a_commitment_deleted_from_the_terminal_is_one_line(
    panel: ProfilePanel, stack: QUndoStack, promise: Commitment
) -> None:
    delete_commitment(promise)  # `rapport` in a terminal, while the panel still lists it
    panel._tick(promise.id)
    assert panel.message.text() == (
        "That commitment is no longer in the journal; the list was refreshed."
    )
    assert stack.count() == 0
    assert panel.commitment_tree.topLevelItemCount() == 0


def test_undoing_a_tick_after_the_commitment_was_deleted_reports_one_line(
    panel: ProfilePanel,
    stack: QUndoStack,
    promise: Commitment,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ui.commands.show_failure", shown.append)
    panel._tick(promise.id)
    delete_commitment(Commitment.get_by_id(promise.id))
    stack.undo()  # no traceback out of the undo stack
    assert shown == [
        "Could not undo “Tick “Send notes” done”: That commitment is no longer in the journal; "
        "it may have been deleted."
    ]
    assert stack.count() == 0  # the dead entry is gone
