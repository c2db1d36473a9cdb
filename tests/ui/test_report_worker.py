"""A report's data is gathered on the worker, not the UI thread: a big journal's report never
stalls the window. ReportJob takes the data or a builder; both render the same."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog
from shiboken6 import isValid

from journal.clients import find_client
from journal.errors import RapportError
from journal.reports import client_report
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.reports import PageSize, ReportJob
from ui.reports.dialog import ReportDialog, export_report


@pytest.fixture
def dialog(qtbot, demo_journal, monkeypatch, tmp_path):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "maja.pdf"), "PDF (*.pdf)")
    )
    opened: list[str] = []
    made = export_report(
        None, "client", find_client("Maja").id, clock=lambda: NOW, opener=opened.append
    )
    assert isinstance(made, ReportDialog)
    made.opened = opened
    yield made
    if isValid(made):
        made.close()
    wait_for_background()


def test_the_report_is_built_off_the_ui_thread(qtbot, dialog, monkeypatch):
    built_on: list[threading.Thread] = []
    build = client_report.build_client_report

    def watched(*args, **kwargs):
        built_on.append(threading.current_thread())
        return build(*args, **kwargs)

    monkeypatch.setattr(client_report, "build_client_report", watched)
    dialog.export()
    qtbot.waitUntil(lambda: bool(dialog.opened), timeout=20000)
    assert len(built_on) == 1 and built_on[0] is not threading.main_thread()
    assert Path(dialog.opened[0]).read_bytes().startswith(b"%PDF")


def test_a_failure_while_gathering_is_one_line_and_the_dialog_stays(qtbot, dialog, monkeypatch):
    def gone(*_args, **_kwargs):
        raise RapportError("That client is no longer in the journal; pick another.")

    monkeypatch.setattr(client_report, "build_client_report", gone)
    dialog.export()
    qtbot.waitUntil(lambda: dialog.last_message is not None, timeout=20000)
    assert dialog.last_message.text() == "That client is no longer in the journal; pick another."
    assert dialog.isVisible() and dialog.export_button.isEnabled() and dialog.opened == []


def test_a_builder_job_in_qts_own_pool_renders_and_leaves_no_connection_behind(
    qtbot, demo_journal, tmp_path
):
    maja = find_client("Maja")
    out = tmp_path / "maja.pdf"
    job = ReportJob(lambda: client_report.build_client_report(maja, NOW), out, PageSize.A4)
    assert job.report is None
    job.setAutoDelete(False)  # read it afterwards
    with qtbot.waitSignal(job.signals.finished, timeout=20000) as finished:
        QThreadPool.globalInstance().start(job)
    assert finished.args[0] == str(out) and finished.args[1] >= 1
    assert out.read_bytes().startswith(b"%PDF")
    assert job.report is not None and job.report.profile.name == maja.name
    QThreadPool.globalInstance().waitForDone()


def test_a_cancelled_builder_job_writes_nothing(qtbot, demo_journal, tmp_path):
    maja = find_client("Maja")
    out = tmp_path / "maja.pdf"
    job = ReportJob(lambda: client_report.build_client_report(maja, NOW), out)
    failed: list[str] = []
    job.signals.failed.connect(failed.append)
    job.cancel()
    QThreadPool.globalInstance().start(job)
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(20)
    assert not out.exists() and failed == []


def test_a_long_report_on_the_journal_workers_makes_qt_say_nothing(
    qtbot, demo_journal, tmp_path
) -> None:
    """Laying out a long document starts Qt timers; a worker without an event dispatcher made
    Qt print a warning for each (hundreds per report) on the coach's terminal."""
    import datetime as dt

    from PySide6.QtCore import qInstallMessageHandler

    from journal.entries.capture import log_interaction
    from ui.background import pool

    client = find_client("Sofia Alvarez")
    for k in range(120):
        log_interaction(
            client,
            at=NOW - dt.timedelta(days=k + 1),
            channel="video",
            direction="two_way",
            summary=f"Session {k}",
            notes="What we worked on, in a paragraph or two. " * 12,
        )
    heard: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, message: heard.append(message))
    try:
        job = ReportJob(client_report.build_client_report(client, NOW), tmp_path / "r.pdf")
        with qtbot.waitSignal(job.signals.finished, timeout=60_000):
            pool().start(job)
        assert wait_for_background(60_000)
    finally:
        qInstallMessageHandler(previous)
    assert [m for m in heard if "QBasicTimer" in m or "event dispatcher" in m] == []
