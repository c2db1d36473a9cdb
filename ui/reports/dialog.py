"""File > Export PDF: choose the period, paper and file, then build and render off the UI thread.

The report's data (which reads the journal, and grows with it) and its painting both run in
the thread pool as one `ReportJob`, behind a progress dialog that counts pages and can cancel
between pages, so the window keeps painting and a cancelled report writes nothing. The dialog
stays open until the PDF is written, so a coach who picked an unwritable folder simply picks
another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from journal.clients import list_clients
from journal.i18n import N_, _, ngettext
from journal.reports import accountability, client_report, period, practice
from journal.templates.library import default_language
from journal.timeline import client_by_id
from journal.values.dates import short_date
from ui.background import pool
from ui.dialogs.qt_dates import from_qdate, to_qdate
from ui.reports import PageSize, Report, ReportJob, default_page_size
from ui.reports.files import file_name, unwritable_reason, with_pdf_suffix

Opener = Callable[[str], object]
Clock = Callable[[], dt.datetime]

KINDS = ("client", "accountability", "overview")
TITLES = {
    "client": N_("Export client report"),
    "accountability": N_("Export accountability list"),
    "overview": N_("Export practice overview"),
}
FIRST_ENTRY = QDate(1900, 1, 1)
"""The "from" date that means "from the client's first entry" (shown as words, not a date)."""


def open_file(path: str) -> object:
    """Show the written PDF in the system's viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    first_day: Callable[[dt.date], dt.date | None]  # today -> first day; None: the first entry


def _months_back(today: dt.date, months: int) -> dt.date:
    return from_qdate(to_qdate(today).addMonths(-months))  # 31 May - 3 months = 28/29 February


PRESETS = {
    preset.key: preset
    for preset in (
        Preset("everything", N_("Everything"), lambda _today: None),
        Preset(
            "last_30_days",
            N_("Last 30 days"),
            lambda today: today - dt.timedelta(days=period.RECENT_DAYS),
        ),
        Preset("last_3_months", N_("Last 3 months"), lambda today: _months_back(today, 3)),
        Preset("this_year", N_("This year"), lambda today: today.replace(month=1, day=1)),
    )
}
CUSTOM = "custom"
# "Everything" only where the journal knows where everything starts: a client's first entry.
# The accountability list and the overview default to the last 30 days, as journal/reports does.
PRESETS_OF = {
    "client": ("everything", "last_30_days", "last_3_months", "this_year"),
    "accountability": ("last_30_days", "last_3_months", "this_year"),
    "overview": ("last_30_days", "last_3_months", "this_year"),
}


