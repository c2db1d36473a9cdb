"""The message dialog: open from a cue, edit, copy, mail, log as sent, manage templates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, QUrlQuery, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor

from journal import i18n, settings
from journal.cues.api import cues_for_client
from journal.cues.model import Cue, EvidenceRef, Severity
from journal.store.models import Client, Interaction
from journal.templates import library, text
from tests.conftest import NOW
from ui.dialogs.template import dialog as template_dialog
from ui.dialogs.template.dialog import TemplateDialog
from ui.dialogs.template.editor import TemplateEditor


def _client(name: str) -> Client:
    return Client.get(Client.name == name)


def _unanswered_cue(client: Client) -> Cue:
    emails = (
        Interaction.select()
        .where((Interaction.client == client) & Interaction.awaits_reply)
        .order_by(Interaction.at)
    )
    return Cue(
        "unanswered",
        client.id,
        client.name,
        Severity.WARNING,
        NOW - dt.timedelta(days=25),
        tuple(EvidenceRef("interaction", i.uid) for i in emails),
        "Four emails since 5 February without a reply.",
        "closing-the-loop",
    )


@pytest.fixture
def dialog(qtbot, demo_journal):
    maja = _client("Maja Lindqvist")
    widget = TemplateDialog(maja.id, cue=_unanswered_cue(maja), as_of=NOW)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def answers(monkeypatch):
    """Every question the dialog asks is answered yes, and recorded."""
    asked: list[str] = []

    def ask(parent, title, question):
        asked.append(question)
        return True

    monkeypatch.setattr(template_dialog, "_ask", ask)
    return asked


def test_a_cue_opens_its_suggested_template_filled_for_the_client(dialog) -> None:
    assert dialog.template.id == "closing-the-loop"
    assert dialog.subject_edit.text() == "Closing the loop"
    body = dialog.body_edit.toPlainText()
    assert body.startswith("Hi Maja,\n\nI haven't heard back from you about the leadership")
    assert dialog.to_edit.text() == "maja@lindqvist.se"
    assert dialog.findChild(type(dialog.status), "cueExplanation").text().startswith("Four emails")
    assert dialog.template_box.currentText() == "Closing the loop  · suggested"
    assert dialog.status.text().startswith("Fill in before sending: [[signature]] (your name")


def test_the_language_setting_and_switch_pick_the_swedish_text(qtbot, demo_journal) -> None:
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    priya = _client("Dr. Priya Raman")
    widget = TemplateDialog(priya.id, "switch-channel", as_of=NOW)
    qtbot.addWidget(widget)
    assert widget.subject_edit.text() == "Ett enklare sätt att hålla kontakten"
    assert "Skulle ett kort telefonsamtal passa dig bättre?" in widget.body_edit.toPlainText()
    widget.choose_language("en")
    assert widget.template.id == "switch-channel"
    assert "Would a short phone call suit you better?" in widget.body_edit.toPlainText()


def test_edit_copy_and_log_as_sent(dialog, qtbot, answers) -> None:
    body = dialog.body_edit.toPlainText().replace("[[signature]]", "Anna Berg 🌱")
    dialog.body_edit.setPlainText(body)
    assert dialog.status.text() == "Ready to send."

    QGuiApplication.clipboard().clear()
    dialog.copy_message()
    assert QGuiApplication.clipboard().text() == body
    assert answers == []  # no gaps left, so nothing to confirm

    before = Interaction.select().count()
    with qtbot.waitSignal(dialog.logged) as signal:
        dialog.log_button.click()
    assert Interaction.select().count() == before + 1
    sent = Interaction.get_by_id(signal.args[0])
    assert (sent.client.name, sent.direction, sent.channel) == ("Maja Lindqvist", "out", "email")
    assert sent.awaits_reply and sent.at == NOW
    assert sent.summary == "Closing the loop" and sent.notes == body
    assert sent.template == "closing-the-loop"
    assert not dialog.log_button.isEnabled()  # one click, one logged message
    # The loop is closed: the cue no longer asks for the message that was just sent.
    (cue,) = [c for c in cues_for_client(sent.client, NOW) if c.kind == "unanswered"]
    assert (cue.severity, cue.template) == (Severity.INFO, None)
    assert "you closed the loop on 2 March" in cue.explanation


def test_gaps_are_confirmed_before_the_message_leaves(dialog, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(template_dialog, "_ask", lambda _p, _t, q: asked.append(q) or False)
    QGuiApplication.clipboard().setText("before")
    before = Interaction.select().count()
    dialog.copy_message()
    dialog.log_as_sent()
    # Both times the coach was asked about the gap and said no, so nothing left.
    assert len(asked) == 2
    assert all("still has gaps to fill" in q and "signature" in q for q in asked), asked
    assert QGuiApplication.clipboard().text() == "before"
    assert Interaction.select().count() == before
    assert dialog.log_button.isEnabled()


class _MailCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_open_in_mail_hands_over_swedish_letters_and_emoji_intact(qtbot, demo_journal) -> None:
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    settings.set_value("signature", "Åsa Öberg 🌱\nCoach")
    maja = _client("Maja Lindqvist")
    widget = TemplateDialog(maja.id, "closing-the-loop", as_of=NOW)
    qtbot.addWidget(widget)
    catcher = _MailCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "open")
    try:
        widget.open_in_mail()
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    (url,) = catcher.urls
    query = QUrlQuery(url)
    decoded = QUrl.ComponentFormattingOption.FullyDecoded
    assert url.scheme() == "mailto" and url.path() == "maja@lindqvist.se"
    assert query.queryItemValue("subject", decoded) == "Jag knyter ihop säcken"
    body = query.queryItemValue("body", decoded)
    assert body == widget.body_edit.toPlainText().replace("\n", "\r\n")
    assert "hälsningar\r\nÅsa Öberg 🌱\r\nCoach" in body


def test_edit_a_built_in_then_restore_the_original(dialog, qtbot, answers) -> None:
    editor = TemplateEditor(dialog.template, parent=dialog)
    qtbot.addWidget(editor)
    editor.subject_edit.setText("Closing the loop on {projekt}")
    editor.save()
    assert editor.error.text().startswith("subject: unknown placeholder {projekt}")
    assert editor.saved is None and library.get_template("closing-the-loop", "en").origin == (
        text.BUILT_IN
    )
    editor.subject_edit.setText("Closing the loop on {project}")
    editor.save()
    assert editor.saved is not None and editor.saved.origin == text.EDITED

    dialog.template = editor.saved
    dialog._refresh_choices()
    dialog._fill()
    assert dialog.subject_edit.text() == "Closing the loop on the leadership programme"
    assert "(your version)" in dialog.template_box.currentText()
    assert dialog.restore_action.isEnabled()
    dialog.restore_original()
    assert dialog.subject_edit.text() == "Closing the loop"
    assert not dialog.restore_action.isEnabled()


def test_a_new_template_of_my_own_is_listed_and_fills(dialog, qtbot) -> None:
    editor = TemplateEditor(None, lang="en", parent=dialog)
    qtbot.addWidget(editor)
    editor.title_edit.setText("Thanks after a session")
    editor.subject_edit.setText("Thank you, {client_first_name}")
    editor.body_edit.setPlainText("Hi {client_first_name},\n\nThank you for today.\n\n")
    editor.body_edit.moveCursor(QTextCursor.MoveOperation.End)  # where a user would click
    editor.placeholders.setCurrentRow(list(text.PLACEHOLDERS).index("signature"))
    editor.placeholders.itemActivated.emit(editor.placeholders.currentItem())
    editor.kind_boxes["mood_decline"].setChecked(True)
    editor.save()
    assert editor.saved is not None and editor.saved.id == "thanks-after-a-session"
    assert editor.saved.body.endswith("{signature}") and editor.saved.answers == ("mood_decline",)

    dialog._refresh_choices()
    dialog.choose_template("thanks-after-a-session")
    assert dialog.subject_edit.text() == "Thank you, Maja"
    assert dialog.delete_action.isEnabled() and not dialog.restore_action.isEnabled()


def test_template_sets_export_and_import_from_the_dialog(dialog, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    dialog.export_to(target)
    assert dialog.status.text() == "Exported 16 templates to mine.json."
    data = json.loads(target.read_text(encoding="utf-8"))
    data["templates"][0]["subject"] = "Stänger cirkeln"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    dialog.import_from(target)
    assert dialog.status.text() == "Imported: 0 added, 1 replaced, 15 already the same."
    assert dialog.subject_edit.text() == "Stänger cirkeln"


def test_a_bad_template_set_is_refused_in_one_line(dialog, tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        template_dialog.QMessageBox, "warning", lambda parent, title, text: shown.append(text)
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    dialog.import_from(broken)
    assert shown == [
        f"{broken}: not valid JSON (line 1, column 3: Expecting property name "
        "enclosed in double quotes)."
    ]


def test_every_cue_of_the_demo_opens_a_filled_template(qtbot, demo_journal) -> None:
    from journal.cues.api import all_cues

    settings.set_value("my_name", "Anna Berg")
    cues = all_cues(NOW)
    assert {cue.kind for cue in cues} >= {"unanswered", "channel_mismatch", "over_contact"}
    for cue in (c for c in cues if c.kind != "conduct"):  # conduct offers no template
        widget = TemplateDialog(cue.client_id, cue=cue, as_of=NOW)
        qtbot.addWidget(widget)
        if cue.template:
            assert widget.template.id == cue.template
        assert cue.kind in widget.template.answers
        text = widget.subject_edit.text() + widget.body_edit.toPlainText()
        assert "{" not in text and "}" not in text
        assert set(widget.gaps()) <= {"my_commitments", "open_commitments"}, cue.kind
        if cue.kind == "channel_mismatch":
            assert "Would a short phone call suit you better?" in text
