"""Read the journal's key in a forked helper while the app loads Qt.

Reading a key from the keyring imports the keyring package (about 40 ms here: every backend
pulls in urllib, http.client, email and ssl) and may wait on the secret service; loading Qt
takes about 100 ms. The two do not depend on each other, and the machine has a second core:
a child forked before Qt loads reads the key with the same code the app would run and hands
it over a pipe, so the key costs the app's start almost nothing.

Only where it is safe and useful: on Linux (macOS frameworks must not be used in a child
forked without exec; Windows has no fork), from a process with a single thread, and for a
journal whose key.json says its key is in a keyring. Anything unexpected in the child makes it
send nothing; the app then reads the key itself, the usual way, with the usual messages. The
key exists only in the two processes' memory and the pipe between them; nothing is cached.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from journal.home import database_path
from journal.secrets import JournalKey, KeyRecord, key_from_keyring, load_key_record


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
    """The key record of a journal whose key can be read ahead here; else None."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return None
    try:
        if database_path(home).stat().st_size == 0:
            return None
        record = load_key_record(home)
    except Exception:  # no journal yet, or an unreadable record: the app will say so itself
        return None
    if record is None or record.mode != "keyring" or not _single_threaded():
        return None
    return record


@dataclass
class KeyPrefetch:
    """A key being read by a forked child; `key()` waits for it."""

    home: Path
    record: KeyRecord  # as key.json said when the child was forked; the child reads by it
    pid: int
    fd: int
    _done: bool = False

    def key(self) -> JournalKey | None:
        """The key the child read, or None (the caller then reads it the usual way)."""
        if self._done:
            return None
        self._done = True
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self.fd, 4096):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self.fd)
            _reap(self.pid)
        try:
            data = json.loads(b"".join(chunks) or b"null")
            return JournalKey(str(data["key"]), self.record, str(data["warning"]))
        except (ValueError, TypeError, KeyError):  # nothing sent: the child failed
            return None

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
    """Start reading `home`'s key in a child process, where that is safe; else None."""
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
            _send_key(record, write_end)
        finally:
            os._exit(0)
    signal.pthread_sigmask(signal.SIG_SETMASK, before)
    os.close(write_end)
    return KeyPrefetch(home, record, pid, read_end)


def _send_key(record: KeyRecord, fd: int) -> None:
    try:
        key = key_from_keyring(record)
        payload = json.dumps({"key": key.sqlcipher_key, "warning": key.warning}).encode()
    except BaseException:
        return  # the app reads the key itself and reports what went wrong
    view = memoryview(payload)
    with contextlib.suppress(OSError):
        while view:
            view = view[os.write(fd, view) :]
