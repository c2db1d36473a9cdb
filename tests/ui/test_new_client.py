"""File > New client… is a proper small dialog: name, preferred channel, agreed rhythm."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from journal.clients import create_client, list_clients
from journal.store.database import Journal
from ui.dialogs.new_client import NewClientDialog


def test_the_dialog_adds_the_client_with_channel_and_rhythm(qtbot: QtBot, journal: Journal) -> None:
    dialog = NewClientDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "New client"
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance("New client") * 3
    qtbot.keyClicks(dialog.form.name, "Tom Berg")
    dialog.form.channel.setCurrentIndex(dialog.form.channel.findData("phone"))
    dialog.form.rhythm.setValue(14.0)
    dialog.add_button.click()
    [tom] = list_clients()
    assert (tom.name, tom.preferred_channel, tom.cadence_days) == ("Tom Berg", "phone", 14.0)
    assert dialog.client is not None and dialog.client.id == tom.id
    assert not dialog.isVisible()


def test_a_taken_name_is_said_and_the_dialog_stays(qtbot: QtBot, journal: Journal) -> None:
    create_client("Tom Berg")
    dialog = NewClientDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.name, "Tom Berg")
    dialog.add_button.click()
    assert dialog.isVisible()
    assert "already exists" in dialog.error.text() and dialog.error.isVisible()
    assert [c.name for c in list_clients()] == ["Tom Berg"]
