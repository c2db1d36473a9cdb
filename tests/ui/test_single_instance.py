"""A second `rapport` for the same journal brings the running window to the front and exits 0
without a window of its own; another journal home (a demo's temporary one) is its own instance."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QMainWindow

from journal.errors import RapportError
from journal.store.instance import instance_name as server_name
from ui.single_instance import claim


@pytest.fixture
def running(qtbot, home):
    """The first instance: its guard and its (minimised) window."""
    guard = claim(home)
    assert guard is not None
    window = QMainWindow()
    window.setWindowTitle("Rapport")
    qtbot.addWidget(window)
    guard.attach(window)
    window.showMinimized()
    yield guard, window
    guard.close()


def _launch_rapport(home: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "RAPPORT_HOME": str(home),
        # Should the hand-over fail, the child must still never reach a real keyring.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "RAPPORT_PASSPHRASE": "a passphrase that is never used",
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from ui.entry import main; main()"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _hand_over(qtbot, guard, home: Path) -> tuple[int, str, str]:
    """Launch Rapport for `home` and wait until `guard` was asked to come forward and the
    launch ended: its exit code, stdout and stderr."""
    child = _launch_rapport(home)
    try:
        with qtbot.waitSignal(guard.activated, timeout=20000):
            pass
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=20000)
    finally:
        if child.poll() is None:
            child.kill()
    out, err = child.communicate()
    return child.returncode, out, err


def test_a_second_launch_brings_the_running_window_forward_and_exits_0(running, qtbot, home):
    guard, window = running
    code, out, err = _hand_over(qtbot, guard, home)
    assert code == 0, err
    assert out == "" and err == ""
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert window.isVisible()
    assert not (home / "journal.db").exists()  # the second launch never opened the journal


def test_another_journal_home_is_an_instance_of_its_own(running, tmp_path):
    other = claim(tmp_path / "rapport-demo-xyz")
    assert other is not None
    other.close()
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_the_same_home_spelled_differently_is_the_same_instance(home):
    assert server_name(home) == server_name(home / "sub" / "..")


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave nothing behind")
def test_a_socket_left_by_a_crash_is_replaced(home):
    probe = QLocalServer()
    assert probe.listen(server_name(home))
    path = probe.fullServerName()
    probe.close()
    stale = socket.socket(socket.AF_UNIX)  # a dead instance's socket file: nobody answers
    stale.bind(path)
    stale.close()
    try:
        guard = claim(home)
        assert guard is not None
        guard.attach(QMainWindow())
        assert guard.server is not None and guard.server.isListening()
        guard.close()
    finally:
        QLocalServer.removeServer(server_name(home))


def test_a_lock_left_by_a_crash_is_taken_over(home, tmp_path):
    holder = (
        "import os, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from pathlib import Path\n"
        "from ui.single_instance import claim\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        f"assert claim(Path({str(home)!r})) is not None\n"
        "os.kill(os.getpid(), 9)\n"  # a crash: the lock file stays behind
    )
    crashed = subprocess.run([sys.executable, "-c", holder], capture_output=True, timeout=60)
    assert crashed.returncode == -9, crashed.stderr
    guard = claim(home, answer_ms=200)  # nobody answers, yet the lock is free to take
    assert guard is not None
    guard.close()


def test_a_launch_while_the_first_is_still_starting_waits_for_it(qtbot, home):
    """The first instance listens only once its window has painted; a second launch in
    between waits for it rather than opening a second window."""
    first = claim(home)
    assert first is not None
    window = QMainWindow()
    qtbot.addWidget(window)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, lambda: first.attach(window))  # its first paint, a moment later
    try:
        code, _out, err = _hand_over(qtbot, first, home)
    finally:
        first.close()
    assert code == 0, err


def test_a_running_instance_that_does_not_answer_is_reported(running, home):
    # The first instance's event loop is not running here, so it cannot answer.
    with pytest.raises(RapportError, match="does not answer"):
        claim(home, answer_ms=200)


def test_commands_that_replace_the_journal_or_its_key_wait_for_the_app_to_close(
    qtbot, home, demo_journal, capsys
) -> None:
    """A restore or a new key under a running app would leave it writing to the file that was
    replaced; the command refuses, changing nothing, and runs once the window is closed."""
    from journal.cli.main import run
    from journal.store.home import database_path
    from journal.store.instance import app_holds

    demo_journal.close()
    before = database_path(home).read_bytes()
    guard = claim(home)
    assert guard is not None and app_holds(home)
    for args in (["restore", str(home / "no-such.db")], ["change-passphrase"]):
        assert run(args) == 2
        assert "Rapport is open on this journal" in capsys.readouterr().err
    assert run(["move-key", "--to", "passphrase"]) == 2
    assert "Nothing was changed" in capsys.readouterr().err
    assert database_path(home).read_bytes() == before
    guard.close()
    assert not app_holds(home)
    assert run(["restore", str(home / "no-such.db")]) == 2  # now refused for its own reason
    assert "Rapport is open" not in capsys.readouterr().err
