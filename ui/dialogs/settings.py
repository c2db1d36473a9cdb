"""Preferences, built from `journal.settings.SCHEMA`: one editor per setting, grouped.

A setting added to the schema (the cue thresholds, say) appears here with no change to this
file. Values are checked by the schema on OK; a bad one is named in one line and nothing is
saved until every value is good.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journal import recovery_sheet, settings
from journal.errors import RapportError
from journal.i18n import N_, _
from journal.settings import SettingSpec
from journal.store.database import Journal
from journal.templates.text import LANGUAGE_NAMES
from journal.values.vocabulary import words_shown, words_stored
from ui.dialogs.sync_settings import SyncBox
from ui.views.profile.rhythm import AwayEditor

SYSTEM_LANGUAGE = N_("The system's language")
"""The language setting's "" in words; each language is shown by its own name."""
# Free text that is naturally several lines long.
MULTILINE = frozenset({"signature", "ideal_client"})
WORD_LISTS = frozenset({"cue_dread_words"})
"""Lists of emotion words: shown in the language spoken, stored by their English keys."""


class _Editor:
    """One setting's widget, with a uniform get/set."""

    def __init__(self, spec: SettingSpec) -> None:
        self.spec = spec
        self.widget: QWidget
        if spec.type is bool:
            self.widget = QCheckBox()
        elif spec.type is int:
            box = QSpinBox()
            box.setRange(
                int(spec.minimum if spec.minimum is not None else -1_000_000),
                int(spec.maximum if spec.maximum is not None else 1_000_000),
            )
            self.widget = box
        elif spec.type is float:
            box_f = QDoubleSpinBox()
            box_f.setDecimals(2)
            box_f.setRange(
                spec.minimum if spec.minimum is not None else -1e6,
                spec.maximum if spec.maximum is not None else 1e6,
            )
            self.widget = box_f
        elif spec.type is list:  # the one structured setting: the coach's away periods
            self.widget = AwayEditor(_("Your away periods"))
        elif spec.choices:
            combo = QComboBox()
            for choice in spec.choices:
                shown = LANGUAGE_NAMES.get(choice, str(choice))
                combo.addItem(_(SYSTEM_LANGUAGE) if choice == "" else shown, choice)
            self.widget = combo
        elif spec.key in MULTILINE:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
            self.widget = text
        else:
            self.widget = QLineEdit()
        self.widget.setAccessibleName(_(spec.label))
        self.widget.setToolTip(_(spec.help))
        self.widget.setObjectName(f"setting_{spec.key}")

    def set(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, AwayEditor):
            w.set_periods(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
            w.setValue(value)
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value))
        elif isinstance(w, QLineEdit):
            w.setText(words_shown(value) if self.spec.key in WORD_LISTS else str(value))
            w.setCursorPosition(0)  # a long value shows its start, not its end

    def get(self) -> Any:
        w = self.widget
        if isinstance(w, AwayEditor):
            return w.periods()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            return w.value()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QLineEdit):
            return words_stored(w.text()) if self.spec.key in WORD_LISTS else w.text()
        return None


class SettingsDialog(QDialog):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        journal_home = journal.home
        self.setWindowTitle(_("Rapport preferences"))
        self.setAccessibleName(_("Preferences"))
        self.setMinimumWidth(520)
        self.editors: dict[str, _Editor] = {}
        current = settings.get_all()

        content = QWidget()
        content_layout = QVBoxLayout(content)
        groups: dict[str, QFormLayout] = {}
        for spec in settings.SCHEMA:
            form = groups.get(spec.group)
            if form is None:
                box = QGroupBox(_(spec.group))
                form = QFormLayout(box)
                groups[spec.group] = form
                content_layout.addWidget(box)
            editor = _Editor(spec)
            editor.set(current[spec.key])
            self.editors[spec.key] = editor
            label = QLabel(_(spec.label))
            label.setToolTip(_(spec.help))
            label.setBuddy(editor.widget)
            form.addRow(label, self._folder_row(editor) if spec.folder else editor.widget)

        where = QGroupBox(_("Journal"))
        where_form = QFormLayout(where)
        self.path_field = QLineEdit(str(journal_home))
        self.path_field.setReadOnly(True)
        self.path_field.setAccessibleName(_("Where the journal lives"))
        self.path_field.setToolTip(
            _(
                "Set RAPPORT_HOME or start with --home to use another folder. The journal is "
                "encrypted; copy it only with Rapport's export or backup, never as a file."
            )
        )
        self.open_folder = QPushButton(_("Open folder"))
        self.open_folder.setAccessibleName(_("Open the journal folder"))
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(journal_home)))
        )
        row = QHBoxLayout()
        row.addWidget(self.path_field, 1)
        row.addWidget(self.open_folder)
        where_form.addRow(_("Folder"), row)
        self.sheet_state = QLabel(recovery_sheet.sheet_state_in_words(journal))
        self.sheet_state.setAccessibleName(_("Recovery sheet state"))
        self.sheet_state.setWordWrap(True)
        self.sheet_button = QPushButton(_("Recovery sheet…"))
        self.sheet_button.setToolTip(_("The journal's key on paper, and how to restore it"))

        def sheet() -> None:
            from ui.dialogs.recovery import open_recovery_sheet  # a PDF: loads when asked for

            open_recovery_sheet(journal, self)
            self.sheet_state.setText(recovery_sheet.sheet_state_in_words(journal))

        self.sheet_button.clicked.connect(sheet)
        # The state in a row of its own: beside the button, in a nested layout, the form gave
        # the wrapped words one button's height and cut both lines in half.
        where_form.addRow(_("Recovery"), self.sheet_state)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_button)
        sheet_row.addStretch(1)
        where_form.addRow("", sheet_row)
        content_layout.addWidget(where)

        def sync_changed() -> None:  # the window's status bar follows
            auto_sync = getattr(parent, "sync", None)
            if auto_sync is not None:
                auto_sync.refresh_label()

        self.sync_box = SyncBox(journal, sync_changed)
        content_layout.addWidget(self.sync_box)
        content_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.message = QLabel()
        self.message.setAccessibleName(_("Preferences message"))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults
        )
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, min(720, content.sizeHint().height() + 120))

    def _folder_row(self, editor: _Editor) -> QHBoxLayout:
        """A folder setting: its path, and a button that picks the folder."""
        field = editor.widget
        assert isinstance(field, QLineEdit)
        field.setPlaceholderText(_("None"))
        choose = QPushButton(_("Choose…"))
        choose.setAccessibleName(_("Choose: {setting}").format(setting=_(editor.spec.label)))

        def chosen() -> None:
            start = field.text() or str(Path.home())
            folder = QFileDialog.getExistingDirectory(self, _(editor.spec.label), start)
            if folder:
                field.setText(folder)

        choose.clicked.connect(chosen)
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(choose)
        return row

    def restore_defaults(self) -> None:
        for editor in self.editors.values():
            editor.set(editor.spec.default)
        self.message.setText(_("Defaults restored; press OK to keep them."))

    def values(self) -> dict[str, Any]:
        return {key: editor.get() for key, editor in self.editors.items()}

    def accept(self) -> None:
        """Save every value, all or nothing; a bad one is named and its editor focused."""
        values = self.values()
        try:
            settings.set_values(values)
        except RapportError as exc:
            self.message.setText(str(exc))
            for key, value in values.items():
                try:
                    settings.spec(key).clean(value)
                except RapportError:
                    self.editors[key].widget.setFocus()
                    break
            return
        super().accept()
