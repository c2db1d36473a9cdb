"""Undoable journal edits: add, edit and delete an interaction, for the shell's QUndoStack.

A command does its first write in `push_applied`, before it goes on the stack, so a refused
value surfaces to the dialog that offered it (which stays open, words intact) instead of
leaving a failed command on the stack. Later undo/redo failures (say the client was deleted
meanwhile) are reported in one line and drop the command, never a traceback. A busy journal
(an import holds it) is different: nothing was changed and the command is still good, so it
stays where it was on the stack and the same Ctrl+Z (or redo) works once the import is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from journal.changes import NOTHING, Changes
from journal.clients import update_client
from journal.cues.api import set_client_thresholds
from journal.cues.model import Cue
from journal.cues.state import HoldChange, dismiss_cue, snooze_cue, undo_hold
from journal.entries.capture import (
    DeletedInteraction,
    NewCommitment,
    delete_interaction,
    log_interaction,
    restore_interaction,
)
from journal.entries.commitments import add_commitment
from journal.entries.undo import (
    RetractedCapture,
    Revision,
    reapply_revision,
    reinsert_commitments,
    reinstate_capture,
    retract_capture,
    retract_commitment,
    revert_revision,
    revise_interaction,
)
from journal.errors import JournalBusy, RapportError
from journal.i18n import _, ngettext
from journal.templates.filling import log_sent
from journal.timeline import client_by_id, commitments_made_in, interaction_by_id

Report = Callable[[str], None]


def show_failure(message: str) -> None:
    QMessageBox.warning(QApplication.activeWindow(), _("Rapport"), message)


def _could_not(verb: str, what: str, problem: Exception) -> str:
    """The one line after an undo or redo that could not run."""
    if verb == "undo":
        return _("Could not undo “{what}”: {problem}").format(what=what, problem=problem)
    return _("Could not redo “{what}”: {problem}").format(what=what, problem=problem)


def short_label(text: str, limit: int = 40) -> str:
    """A long text cut for a label or a one-line note, ending in an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;") + "…"


