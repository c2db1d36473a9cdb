"""One Rapport window per journal: a second launch hands over to the running one.

The running app listens on a local socket (a Unix socket or a Windows named pipe) whose name is
derived from the journal home, so `--demo` with its temporary home and a journal elsewhere are
instances of their own. A second launch connects, asks the running window to come to the front,
waits for the answer and exits; it never opens the journal. A socket left behind by a crash
answers nobody and is replaced.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from journal.errors import RapportError

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
CONNECT_MS = 500  # a live server accepts at once; a stale socket refuses at once
ANSWER_MS = 5000  # the running app may be busy for a moment (an import, a report)


def server_name(home: Path) -> str:
    """A short name unique to this user and journal home (socket paths have a length limit)."""
    key = f"{Path.home()}\0{home.expanduser().resolve()}"
    return "rapport-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class SingleInstance(QObject):
    """The running app's end: answers later launches and emits `activated` for each."""

    activated = Signal()

    def __init__(self, server: QLocalServer) -> None:
        super().__init__(server.parent())
        self.server = server
        self._window: QWidget | None = None
        server.newConnection.connect(self._accept)

    def attach(self, window: QWidget) -> None:
        """The window to bring to the front when Rapport is launched again."""
        self._window = window

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
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
    if ACKNOWLEDGED not in answer:
        raise RapportError(
            "Rapport is already open for this journal but does not answer; switch to its "
            "window, or close it and start Rapport again."
        )
    return True


def claim(
    home: Path, parent: QObject | None = None, answer_ms: int = ANSWER_MS
) -> SingleInstance | None:
    """Become the one instance for `home`, or hand over to it: a SingleInstance, or None when
    the running app took over (the caller then exits quietly)."""
    name = server_name(home)
    if _hand_over(name, answer_ms):
        return None
    server = QLocalServer(parent or QApplication.instance())
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        if server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            raise _cannot_check(server)
        # Another launch began listening a moment ago (hand over to it), or a crashed run
        # left its socket behind (nobody answers: replace it).
        if _hand_over(name, answer_ms):
            server.deleteLater()
            return None
        QLocalServer.removeServer(name)
        if not server.listen(name):
            raise _cannot_check(server)
    return SingleInstance(server)


def _cannot_check(server: QLocalServer) -> RapportError:
    message = server.errorString()
    server.deleteLater()
    return RapportError(
        f"Rapport could not check whether it is already running ({message}); "
        "close other Rapport windows and try again."
    )
