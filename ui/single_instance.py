"""One Rapport window per journal: a second launch hands over to the running one.

The running app holds a lock file and listens on a local socket (a Unix socket or a Windows
named pipe), both named after the journal home, so `--demo` with its temporary home and a
journal elsewhere are instances of their own. A second launch finds the lock taken, connects,
asks the running window to come to the front, waits for the answer and exits; it never opens
the journal. A lock left by a crash is stale (its process is gone) and is taken over, and so
is a socket nobody answers on.

The lock decides at once, with QtCore alone; the socket needs QtNetwork, slower to load, so
the app starts listening once its window has painted. A launch in between waits for it.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from journal.errors import RapportError
from journal.i18n import N_, _
from journal.store.instance import instance_name, lock_path

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
CONNECT_MS = 500  # a live server accepts at once; a stale socket refuses at once
ANSWER_MS = 5000  # the running app may be busy for a moment (an import, a report)
_CANNOT_CHECK = N_(
    "Rapport could not check whether it is already running ({problem}); close other Rapport "
    "windows and try again."
)


class SingleInstance(QObject):
    """The running app's end: holds the lock, answers later launches once it listens, and
    emits `activated` for each."""

    activated = Signal()

    def __init__(self, name: str, lock: QLockFile, parent: QObject | None) -> None:
        super().__init__(parent)
        self.name = name
        self._lock = lock
        self.server: QLocalServer | None = None
        self._window: QWidget | None = None

    def attach(self, window: QWidget) -> None:
        """The window to bring to the front when Rapport is launched again; from now on
        later launches are answered."""
        self._window = window
        if self.server is None:
            self._listen()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
        self._lock.unlock()

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # The lock is ours, so whatever holds the name was left by a crash: replace it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                raise _cannot_check(server)
        server.newConnection.connect(self._accept)
        self.server = server

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == ACTIVATE:
            socket.write(ACKNOWLEDGED)
            socket.flush()
            bring_to_front(QApplication.activeModalWidget() or self._window)
            self.activated.emit()
        socket.disconnectFromServer()


def bring_to_front(window: QWidget | None) -> None:
    """Show, un-minimise, raise and activate: what the user expects from launching again."""
    if window is None:
        return
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _hand_over(name: str, answer_ms: int) -> bool:
    """True when a running Rapport took the launch over; False when nobody is listening."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(CONNECT_MS)
    answer = b""
    while ACKNOWLEDGED not in answer and socket.waitForReadyRead(answer_ms):
        answer += bytes(socket.readAll().data())
    socket.abort()
    return ACKNOWLEDGED in answer


def claim(
    home: Path, parent: QObject | None = None, answer_ms: int = ANSWER_MS
) -> SingleInstance | None:
    """Become the one instance for `home`, or hand over to it: a SingleInstance, or None when
    the running app took over (the caller then exits quietly)."""
    name = instance_name(home)
    # Where the command line looks for it too (journal.store.instance.app_holds).
    lock = QLockFile(str(lock_path(home)))
    lock.setStaleLockTime(0)  # stale when its process is gone, not after some time
    deadline = time.monotonic() + answer_ms / 1000
    while not lock.tryLock(0):
        if lock.error() != QLockFile.LockError.LockFailedError:
            problem = _("{file} cannot be written").format(file=lock.fileName())
            raise RapportError(_(_CANNOT_CHECK).format(problem=problem))
        # Rapport runs for this journal, perhaps still starting (it listens once painted).
        if _hand_over(name, answer_ms):
            return None
        if time.monotonic() > deadline:
            raise RapportError(
                _(
                    "Rapport is already open for this journal but does not answer; switch to "
                    "its window, or close it and start Rapport again."
                )
            )
        time.sleep(0.05)
    return SingleInstance(name, lock, parent or QApplication.instance())


def _cannot_check(server: QLocalServer) -> RapportError:
    message = server.errorString()
    server.deleteLater()
    return RapportError(_(_CANNOT_CHECK).format(problem=message))
