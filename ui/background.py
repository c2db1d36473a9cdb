"""Journal work off the UI thread (Anki's CollectionOp idea, on QThreadPool).

`run_op(parent, work, on_done)` runs `work(progress)` on a pool thread and delivers the result
to `on_done` on the UI thread; a RapportError reaches `on_failed` as its one-line message, and
anything unexpected as a short message too, so no traceback ever reaches a user. The worker
closes its own database connection when done (peewee keeps one per thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from journal.errors import RapportError
from journal.models import database

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total); total 0 means "unknown"


class _Relay(QObject):
    """Lives on the UI thread; queued signals carry results across from the worker.

    It has no Qt parent, so a window closed mid-job cannot delete it under the worker; the
    callbacks are skipped once their owner is gone.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int)

    def __init__(self, owner: QObject | None) -> None:
        super().__init__()
        self._owner = owner
        self.on_done: Callable[[Any], None] | None = None
        self.on_failed: Callable[[str], None] | None = None
        self.on_progress: Progress | None = None
        self.succeeded.connect(self._done)
        self.failed.connect(self._failed)
        self.progressed.connect(self._progress)

    def _owner_alive(self) -> bool:
        return self._owner is None or isValid(self._owner)

    def _finish(self) -> None:
        _live.discard(self)
        self.deleteLater()

    @Slot(object)
    def _done(self, result: object) -> None:
        if self.on_done is not None and self._owner_alive():
            self.on_done(result)
        self._finish()

    @Slot(str)
    def _failed(self, message: str) -> None:
        if self.on_failed is not None and self._owner_alive():
            self.on_failed(message)
        else:
            log.warning("background work failed: %s", message)
        self._finish()

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self.on_progress is not None and self._owner_alive():
            self.on_progress(done, total)


# Relays waiting for their job: held here so Python does not collect them mid-flight.
_live: set[_Relay] = set()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError:  # the application is shutting down and the relay is gone
            log.debug("background result dropped at shutdown")
        finally:
            if not database.is_closed():
                database.close()

    def _run(self) -> None:
        relay = self._relay
        try:
            result = self._work(relay.progressed.emit)
        except RapportError as exc:
            relay.failed.emit(str(exc))
        except Exception as exc:  # the last line of defence: a message, never a traceback
            log.exception("unexpected error in background work")
            relay.failed.emit(
                f"Something went wrong ({type(exc).__name__}: {exc}); nothing was half-written."
            )
        else:
            relay.succeeded.emit(result)


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def run_op(
    parent: QObject | None,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    on_progress: Progress | None = None,
) -> None:
    """Run `work` on a pool thread; callbacks run on the UI thread while `parent` lives."""
    relay = _Relay(parent)
    _live.add(relay)
    relay.on_done, relay.on_failed, relay.on_progress = on_done, on_failed, on_progress
    pool().start(_Job(work, relay))


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
) -> QProgressDialog:
    """Long work behind a modal progress dialog; the window keeps painting meanwhile."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setCancelButton(None)  # journal writes are all-or-nothing; they cannot stop halfway
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done if total else 0)

    def finish(result: Any) -> None:
        dialog.close()
        on_done(result)

    def fail(message: str) -> None:
        dialog.close()
        on_failed(message)

    dialog.show()
    run_op(parent, work, finish, fail, progress)
    return dialog


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Block until every queued job has finished (at quit, and in tests)."""
    return pool().waitForDone(timeout_ms)
