"""The message dialog's face: the template and language choosers, the message, the buttons.

MessageForm only lays out and shows; TemplateDialog (dialog.py) wires it to journal.templates.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from journal.i18n import _
from journal.templates import text
from journal.values.vocabulary import LANGUAGES
from ui.dialogs.template.editor import GAP_PATTERN, Marker


class MessageForm(QDialog):
    """The widgets of the message dialog, laid out; their signals are wired by the dialog."""

    def _build(self, explanation: str | None, lang: str, email: str) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if explanation is not None:
            why = QLabel(explanation)
            why.setObjectName("cueExplanation")
            why.setWordWrap(True)
            why.setStyleSheet(
                "background: palette(alternate-base); border-radius: 6px; padding: 8px;"
            )
            layout.addWidget(why)

        choose = QHBoxLayout()
        self.template_box = QComboBox()
        self.template_box.setAccessibleName(_("Template"))
        self.template_box.setMinimumContentsLength(28)
        self.lang_box = QComboBox()
        self.lang_box.setAccessibleName(_("Language"))
        for code in LANGUAGES:
            self.lang_box.addItem(text.LANGUAGE_NAMES[code], code)
        self.lang_box.setCurrentIndex(LANGUAGES.index(lang))
        # A push button sizes itself for its menu indicator; a tool button drew it over the text.
        self.manage = QPushButton(_("Templates"))
        self.manage.setAccessibleName(_("Manage templates"))
        self.manage.setMenu(self._manage_menu())
        choose.addWidget(QLabel(_("Template")))
        choose.addWidget(self.template_box, 1)
        choose.addWidget(self.lang_box)
        choose.addWidget(self.manage)
        layout.addLayout(choose)

        form = QFormLayout()
        self.to_edit = QLineEdit(email)
        self.to_edit.setPlaceholderText(_("the client's email address"))
        self.subject_edit = QLineEdit()
        form.addRow(_("To"), self.to_edit)
        form.addRow(_("Subject"), self.subject_edit)
        layout.addLayout(form)

        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(_("Message"))
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.document().setDocumentMargin(10)
        self._gap_marker = Marker(self.body_edit.document(), GAP_PATTERN, "#f6dc8c")
        layout.addWidget(self.body_edit, 1)

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.copy_button = QToolButton()
        self.copy_button.setText(_("Copy message"))
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        copy_menu = QMenu(self.copy_button)
        self.copy_message_action = copy_menu.addAction(_("Copy message"))
        self.copy_subject_action = copy_menu.addAction(_("Copy subject"))
        self.copy_button.setMenu(copy_menu)
        self.mail_button = QPushButton(_("Open in mail program"))
        self.log_button = QPushButton(_("Log as sent"))
        self.log_button.setToolTip(
            _("Record this message as sent and awaiting a reply, so Rapport watches for one.")
        )
        self.close_button = close = QPushButton(_("Close"))
        for button in (self.copy_button, self.mail_button, self.log_button):
            buttons.addWidget(button)
        for button in (self.mail_button, self.log_button, close):
            button.setAutoDefault(False)  # Enter in the subject line must not send anything
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _manage_menu(self) -> QMenu:
        menu = QMenu(self)
        self.edit_action = menu.addAction(_("Edit this template…"))
        self.new_action = menu.addAction(_("New template…"))
        self.restore_action = menu.addAction(_("Restore original"))
        self.delete_action = menu.addAction(_("Delete this template"))
        menu.addSeparator()
        self.import_action = menu.addAction(_("Import template set…"))
        self.export_action = menu.addAction(_("Export template set…"))
        return menu
