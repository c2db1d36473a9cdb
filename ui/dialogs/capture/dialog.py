"""Capture in seconds after a call: a new interaction, or an edit of one, that never loses a word.

Keyboard first: the summary has focus; channel and direction are radio rows with mnemonics
and arrow keys; feeling is keys 1 to 5 on the feeling row (or Ctrl+1..5 from anywhere);
Ctrl+Return saves. Everything typed is autosaved as a draft (journal.entries.drafts,
encrypted in the journal) every few seconds and on close; the draft is cleared only once the
save succeeded, and a new dialog offers an unsaved draft back, e.g. after a crash. While an
import holds the journal, autosave skips a tick and Save says "busy" in one line instead of
freezing the window; the dialog does not close until the words are saved or kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from journal.entries.drafts import (
    NEW_PREFIX,
    SavedDraft,
    discard_draft,
    edit_draft_key,
    new_draft_key,
    pending_drafts,
    save_draft,
)
from journal.errors import JournalBusy, RapportError
from journal.i18n import N_, _
from journal.timeline import commitments_made_in, interaction_by_id, interaction_id_of_uid
from ui.background import journal_busy
from ui.commands import AddInteractionCommand, EditInteractionCommand, push_applied
from ui.dialogs.capture import fields
from ui.dialogs.capture.drafts import DraftBar, offer_text, restored_text
from ui.dialogs.capture.form import CaptureForm
from ui.dialogs.new_client import where_to_add_a_client
from ui.style import problem_label

Clock = Callable[[], dt.datetime]

AUTOSAVE_MS = 3000
BUSY_MESSAGE = N_(
    "The journal is busy: an import or another Rapport is writing to it; your words are kept "
    "— try again in a moment."
)


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class CaptureDialog(CaptureForm):
    """New interaction (pre-filled with the current client and now) or edit of an existing one."""

    saved = Signal(int)  # the interaction id

    def __init__(
        self,
        undo_stack: QUndoStack,
        client_id: int | None = None,
        interaction_id: int | None = None,
        *,
        clock: Clock = _now,
        autosave_ms: int = AUTOSAVE_MS,
        offer_drafts: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        editing = interaction_id is not None
        super().__init__(editing=editing, today=clock().astimezone().date(), parent=parent)
        self._stack = undo_stack
        self.interaction_id = interaction_id
        self._closing_decided = False
        self.setWindowTitle(_("Edit interaction") if editing else _("New interaction"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(620)
        self._build()
        # Longer words (Swedish) widen the dialog rather than overlap its rows.
        self.setMinimumWidth(max(620, self.minimumSizeHint().width()))
        if interaction_id is not None:
            interaction = interaction_by_id(interaction_id)
            self.draft_key = edit_draft_key(interaction.uid)
            self._load_interaction(interaction)
        else:
            self.draft_key = new_draft_key()
            self._set_client(client_id)
            self.set_values({"at": clock().replace(second=0, microsecond=0)})
        self._baseline = self.payload()
        self._offered: SavedDraft | None = None
        if offer_drafts:
            self._offer_draft()
        self._timer = QTimer(self)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.autosave)
        self._timer.start()
        (self.summary if self.client.currentIndex() >= 0 else self.client).setFocus()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.draft_bar = DraftBar()
        self.draft_label = self.draft_bar.label
        self.restore_button = self.draft_bar.restore_button
        self.discard_button = self.draft_bar.discard_button
        self.restore_button.clicked.connect(self.restore_offered_draft)
        self.discard_button.clicked.connect(self.discard_offered_draft)
        layout.addWidget(self.draft_bar)

        self._build_form(layout)

        self.error = problem_label()
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(_("Save (Ctrl+Return)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)
        for key, feeling in zip("12345", range(-2, 3), strict=True):
            QShortcut(QKeySequence(f"Ctrl+{key}"), self).activated.connect(
                lambda f=feeling: self.feeling.set_value(f)
            )

    # --- loading: a stored interaction and a draft go through the same mapping ----------------

    def _load_interaction(self, interaction: Any) -> None:
        self._set_client(interaction.client_id)
        self.client.setEnabled(False)
        self.set_values(fields.values_of(interaction))
        self.show_saved_commitments(commitments_made_in(interaction.id))
        self._original = self.values()

    def payload(self) -> dict[str, Any]:
        """Everything on screen as JSON, for the draft."""
        draft = fields.Draft(self.values(), self.client.currentData(), self.new_commitments())
        return fields.to_json(draft)

    def apply_payload(self, payload: dict[str, Any]) -> None:
        draft = fields.from_json(payload)
        self._channel_chosen = True  # the draft's channel was chosen then
        if self.interaction_id is None and self.client.findData(draft.client_id) >= 0:
            self._set_client(draft.client_id)  # a draft with no client keeps the one chosen
        self.set_values(draft.values)
        self.set_new_commitments(draft.commitments)

    def is_dirty(self) -> bool:
        """Whether anything differs from how the dialog opened (so there is something to lose)."""
        return self.payload() != self._baseline

    # --- drafts -----------------------------------------------------------------------------

    def autosave(self) -> bool:
        """Keep what is typed as a draft; returns whether it is kept. A failure must not
        interrupt typing, so it only shows; while an import holds the journal the draft waits
        for the next tick (the words stay in the dialog) instead of freezing the window."""
        if not self.is_dirty():
            return True
        if journal_busy():
            return False
        try:
            save_draft(self.draft_key, self.payload(), self.client.currentData())
        except JournalBusy:
            return False  # another writer (say a second Rapport); the next tick tries again
        except RapportError as exc:
            self._show_error(_("Could not keep a draft: {problem}").format(problem=exc))
            return False
        if self.error.text() == _(BUSY_MESSAGE):
            self._show_error("")  # the import is over: saving works again
        return True

    def _offer_draft(self) -> None:
        if self.interaction_id is None:
            offered = [d for d in pending_drafts() if d.key.startswith(NEW_PREFIX)]
        else:
            offered = [d for d in pending_drafts() if d.key == self.draft_key]
        if not offered:
            return
        draft = offered[0]
        self._offered = draft
        self.draft_bar.show()
        if self.interaction_id is not None:
            # The draft is this very edit, unfinished: bring it straight back.
            self.restore_offered_draft()
            self.draft_label.setText(restored_text(draft, self.lang))
            self.restore_button.hide()
            self.draft_bar.show()
            self._offered = draft
            return
        self.draft_label.setText(offer_text(draft, len(offered) - 1, self.lang))

    def restore_offered_draft(self) -> None:
        if self._offered is None:
            return
        draft, self._offered = self._offered, None
        if self.interaction_id is None:
            # Words typed before restoring stay as a draft of their own; otherwise the restored
            # draft's key is adopted, so the words keep one draft rather than two.
            if self.is_dirty():
                self.autosave()
            self.draft_key = draft.key
        self.apply_payload(draft.payload)
        self.draft_bar.hide()
        self.summary.setFocus()

    def discard_offered_draft(self) -> None:
        if self._offered is None:
            return
        discard_draft(self._offered.key)
        self._offered = None
        self.draft_bar.hide()
        if self.interaction_id is not None:
            self._load_interaction(interaction_by_id(self.interaction_id))
            self._baseline = self.payload()
        else:
            self._offer_draft()

    # --- saving and closing -------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def accept(self) -> None:
        self.add_commitment_from_row()
        if journal_busy():  # the import would make this save wait for it, then fail
            self._show_error(_(BUSY_MESSAGE))
            return
        try:
            if self.interaction_id is None:
                client_id = self.client.currentData()
                if client_id is None:
                    self.client.setFocus()
                    raise RapportError(
                        _("Choose the client this entry is about (at the top).")
                        if self.client.count()
                        else _("Add a client first with {place}, then save this entry.").format(
                            place=where_to_add_a_client()
                        )
                    )
                command: AddInteractionCommand | EditInteractionCommand = AddInteractionCommand(
                    client_id, self.values(), self.new_commitments()
                )
            else:
                current = self.values()
                changes = {k: v for k, v in current.items() if v != self._original.get(k)}
                command = EditInteractionCommand(
                    self.interaction_id, changes, self.new_commitments()
                )
            push_applied(self._stack, command)
        except JournalBusy:
            self._show_error(_(BUSY_MESSAGE))  # the dialog stays open; autosave keeps trying
            return
        except RapportError as exc:
            self.autosave()
            self._show_error(str(exc))
            return
        if isinstance(command, AddInteractionCommand):
            self.interaction_id = command.interaction_id
        discard_draft(self.draft_key)  # only now that the save succeeded
        self._closing_decided = True
        self._timer.stop()
        self.saved.emit(self.interaction_id)
        super().accept()

    def reject(self) -> None:
        if not self._closing_decided and self.is_dirty():
            choice = self._ask_discard()
            if choice == QMessageBox.StandardButton.Cancel:
                return
            if choice == QMessageBox.StandardButton.Discard:
                discard_draft(self.draft_key)
            elif not self.autosave():
                if not self.error.isVisible():
                    self._show_error(
                        _(
                            "The journal is busy (an import or another Rapport is writing to "
                            "it), so your words cannot be kept as a draft yet; this window stays "
                            "open — close it in a moment."
                        )
                    )
                return  # closing now would lose the words
        self._closing_decided = True
        self._timer.stop()
        super().reject()

    def _ask_discard(self) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Keep what you typed?"),
            _("This entry is not saved. Keep it as a draft to finish later, or discard it?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText(_("Keep as draft"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def closeEvent(self, event: Any) -> None:
        if not self._closing_decided:
            self.autosave()
        super().closeEvent(event)


def dialog_for_pending_draft(
    undo_stack: QUndoStack, *, clock: Clock = _now, parent: QWidget | None = None
) -> CaptureDialog | None:
    """At start-up: a capture dialog offering the newest unsaved draft back, or None."""
    drafts = pending_drafts()
    if not drafts:
        return None
    newest = drafts[0]
    if newest.interaction_uid is not None:
        found = interaction_id_of_uid(newest.interaction_uid)
        if found is not None:
            return CaptureDialog(undo_stack, interaction_id=found, clock=clock, parent=parent)
        # The interaction was deleted meanwhile: its words come back as a new entry.
        save_draft(new_draft_key(), newest.payload, newest.client_id)
        discard_draft(newest.key)
    return CaptureDialog(undo_stack, newest.client_id, clock=clock, parent=parent)
