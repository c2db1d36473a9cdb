"""Putting a cue away from the app: Dismiss (until something new happens) or Snooze.

One `CueActions` per view serves its context menu and its visible buttons, so the timeline
and Today offer the same words and do the same thing. With the shell's undo stack the action
goes on it as a `HoldCueCommand` (Ctrl+Z brings the cue back, and the stack's change signal
makes the window recompute cues in the background); without one it writes directly and calls
the view's refresh. The journal decides what "until something new happens" means
(journal/cues/state.py); this module only asks and reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from journal.cues.model import KIND_WORDS, Cue
from journal.errors import RapportError
from journal.i18n import N_, _, language
from journal.values.dates import format_date
from journal.values.zones import local_zone
from ui.commands import HoldCueCommand, JournalCommand, push_applied, short_label

Clock = Callable[[], dt.datetime]
StackSource = Callable[[], QUndoStack | None]

SNOOZE_SPANS: tuple[tuple[str, int], ...] = (
    (N_("For 1 day"), 1),
    (N_("For 1 week"), 7),
    (N_("For 2 weeks"), 14),
)
DISMISS_TEXT = N_("&Dismiss (until something new happens)")
DISMISS_TIP = N_("Hide this cue; it comes back if something new happens or it gets worse.")


def is_menu_key(event: QKeyEvent) -> bool:
    """The Menu key or Shift+F10: the keyboard's way to a context menu."""
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return event.key() == Qt.Key.Key_Menu or (event.key() == Qt.Key.Key_F10 and shift)


def held_message(cue: Cue, until: dt.datetime | None, lang: str | None = None) -> str:
    """What the note says after the action: what went away and when it comes back."""
    sentence = short_label(cue.explanation, 60)
    if until is None:
        return _("Dismissed: {cue} It comes back if something new happens.").format(cue=sentence)
    day = format_date(until, lang or language(), year=False, weekday=True)
    return _("Snoozed until {date}: {cue}").format(date=day, cue=sentence)


def start_of(day: dt.date, zone: dt.tzinfo | None) -> dt.datetime:
    """The first moment of a day in the coach's zone: a cue snoozed "until 9 March" is back
    when the coach opens Rapport that morning."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


class SnoozeDateDialog(QDialog):
    """Pick the day a snoozed cue comes back; days before tomorrow cannot be picked."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Snooze until a date"))
        self.setAccessibleName(_("Snooze until a date"))
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(_("Day the cue comes back"))
        tomorrow = today + dt.timedelta(days=1)
        self.calendar.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        week = today + dt.timedelta(days=7)
        self.calendar.setSelectedDate(QDate(week.year, week.month, week.day))
        self.calendar.setGridVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Snooze"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(lambda _d: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The cue comes back on the morning of this day:")))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        chosen = self.calendar.selectedDate()
        return dt.date(chosen.year(), chosen.month(), chosen.day())


