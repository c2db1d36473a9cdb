"""Journal work off the UI thread (Anki's CollectionOp idea, on a few worker threads of our own).

`run_op(parent, work, on_done)` runs `work(progress)` on a pool thread and delivers the result
to `on_done` on the UI thread; a RapportError reaches `on_failed` as its one-line message, and
anything unexpected as a short message too, so no traceback ever reaches a user.

The pool has a fixed few threads that live as long as the app, and each keeps its journal
connection between jobs (peewee keeps one per thread): a passphrase journal derives its key
on every connect (~0.1 s), which closing after each job paid on every refresh.
`release_connections()` closes them at shutdown, before the journal closes.

A job that writes the journal for long (an import) is started with `writes=True`; while it
runs `journal_busy()` is true, so UI-thread writes that can wait (a draft's autosave) skip a
turn instead of queueing behind it.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from journal.errors import RapportError
from journal.i18n import _
from journal.store.database import release_thread_connection

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total); total 0 means "unknown"
WORKERS = 2
"""Pool threads: cues, a report and an import can overlap; each holds one connection."""


class _Relay(QObject):
    """Lives on the UI thread; queued signals carry results across from the worker.

    It has no Qt parent, so a window closed mid-job cannot delete it under the worker; the
    callbacks are skipped once their owner is gone.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int)

    def __init__(self, owner: QObject | None, writes: bool = False) -> None:
        super().__init__()
        self._owner = owner
        self.writes = writes
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


def journal_busy() -> bool:
    """Whether a background job is writing the journal now (an import holds its write lock
    to the end, so a UI-thread write would have to wait for it)."""
    return any(relay.writes for relay in _live)


class _Job:
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay) -> None:
        self._work = work
        self._relay = relay

    def __call__(self) -> None:
        try:
            self._run()
        except RuntimeError:  # the application is shutting down and the relay is gone
            log.debug("background result dropped at shutdown")

    def _run(self) -> None:
        relay = self._relay
        try:
            result = self._work(relay.progressed.emit)
        except RapportError as exc:
            relay.failed.emit(str(exc))
        except Exception as exc:  # the last line of defence: a message, never a traceback
            log.exception("unexpected error in background work")
            relay.failed.emit(
                _("Something went wrong ({problem}); nothing was half-written.").format(
                    problem=f"{type(exc).__name__}: {exc}"
                )
            )
        else:
            relay.succeeded.emit(result)


class Workers:
    """A fixed few long-lived Python threads fed from one queue, standing in for QThreadPool.

    Python threads because a thread Qt starts gets a fresh Python thread state for every job
    it runs, and peewee's per-thread connection (a threading.local) would die with it each
    time; these keep theirs until `stop()`, which closes each on its own thread. `start()`
    takes a QRunnable, as QThreadPool.start does, or a plain callable.
    """

    def __init__(self, count: int) -> None:
        self._count = count
        self._queue: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._pending = 0
        self._changed = threading.Condition()
        self._mine = threading.local()

    def start(self, job: QRunnable | Callable[[], None]) -> None:
        with self._changed:
            self._pending += 1
            if len(self._threads) < min(self._count, self._pending):
                thread = threading.Thread(
                    target=self._serve, name=f"rapport-worker-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        self._queue.put(job.run if isinstance(job, QRunnable) else job)

    def on_worker_thread(self) -> bool:
        """Whether the caller runs on one of these threads (which keep their connection)."""
        return getattr(self._mine, "serving", False)

    def _serve(self) -> None:
        self._mine.serving = True
        # An event loop object gives this thread the event dispatcher Qt's timers expect
        # (QTextDocument's layout starts some); without it Qt warns on every layout step.
        dispatcher_owner = QEventLoop()  # noqa: F841 (kept alive for the thread's life)
        while (job := self._queue.get()) is not None:
            try:
                job()
            except Exception:  # a job's own handlers come first; this keeps the thread alive
                log.exception("background job failed")
            finally:
                with self._changed:
                    self._pending -= 1
                    self._changed.notify_all()
        release_thread_connection()

    def wait(self, timeout_ms: int) -> bool:
        """Block until every started job has finished; False if `timeout_ms` passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: self._pending == 0, timeout_ms / 1000)

    def stop(self, timeout_ms: int) -> bool:
        """Finish queued work, then end every thread; each closes its journal connection on
        the way out. Jobs started later get new threads."""
        if not self.wait(timeout_ms):
            return False
        with self._changed:
            threads, self._threads = self._threads, []
        for _thread in threads:
            self._queue.put(None)
        for thread in threads:
            thread.join(timeout_ms / 1000)
        return not any(thread.is_alive() for thread in threads)


_workers = Workers(WORKERS)


def pool() -> Workers:
    """The journal's worker threads: start a QRunnable (a ReportJob, say) or a callable."""
    return _workers


def run_op(
    parent: QObject | None,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    on_progress: Progress | None = None,
    writes: bool = False,
) -> None:
    """Run `work` on a pool thread; callbacks run on the UI thread while `parent` lives.

    `writes`: the work holds the journal's write lock for long (an import); `journal_busy()`
    says so until its result has been delivered.
    """
    relay = _Relay(parent, writes)
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
    writes: bool = False,
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
    run_op(parent, work, finish, fail, progress, writes=writes)
    return dialog


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Block until every queued job has finished (at quit, and in tests)."""
    return pool().wait(timeout_ms)


def release_connections(timeout_ms: int = 30000) -> bool:
    """At shutdown, before the journal closes: let queued work finish, then have every worker
    thread close its journal connection. Returns False if work was still running."""
    return pool().stop(timeout_ms)
