"""PDF reports: render the data journal.reports assembles, on A4 or US Letter.

    render_client_report(report, path, page_size=PageSize.A4, progress=None) -> pages
    render_accountability_list(report, path, page_size=..., progress=None) -> pages
    render_practice_overview(report, path, page_size=..., progress=None) -> pages
    render_report(report, ...)   # any of the three, by type
    ReportJob(report_or_builder, path, page_size)  # the same in a thread pool, with signals

The data (journal.reports' build_*) reads the journal, which any thread may do (peewee keeps
a connection per thread); rendering only touches the plain data, QPdfWriter, QPainter and
QTextDocument. ReportJob can do both on its worker, so a big report never stalls the window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QRunnable, Signal

from journal.errors import RapportError, os_problem
from journal.i18n import _
from journal.reports.accountability import AccountabilityList
from journal.reports.client_report import ClientReport
from journal.reports.practice import PracticeOverview
from journal.store.database import release_thread_connection
from ui.reports.fonts import ensure_fonts
from ui.reports.layouts import Layout, accountability_layout, client_layout, overview_layout
from ui.reports.pdf import PageSize, Progress, render_pdf

Report = ClientReport | AccountabilityList | PracticeOverview
Builder = Callable[[], Report]

__all__ = [
    "PageSize",
    "Report",
    "ReportJob",
    "default_page_size",
    "render_accountability_list",
    "render_client_report",
    "render_practice_overview",
    "render_report",
]

_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Philippines,
}


def default_page_size(locale: QLocale | None = None) -> PageSize:
    """US Letter where it is the paper in the drawer (the Americas' letter countries), else A4."""
    territory = (locale or QLocale.system()).territory()
    return PageSize.LETTER if territory in _LETTER_TERRITORIES else PageSize.A4


def _render(layout: Layout, path: Path, page_size: PageSize, progress: Progress | None) -> int:
    return render_pdf(
        layout.style, layout.blocks, layout.frame, path, page_size, layout.chart, progress
    )


def render_client_report(
    report: ClientReport,
    path: Path,
    page_size: PageSize = PageSize.A4,
    progress: Progress | None = None,
) -> int:
    return _render(client_layout(report, page_size), path, page_size, progress)


def render_accountability_list(
    report: AccountabilityList,
    path: Path,
    page_size: PageSize = PageSize.A4,
    progress: Progress | None = None,
) -> int:
    return _render(accountability_layout(report), path, page_size, progress)


def render_practice_overview(
    report: PracticeOverview,
    path: Path,
    page_size: PageSize = PageSize.A4,
    progress: Progress | None = None,
) -> int:
    return _render(overview_layout(report), path, page_size, progress)


def render_report(
    report: Report, path: Path, page_size: PageSize = PageSize.A4, progress: Progress | None = None
) -> int:
    """Write any report to `path` (atomically); returns the number of pages."""
    renderers: dict[type, Callable[..., int]] = {
        ClientReport: render_client_report,
        AccountabilityList: render_accountability_list,
        PracticeOverview: render_practice_overview,
    }
    return renderers[type(report)](report, Path(path), PageSize(page_size), progress)


class _Signals(QObject):
    progress = Signal(int, int)  # pages done, pages in all
    finished = Signal(str, int)  # the written path, the page count
    failed = Signal(str)  # one line for the user


class _Cancelled(Exception):
    """Raised between pages once the coach cancels; the PDF is written only after the last."""


class ReportJob(QRunnable):
    """Build (optionally) and render a report in a thread pool; connect to `job.signals`
    before starting it.

    job = ReportJob(report, path, PageSize.A4)  # or ReportJob(lambda: build_...(...), ...)
    job.signals.finished.connect(lambda path, pages: QDesktopServices.openUrl(...))
    job.signals.failed.connect(show_error)
    QThreadPool.globalInstance().start(job)

    Given a builder, the job calls it on its worker first (`job.report` holds the result
    once built); a RapportError from it (say the client was deleted) is `failed`'s one line.
    `cancel()` stops it before the first page or between pages; a cancelled job writes
    nothing and emits nothing.
    """

    def __init__(
        self, report: Report | Builder, path: Path, page_size: PageSize = PageSize.A4
    ) -> None:
        super().__init__()
        ensure_fonts()  # font registration belongs to the GUI thread
        self._build: Builder | None = report if callable(report) else None
        self.report: Report | None = None if callable(report) else report
        self.path = Path(path)
        self.page_size = PageSize(page_size)
        self.signals = _Signals()
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise _Cancelled
        self.signals.progress.emit(done, total)

    @staticmethod
    def _gather(build: Builder) -> Report:
        from ui.background import pool  # QtWidgets: not for `rapport report`, which paints only

        try:
            return build()
        finally:
            # A thread Qt started (QThreadPool's) gets a fresh Python thread state per job, and
            # the journal connection made here would be torn down with it unsafely: close it.
            if not pool().on_worker_thread():
                release_thread_connection()

    def run(self) -> None:
        try:
            if self._build is not None:
                self.report = self._gather(self._build)
            if self._stop.is_set():
                raise _Cancelled
            assert self.report is not None
            pages = render_report(self.report, self.path, self.page_size, self._progress)
        except _Cancelled:
            return
        except RapportError as exc:
            if not self._stop.is_set():
                self.signals.failed.emit(str(exc))
        except OSError as exc:
            self.signals.failed.emit(
                _("Could not write %(path)s: %(problem)s. Choose another folder.")
                % {"path": self.path, "problem": os_problem(exc)}
            )
        except Exception as exc:  # never let a worker thread die silently
            self.signals.failed.emit(
                _("The report could not be made (%(error)s); nothing was written.")
                % {"error": f"{type(exc).__name__}: {exc}"}
            )
        else:
            self.signals.finished.emit(str(self.path), pages)
