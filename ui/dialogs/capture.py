"""Capture in seconds after a call: a new interaction, or an edit of one, that never loses a word.

Keyboard first: the summary has focus; channel and direction are radio rows with mnemonics
and arrow keys; feeling is keys 1 to 5 on the feeling row (or Ctrl+1..5 from anywhere);
Ctrl+Return saves. Everything typed is autosaved as a draft (journal.drafts, encrypted in the
journal) every few seconds and on close; the draft is cleared only once the save succeeded,
and a new dialog offers an unsaved draft back, e.g. after a crash. While an import holds the
journal, autosave skips a tick and Save says "busy" in one line instead of freezing the window;
the dialog does not close until the words are saved or kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.clients import list_clients
from journal.entries.capture import SELF_CHECK_QUESTIONS, NewCommitment
from journal.entries.drafts import (
    NEW_PREFIX,
    SavedDraft,
    discard_draft,
    edit_draft_key,
    new_draft_key,
    pending_drafts,
    save_draft,
)
from journal.entries.usual_channel import usual_channel
from journal.errors import JournalBusy, RapportError
from journal.timeline import commitments_made_in, interaction_by_id, interaction_id_of_uid
from journal.values.vocabulary import CHANNELS, DIRECTIONS
from ui.background import journal_busy
from ui.commands import AddInteractionCommand, EditInteractionCommand, push_applied
from ui.views.timeline import FEELING_WORDS, channel_icon, feeling_color

Clock = Callable[[], dt.datetime]

EMOTION_WORDS = (
    "dread",
    "drained",
    "anxious",
    "frustrated",
    "uneasy",
    "calm",
    "energised",
    "grateful",
    "hopeful",
    "proud",
)
CHANNEL_LABELS = {
    "email": "&Email",
    "phone": "&Phone",
    "video": "&Video",
    "meeting": "&Meeting",
    "message": "Me&ssage",
}
DIRECTION_LABELS = {"out": "I reached &out", "in": "They reached &in", "two_way": "&Both ways"}
AUTOSAVE_MS = 3000
BUSY_MESSAGE = (
    "The journal is busy (an import is running); your words are kept — try again in a moment."
)


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class EnterLineEdit(QLineEdit):
    """A line whose Enter adds what was typed, instead of also saving the whole dialog."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class FeelingPicker(QWidget):
    """Five steps from very bad to very good; keys 1-5 pick, 0 or Backspace clears."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Feeling, keys 1 to 5")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self._buttons: dict[int, QPushButton] = {}
        for key, feeling in enumerate(range(-2, 3), start=1):
            button = QPushButton(f"{key}  {FEELING_WORDS[feeling]}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"Feeling {FEELING_WORDS[feeling]}")
            colour = feeling_color(feeling)
            soft = QColor(colour)
            soft.setAlphaF(0.22)
            button.setStyleSheet(
                "QPushButton { border: 1px solid palette(mid); border-radius: 11px;"
                " padding: 3px 10px; }"
                f"QPushButton:checked {{ background: {soft.name(QColor.NameFormat.HexArgb)};"
                f" border: 2px solid {colour.name()}; font-weight: bold; }}"
            )
            bold = QFont(button.font())
            bold.setBold(True)
            # Room for the bold checked text, padding and the 2px checked border.
            button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(button.text()) + 28)
            self._group.addButton(button, feeling + 10)
            self._buttons[feeling] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self._group.idClicked.connect(lambda ident: self._toggle(ident - 10))

    def value(self) -> int | None:
        for feeling, button in self._buttons.items():
            if button.isChecked():
                return feeling
        return None

    def set_value(self, feeling: int | None) -> None:
        for value, button in self._buttons.items():
            button.setChecked(value == feeling)
        self.changed.emit()

    def _toggle(self, feeling: int) -> None:
        """A click picks that step, or clears it when it was already picked."""
        self.set_value(feeling if self._buttons[feeling].isChecked() else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in ("1", "2", "3", "4", "5"):
            self.set_value(int(text) - 3)
        elif text == "0" or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_value(None)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if event.key() == Qt.Key.Key_Left else 1
            current = self.value()
            self.set_value(max(-2, min(2, (0 if current is None else current + step))))
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:
        self.update()
        super().focusInEvent(event)


class _Chip(QToolButton):
    """One emotion chip: Space toggles it, the arrow keys go to its neighbours."""

    def __init__(self, row: ChipRow, word: str) -> None:
        super().__init__()
        self._row = row
        self._word = word

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._row._step(self._word, event.key()):
            super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:
        self._row._rove(self._word)
        super().focusInEvent(event)


class ChipRow(QWidget):
    """Emotion words as toggle chips, plus a box for a word of one's own."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._rows: list[QHBoxLayout] = []
        self._chips: dict[str, QToolButton] = {}
        self._outer = outer
        self.other = EnterLineEdit()
        self.other.setPlaceholderText("another word, Enter adds it")
        self.other.setAccessibleName("Another emotion word")
        self.other.returnPressed.connect(self._add_typed)
        self._current = ""  # the chip Tab lands on: the row is one Tab stop
        for word in EMOTION_WORDS:
            self._chip(word)
        self._rove(EMOTION_WORDS[0])
        last = QHBoxLayout()
        last.addWidget(self.other, 1)
        outer.addLayout(last)

    def _chip(self, word: str) -> QToolButton:
        if word in self._chips:
            return self._chips[word]
        if not self._rows or self._rows[-1].count() >= 6:
            row = QHBoxLayout()
            row.setSpacing(4)
            row.addStretch(1)
            self._rows.append(row)
            self._outer.insertLayout(len(self._rows) - 1, row)
        row = self._rows[-1]
        chip = _Chip(self, word)
        chip.setText(word)
        chip.setCheckable(True)
        chip.setAccessibleName(f"Emotion {word}")
        chip.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 10px; padding: 2px 9px; }"
            "QToolButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); border-color: palette(highlight); }"
        )
        chip.toggled.connect(self.changed)
        chip.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        row.insertWidget(row.count() - 1, chip)
        self._chips[word] = chip
        return chip

    def _rove(self, word: str) -> None:
        """Make `word` the row's one Tab stop; the others are reached with the arrow keys."""
        if self._current in self._chips:
            self._chips[self._current].setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._current = word
        self._chips[word].setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _step(self, word: str, key: int) -> bool:
        """Arrow keys (and Home, End) move focus along the chips; True if one was handled."""
        words = list(self._chips)
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Home: -len(words),
            Qt.Key.Key_End: len(words),
        }.get(Qt.Key(key))
        if step is None:
            return False
        target = words[max(0, min(len(words) - 1, words.index(word) + step))]
        self._rove(target)
        self._chips[target].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def chip(self, word: str) -> QToolButton:
        return self._chips[word]

    def _add_typed(self) -> None:
        for word in self.other.text().replace(",", " ").split():
            self._chip(word.strip().lower()).setChecked(True)
        self.other.clear()

    def words(self) -> list[str]:
        typed = [w.strip().lower() for w in self.other.text().replace(",", " ").split()]
        chosen = [word for word, chip in self._chips.items() if chip.isChecked()]
        return chosen + [w for w in typed if w and w not in chosen]

    def set_words(self, words: list[str]) -> None:
        for chip in self._chips.values():
            chip.setChecked(False)
        for word in words:
            self._chip(word).setChecked(True)


