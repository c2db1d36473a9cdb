"""The per-client warning-sign thresholds in the profile panel: a folded section whose
values override the journal-wide ones for this client, saved as one undoable step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.changes import Changes
from journal.cues.api import client_thresholds, parse_threshold
from journal.errors import RapportError
from journal.i18n import _, ngettext
from journal.settings import CUE_SETTINGS
from journal.timeline import client_by_id
from journal.values.vocabulary import words_shown, words_stored
from ui.commands import SetClientThresholdsCommand, run_undoable


def _shown(value: Any) -> str:
    """A value as the language writes numbers: 2.5 in English, 2,5 in Swedish (both read back);
    no thousands separator, which would read as a decimal one."""
    if isinstance(value, str):  # the dread words, in the language spoken
        return words_shown(value)
    if not isinstance(value, float):
        return str(value)
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(value, "g", 6)


class ThresholdsSection(QWidget):
    """This client's own warning-sign thresholds, folded away by default.

    An empty field follows the global setting (shown greyed in it); a value counts for this
    client only. Saving writes all changes in one undoable step.
    """

    changed = Signal(int)

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._undo = undo_stack
        self._client_id: int | None = None
        self._own: dict[str, Any] = {}
        self._loading = False
        self._stale = False

        self.toggle = QToolButton()
        self.toggle.setText(_("Warning signs for this client"))
        self.toggle.setAccessibleName(_("Show this client's warning-sign thresholds"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._show_body)
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Own thresholds"))
        self.summary.setEnabled(False)  # greyed: a quiet note, not a control
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle)
        header.addWidget(self.summary, 1)

        intro = QLabel(
            _("Empty fields follow Preferences. A value here counts for this client only.")
        )
        intro.setWordWrap(True)
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setColumnStretch(0, 1)
        widest = _("default ({value})").format(value=_shown(2.5))
        field_width = self.fontMetrics().horizontalAdvance(widest) + 30
        for number, spec in enumerate(CUE_SETTINGS):
            field = QLineEdit()
            field.setAccessibleName(_(spec.label))
            field.setToolTip(_("{help} Empty: as in Preferences.").format(help=_(spec.help)))
            field.setClearButtonEnabled(True)
            field.textEdited.connect(self._edited)
            label = QLabel(_(spec.label))
            label.setWordWrap(True)
            label.setToolTip(_(spec.help))
            label.setBuddy(field)
            if spec.type is str:  # the dread words: a line of their own under the label
                grid.addWidget(label, 2 * number, 0, 1, 2)
                grid.addWidget(field, 2 * number + 1, 0, 1, 2)
            else:
                field.setFixedWidth(field_width)
                grid.addWidget(label, 2 * number, 0)
                grid.addWidget(field, 2 * number, 1, Qt.AlignmentFlag.AlignTop)
            self.fields[spec.key] = field
            self.labels[spec.key] = label
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(rows)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.message = QLabel()
        self.message.setAccessibleName(_("Thresholds message"))
        self.message.setWordWrap(True)
        self.reset_button = QPushButton(_("Use Preferences for all"))
        self.reset_button.setAccessibleName(_("Reset every threshold to Preferences"))
        self.reset_button.clicked.connect(self.reset_all)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setAccessibleName(_("Save thresholds"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(18, 0, 0, 0)
        body_layout.addWidget(intro)
        body_layout.addWidget(self.scroll_area, 1)
        body_layout.addWidget(self.message)
        body_layout.addLayout(buttons)
        self.body.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)

    def apply_changes(self, changes: Changes) -> None:
        """A write, undo or redo touched this client (the window's `changed`)."""
        if not changes.concerns(self._client_id):
            return
        if self.isVisible():
            self.reload()
        else:  # hidden (or closing with the window): read the journal when shown again
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def _show_body(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, shown: bool) -> None:
        self.toggle.setChecked(shown)

    def set_client(self, client_id: int | None) -> None:
        self._client_id = client_id
        self.message.clear()
        self.reload(force=True)

    def reload(self, force: bool = False) -> None:
        """Show the stored values; keeps unsaved typing unless `force`."""
        if self._client_id is None or (self.save_button.isEnabled() and not force):
            if self._client_id is None:
                self._own = {}
                self.summary.clear()
            return
        try:
            rows = client_thresholds(client_by_id(self._client_id))
        except RapportError as exc:
            self.message.setText(str(exc))
            return
        self._own = {row.key: row.own_value for row in rows if row.own_value is not None}
        self._loading = True
        try:
            for row in rows:
                field = self.fields[row.key]
                field.setPlaceholderText(
                    _("default ({value})").format(value=_shown(row.global_value))
                )
                field.setText("" if row.own_value is None else _shown(row.own_value))
                font = self.labels[row.key].font()
                font.setBold(row.own_value is not None)
                self.labels[row.key].setFont(font)
        finally:
            self._loading = False
        count = len(self._own)
        self.summary.setText(
            ngettext("%(n)d own value", "%(n)d own values", count) % {"n": count} if count else ""
        )
        self.reset_button.setEnabled(bool(count))
        self.save_button.setEnabled(False)

    def _edited(self, _text: str) -> None:
        if not self._loading:
            self.save_button.setEnabled(True)
            self.message.clear()

    def changes(self) -> dict[str, Any]:
        """What the fields change against what is stored; raises UserInputError for the
        first field that does not hold a value it accepts (and focuses it)."""
        out: dict[str, Any] = {}
        for key, field in self.fields.items():
            text = field.text().strip()
            if not text:
                value = None
            else:
                try:
                    value = parse_threshold(key, text)
                    if isinstance(value, str):  # known emotion words by their stored keys
                        value = words_stored(value)
                except RapportError:
                    field.setFocus()
                    field.selectAll()
                    raise
            if value != self._own.get(key):
                out[key] = value
        return out

    def save(self) -> bool:
        """Store every changed field in one undoable step."""
        if self._client_id is None:
            return False
        try:
            changes = self.changes()
        except RapportError as exc:
            self.message.setText(str(exc).split(": ", 1)[-1])
            return False
        return self._apply(changes, _("Saved."))

    def reset_all(self) -> bool:
        """Let every threshold of this client follow Preferences again (one undoable step)."""
        if self._client_id is None:
            return False
        return self._apply({key: None for key in self._own}, _("All as in Preferences again."))

    def _apply(self, changes: dict[str, Any], done: str) -> bool:
        assert self._client_id is not None
        if not changes:
            self.reload(force=True)
            self.message.setText(_("Nothing to change."))
            return False
        try:
            run_undoable(self._undo, SetClientThresholdsCommand(self._client_id, changes))
        except RapportError as exc:
            self.message.setText(str(exc))
            return False
        self.reload(force=True)
        self.message.setText(done)
        self.changed.emit(self._client_id)
        return True