class CueActions(QObject):
    """Dismiss and snooze for one view; `held` carries the note to show, `failed` an error."""

    held = Signal(object, str)  # the cue, the note
    failed = Signal(str)
    stack_moved = Signal()  # the shell's stack did or undid something (anything)

    def __init__(
        self,
        parent: QWidget,
        clock: Clock,
        stack: StackSource,
        refresh: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._view = parent
        self._clock = clock
        self._stack = stack
        self._refresh = refresh
        self.date_dialog: SnoozeDateDialog | None = None
        self.menu: QMenu | None = None  # the open context menu, for tests
        self.last_command: HoldCueCommand | None = None  # the one the latest `held` speaks of
        self._watched: QUndoStack | None = None
        # Where keyboard focus goes after a cue is put away: its bar hides, and Qt would
        # otherwise hand focus to whatever comes next (say a profile combo box that the next
        # arrow key would change).
        self.focus_home: QWidget | None = None

    def show_menu(self, cue: Cue, global_pos: QPoint, first: Sequence[QAction] = ()) -> None:
        """The cue's context menu: the view's own actions first, then Dismiss and Snooze."""
        menu = QMenu(self._view)
        menu.setAccessibleName(_("Cue actions"))
        for action in first:
            action.setParent(menu)
            menu.addAction(action)
        if first:
            menu.addSeparator()
        self.add_to_menu(menu, cue)
        self.menu = menu
        menu.exec(global_pos)
        self.menu = None
        menu.deleteLater()

    # --- menus ------------------------------------------------------------------------------

    def add_to_menu(self, menu: QMenu, cue: Cue) -> None:
        """Dismiss and a Snooze submenu, bound to this cue."""
        dismiss = menu.addAction(_(DISMISS_TEXT))
        dismiss.setToolTip(_(DISMISS_TIP))
        dismiss.triggered.connect(lambda: self.dismiss(cue))
        menu.addMenu(self.snooze_menu(cue, menu))

    def snooze_menu(self, cue: Cue, parent: QWidget) -> QMenu:
        menu = QMenu(_("&Snooze"), parent)
        menu.setAccessibleName(_("Snooze"))
        for label, days in SNOOZE_SPANS:
            action = menu.addAction(_(label))
            action.triggered.connect(
                lambda _c=False, d=days: self.snooze(cue, self._local_now() + dt.timedelta(days=d))
            )
        menu.addSeparator()
        pick = menu.addAction(_("Until a &date…"))
        pick.triggered.connect(lambda: self.ask_date(cue))
        return menu

    # --- the actions ------------------------------------------------------------------------

    def dismiss(self, cue: Cue) -> None:
        self._apply(cue, None)

    def snooze(self, cue: Cue, until: dt.datetime) -> None:
        if until <= self._clock():
            self.failed.emit(_("Pick a moment after now to snooze until."))
            return
        self._apply(cue, until)

    def _local_now(self) -> dt.datetime:
        """Now in the machine's zone with its rules: "in a week" is the same clock time then,
        and the note names the day it comes back in local time, summer time included."""
        return self._clock().astimezone(local_zone())

    def ask_date(self, cue: Cue) -> None:
        """Window-modal, not blocking: the cue is snoozed when the dialog is accepted."""
        now = self._clock()
        dialog = SnoozeDateDialog(now.date(), self._view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.snooze(cue, start_of(dialog.day(), local_zone())))
        dialog.destroyed.connect(lambda: setattr(self, "date_dialog", None))
        self.date_dialog = dialog
        dialog.open()

    def is_newest(self, command: JournalCommand | None) -> bool:
        """Whether `command` is the newest thing done on the stack, so undoing it undoes it
        alone (anything newer, from any view, would have to be undone first)."""
        stack = self._stack()
        return (
            command is not None
            and stack is not None
            and stack.index() > 0
            and stack.command(stack.index() - 1) is command
        )

    def undo(self, command: JournalCommand | None) -> bool:
        """Undo exactly this dismissal or snooze, if it is still the newest thing done; True
        if its cue came back (a busy journal leaves it where it was, saying so)."""
        stack = self._stack()
        if stack is None or not self.is_newest(command):
            return False
        stack.undo()
        return not self.is_newest(command)

    def _watch(self, stack: QUndoStack) -> None:
        if stack is not self._watched:
            if self._watched is not None:
                self._watched.indexChanged.disconnect(self._moved)
            stack.indexChanged.connect(self._moved)
            self._watched = stack

    def _moved(self, _index: int) -> None:
        if isValid(self._watched):  # not while the stack is being destroyed (it clears itself)
            self.stack_moved.emit()

    def _apply(self, cue: Cue, until: dt.datetime | None) -> None:
        command = HoldCueCommand(cue, until, report=self.failed.emit)
        stack = self._stack()
        try:
            if stack is not None:
                self._watch(stack)
                push_applied(stack, command)  # the stack's signal refreshes the views
            else:
                command.apply()
                self._refresh()
        except RapportError as exc:
            self.failed.emit(_("The cue could not be put away: {problem}").format(problem=exc))
            return
        self.last_command = command if stack is not None else None
        self.held.emit(cue, held_message(cue, until, language()))
        self._return_focus()

    def _return_focus(self) -> None:
        home = self.focus_home
        if home is not None and isValid(home) and home.isVisible():
            home.setFocus(Qt.FocusReason.OtherFocusReason)


class CueActionBar(QWidget):
    """The chosen cue in words, with Dismiss and Snooze as real buttons (keyboard, screen
    readers): where a view shows a cue's detail, the actions are in plain sight."""

    def __init__(
        self, actions: CueActions, parent: QWidget | None = None, indent: int = 16
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self.cue: Cue | None = None
        self.setAccessibleName(_("Chosen cue"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(_("Chosen cue"))
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.setAccessibleName(_("Dismiss cue"))
        self.dismiss_button.setToolTip(_(DISMISS_TIP))
        self.dismiss_button.clicked.connect(self._dismiss)
        self.snooze_button = QPushButton(_("Snooze"))  # with a menu: the style draws its arrow
        self.snooze_button.setAccessibleName(_("Snooze cue"))
        self.snooze_button.setToolTip(_("Hide this cue for a while; it comes back then."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(indent, 2, 10, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button)
        layout.addWidget(self.snooze_button)
        self.set_cue(None)

    def set_cue(self, cue: Cue | None) -> None:
        self.cue = cue
        self.setVisible(cue is not None)
        if cue is None:
            return
        kind = _(KIND_WORDS.get(cue.kind, cue.kind.replace("_", " ")))
        self.text.setText(f"<b>{kind[:1].upper()}{kind[1:]}</b> · {cue.explanation}")
        old = self.snooze_button.menu()
        self.snooze_button.setMenu(self._actions.snooze_menu(cue, self))
        if old is not None:
            old.deleteLater()

    def _dismiss(self) -> None:
        if self.cue is not None:
            self._actions.dismiss(self.cue)


class HeldNote(QWidget):
    """One calm line saying what was put away, with an Undo link that takes back exactly that
    dismissal or snooze: it shows only while that is the newest thing done on the stack."""

    def __init__(
        self, actions: CueActions, parent: QWidget | None = None, indent: int = 16
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._command: JournalCommand | None = None  # what the note's Undo takes back
        self.setAccessibleName(_("Cue note"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setStyleSheet("color: palette(placeholder-text);")
        self.undo_link = QLabel(_('<a href="undo">Undo</a>'))
        self.undo_link.setAccessibleName(_("Undo"))
        self.undo_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.undo_link.linkActivated.connect(self._undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(indent, 2, 10, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_link, 0, Qt.AlignmentFlag.AlignTop)
        actions.held.connect(lambda _cue, note: self.say(note, actions.last_command))
        actions.failed.connect(lambda message: self.say(message))
        actions.stack_moved.connect(self._show_undo_if_newest)
        self.hide()

    def say(self, message: str, undoes: JournalCommand | None = None) -> None:
        self.text.setText(message)
        self.setAccessibleDescription(message)
        self._command = undoes
        self._show_undo_if_newest()
        self.show()

    def _show_undo_if_newest(self) -> None:
        self.undo_link.setVisible(self._actions.is_newest(self._command))

    def plain(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def _undo(self, _link: str = "undo") -> None:
        command = self._command
        if self._actions.undo(command):
            self.say(_("Brought back."))
        elif self._actions.is_newest(command):  # refused (the journal was busy): try again
            self._command = command
            self._show_undo_if_newest()
