"""The template editor: a template's own text with its placeholders marked; saving checks it.

Also the highlighter that marks patterns while typing, which the message dialog uses for gaps.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from journal.cues.model import KIND_WORDS, KINDS
from journal.errors import RapportError
from journal.i18n import _, translation
from journal.templates import library, text
from journal.values.vocabulary import LANGUAGES

GAP_PATTERN = r"\[\[[^\[\]\n]+\]\]"
PLACEHOLDER_PATTERN = r"\{[a-z_]+\}"


class Marker(QSyntaxHighlighter):
    """Paints every match of a pattern, so gaps and placeholders stand out while typing."""

    def __init__(self, document: QTextDocument, pattern: str, colour: str) -> None:
        super().__init__(document)
        self._pattern = QRegularExpression(pattern)
        self._format = QTextCharFormat()
        self._format.setBackground(QColor(colour))
        self._format.setForeground(QColor("#3b2f00"))

    def highlightBlock(self, text: str) -> None:
        matches = self._pattern.globalMatch(text)
        while matches.hasNext():
            match = matches.next()
            self.setFormat(match.capturedStart(), match.capturedLength(), self._format)


class TemplateEditor(QDialog):
    """Edit a template's own text, placeholders and all; saving checks it first."""

    def __init__(
        self,
        template: text.Template | None,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.original = template
        self.lang = template.lang if template else (lang or LANGUAGES[0])
        self.saved: text.Template | None = None
        language = text.LANGUAGE_NAMES[self.lang]
        self.setWindowTitle(
            _("Edit “{template}” ({language})").format(template=template.title, language=language)
            if template
            else _("New template ({language})").format(language=language)
        )
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        if template is not None and template.origin != text.OWN:
            note = QLabel(
                _(
                    "Your changes are kept as your own version; "
                    "Restore original brings back Rapport's text."
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.title_edit = QLineEdit(template.title if template else "")
        self.subject_edit = QLineEdit(template.subject if template else "")
        form.addRow(_("Title"), self.title_edit)
        form.addRow(_("Subject"), self.subject_edit)
        layout.addLayout(form)

        middle = QHBoxLayout()
        self.body_edit = QPlainTextEdit(
            template.body
            if template
            else translation(self.lang).gettext("Hi {client_first_name},\n\n")
        )
        self.body_edit.setAccessibleName(_("Template text"))
        self.body_edit.moveCursor(QTextCursor.MoveOperation.End)
        self._marker = Marker(self.body_edit.document(), PLACEHOLDER_PATTERN, "#cfe3f7")
        middle.addWidget(self.body_edit, 3)
        self.placeholders = QListWidget()
        self.placeholders.setAccessibleName(_("Placeholders"))
        for name, meaning in text.PLACEHOLDERS.items():
            item = QListWidgetItem(f"{{{name}}}")
            item.setToolTip(meaning)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.placeholders.addItem(item)
        self.placeholders.itemActivated.connect(self._insert_placeholder)
        side = QVBoxLayout()
        side.addWidget(QLabel(_("Placeholders (double-click to insert)")))
        side.addWidget(self.placeholders)
        middle.addLayout(side, 1)
        layout.addLayout(middle, 1)

        layout.addWidget(QLabel(_("Suggest it for these cues")))
        grid = QGridLayout()
        self.kind_boxes: dict[str, QCheckBox] = {}
        chosen = set(template.answers) if template else set()
        for n, kind in enumerate(KINDS):
            box = QCheckBox(_(KIND_WORDS[kind]))
            box.setChecked(kind in chosen)
            self.kind_boxes[kind] = box
            grid.addWidget(box, n // 4, n % 4)
        layout.addLayout(grid)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a33;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        self.body_edit.insertPlainText("{" + item.data(Qt.ItemDataRole.UserRole) + "}")
        self.body_edit.setFocus()

    def save(self) -> None:
        """Save, or say in one line what to fix (an unknown placeholder, an empty subject...)."""
        title = self.title_edit.text()
        template_id = (
            self.original.id if self.original else library.new_template_id(title, self.lang)
        )
        answers = [kind for kind, box in self.kind_boxes.items() if box.isChecked()]
        try:
            self.saved = library.save_template(
                template_id,
                self.lang,
                title=title,
                subject=self.subject_edit.text(),
                body=self.body_edit.toPlainText(),
                answers=answers,
            )
        except RapportError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
