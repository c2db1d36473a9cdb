"""File > Export PDF: the dialog picks period, paper and file, renders in the pool behind a
progress dialog, opens the result, and refuses a backwards period or a folder it cannot use."""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QMessageBox,
    QPushButton,
)
from shiboken6 import isValid

import ui.reports
from journal.clients import find_client
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.reports.dialog import (
    CUSTOM,
    ReportDialog,
    export_report,
    file_name,
    with_pdf_suffix,
)

LETTER_WIDTH_PT = 612


def _text(path: Path) -> str:
    return " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages
    )


class SaveAs:
    """Stands in for the native save dialog: records what it was offered, answers `answer`."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, _parent, _caption, suggested, _filter):
        self.offered.append(suggested)
        return (str(self.answer) if self.answer else "", "PDF (*.pdf)")


@pytest.fixture
def opened() -> list[str]:
    return []


@pytest.fixture
def make_dialog(qtbot, demo_journal, opened):
    made: list[ReportDialog] = []

    def make(kind: str, client: str | None = None) -> ReportDialog:
        client_id = find_client(client).id if client else None
        dialog = export_report(None, kind, client_id, clock=lambda: NOW, opener=opened.append)
        assert isinstance(dialog, ReportDialog)
        made.append(dialog)  # not qtbot.addWidget: the dialog deletes itself when closed
        return dialog

    yield make
    for dialog in made:
        if isValid(dialog):
            dialog.close()
    wait_for_background()


def _save_as(monkeypatch, answer: Path | None) -> SaveAs:
    fake = SaveAs(answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return fake


def _export(qtbot, dialog: ReportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def test_client_report_for_a_custom_period_on_letter_paper(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    dialog = make_dialog("client", "Maja")
    assert dialog.client_box.currentText() == "Maja Lindqvist"
    dialog.choose_preset("this_year")
    assert dialog.period() == (dt.date(2026, 1, 1), dt.date(2026, 3, 2))
    dialog.from_edit.setDate(QDate(2026, 1, 15))  # typing a date makes the period custom
    dialog.to_edit.setDate(QDate(2026, 2, 28))
    assert dialog.preset_box.currentData() == CUSTOM
    dialog.page_box.setCurrentIndex(dialog.page_box.findText("US Letter"))
    save_as = _save_as(monkeypatch, tmp_path / "maja")  # no .pdf typed

    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)

    out = tmp_path / "maja.pdf"
    assert opened == [str(out)]
    assert Path(save_as.offered[0]).name == "Maja Lindqvist - report 2026-03-02.pdf"
    text = _text(out)
    assert "Client report" in text and "Maja Lindqvist" in text and "Confidential" in text
    assert "15 January 2026 to 28 February 2026" in text
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == LETTER_WIDTH_PT
    qtbot.waitUntil(lambda: not isValid(dialog))  # done: the dialog closed and went away


def test_everything_runs_from_the_first_entry(make_dialog, qtbot, monkeypatch, tmp_path, opened):
    dialog = make_dialog("client", "Tom")
    assert dialog.preset_box.currentText() == "Everything"
    assert dialog.from_edit.text() == dialog.from_edit.specialValueText()
    assert dialog.period() == (None, NOW.date())
    _save_as(monkeypatch, tmp_path / "tom.pdf")
    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    text = _text(tmp_path / "tom.pdf")
    assert "Tom Becker" in text
    assert "to 2 March 2026" in text and "2 March 2026 to 2 March 2026" not in text


def test_accountability_list_defaults_to_the_last_30_days(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    dialog = make_dialog("accountability", "Hannah")
    assert dialog.preset_box.currentText() == "Last 30 days"
    assert dialog.preset_box.findData("everything") == -1
    assert dialog.period() == (dt.date(2026, 1, 31), dt.date(2026, 3, 2))
    save_as = _save_as(monkeypatch, tmp_path / "hannah.pdf")
    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert Path(save_as.offered[0]).name == "Hannah Fischer - accountability list 2026-03-02.pdf"
    text = _text(tmp_path / "hannah.pdf")
    assert "Accountability list" in text and "Hannah Fischer" in text
    assert "31 January 2026 to 2 March 2026" in text
    assert "Confidential" not in text


def test_overview_has_no_client_and_a_practice_name(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    dialog = make_dialog("overview")
    assert dialog.client_box.isHidden()
    dialog.choose_preset("last_3_months")
    assert dialog.period() == (dt.date(2025, 12, 2), dt.date(2026, 3, 2))
    save_as = _save_as(monkeypatch, tmp_path / "overview.PDF")
    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert Path(save_as.offered[0]).name == "Practice overview 2026-03-02.pdf"
    assert opened == [str(tmp_path / "overview.PDF")]  # already a PDF name: left alone
    text = _text(tmp_path / "overview.PDF")
    assert "Practice overview" in text and "2 December 2025 to 2 March 2026" in text
    assert "Victor Hale" in text


def test_a_period_that_ends_before_it_starts_says_so_and_writes_nothing(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    dialog = make_dialog("client", "Maja")
    dialog.set_dates(dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    save_as = _save_as(monkeypatch, tmp_path / "never.pdf")
    _export(qtbot, dialog)
    message = dialog.last_message
    assert message is not None and message.isVisible()
    said = message.text().replace("\u00a0", " ")
    assert "starts on 1 Mar 2026, after it ends on 1 Feb 2026" in said
    assert "\n" not in message.text()
    assert save_as.offered == []  # not even asked for a file
    assert list(tmp_path.iterdir()) == [] and opened == []
    assert dialog.isVisible()  # still there to fix the dates


def test_a_folder_that_cannot_hold_the_file_says_so(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    dialog = make_dialog("overview")
    _save_as(monkeypatch, blocker / "overview.pdf")
    _export(qtbot, dialog)
    assert "does not exist; choose another folder" in dialog.last_message.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file"]
    wait_for_background()
    assert opened == [] and dialog.export_button.isEnabled()


def test_a_write_that_fails_in_the_worker_is_one_line_and_the_dialog_stays(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ui.reports, "render_report", refuse)
    dialog = make_dialog("client", "Maja")
    _save_as(monkeypatch, tmp_path / "maja.pdf")
    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.last_message is not None, timeout=20000)
    assert dialog.last_message.text() == (
        f"Could not write {tmp_path / 'maja.pdf'}: permission denied. Choose another folder."
    )
    assert dialog.isVisible() and dialog.export_button.isEnabled() and opened == []


class Gate:
    """A render that paints page 1 of 3, then waits for the test before going on."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.wrote = False

    def __call__(self, _report, path, _page_size, progress):
        progress(1, 3)
        self.release.wait(10)
        progress(2, 3)
        progress(3, 3)
        Path(path).write_bytes(b"%PDF-1.4")
        self.wrote = True
        return 3


