"""The welcome page: a journal without clients opens here instead of on an empty window.

One calm page, not a chain of dialogs: your name and signature, the language, the recovery
sheet, the first client (the same form as File > New client…), then the first capture opens
for that client. It also offers to restore a backup (the Backups dialog's own restore), to
join a journal another computer syncs through a folder, and to try the demo, which runs as a
separate Rapport on a temporary journal so the coach's own journal never holds demo clients.
Once the journal has a client the page goes, for good.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal import i18n, recovery_sheet, settings
from journal.changes import NOTHING, Changes
from journal.clients import has_clients
from journal.errors import RapportError
from journal.i18n import _
from journal.templates.text import LANGUAGE_NAMES
from ui.dialogs.new_client import ClientForm, client_added, where_to_add_a_client
from ui.style import problem_label

if TYPE_CHECKING:
    from ui.main_window import MainWindow

COLUMN_WIDTH = 680


def demo_command() -> tuple[str, list[str]]:
    """How to start Rapport on the demo journal: the bundle runs itself, Python runs `ui`."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "ui", "--demo"]


def _heading(text: str, size: float = 1.25) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _align_labels(forms: list[QFormLayout]) -> None:
    """One label column for every form on the page, so the fields line up across sections."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def _section(title: str, intro: str) -> tuple[QFrame, QVBoxLayout]:
    box = QFrame()
    box.setObjectName("welcomeSection")
    box.setStyleSheet(
        "QFrame#welcomeSection { background: palette(alternate-base);"
        " border: 1px solid palette(midlight); border-radius: 8px; }"
    )
    layout = QVBoxLayout(box)
    layout.setContentsMargins(18, 12, 18, 14)
    layout.setSpacing(8)
    layout.addWidget(_heading(title, 1.1))
    if intro:
        layout.addWidget(_note(intro))
    return box, layout


class WelcomePage(QScrollArea):
    """The first steps of a new journal, in one scrolling column."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.main = window
        self.setObjectName("welcomePage")
        self.setAccessibleName(_("Welcome"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._build()

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        """Build every widget in the language spoken now (again when it changes)."""
        outer = QWidget()
        row = QHBoxLayout(outer)
        row.addStretch(1)
        column = QWidget()
        column.setMaximumWidth(COLUMN_WIDTH)
        column.setMinimumWidth(min(COLUMN_WIDTH, 560))
        layout = QVBoxLayout(column)
        layout.setContentsMargins(8, 20, 8, 20)
        layout.setSpacing(12)
        row.addWidget(column, 4)
        row.addStretch(1)

        layout.addWidget(_heading(_("Welcome to Rapport"), 1.6))
        layout.addWidget(
            _note(
                _(
                    "Your journal is ready: encrypted, on this computer only. Three short steps "
                    "and you are writing your first entry."
                )
            )
        )
        layout.addLayout(self._other_ways())
        layout.addWidget(self._about_you())
        layout.addWidget(self._key_section())
        layout.addWidget(self._client_section())
        _align_labels(column.findChildren(QFormLayout))

        self.error = problem_label()
        layout.addWidget(self.error)
        self.start_button = QPushButton(_("Add the client and write the first entry"))
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self.start)
        self.skip_button = QPushButton(_("Skip for now"))
        self.skip_button.setToolTip(
            _("Go to the empty journal; add a client later with {place}.").format(
                place=where_to_add_a_client()
            )
        )
        self.skip_button.clicked.connect(self.skip)
        start_row = QHBoxLayout()
        start_row.addWidget(self.skip_button)
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        layout.addLayout(start_row)
        layout.addStretch(1)
        self.setWidget(outer)

    def _about_you(self) -> QFrame:
        box, layout = _section(
            _("1. About you"),
            _("Your name and signature fill in the message templates and head your reports."),
        )
        self.my_name = QLineEdit(str(settings.get("my_name")))
        self.my_name.setAccessibleName(_("Your name"))
        self.signature = QPlainTextEdit(str(settings.get("signature")))
        self.signature.setAccessibleName(_("Signature"))
        self.signature.setPlaceholderText(_("e.g. your name, your practice, your phone number"))
        self.signature.setTabChangesFocus(True)
        self.signature.setFixedHeight(3 * self.signature.fontMetrics().lineSpacing() + 14)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        if i18n.FOLLOW_SYSTEM in settings.spec("language").choices:
            system = LANGUAGE_NAMES[i18n.system_language()]
            self.language.addItem(_("System ({language})").format(language=system), "")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(settings.get("language")), 0))
        self.language.activated.connect(self._language_chosen)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_("Your name"), self.my_name)
        form.addRow(_("Signature"), self.signature)
        form.addRow(_("Language"), self.language)
        layout.addLayout(form)
        return box

    def _key_section(self) -> QFrame:
        box, layout = _section(
            _("2. Keep your key safe"),
            _(
                "The recovery sheet holds your journal's key on paper, with where the journal "
                "and its backups live. Without it, a new computer cannot open your backups. "
                "Save it as a PDF, print it and keep it somewhere safe."
            ),
        )
        self.sheet_state = QLabel()
        self.sheet_state.setAccessibleName(_("Recovery sheet state"))
        self.sheet_state.setWordWrap(True)
        self.sheet_button = QPushButton(_("Save or print the recovery sheet…"))
        self.sheet_button.clicked.connect(self.open_recovery_sheet)
        row = QHBoxLayout()
        row.addWidget(self.sheet_state, 1)
        row.addWidget(self.sheet_button)
        layout.addLayout(row)
        self.show_sheet_state()
        return box

    def _client_section(self) -> QFrame:
        box, layout = _section(
            _("3. Your first client"),
            _(
                "A name is enough; the channel they prefer and the rhythm you agreed help "
                "Rapport notice when contact slips. Then the first entry opens for them."
            ),
        )
        self.client_form = ClientForm()
        self.client_form.name.returnPressed.connect(self.start)  # Enter, as in a dialog
        layout.addWidget(self.client_form)
        return box

    def _other_ways(self) -> QVBoxLayout:
        """Restore and the demo, near the top: a coach coming from another computer should
        not fill in a new journal first."""
        self.restore_button = QPushButton(_("Restore from a backup…"))
        self.restore_button.setToolTip(
            _("Coming from another computer: open a backup with its recovery key.")
        )
        self.restore_button.clicked.connect(self.restore_backup)
        self.join_button = QPushButton(_("Join a synced journal…"))
        self.join_button.setToolTip(
            _(
                "Your journal syncs through a folder from another computer: join it here with "
                "its recovery key."
            )
        )
        self.join_button.clicked.connect(self.join_synced)
        self.demo_button = QPushButton(_("Try the demo"))
        self.demo_button.setToolTip(
            _("Opens a second Rapport with made-up clients; your own journal stays empty.")
        )
        self.demo_button.clicked.connect(self.try_demo)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_("Or:")))
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.join_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.news = _note("")
        self.news.setAccessibleName(_("Welcome message"))
        self.news.hide()
        layout = QVBoxLayout()
        layout.addLayout(buttons)
        layout.addWidget(self.news)
        return layout

    # --- the steps -------------------------------------------------------------------------
    def _language_chosen(self, _index: int) -> None:
        """The language applies at once: the window is built again in it, this page with it
        (`retranslate`), and hears that the setting changed."""
        choice = self.language.currentData()
        try:
            settings.set_value("language", choice)
        except RapportError as exc:  # a journal that refuses writes
            self._say(str(exc))
            return
        self.main.speak(choice)
        self.main.journal_changed(Changes.of(settings=["language"]))

    def retranslate(self) -> None:
        """The page built again in the language spoken now, keeping what was typed."""
        typed = (self.my_name.text(), self.signature.toPlainText(), self.client_form.values())
        self._build()
        self.my_name.setText(typed[0])
        self.signature.setPlainText(typed[1])
        self.client_form.name.setText(typed[2]["name"])
        index = self.client_form.channel.findData(typed[2]["preferred_channel"])
        self.client_form.channel.setCurrentIndex(max(index, 0))
        self.client_form.rhythm.setValue(typed[2]["cadence_days"])
        self.language.setFocus()

    def show_sheet_state(self) -> None:
        journal = self.main.journal
        if journal is not None:
            self.sheet_state.setText(recovery_sheet.sheet_state_in_words(journal))

    def open_recovery_sheet(self) -> None:
        from ui.dialogs.files import open_recovery  # a PDF: loads only when asked for

        open_recovery(self.main)
        self.show_sheet_state()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _keep_about_you(self) -> None:
        """Store the name and signature; raises RapportError (a refused write) for the caller."""
        settings.set_values(
            {"my_name": self.my_name.text().strip(), "signature": self.signature.toPlainText()}
        )
        self.main.journal_changed(Changes.of(settings=["my_name", "signature"]))

    def start(self) -> None:
        """Keep the name and signature, add the client, leave the page, open the capture."""
        try:
            self._keep_about_you()
            client = self.client_form.add_client()
        except RapportError as exc:
            self._say(str(exc))
            self.client_form.name.setFocus()
            return
        window = self.main
        self.leave()
        client_added(window, client)
        window.new_interaction()

    def skip(self) -> None:
        """Skip for now: what was typed about you is kept; the client can come later."""
        try:
            self._keep_about_you()
        except RapportError as exc:
            self._say(str(exc))
            return
        self.leave()

    def restore_backup(self) -> None:
        """A backup from another computer takes this empty journal's place (set aside, not
        deleted), through the Backups dialog's own restore."""
        from ui.dialogs.restoring import choose_and_restore  # loads only when asked for

        choose_and_restore(self.main, self, self._replaced)

    def join_synced(self) -> None:
        """The journal another computer syncs through a folder takes this empty journal's
        place (set aside, not deleted)."""
        from ui.dialogs.restoring import choose_and_join  # loads only when asked for

        choose_and_join(self.main, self, self._replaced)

    def _replaced(self, said: str) -> None:
        self.main.statusBar().showMessage(said, 15000)
        if self.main.centralWidget() is self:  # nothing came in: the page stays
            self._tell(said)

    def _tell(self, text: str) -> None:
        self.news.setText(text)
        self.news.setVisible(bool(text))

    def try_demo(self) -> None:
        """A second Rapport on a temporary demo journal, deleted when it closes."""
        program, arguments = demo_command()
        started, _pid = QProcess.startDetached(program, arguments)
        self._tell(
            _("The demo opens in a window of its own; your journal stays as it is.")
            if started
            else _("The demo could not be started; run “rapport --demo” in a terminal.")
        )

    def changed(self, _changes: Changes) -> None:
        """Anything written (a client added from the menu, an import, a restore): once the
        journal has a client, the page has done its work."""
        if self.main.journal is not None and has_clients():
            self.leave()

    def leave(self) -> None:
        """Back to the window's own layout, with the client list."""
        window = self.main
        if window.centralWidget() is not self:
            return
        window.changed.disconnect(self.changed)
        window.takeCentralWidget()
        window.setCentralWidget(window.main_split)
        window.main_split.show()  # taken out, it was hidden with its old parent
        window.client_list.filter_edit.setFocus()
        self.deleteLater()


def offer_welcome(window: MainWindow) -> WelcomePage | None:
    """A journal without clients opens on the welcome page (the window's panels are kept
    aside meanwhile); a journal with clients, or one just restored, does not."""
    current = window.centralWidget()
    if isinstance(current, WelcomePage):  # a journal opened again (a restore)
        current.show_sheet_state()
        current.changed(NOTHING)
        return current if window.centralWidget() is current else None
    if window.journal is None or has_clients():
        return None
    page = WelcomePage(window)
    window.takeCentralWidget()  # the panels: window.main_split keeps them
    window.setCentralWidget(page)
    window.changed.connect(page.changed)
    window.statusBar().clearMessage()  # the page's own step says it: the recovery sheet
    page.my_name.setFocus()
    return page