def _day(day: dt.date, lang: str) -> str:
    return short_date(day, lang).replace(" ", "\u00a0")  # as the date fields show it, unbroken


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class ReportDialog(QDialog):
    """Period, paper and (for client reports) the client; Export… asks for the file."""

    def __init__(
        self,
        kind: str,
        client_id: int | None,
        parent: QWidget | None = None,
        clock: Clock = _now,
        opener: Opener | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r}; expected one of {KINDS}")
        self.kind = kind
        self.clock = clock
        self.opener = opener
        self.job: ReportJob | None = None
        self.progress: QProgressDialog | None = None
        self.last_message: QMessageBox | None = None
        self.written: Path | None = None
        self._folder = _default_folder()
        self.setWindowTitle(_(TITLES[kind]))
        self.setAccessibleName(_(TITLES[kind]))

        today = clock().date()
        form = QFormLayout()
        self.client_box = QComboBox()
        self.client_box.setAccessibleName(_("Client"))
        if kind != "overview":
            for client in list_clients():
                self.client_box.addItem(client.name, client.id)
            at = self.client_box.findData(client_id)
            self.client_box.setCurrentIndex(max(at, 0))
            form.addRow(_("&Client:"), self.client_box)
        else:
            self.client_box.hide()

        self.preset_box = QComboBox()
        self.preset_box.setAccessibleName(_("Period"))
        for key in PRESETS_OF[kind]:
            self.preset_box.addItem(_(PRESETS[key].label), key)
        self.preset_box.addItem(_("Custom"), CUSTOM)
        form.addRow(_("&Period:"), self.preset_box)

        self.from_edit = self._date_edit(_("From"))
        self.to_edit = self._date_edit(_("To"))
        self.to_edit.setDate(to_qdate(today))
        if kind == "client":
            self.from_edit.setSpecialValueText(_("first entry"))
        dates = QHBoxLayout()
        dates.addWidget(self.from_edit, 1)
        to_label = QLabel(_("&to"))
        to_label.setBuddy(self.to_edit)
        dates.addWidget(to_label)
        dates.addWidget(self.to_edit, 1)
        from_label = QLabel(_("&From:"))
        from_label.setBuddy(self.from_edit)
        form.addRow(from_label, dates)

        self.page_box = QComboBox()
        self.page_box.setAccessibleName(_("Page size"))
        self.page_box.addItem("A4", PageSize.A4.value)
        self.page_box.addItem(_("US Letter"), PageSize.LETTER.value)
        self.page_box.setCurrentIndex(self.page_box.findData(default_page_size().value))
        form.addRow(_("Pa&per:"), self.page_box)

        self.note = QLabel(_(_NOTES[kind]))
        self.note.setWordWrap(True)
        self.note.setAccessibleName(_("About this report"))
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, as elsewhere

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.export_button.setText(_("&Export…"))
        self.export_button.setAccessibleName(_("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)

        self.preset_box.currentIndexChanged.connect(self._preset_chosen)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self._preset_chosen()
        self.setMinimumWidth(self.sizeHint().width() + 80)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")  # Qt names the months in the locale Qt was given
        edit.setMinimumDate(FIRST_ENTRY)
        return edit

    # --- the period -------------------------------------------------------------------------
    def choose_preset(self, key: str) -> None:
        self.preset_box.setCurrentIndex(self.preset_box.findData(key))

    def set_dates(self, start: dt.date | None, end: dt.date) -> None:
        """Type a custom period (None: from the first entry, on client reports)."""
        self.from_edit.setDate(to_qdate(start) if start else FIRST_ENTRY)
        self.to_edit.setDate(to_qdate(end))

    def period(self) -> tuple[dt.date | None, dt.date]:
        first = self.from_edit.date()
        start = None if self.kind == "client" and first == FIRST_ENTRY else from_qdate(first)
        return start, from_qdate(self.to_edit.date())

    @Slot()
    def _preset_chosen(self) -> None:
        key = self.preset_box.currentData()
        if key == CUSTOM:
            return
        today = self.clock().date()
        first = PRESETS[key].first_day(today)
        for edit, day in (
            (self.from_edit, to_qdate(first) if first else FIRST_ENTRY),
            (self.to_edit, to_qdate(today)),
        ):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)

    @Slot()
    def _dates_edited(self) -> None:
        self.preset_box.blockSignals(True)
        self.choose_preset(CUSTOM)
        self.preset_box.blockSignals(False)

    def page_size(self) -> PageSize:
        return PageSize(self.page_box.currentData())

    # --- export -----------------------------------------------------------------------------
    @Slot()
    def export(self) -> None:
        """Check the period, ask for the file, then build and render in the pool."""
        if self.job is not None:
            return
        start, end = self.period()
        if start is not None and start > end:
            lang = default_language()
            self.tell(
                _(
                    "The period starts on %(start)s, after it ends on %(end)s; "
                    "choose a From date on or before To."
                )
                % {"start": _day(start, lang), "end": _day(end, lang)}
            )
            return
        if self.kind != "overview" and self.client_box.currentIndex() < 0:
            self.tell(no_clients())
            return
        subject = self.client_box.currentText() if self.kind != "overview" else ""
        suggested = self._folder / file_name(self.kind, subject, self.clock().date())
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as"), str(suggested), _("PDF (*.pdf)")
        )
        if not chosen:
            return
        path = with_pdf_suffix(chosen)
        problem = unwritable_reason(path)
        if problem:
            self.tell(problem)
            return
        if path != Path(chosen) and path.exists() and not self._may_replace(path):
            return
        self._folder = path.parent
        self._start(self._builder(start, end), path)

    def _builder(self, start: dt.date | None, end: dt.date) -> Callable[[], Report]:
        """What the worker calls to gather the report: the choices are read here, on the UI
        thread; the journal is read there."""
        kind, client_id, as_of = self.kind, self.client_box.currentData(), self.clock()

        def build() -> Report:
            if kind == "overview":
                return practice.build_practice_overview(as_of, start, end)
            client = client_by_id(client_id)
            if kind == "accountability":
                return accountability.build_accountability_list(client, as_of, start, end)
            return client_report.build_client_report(client, as_of, start, end)

        return build

    def _may_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            _("Replace the file?"),
            _("%(name)s already exists. Replace it?") % {"name": path.name},
        )
        return answer == QMessageBox.StandardButton.Yes

    def _start(self, build: Callable[[], Report], path: Path) -> None:
        job = ReportJob(build, path, self.page_size())
        job.signals.progress.connect(self._progressed)
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        progress = QProgressDialog(_("Gathering the report…"), _("Cancel"), 0, 0, self)
        progress.setWindowTitle(_("Exporting PDF"))
        progress.setAccessibleName(_("Exporting PDF"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel_export)
        self.job, self.progress = job, progress
        self.export_button.setEnabled(False)
        pool().start(job)

    @Slot()
    def cancel_export(self) -> None:
        """Stop between pages; the dialog stays open to change the period or the file."""
        if self.job is not None:
            self.job.cancel()
        self._job_over()

    def _job_over(self) -> None:
        self.job = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel_export)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.export_button.setEnabled(True)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(_("Page %(n)d of %(m)d") % {"n": done, "m": total})

    @Slot(str, int)
    def _finished(self, path: str, pages: int) -> None:
        if self.job is None:
            return  # cancelled after the last page: leave the file, do not open it
        self._job_over()
        self.written = Path(path)
        window = self.parent()
        if isinstance(window, QMainWindow) and isValid(window):
            wrote = ngettext("Wrote %(path)s (%(n)d page).", "Wrote %(path)s (%(n)d pages).", pages)
            window.statusBar().showMessage(wrote % {"path": path, "n": pages}, 10000)
        (self.opener or open_file)(path)
        self.accept()

    @Slot(str)
    def _failed(self, message: str) -> None:
        if self.job is None:
            return
        self._job_over()
        self.tell(message)

    def tell(self, message: str) -> None:
        """One line, window-modal over the dialog, never blocking the caller."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Export PDF"), message, parent=self)
        box.setAccessibleName(_("Export PDF"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box

    def reject(self) -> None:
        self.cancel_export()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_export()
        super().closeEvent(event)


_NOTES = {
    "client": N_("Private: notes, feelings and cues are included. Marked Confidential."),
    "accountability": N_(
        "For the client: open commitments of both sides and those done in the "
        "period. No notes, feelings or cues."
    ),
    "overview": N_(
        "Private: every current client's health, last contact, cues and due "
        "commitments. Cue counts cover the period."
    ),
}


def no_clients() -> str:
    return _("There are no clients in the journal yet; add one first.")


def _default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def export_report(
    parent: QWidget | None,
    kind: str,
    client_id: int | None,
    clock: Clock | None = None,
    opener: Opener | None = None,
) -> QDialog:
    """Open the export dialog for `kind` ("client", "accountability" or "overview").

    Returns what was shown (window-modal, non-blocking): the export dialog, or a one-line
    message when a client's report is asked of a journal without clients.
    """
    clock = clock or getattr(parent, "clock", None) or _now
    if kind != "overview" and client_id is None and not list_clients():
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Export PDF"),
            no_clients(),
            parent=parent,
        )
        box.setAccessibleName(_("Export PDF"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
    dialog = ReportDialog(kind, client_id, parent, clock, opener)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
