"""Read the journal's key, and the rows of the window's first paint, in a forked helper
while the app loads Qt.

Reading a key from the keyring imports the keyring package (about 40 ms here: every backend
pulls in urllib, http.client, email and ssl) and may wait on the secret service; loading Qt
takes about 100 ms. The two do not depend on each other, and the machine has a second core:
a child forked before Qt loads reads the key with the same code the app would run. With the
key it also opens the journal (without changing it: one at an older schema is left to the app,
which migrates it) and reads the client list's first rows, so the app paints its window
without loading peewee, the models or the journal first; it opens the journal itself a moment
later (see ui.main_window). Key and rows come back over a pipe.

Only where it is safe and useful: on Linux (macOS frameworks must not be used in a child
forked without exec; Windows has no fork), from a process with a single thread, and for a
journal whose key.json says its key is in a keyring. Anything unexpected in the child makes it
send nothing (or the key without rows); the app then does that part itself, the usual way,
with the usual messages. The key exists only in the two processes' memory and the pipe between
them; nothing is cached.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import JournalUnavailable
from journal.store.home import database_path
from journal.store.key_record import KeyRecord, load_key_record

if TYPE_CHECKING:
    from journal.overview import ClientRow
    from journal.store.secrets import JournalKey

# Before the fork the app has loaded little more than the interpreter, the key record and the
# first paint's journal modules (journal.startup), which the helper inherits; the rest it
# needs (the keyring, the store and the models) it imports itself, after the fork.


def _single_threaded() -> bool:
    """Forking a process with other threads can deadlock the child (locks held mid-flight)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1]) == 1
    except (OSError, ValueError):
        pass
    return False


def _keyring_record(home: Path) -> KeyRecord | None:
    """key.json, for a journal whose key is in a keyring and a process that may fork; else
    None. The helper reads the keyring by it, so key.json is read once."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return None
    try:
        if database_path(home).stat().st_size == 0:
            return None
        record = load_key_record(home)
    except (OSError, JournalUnavailable):  # no journal yet, or a damaged record: the app says so
        return None
    if record is None or record.mode != "keyring":
        return None  # a passphrase is asked for in the app
    return record if _single_threaded() else None


class KeyPrefetch:
    """A key (and first rows) being read by a forked child; `key()` and `first_rows()` wait
    for them."""

    def __init__(self, home: Path, record: KeyRecord, pid: int, fd: int) -> None:
        self.home = home
        self.record = record  # key.json as read before the fork; the child read the key by it
        self.pid = pid
        self.fd = fd
        self._done = False
        self._data: dict[str, Any] = {}
        self._key: JournalKey | None = None

    def key(self) -> JournalKey | None:
        """The key the child read, or None (the caller then reads it the usual way)."""
        self._collect()
        if self._key is None and self._data:
            from journal.store.secrets import JournalKey

            self._key = JournalKey(str(self._data["key"]), self.record, str(self._data["warning"]))
        return self._key

    def first_rows(self) -> list[ClientRow] | None:
        """The client list's first-paint rows (journal.overview.client_rows(complete=False)),
        or None when the child read none (the journal must be opened first, then)."""
        self._collect()
        rows = self._data.get("rows")
        if not isinstance(rows, list):
            return None
        try:
            return [_row_from_json(row) for row in rows]
        except (ValueError, TypeError):
            return None

    def _collect(self) -> None:
        if self._done:
            return
        self._done = True
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self.fd, 65536):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self.fd)
            _reap(self.pid)
        with contextlib.suppress(ValueError):
            data = json.loads(b"".join(chunks) or b"null")
            if isinstance(data, dict) and "key" in data:
                self._data = data  # else nothing was sent: the child failed

    def discard(self) -> None:
        """Not needed after all (another window took over, the start failed): the child is
        stopped, not waited for, so no keyring prompt outlives the reason for it. Safe to
        call after `key()`."""
        if not self._done:
            self._done = True
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.close(self.fd)
            _reap(self.pid)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def prefetch_key(home: Path) -> KeyPrefetch | None:
    """Start reading `home`'s key (and first rows) in a child process, where that is safe;
    else None."""
    record = _keyring_record(home)
    if record is None:
        return None
    read_end, write_end = os.pipe()
    # Ctrl+C or a logout right at the fork must not unwind the child into the app's code:
    # signals wait until the child is inside its try, where they end it.
    stopping = {signal.SIGINT, signal.SIGTERM}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns into the app's code
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
            os.close(read_end)
            _send_key(home, record, write_end)
        finally:
            os._exit(0)
    signal.pthread_sigmask(signal.SIG_SETMASK, before)
    os.close(write_end)
    return KeyPrefetch(home, record, pid, read_end)


# Imported by the keyring package's helpers (jaraco.context, jaraco.functools, keyring.compat)
# but not used to read a password: ~20 ms of the helper's ~120 (urllib.request alone brings in
# http.client, email and ssl), on the core the app's start shares with it.
_NOT_NEEDED_FOR_A_KEY = frozenset({"urllib.request", "importlib_metadata", "more_itertools"})


class _LoadWhenUsed:
    """A finder that gives these modules Python's lazy loader (importlib.util.LazyLoader):
    each is made at its first import and runs at its first use, so nothing is missing if
    something does use it."""

    def __init__(self, names: frozenset[str]) -> None:
        self._names = set(names)

    def find_spec(self, name: str, path: object = None, target: object = None) -> Any:
        import importlib.util

        if name not in self._names:
            return None
        self._names.discard(name)  # the usual finders find it below
        try:
            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None:
                return None
            spec.loader = importlib.util.LazyLoader(spec.loader)
        except (ImportError, TypeError, ValueError):  # a loader it cannot wrap: load as usual
            return None
        return spec


def _send_key(home: Path, record: KeyRecord, fd: int) -> None:
    try:
        sys.meta_path.insert(0, _LoadWhenUsed(_NOT_NEEDED_FOR_A_KEY))  # this process only
        from journal.store.secrets import key_from_keyring

        key = key_from_keyring(record)
        payload: dict[str, object] = {
            "key": key.sqlcipher_key,
            "warning": key.warning,
        }
    except BaseException:
        return  # the app reads the key itself and reports what went wrong
    try:
        payload["rows"] = _rows_read_ahead(home, key)
    except BaseException:
        payload["rows"] = None  # the app opens the journal first and reads them itself
    view = memoryview(json.dumps(payload).encode())
    with contextlib.suppress(OSError):
        while view:
            view = view[os.write(fd, view) :]


def _rows_read_ahead(home: Path, key: JournalKey) -> list[list[object]] | None:
    from journal.overview import rows_read_ahead

    rows = rows_read_ahead(home, key.sqlcipher_key)
    return None if rows is None else [_row_to_json(row) for row in rows]


def _row_to_json(row: ClientRow) -> list[object]:
    last = row.last_contact.isoformat() if row.last_contact is not None else None
    return [row.id, row.uid, row.name, row.status, row.project, last]


def _row_from_json(values: list[Any]) -> ClientRow:
    import datetime as dt

    from journal.overview import ClientRow

    cid, uid, name, status, project, last = values
    moment = dt.datetime.fromisoformat(last) if last is not None else None
    return ClientRow(cid, uid, name, status, project, moment, None, 0, 0)