class CaptureDialog(QDialog):
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
        super().__init__(parent)
        self._stack = undo_stack
        self._clock = clock
        self.interaction_id = interaction_id
        self._closing_decided = False
        editing = interaction_id is not None
        self.setWindowTitle("Edit interaction" if editing else "New interaction")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(620)
        self._build()
        if editing:
            interaction = interaction_by_id(interaction_id)
            self.draft_key = edit_draft_key(interaction.uid)
            self._load_interaction(interaction)
        else:
            self.draft_key = new_draft_key()
            self._set_client(client_id)
            moment = clock().astimezone().replace(second=0, microsecond=0)
            self.when.setDateTime(QDateTime(moment.replace(tzinfo=None)))
        self._baseline = self.payload()
        self._offered: SavedDraft | None = None
        if offer_drafts:
            self._offer_draft()
        self._timer = QTimer(self)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.autosave)
        self._timer.start()
        (self.summary if self.client.currentIndex() >= 0 else self.client).setFocus()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        self.draft_bar = QFrame()
        self.draft_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.draft_bar.setStyleSheet(
            "QFrame { background: palette(alternate-base); border-radius: 6px; }"
        )
        bar = QHBoxLayout(self.draft_bar)
        self.draft_label = QLabel()
        self.draft_label.setWordWrap(True)
        self.restore_button = QPushButton("Restore draft")
        self.restore_button.setAccessibleName("Restore the unsaved draft")
        self.discard_button = QPushButton("Discard it")
        self.discard_button.setAccessibleName("Discard the unsaved draft")
        bar.addWidget(self.draft_label, 1)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.discard_button)
        self.restore_button.clicked.connect(self.restore_offered_draft)
        self.discard_button.clicked.connect(self.discard_offered_draft)
        self.draft_bar.hide()
        layout.addWidget(self.draft_bar)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        top = QHBoxLayout()
        self.client = QComboBox()
        self.client.setAccessibleName("Client")
        for row in list_clients():
            self.client.addItem(row.name, row.id)
        # With no client open, none is guessed: an entry filed under the wrong person is worse
        # than a question. Save refuses until one is picked; typing a name's first letters
        # picks it.
        self.client.setPlaceholderText("Choose a client…")
        self.client.setCurrentIndex(-1)
        self.when = QDateTimeEdit()
        self.when.setAccessibleName("When")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy  HH:mm")
        top.addWidget(self.client, 2)
        top.addWidget(self.when, 1)
        form.addRow("Client", top)

        self.summary = QLineEdit()
        self.summary.setAccessibleName("Summary")
        self.summary.setPlaceholderText("What happened, in one line")
        form.addRow("Summar&y", self.summary)

        self.channels = QButtonGroup(self)
        channel_row = QHBoxLayout()
        for channel in CHANNELS:
            button = QRadioButton(CHANNEL_LABELS[channel])
            button.setIcon(channel_icon(channel))
            button.setAccessibleName(f"Channel {channel}")
            self.channels.addButton(button)
            button.setProperty("value", channel)
            channel_row.addWidget(button)
        channel_row.addStretch(1)
        form.addRow("Channel", channel_row)

        self.directions = QButtonGroup(self)
        direction_row = QHBoxLayout()
        for direction in DIRECTIONS:
            button = QRadioButton(DIRECTION_LABELS[direction])
            button.setAccessibleName(f"Direction {direction.replace('_', ' ')}")
            button.setProperty("value", direction)
            self.directions.addButton(button)
            direction_row.addWidget(button)
        direction_row.addStretch(1)
        form.addRow("Direction", direction_row)
        for group in (self.channels, self.directions):
            group.buttonToggled.connect(lambda _b, _on, g=group: _tab_to_checked(g))
        self._pick(self.channels, "email")
        self._pick(self.directions, "two_way")
        self._channel_chosen = False  # until then the channel follows the client
        self.channels.buttonClicked.connect(lambda _b: setattr(self, "_channel_chosen", True))
        self.client.activated.connect(self._follow_client)  # the coach's own choice

        self.feeling = FeelingPicker()
        form.addRow("&Feeling", self.feeling)
        form.labelForField(self.feeling).setBuddy(self.feeling)

        self.emotions = ChipRow()
        form.addRow("Felt", self.emotions)

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Notes: what was said, what you noticed")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(110)
        form.addRow("&Notes", self.notes)

        follow = QHBoxLayout()
        self.awaits_reply = QCheckBox("&Awaiting a reply")
        self.awaits_reply.setAccessibleName("Awaiting a reply")
        self.follow_up = QCheckBox("Follow &up on")
        self.follow_up.setAccessibleName("Follow up")
        self.follow_up_on = QDateEdit()
        self.follow_up_on.setAccessibleName("Follow-up date")
        self.follow_up_on.setCalendarPopup(True)
        self.follow_up_on.setDisplayFormat("d MMM yyyy")
        self.follow_up_on.setEnabled(False)
        self.follow_up.toggled.connect(self.follow_up_on.setEnabled)
        self.follow_up_on.setDate(QDate(self._clock().astimezone().date()).addDays(7))
        follow.addWidget(self.awaits_reply)
        follow.addSpacing(16)
        follow.addWidget(self.follow_up)
        follow.addWidget(self.follow_up_on)
        follow.addStretch(1)
        form.addRow("", follow)

        self.commitments = QListWidget()
        self.commitments.setAccessibleName("Commitments made in this interaction")
        self.commitments.setMaximumHeight(80)
        self.commitments.hide()
        add = QHBoxLayout()
        self.commitment_owner = QComboBox()
        self.commitment_owner.setAccessibleName("Who promised")
        self.commitment_owner.addItem("I will", "me")
        self.commitment_owner.addItem("Client will", "client")
        self.commitment_text = EnterLineEdit()
        self.commitment_text.setAccessibleName("Commitment")
        self.commitment_text.setPlaceholderText("a promise made on this call; Enter adds it")
        self.commitment_has_due = QCheckBox("by")
        self.commitment_has_due.setAccessibleName("Has a due date")
        self.commitment_due = QDateEdit()
        self.commitment_due.setAccessibleName("Due date")
        self.commitment_due.setCalendarPopup(True)
        self.commitment_due.setDisplayFormat("d MMM yyyy")
        self.commitment_due.setDate(QDate(self._clock().astimezone().date()).addDays(7))
        self.commitment_due.setEnabled(False)
        self.commitment_has_due.toggled.connect(self.commitment_due.setEnabled)
        self.commitment_text.returnPressed.connect(self.add_commitment_from_row)
        add.addWidget(self.commitment_owner)
        add.addWidget(self.commitment_text, 1)
        add.addWidget(self.commitment_has_due)
        add.addWidget(self.commitment_due)
        box = QVBoxLayout()
        box.addWidget(self.commitments)
        box.addLayout(add)
        form.addRow("P&romises", box)
        form.labelForField(box).setBuddy(self.commitment_text)
        layout.addLayout(form)

        self.self_check_toggle = QToolButton()
        self.self_check_toggle.setText("Self-check on the five behaviours (optional)")
        self.self_check_toggle.setCheckable(True)
        self.self_check_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.self_check_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.self_check_toggle.setAutoRaise(True)
        self.self_check_toggle.setAccessibleName("Show the self-check")
        self.self_check_toggle.setShortcut(QKeySequence("Ctrl+K"))
        layout.addWidget(self.self_check_toggle)
        self.self_check_box = QWidget()
        check_form = QFormLayout(self.self_check_box)
        check_form.setContentsMargins(24, 0, 0, 0)
        self.self_check: dict[str, QComboBox] = {}
        for key, question in SELF_CHECK_QUESTIONS:
            answer = QComboBox()
            answer.addItem("not answered", None)
            answer.addItem("Yes", True)
            answer.addItem("No", False)
            answer.setAccessibleName(question)
            check_form.addRow(question, answer)
            self.self_check[key] = answer
        self.self_check_box.hide()
        self.self_check_toggle.toggled.connect(self._show_self_check)
        layout.addWidget(self.self_check_box)

        self.error = QLabel()
        self.error.setAccessibleName("Problem")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b5523b;")
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save (Ctrl+Return)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        for key, feeling in zip("12345", range(-2, 3), strict=True):
            QShortcut(
                QKeySequence(f"Ctrl+{key}"),
                self,
                activated=lambda f=feeling: self.feeling.set_value(f),
            )

    def _show_self_check(self, shown: bool) -> None:
        self.self_check_box.setVisible(shown)
        self.self_check_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        if shown:
            next(iter(self.self_check.values())).setFocus()

    @staticmethod
    def _pick(group: QButtonGroup, value: str | None) -> None:
        for button in group.buttons():
            if button.property("value") == value:
                button.setChecked(True)

    @staticmethod
    def _picked(group: QButtonGroup) -> str | None:
        button: QAbstractButton | None = group.checkedButton()
        return None if button is None else str(button.property("value"))

    def _set_client(self, client_id: int | None) -> None:
        index = self.client.findData(client_id) if client_id is not None else -1
        self.client.setCurrentIndex(index)
        self._follow_client()

    def _follow_client(self, _index: int = -1) -> None:
        """A new entry starts on the client's usual channel until the coach picks one."""
        if self.interaction_id is None and not self._channel_chosen:
            self._pick(self.channels, usual_channel(self.client.currentData()))

    # --- values in and out ------------------------------------------------------------------

    def add_commitment_from_row(self) -> None:
        text = self.commitment_text.text().strip()
        if not text:
            return
        due = self.commitment_due.date().toPython() if self.commitment_has_due.isChecked() else None
        self._add_commitment_item(str(self.commitment_owner.currentData()), text, due)
        self.commitment_text.clear()

    def _add_commitment_item(self, owner: str, text: str, due: dt.date | None) -> None:
        who = "I will" if owner == "me" else "Client will"
        label = f"{who}: {text}" + (f"  (by {due.day} {due:%b %Y})" if due else "")
        item = QListWidgetItem(label)
        item.setData(
            Qt.ItemDataRole.UserRole,
            {"owner": owner, "text": text, "due": due.isoformat() if due else None},
        )
        self.commitments.addItem(item)
        self.commitments.show()

    def new_commitments(self) -> list[NewCommitment]:
        """Listed promises plus one still typed in the row: a typed promise is never dropped."""
        out = []
        for row in range(self.commitments.count()):
            data = self.commitments.item(row).data(Qt.ItemDataRole.UserRole)
            if data.get("existing"):
                continue
            due = dt.date.fromisoformat(data["due"]) if data["due"] else None
            out.append(NewCommitment(data["owner"], data["text"], due))
        typed = self.commitment_text.text().strip()
        if typed:
            due = (
                self.commitment_due.date().toPython()
                if self.commitment_has_due.isChecked()
                else None
            )
            out.append(NewCommitment(str(self.commitment_owner.currentData()), typed, due))
        return out

    def values(self) -> dict[str, Any]:
        """The interaction fields as journal.capture takes them."""
        at = self.when.dateTime().toPython().astimezone()
        answers = {
            key: box.currentData()
            for key, box in self.self_check.items()
            if box.currentData() is not None
        }
        return {
            "at": at,
            "channel": self._picked(self.channels),
            "direction": self._picked(self.directions),
            "summary": self.summary.text(),
            "notes": self.notes.toPlainText(),
            "feeling": self.feeling.value(),
            "emotions": self.emotions.words(),
            "awaits_reply": self.awaits_reply.isChecked(),
            "follow_up_on": self.follow_up_on.date().toPython()
            if self.follow_up.isChecked()
            else None,
            "self_check": answers or None,
        }

    def payload(self) -> dict[str, Any]:
        """Everything on screen as JSON, for the draft."""
        values = self.values()
        return {
            **values,
            "at": values["at"].isoformat(),
            "follow_up_on": values["follow_up_on"].isoformat() if values["follow_up_on"] else None,
            "client_id": self.client.currentData(),
            "commitments": [
                {"owner": c.owner, "text": c.text, "due": c.due.isoformat() if c.due else None}
                for c in self.new_commitments()
            ],
        }

    def apply_payload(self, payload: dict[str, Any]) -> None:
        self._channel_chosen = True  # the draft's channel was chosen then
        if self.interaction_id is None:
            self._set_client(payload.get("client_id"))
        try:
            at = dt.datetime.fromisoformat(payload["at"]).astimezone()
            self.when.setDateTime(QDateTime(at.replace(tzinfo=None)))
        except (KeyError, TypeError, ValueError):
            pass
        self._pick(self.channels, payload.get("channel"))
        self._pick(self.directions, payload.get("direction"))
        self.summary.setText(payload.get("summary") or "")
        self.notes.setPlainText(payload.get("notes") or "")
        self.feeling.set_value(payload.get("feeling"))
        self.emotions.set_words(list(payload.get("emotions") or []))
        self.awaits_reply.setChecked(bool(payload.get("awaits_reply")))
        follow = payload.get("follow_up_on")
        self.follow_up.setChecked(bool(follow))
        if follow:
            self.follow_up_on.setDate(QDate.fromString(follow, Qt.DateFormat.ISODate))
        answers = payload.get("self_check") or {}
        for key, box in self.self_check.items():
            box.setCurrentIndex(box.findData(answers[key]) if key in answers else 0)
        if answers:
            self.self_check_toggle.setChecked(True)
        for row in range(self.commitments.count() - 1, -1, -1):
            if not self.commitments.item(row).data(Qt.ItemDataRole.UserRole).get("existing"):
                self.commitments.takeItem(row)
        for item in payload.get("commitments") or []:
            due = dt.date.fromisoformat(item["due"]) if item.get("due") else None
            self._add_commitment_item(item["owner"], item["text"], due)

    def _load_interaction(self, interaction: Any) -> None:
        self._set_client(interaction.client_id)
        self.client.setEnabled(False)
        at = interaction.at.astimezone()
        self.when.setDateTime(QDateTime(at.replace(tzinfo=None)))
        self._pick(self.channels, interaction.channel)
        self._pick(self.directions, interaction.direction)
        self.summary.setText(interaction.summary)
        self.notes.setPlainText(interaction.notes)
        self.feeling.set_value(interaction.feeling)
        self.emotions.set_words(list(interaction.emotions))
        self.awaits_reply.setChecked(interaction.awaits_reply)
        if interaction.follow_up_on:
            self.follow_up.setChecked(True)
            self.follow_up_on.setDate(QDate(interaction.follow_up_on))
        for key, box in self.self_check.items():
            answers = interaction.self_check or {}
            box.setCurrentIndex(box.findData(answers[key]) if key in answers else 0)
        self.commitments.clear()
        self.commitments.hide()
        for made in commitments_made_in(interaction.id):
            who = "I will" if made.owner == "me" else "Client will"
            item = QListWidgetItem(
                f"{who}: {made.text}"
                + (f"  (by {made.due.day} {made.due:%b %Y})" if made.due else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, {"existing": True})
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.commitments.addItem(item)
            self.commitments.show()
        self._original = self.values()

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
            self._show_error(f"Could not keep a draft: {exc}")
            return False
        if self.error.text() == BUSY_MESSAGE:
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
        when = draft.updated_at.astimezone()
        what = (draft.payload.get("summary") or draft.payload.get("notes") or "").strip()
        what = (what[:60] + "…") if len(what) > 60 else what
        more = f" ({len(offered) - 1} more after this)" if len(offered) > 1 else ""
        self.draft_bar.show()
        if self.interaction_id is not None:
            # The draft is this very edit, unfinished: bring it straight back.
            self.restore_offered_draft()
            self.draft_label.setText(
                f"Your unsaved changes from {when.day} {when:%b, %H:%M} are back. "
                "Discard them to start from the saved entry."
            )
            self.restore_button.hide()
            self.draft_bar.show()
            self._offered = draft
            return
        self.draft_label.setText(
            f"An unsaved entry from {when.day} {when:%b, %H:%M} was kept: "
            f"“{what or 'untitled'}”{more}."
        )

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
            self._show_error(BUSY_MESSAGE)
            return
        try:
            if self.interaction_id is None:
                client_id = self.client.currentData()
                if client_id is None:
                    self.client.setFocus()
                    raise RapportError(
                        "Choose the client this entry is about (at the top)."
                        if self.client.count()
                        else "Add a client first (Client > New client), then save this entry."
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
            self._show_error(BUSY_MESSAGE)  # the dialog stays open; autosave keeps trying
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
                        "The journal is busy (an import is running), so your words cannot be "
                        "kept as a draft yet; this window stays open — close it in a moment."
                    )
                return  # closing now would lose the words
        self._closing_decided = True
        self._timer.stop()
        super().reject()

    def _ask_discard(self) -> QMessageBox.StandardButton:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Keep what you typed?",
            "This entry is not saved. Keep it as a draft to finish later, or discard it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText("Keep as draft")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def closeEvent(self, event: Any) -> None:
        if not self._closing_decided:
            self.autosave()
        super().closeEvent(event)


def _tab_to_checked(group: QButtonGroup) -> None:
    """Tab into a radio row lands on its checked button (the arrows move within the row)."""
    checked = group.checkedButton()
    for button in group.buttons():
        tab = button is checked or (checked is None and button is group.buttons()[0])
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if tab else Qt.FocusPolicy.ClickFocus)


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
