"""The message dialog: a template filled for one client, to edit, copy, mail and log as sent.

Everything it knows comes from journal.templates; this module only presents and dispatches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from journal.cues.model import Cue
from journal.errors import RapportError, os_problem
from journal.i18n import N_, _, ngettext
from journal.store.models import Client
from journal.templates import filling, library, text
from journal.timeline import client_by_id
from journal.values.dates import time_of_day
from journal.values.vocabulary import LANGUAGES
from ui.commands import LogSentCommand, run_undoable
from ui.dialogs.template.editor import TemplateEditor
from ui.dialogs.template.form import MessageForm

_ORIGIN_NOTES = {text.EDITED: N_(" (your version)"), text.OWN: N_(" (yours)")}


def _run(parent: QWidget, action: Callable[[], object]) -> bool:
    """Do a journal action; a problem is shown as its one-line message, never a traceback."""
    try:
        action()
    except RapportError as exc:
        QMessageBox.warning(parent, _("Rapport"), str(exc))
        return False
    except OSError as exc:
        QMessageBox.warning(parent, _("Rapport"), f"{os_problem(exc)}: {exc.filename or ''}")
        return False
    return True


def _ask(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


class TemplateDialog(MessageForm):
    """Opened from a cue (its suggested template, filled) or from a client (any template)."""

    logged = Signal(int)  # the id of the interaction "log as sent" recorded

    def __init__(
        self,
        client_id: int,
        template_id: str | None = None,
        cue: Cue | None = None,
        parent: QWidget | None = None,
        *,
        as_of: dt.datetime | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.client: Client = client_by_id(client_id)
        self.cue = cue
        self._as_of = as_of
        self._stack = undo_stack
        self._sent: tuple[LogSentCommand, QUndoStack, str] | None = None  # see _follow_stack
        self._dirty = False
        self._loading = False
        self.lang = library.default_language()
        self.template = self._initial_template(template_id)
        self.lang = self.template.lang
        self.setWindowTitle(_("Message to {name}").format(name=self.client.name))
        self.resize(720, 660)
        self._build(cue.explanation if cue is not None else None, self.lang, self.client.email)
        self._wire()
        self._refresh_choices()
        self._fill()

    # --- building ----------------------------------------------------------------------------

    def _initial_template(self, template_id: str | None) -> text.Template:
        if template_id:
            return library.get_template(template_id, self.lang)
        if self.cue is not None:
            return library.template_for_cue(self.cue, self.lang)
        return library.list_templates(self.lang)[0]

    def _wire(self) -> None:
        self.template_box.activated.connect(self._template_chosen)
        self.lang_box.activated.connect(self._language_chosen)
        self.subject_edit.textEdited.connect(self._edited)
        self.body_edit.textChanged.connect(self._edited)
        self.copy_button.clicked.connect(self.copy_message)
        self.mail_button.clicked.connect(self.open_in_mail)
        self.log_button.clicked.connect(self.log_as_sent)
        self.close_button.clicked.connect(self.reject)
        for action, slot in (
            (self.copy_message_action, self.copy_message),
            (self.copy_subject_action, self.copy_subject),
            (self.edit_action, self.edit_template),
            (self.new_action, self.new_template),
            (self.restore_action, self.restore_original),
            (self.delete_action, self.delete_template),
            (self.import_action, self.import_set),
            (self.export_action, self.export_set),
        ):
            action.triggered.connect(slot)

    # --- filling -----------------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        return self._as_of or dt.datetime.now().astimezone()

    def _refresh_choices(self) -> None:
        suggested = (
            {t.id for t in library.suggested_for(self.cue.kind, self.lang)}
            if (self.cue is not None)
            else set()
        )
        self.template_box.clear()
        for item in library.list_templates(self.lang):
            note = _(_ORIGIN_NOTES[item.origin]) if item.origin in _ORIGIN_NOTES else ""
            hint = _("  · suggested") if item.id in suggested else ""
            self.template_box.addItem(f"{item.title}{note}{hint}", item.id)
        index = self.template_box.findData(self.template.id)
        self.template_box.setCurrentIndex(max(index, 0))
        self.restore_action.setEnabled(self.template.origin == text.EDITED)
        self.delete_action.setEnabled(self.template.origin == text.OWN)

    def _fill(self) -> None:
        filled = filling.render(self.template, self.client, self._now(), self.cue)
        self._loading = True
        self.subject_edit.setText(filled.subject)
        self.body_edit.setPlainText(filled.body)
        self._loading = False
        self._dirty = False
        self._sent = None  # a new message: one logged before is its own undo's business
        self._show_logged(False)
        self._show_gaps()

    def _show_logged(self, logged: bool) -> None:
        self.log_button.setEnabled(not logged)
        self.log_button.setText(_("Logged as sent") if logged else _("Log as sent"))

    def _edited(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._show_gaps()

    def gaps(self) -> list[str]:
        return text.gaps_in(f"{self.subject_edit.text()}\n{self.body_edit.toPlainText()}")

    def _show_gaps(self) -> None:
        gaps = self.gaps()
        if gaps:
            names = ", ".join(f"[[{gap}]]" for gap in gaps)
            settings_hint = {"my_name", "signature"} & set(gaps)
            hint = _(" (your name and signature can be set once in File > Preferences)")
            hint = hint if settings_hint else ""
            self._say(_("Fill in before sending: {gaps}").format(gaps=names) + hint)
        else:
            self._say(_("Ready to send."))

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _keep_edits_or_discard(self) -> bool:
        return not self._dirty or _ask(
            self, _("Discard changes?"), _("Discard your changes to this message?")
        )

    def _template_chosen(self, index: int) -> None:
        template_id = self.template_box.itemData(index)
        if template_id == self.template.id:
            return
        if not self._keep_edits_or_discard():
            self._refresh_choices()
            return
        self.choose_template(template_id)

    def _language_chosen(self, index: int) -> None:
        lang = self.lang_box.itemData(index)
        if lang == self.lang:
            return
        if not self._keep_edits_or_discard():
            self.lang_box.setCurrentIndex(LANGUAGES.index(self.lang))
            return
        self.choose_language(lang)

    def choose_template(self, template_id: str) -> None:
        self._show_template(library.get_template(template_id, self.lang))

    def _show_template(self, template: text.Template) -> None:
        """Show `template` filled for the client, chosen in the list; edits are dropped."""
        self.template = template
        self._refresh_choices()
        self._fill()

    def choose_language(self, lang: str) -> None:
        """Switch language, keeping the template where it exists in that language."""
        self.lang = lang
        self.lang_box.setCurrentIndex(LANGUAGES.index(lang))
        found = library.get_template_or_none(self.template.id, lang)
        self._show_template(found or self._initial_template(None))

    # --- using the message -------------------------------------------------------------------

    def _gaps_ok(self, doing: str) -> bool:
        gaps = self.gaps()
        if not gaps:
            return True
        names = ", ".join(f"[[{gap}]]" for gap in gaps)
        question = _("The message still has gaps to fill: {gaps}.").format(gaps=names)
        return _ask(self, _("Gaps left"), f"{question} {doing}")

    def copy_message(self) -> None:
        if self._gaps_ok(_("Copy it anyway?")):
            QGuiApplication.clipboard().setText(self.body_edit.toPlainText())
            self._say(_("Message copied. Paste it into your email; the subject is above."))

    def copy_subject(self) -> None:
        QGuiApplication.clipboard().setText(self.subject_edit.text())
        self._say(_("Subject copied."))

    def mailto(self) -> QUrl:
        url = filling.mailto_url(
            self.to_edit.text(), self.subject_edit.text(), self.body_edit.toPlainText()
        )
        return QUrl.fromEncoded(url.encode("ascii"), QUrl.ParsingMode.StrictMode)

    def open_in_mail(self) -> None:
        if not self._gaps_ok(_("Open it in your mail program anyway?")):
            return
        if QDesktopServices.openUrl(self.mailto()):
            self._say(_("Opened in your mail program. After sending it, choose Log as sent."))
        else:
            QMessageBox.information(
                self,
                _("No mail program"),
                _(
                    "No mail program answered. Copy the message and paste it into your email "
                    "instead."
                ),
            )

    def log_as_sent(self) -> None:
        if not self._gaps_ok(_("Log it as sent anyway?")):
            return
        command = LogSentCommand(
            self.client.id,
            self.subject_edit.text(),
            self.body_edit.toPlainText(),
            self._now(),
            template_id=self.template.id,
        )
        stack = self._undo_stack()
        if _run(self, lambda: run_undoable(stack, command)):
            when = time_of_day(self._now())
            note = _("Logged as sent at {time}; Rapport will watch for {name}'s reply.").format(
                time=when, name=self.client.name
            )
            self._show_logged(True)
            self._say(note)
            if stack is not None:
                if self._sent is None or self._sent[1] is not stack:
                    stack.indexChanged.connect(self._follow_stack)
                self._sent = (command, stack, note)
            assert command.interaction_id is not None
            self.logged.emit(command.interaction_id)

    def _follow_stack(self, index: int) -> None:
        """Ctrl+Z (or Redo) in the window took the logged message back (or logged it again):
        the button and the line below say what the journal now holds."""
        if self._sent is None:
            return
        command, stack, note = self._sent
        if not isValid(stack):  # the stack is being destroyed
            return
        done = any(stack.command(i) is command for i in range(index))
        if done == (not self.log_button.isEnabled()):
            return
        self._show_logged(done)
        self._say(
            note if done else _("Log as sent was undone; the message is no longer in the journal.")
        )

    def _undo_stack(self) -> QUndoStack | None:
        """The window's stack, so the coach can take a logged message back with Ctrl+Z."""
        if self._stack is not None:
            return self._stack
        parent = self.parentWidget()
        shell = getattr(parent.window(), "undo_stack", None) if parent is not None else None
        return shell if isinstance(shell, QUndoStack) else None

    # --- managing templates ------------------------------------------------------------------

    def edit_template(self) -> None:
        editor = TemplateEditor(self.template, parent=self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self._show_template(editor.saved)

    def new_template(self) -> None:
        editor = TemplateEditor(None, lang=self.lang, parent=self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self._show_template(editor.saved)

    def restore_original(self) -> None:
        question = _("Replace your version of “{template}” with the original?").format(
            template=self.template.title
        )
        if not _ask(self, _("Restore original"), question):
            return
        restored: list[text.Template] = []
        if _run(
            self, lambda: restored.append(library.restore_original(self.template.id, self.lang))
        ):
            self._show_template(restored[0])

    def delete_template(self) -> None:
        question = _("Delete your template “{template}”?").format(template=self.template.title)
        if not _ask(self, _("Delete template"), question):
            return
        if _run(self, lambda: library.delete_template(self.template.id, self.lang)):
            self._show_template(library.list_templates(self.lang)[0])

    def import_set(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import template set"), "", _("Template sets (*.json)")
        )
        if name:
            self.import_from(Path(name))

    def import_from(self, path: Path) -> None:
        result: list[library.ImportSummary] = []
        if _run(self, lambda: result.append(library.import_set(path))):
            done = result[0]
            self.template = library.get_template_or_none(self.template.id, self.lang) or (
                self._initial_template(None)
            )
            self._refresh_choices()
            if not self._dirty:
                self._fill()
            self._say(
                _("Imported: {added} added, {replaced} replaced, {same} already the same.").format(
                    added=done.added, replaced=done.replaced, same=done.unchanged
                )
            )

    def export_set(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export template set"), "rapport-templates.json", _("Template sets (*.json)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        count: list[int] = []
        if _run(self, lambda: count.append(library.export_set(path))):
            self._say(
                ngettext(
                    "Exported %(n)d template to %(file)s.",
                    "Exported %(n)d templates to %(file)s.",
                    count[0],
                )
                % {"n": count[0], "file": path.name}
            )
