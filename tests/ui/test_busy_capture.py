"""Capture while an import holds the journal: the window never freezes behind it, no
'unexpected' box appears, and not a typed word is lost."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journal.clients import create_client, list_clients
from journal.entries.capture import interactions_of
from journal.entries.drafts import pending_drafts
from journal.store.database import Journal
from journal.store.models import Client, database
from tests.conftest import NOW
from tests.support.busy import OtherWriter
from ui.background import journal_busy, run_op, wait_for_background
from ui.dialogs import files
from ui.dialogs.capture.dialog import BUSY_MESSAGE, CaptureDialog


class BackgroundImport:
    """An import running through the app's worker pool: it holds the write lock until
    `finish()`, as interchange.import_data does for a big file."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()

    def _work(self, _progress) -> None:
        with database.atomic():
            create_client("Imported Irene")
            self.holding.set()
            self.release.wait(30)

    def start(self, writes: bool = True) -> BackgroundImport:
        run_op(None, self._work, writes=writes)
        assert self.holding.wait(10)
        return self

    def finish(self, qtbot: QtBot) -> None:
        self.release.set()
        wait_for_background()
        qtbot.waitUntil(lambda: not journal_busy())


@pytest.fixture(autouse=True)
def keep_words_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CaptureDialog, "_ask_discard", lambda self: QMessageBox.StandardButton.Save)


@pytest.fixture
def client(journal: Journal) -> Iterator[Client]:
    journal.serve_interactively()  # as the main window does
    yield create_client("Maja Lindqvist")
    wait_for_background()


@pytest.fixture
def dialog(qtbot: QtBot, client: Client, stack: QUndoStack) -> CaptureDialog:
    made = CaptureDialog(stack, client.id, clock=lambda: NOW, autosave_ms=60_000)
    qtbot.addWidget(made)
    made.show()
    made.summary.setText("Maja worried about the launch")
    made.notes.setPlainText("She asked for a plan by Friday.")
    return made


def test_autosave_waits_for_the_import_and_keeps_the_draft_after_it(qtbot, dialog):
    running = BackgroundImport().start()
    assert journal_busy()
    assert dialog.autosave() is False  # skipped: no wait, no error box, no message
    assert not dialog.error.isVisible()
    running.finish(qtbot)
    assert dialog.autosave() is True
    assert [d.payload["summary"] for d in pending_drafts()] == ["Maja worried about the launch"]


def test_save_during_an_import_keeps_the_dialog_and_every_word(qtbot, dialog, client):
    running = BackgroundImport().start()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == BUSY_MESSAGE
    assert dialog.summary.text() == "Maja worried about the launch"
    assert dialog.notes.toPlainText() == "She asked for a plan by Friday."
    running.finish(qtbot)
    assert interactions_of(client) == []  # nothing half-written meanwhile
    dialog.accept()
    assert not dialog.isVisible()
    assert [i.summary for i in interactions_of(client)] == ["Maja worried about the launch"]
    assert pending_drafts() == []


def test_save_while_a_writer_the_window_does_not_know_holds_the_journal(qtbot, dialog, client):
    assert not journal_busy()
    with OtherWriter():
        dialog.accept()  # tries, waits briefly, is told the journal is busy
        assert dialog.isVisible() and dialog.error.text() == BUSY_MESSAGE
        assert dialog.autosave() is False  # quietly: the next tick tries again
        assert dialog.error.text() == BUSY_MESSAGE
    assert dialog.autosave() is True
    assert not dialog.error.isVisible()  # the journal is free again: the note goes
    dialog.accept()
    assert [i.summary for i in interactions_of(client)] == ["Maja worried about the launch"]


def test_closing_with_keep_as_draft_during_an_import_stays_open(qtbot, dialog):
    running = BackgroundImport().start()
    dialog.reject()  # "Keep as draft", but the draft cannot be written yet
    assert dialog.isVisible()
    assert "cannot be kept as a draft yet" in dialog.error.text()
    assert dialog.summary.text() == "Maja worried about the launch"
    running.finish(qtbot)
    dialog.reject()
    assert not dialog.isVisible()
    assert [d.payload["summary"] for d in pending_drafts()] == ["Maja worried about the launch"]


def test_the_autosave_tick_during_an_import_shows_nothing_unexpected(qtbot, client, stack):
    dialog = CaptureDialog(stack, client.id, clock=lambda: NOW, autosave_ms=20)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.summary.setText("Typed while the import runs")
    running = BackgroundImport().start()
    qtbot.wait(200)  # several ticks pass
    assert not dialog.error.isVisible() and pending_drafts() == []
    running.finish(qtbot)
    qtbot.waitUntil(lambda: len(pending_drafts()) == 1)
    dialog.reject()


def test_the_main_window_knows_while_an_import_runs(qtbot, journal, tmp_path: Path):
    from journal.interchange.export import write_export
    from ui.main_window import MainWindow

    create_client("Ada Berg")
    exported = tmp_path / "journal.json"
    write_export(exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    for record in document["clients"]:
        record["id"] = "imported-" + record["id"]
        record["name"] = "Imported " + record["name"]
    exported.write_text(json.dumps(document), encoding="utf-8")

    window = MainWindow(journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(window)
    files.import_json(window, str(exported))
    assert journal_busy()  # from the start of the import until its result is in
    qtbot.waitUntil(lambda: not journal_busy(), timeout=20000)
    assert "Imported Ada Berg" in [c.name for c in list_clients()]
    files.export_json(window, str(tmp_path / "again.json"))
    assert not journal_busy()  # an export only reads: saves go ahead meanwhile
    wait_for_background()
    window.close()


def test_undo_during_an_import_is_reported_in_one_line(qtbot, client, stack):
    from ui.commands import AddInteractionCommand, push_applied

    reported: list[str] = []
    values = {"summary": "Call", "at": NOW - dt.timedelta(hours=1)}
    values |= {"channel": "phone", "direction": "out"}
    push_applied(stack, AddInteractionCommand(client.id, values, report=reported.append))
    with OtherWriter():
        stack.undo()
    assert reported == [
        "Could not undo “Add “Call””: The journal is busy: an import or another Rapport is "
        "writing to it; nothing was changed — try again in a moment."
    ]
    assert [i.summary for i in interactions_of(client)] == ["Call"]
