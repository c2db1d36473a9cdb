"""The capture form's own widgets: feeling steps, emotion chips, a date that may be unset,
and radio rows whose Tab stop follows the checked button.

Plain widgets: they know nothing of the journal, drafts or saving.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.i18n import _
from journal.values.vocabulary import emotion_key
from ui.dialogs.qt_dates import from_qdate, to_qdate
from ui.views.timeline.glyphs import EMOTION_WORDS, FEELING_WORDS, emotion_word, feeling_color


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
        self.setAccessibleName(_("Feeling, keys 1 to 5"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self._buttons: dict[int, QPushButton] = {}
        for key, feeling in enumerate(range(-2, 3), start=1):
            button = QPushButton(f"{key}  {_(FEELING_WORDS[feeling])}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(_("Feeling {word}").format(word=_(FEELING_WORDS[feeling])))
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
        self.other.setPlaceholderText(_("another word, Enter adds it"))
        self.other.setAccessibleName(_("Another emotion word"))
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
        shown = emotion_word(word)
        chip.setText(shown)
        chip.setCheckable(True)
        chip.setAccessibleName(_("Emotion {word}").format(word=shown))
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
            self._chip(emotion_key(word.strip().lower())).setChecked(True)
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


def pick(group: QButtonGroup, value: str | None) -> None:
    """Check the button of `value` in a radio row (its "value" property); others stay."""
    for button in group.buttons():
        if button.property("value") == value:
            button.setChecked(True)


def picked(group: QButtonGroup) -> str | None:
    button: QAbstractButton | None = group.checkedButton()
    return None if button is None else str(button.property("value"))


def tab_to_checked(group: QButtonGroup) -> None:
    """Tab into a radio row lands on its checked button (the arrows move within the row)."""
    checked = group.checkedButton()
    for button in group.buttons():
        tab = button is checked or (checked is None and button is group.buttons()[0])
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if tab else Qt.FocusPolicy.ClickFocus)


class OptionalDate:
    """A check box and a date beside it: the date counts only while the box is checked.

    Not a widget of its own: both go into the caller's row, spaced as the row spaces them."""

    def __init__(self, label: str, name: str, default: dt.date) -> None:
        self.check = QCheckBox(label)
        self.check.setAccessibleName(name)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setDate(to_qdate(default))
        self.date.setEnabled(False)
        self.check.toggled.connect(self.date.setEnabled)

    def add_to(self, row: QHBoxLayout) -> None:
        row.addWidget(self.check)
        row.addWidget(self.date)

    def value(self) -> dt.date | None:
        return from_qdate(self.date.date()) if self.check.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        """Unset unchecks and leaves the date as it was (the default stays ready)."""
        self.check.setChecked(day is not None)
        if day is not None:
            self.date.setDate(to_qdate(day))


def self_check_answers(boxes: dict[str, QComboBox]) -> dict[str, bool] | None:
    """The answered questions of the self-check, or None when none is."""
    answers = {
        key: box.currentData() for key, box in boxes.items() if box.currentData() is not None
    }
    return answers or None


def set_self_check_answers(boxes: dict[str, QComboBox], answers: dict[str, bool] | None) -> None:
    answers = answers or {}
    for key, box in boxes.items():
        box.setCurrentIndex(box.findData(answers[key]) if key in answers else 0)
