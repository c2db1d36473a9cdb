"""The message dialog follows the window's undo stack: once "Log as sent" is undone it no
longer says "Logged as sent", and the message can be logged again."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.store.database import Journal
from journal.store.models import Client, Interaction
from tests.conftest import NOW
from ui.dialogs.template.dialog import TemplateDialog


def _sent_by_dialog(maja: Client) -> int:
    query = Interaction.select().where(
        (Interaction.client == maja) & (Interaction.summary == "Agree a rhythm")
    )
    return query.count()


def test_undoing_log_as_sent_is_shown_in_the_dialog(
    qtbot: QtBot, demo_journal: Journal, stack: QUndoStack
) -> None:
    maja = Client.get(Client.name == "Maja Lindqvist")
    dialog = TemplateDialog(maja.id, "agree-rhythm", as_of=NOW, undo_stack=stack)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.subject_edit.setText("Agree a rhythm")
    dialog.body_edit.setPlainText("Hi Maja, shall we meet every other Tuesday? Anna")
    dialog.log_as_sent()
    assert dialog.log_button.text() == "Logged as sent" and not dialog.log_button.isEnabled()
    assert _sent_by_dialog(maja) == 1

    stack.undo()  # Ctrl+Z in the window
    assert _sent_by_dialog(maja) == 0
    assert dialog.log_button.text() == "Log as sent" and dialog.log_button.isEnabled()
    assert dialog.status.text() == (
        "Log as sent was undone; the message is no longer in the journal."
    )

    stack.redo()
    assert _sent_by_dialog(maja) == 1
    assert dialog.log_button.text() == "Logged as sent" and not dialog.log_button.isEnabled()
    assert dialog.status.text().startswith("Logged as sent at ")

    stack.undo()
    dialog.log_as_sent()  # logged again from the dialog: one message, not two
    assert _sent_by_dialog(maja) == 1
    assert stack.count() == 1  # the undone entry was replaced by the new one
    assert not dialog.log_button.isEnabled()