class JournalCommand(QUndoCommand):
    """Runs its journal write on redo/undo; the first redo is done by `push_applied`."""

    def __init__(self, text: str, report: Report | None = None) -> None:
        super().__init__(text)
        self._report = report or show_failure
        self._skip_next_redo = False
        self._skip_next_undo = False
        self._stack: QUndoStack | None = None  # set by push_applied

    def apply(self) -> None:
        """The first run; raises RapportError for the caller to show."""
        self._first()
        self._skip_next_redo = True

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._guarded(self._redo, "redo")

    def undo(self) -> None:
        if self._skip_next_undo:
            self._skip_next_undo = False
            return
        self._guarded(self._undo, "undo")

    def _guarded(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except JournalBusy as exc:
            self._stay_put(verb)
            self._report(_could_not(verb, self.text(), exc))
        except RapportError as exc:  # journal/ words database failures too
            self.setObsolete(True)
            self._report(_could_not(verb, self.text(), exc))

    def _stay_put(self, verb: str) -> None:
        """Nothing was written: put the stack's index back once the stack has moved it, so
        this command counts as not undone (or not redone) and can be tried again.

        QUndoStack moves its index after undo()/redo() return, whatever they did, and says so
        in indexChanged; stepping back there runs this command's opposite step, skipped here.
        While the stack is sweeping several commands (setIndex) its index still reads where
        the sweep began, so the whole sweep is put back: commands that did run are run back.
        """
        stack = self._stack
        if stack is None:  # not on a stack: nothing moves
            return
        before = stack.index()
        if verb == "undo":
            self._skip_next_redo = True
        else:
            self._skip_next_undo = True

        def back(_index: int) -> None:
            stack.indexChanged.disconnect(back)
            stack.setIndex(before)

        stack.indexChanged.connect(back)

    def touched(self) -> Changes:
        """What this command's redo and undo write: the window hands it to the views."""
        raise NotImplementedError

    def _first(self) -> None:
        self._redo()

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class AddInteractionCommand(JournalCommand):
    def __init__(
        self,
        client_id: int,
        values: dict[str, Any],
        commitments: Iterable[NewCommitment] = (),
        report: Report | None = None,
    ) -> None:
        summary = short_label(str(values.get("summary", "")))
        super().__init__(_("Add “{summary}”").format(summary=summary), report)
        self.client_id = client_id
        self.values = dict(values)
        self.commitments = tuple(commitments)
        self.interaction_id: int | None = None
        self._retracted: RetractedCapture | None = None

    def touched(self) -> Changes:
        return Changes.of(clients=[self.client_id], interactions=[self.interaction_id])

    def _first(self) -> None:
        interaction = log_interaction(
            client_by_id(self.client_id), commitments=self.commitments, **self.values
        )
        self.interaction_id = interaction.id

    def _undo(self) -> None:
        assert self.interaction_id is not None
        ids = [c.id for c in commitments_made_in(self.interaction_id)]
        self._retracted = retract_capture(interaction_by_id(self.interaction_id), ids)

    def _redo(self) -> None:
        assert self._retracted is not None
        reinstate_capture(self._retracted)


class EditInteractionCommand(JournalCommand):
    def __init__(
        self,
        interaction_id: int,
        changes: dict[str, Any],
        new_commitments: Iterable[NewCommitment] = (),
        report: Report | None = None,
    ) -> None:
        interaction = interaction_by_id(interaction_id)
        summary = str(changes.get("summary") or interaction.summary)
        super().__init__(_("Edit “{summary}”").format(summary=short_label(summary)), report)
        self.client_id = interaction.client_id
        self.interaction_id = interaction_id
        self.changes = dict(changes)
        self.new_commitments = tuple(new_commitments)
        self._revision: Revision | None = None
        self._added_rows: tuple[dict[str, Any], ...] = ()

    def touched(self) -> Changes:
        return Changes.of(clients=[self.client_id], interactions=[self.interaction_id])

    def _first(self) -> None:
        interaction = interaction_by_id(self.interaction_id)
        self._revision = revise_interaction(interaction, self.changes, self.new_commitments)

    def _undo(self) -> None:
        assert self._revision is not None
        interaction = interaction_by_id(self.interaction_id)
        self._added_rows = revert_revision(interaction, self._revision)

    def _redo(self) -> None:
        assert self._revision is not None
        interaction = interaction_by_id(self.interaction_id)
        reapply_revision(interaction, self._revision, self._added_rows)


class DeleteInteractionCommand(JournalCommand):
    """Delete an interaction. The promises made in it go with it (`with_promises`) or stay,
    no longer tied to it; undo brings back whatever went, under the same ids either way."""

    def __init__(
        self, interaction_id: int, with_promises: bool = False, report: Report | None = None
    ) -> None:
        interaction = interaction_by_id(interaction_id)
        self.promise_ids = tuple(c.id for c in commitments_made_in(interaction_id))
        self.with_promises = with_promises and bool(self.promise_ids)
        label = short_label(interaction.summary)
        n = len(self.promise_ids)
        text = (
            ngettext(
                "Delete “%(label)s” and its %(n)d promise",
                "Delete “%(label)s” and its %(n)d promises",
                n,
            )
            if self.with_promises
            else _("Delete “%(label)s”")
        )
        super().__init__(text % {"label": label, "n": n}, report)
        self.label = label
        self.client_id = interaction.client_id
        self.interaction_id = interaction_id
        self._deleted: DeletedInteraction | RetractedCapture | None = None

    def touched(self) -> Changes:
        return Changes.of(
            clients=[self.client_id],
            interactions=[self.interaction_id],
            commitments=self.promise_ids,
        )

    def _redo(self) -> None:
        interaction = interaction_by_id(self.interaction_id)
        if self.with_promises:
            self._deleted = retract_capture(interaction, self.promise_ids)
        else:
            self._deleted = delete_interaction(interaction)

    def _undo(self) -> None:
        if isinstance(self._deleted, RetractedCapture):
            reinstate_capture(self._deleted)
        else:
            assert self._deleted is not None
            restore_interaction(self._deleted)


class StackChanges(QObject):
    """A stack's moves as `Changes`: what the commands undone, redone or pushed touched,
    once per move. The window hands it to the views; nothing else listens to the stack to
    find out what changed."""

    changed = Signal(object)

    def __init__(self, stack: QUndoStack) -> None:
        super().__init__(stack)
        self._stack = stack
        self._index = stack.index()
        stack.indexChanged.connect(self._moved)

    def _moved(self, index: int) -> None:
        low, high = sorted((self._index, index))
        self._index = index
        changes = NOTHING
        for number in range(low, high):
            command = self._stack.command(number)
            if isinstance(command, JournalCommand):
                changes |= command.touched()
        if changes:
            self.changed.emit(changes)


def push_applied(stack: QUndoStack, command: JournalCommand) -> None:
    """Do the command's first write, then put it on the stack; raises RapportError if refused."""
    command.apply()
    command._stack = stack
    stack.push(command)


class HoldCueCommand(JournalCommand):
    """Dismiss a cue (until something new happens) or snooze it until a moment; undo lifts
    that hold only and puts back whatever earlier hold of the kind it replaced."""

    def __init__(
        self, cue: Cue, until: dt.datetime | None = None, report: Report | None = None
    ) -> None:
        text = _("Dismiss cue “{cue}”") if until is None else _("Snooze cue “{cue}”")
        super().__init__(text.format(cue=short_label(cue.explanation)), report)
        self.cue = cue
        self.until = until
        self._change: HoldChange | None = None

    def touched(self) -> Changes:
        return Changes.of(cue_states=[self.cue.client_id])

    def _redo(self) -> None:
        if self.until is None:
            self._change = dismiss_cue(self.cue)
        else:
            self._change = snooze_cue(self.cue, self.until)

    def _undo(self) -> None:
        assert self._change is not None
        undo_hold(self._change)


class LogSentCommand(AddInteractionCommand):
    """Log a template message as sent: an outgoing email awaiting reply; undo takes it back."""

    def __init__(
        self,
        client_id: int,
        subject: str,
        body: str,
        at: dt.datetime,
        report: Report | None = None,
        template_id: str = "",
    ) -> None:
        super().__init__(client_id, {"summary": subject}, (), report)
        what = short_label(subject.strip() or body.strip())
        self.setText(_("Log “{message}” as sent").format(message=what))
        self.subject = subject
        self.body = body
        self.at = at
        self.template_id = template_id

    def _first(self) -> None:
        client = client_by_id(self.client_id)
        interaction = log_sent(
            client, self.subject, self.body, self.at, template_id=self.template_id
        )
        self.interaction_id = interaction.id


class AddCommitmentCommand(JournalCommand):
    """Add a promise outside any interaction; undo takes it back, found again by its uid."""

    def __init__(
        self,
        client_id: int,
        owner: str,
        text: str,
        due: dt.date | None = None,
        report: Report | None = None,
    ) -> None:
        label = short_label(text.strip())
        super().__init__(_("Add commitment “{commitment}”").format(commitment=label), report)
        self.client_id = client_id
        self.owner = owner
        self.promise = text  # not `text`: QUndoCommand.text() is the menu label
        self.due = due
        self.uid: str | None = None
        self._removed: tuple[dict[str, Any], ...] = ()

    def touched(self) -> Changes:
        return Changes.of(clients=[self.client_id])

    def _first(self) -> None:
        client = client_by_id(self.client_id)
        self.uid = add_commitment(client, self.owner, self.promise, self.due).uid

    def _undo(self) -> None:
        assert self.uid is not None
        self._removed = retract_commitment(self.uid)

    def _redo(self) -> None:
        reinsert_commitments(self._removed)


def run_undoable(stack: QUndoStack | None, command: JournalCommand) -> None:
    """Do a coach's write through the undo stack when there is one (there always is in the
    window; a widget on its own, as in a test, just writes). Raises RapportError if refused."""
    if stack is None:
        command.apply()
    else:
        push_applied(stack, command)


class SetClientThresholdsCommand(JournalCommand):
    """Give one client their own warning-sign thresholds, or let them follow the global
    settings again (a value of None), all in one step; undo puts the earlier values back."""

    def __init__(
        self, client_id: int, changes: dict[str, Any], report: Report | None = None
    ) -> None:
        name = client_by_id(client_id).name
        reset = all(value is None for value in changes.values())
        text = (
            _("Reset warning signs for {name}") if reset else _("Change warning signs for {name}")
        )
        super().__init__(text.format(name=short_label(name)), report)
        self.client_id = client_id
        self.changes = dict(changes)
        self._before: dict[str, Any] = {}

    def touched(self) -> Changes:
        return Changes.of(clients=[self.client_id])

    def _first(self) -> None:
        self._before = set_client_thresholds(client_by_id(self.client_id), self.changes)

    def _redo(self) -> None:
        set_client_thresholds(client_by_id(self.client_id), self.changes)

    def _undo(self) -> None:
        set_client_thresholds(client_by_id(self.client_id), self._before)


class SaveProfileCommand(JournalCommand):
    """Save a client's profile fields (name, contact details, channel, cadence, fit, status,
    notes) in one step; undo puts the values they had before back."""

    def __init__(
        self, client_id: int, values: dict[str, Any], report: Report | None = None
    ) -> None:
        client = client_by_id(client_id)
        super().__init__(_("Edit profile of {name}").format(name=short_label(client.name)), report)
        self.client_id = client_id
        self.values = dict(values)
        self.before = {key: getattr(client, key) for key in self.values}

    def touched(self) -> Changes:
        return Changes.of(clients=[self.client_id])

    def _first(self) -> None:
        self._redo()

    def _redo(self) -> None:
        update_client(client_by_id(self.client_id), **self.values)

    def _undo(self) -> None:
        update_client(client_by_id(self.client_id), **self.before)