class Emitted:
    """What a job emits from now on, recorded on the worker the moment it is emitted (a direct
    connection), so a signal still queued for the UI thread cannot slip past the asserts."""

    def __init__(self, job) -> None:
        self.seen: list[tuple[str, tuple]] = []
        for name in ("progress", "finished", "failed"):
            getattr(job.signals, name).connect(
                lambda *args, name=name: self.seen.append((name, args)),
                Qt.ConnectionType.DirectConnection,
            )


def _job_over() -> None:
    """The job's run() has returned, and whatever it posted to the UI thread is delivered."""
    assert wait_for_background()
    QApplication.sendPostedEvents()


def test_cancel_stops_between_pages_and_writes_nothing(
    make_dialog, qtbot, monkeypatch, tmp_path, opened
):
    gate = Gate()
    monkeypatch.setattr(ui.reports, "render_report", gate)
    dialog = make_dialog("client", "Maja")
    _save_as(monkeypatch, tmp_path / "maja.pdf")
    _export(qtbot, dialog)
    progress = dialog.progress
    assert progress is not None and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: progress.labelText() == "Page 1 of 3", timeout=20000)
    assert progress.maximum() == 3 and progress.value() == 1
    emitted = Emitted(dialog.job)

    progress.findChild(QPushButton).click()  # the progress dialog's Cancel
    gate.release.set()
    _job_over()
    assert emitted.seen == []  # no page 2, no "finished", no "failed" after the cancel
    assert not gate.wrote and not (tmp_path / "maja.pdf").exists()
    assert opened == [] and dialog.last_message is None
    assert dialog.isVisible() and dialog.export_button.isEnabled() and dialog.progress is None


def test_closing_the_dialog_mid_report_is_safe(make_dialog, qtbot, monkeypatch, tmp_path, opened):
    gate = Gate()
    monkeypatch.setattr(ui.reports, "render_report", gate)
    dialog = make_dialog("accountability", "Maja")
    _save_as(monkeypatch, tmp_path / "list.pdf")
    _export(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.progress.labelText() == "Page 1 of 3", timeout=20000)
    emitted = Emitted(dialog.job)
    dialog.close()
    qtbot.waitUntil(lambda: not isValid(dialog))  # deleted (WA_DeleteOnClose) mid-job
    gate.release.set()
    _job_over()
    assert emitted.seen == []
    assert opened == [] and not (tmp_path / "list.pdf").exists()


def test_every_control_has_an_accessible_name(make_dialog):
    for kind in ("client", "accountability", "overview"):
        dialog = make_dialog(kind, "Maja")
        controls = [
            *dialog.findChildren(QComboBox),
            *dialog.findChildren(QDateEdit),
            *dialog.findChildren(QPushButton),
        ]
        assert len(controls) >= 6
        assert all(c.accessibleName() for c in controls), [
            c for c in controls if not c.accessibleName()
        ]


def test_the_main_window_opens_the_dialog_for_its_current_client(window):
    window.open_client(find_client("Tom").id)
    window.window_actions.reports["accountability"].trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.client_box.currentText() == "Tom Becker"
    assert dialog.period() == (dt.date(2026, 1, 31), dt.date(2026, 3, 2))
    dialog.reject()


def test_file_names_are_safe_and_keep_dots_in_names():
    day = dt.date(2026, 3, 2)
    assert file_name("client", "Dr. Priya Raman", day) == "Dr. Priya Raman - report 2026-03-02.pdf"
    assert file_name("client", 'A/B: "C"', day) == "A-B- -C- - report 2026-03-02.pdf"
    assert with_pdf_suffix("/x/Dr. Priya Raman - report") == Path("/x/Dr. Priya Raman - report.pdf")
    assert with_pdf_suffix("/x/report.Pdf") == Path("/x/report.Pdf")


def test_a_client_report_of_an_empty_journal_says_what_to_do(qtbot, journal):
    shown = export_report(None, "accountability", None, clock=lambda: NOW)
    assert isinstance(shown, QMessageBox) and shown.isVisible()
    assert shown.text() == "There are no clients in the journal yet; add one first."
    shown.close()
