"""The one start path: the window is shown, the journal opens right after its first paint,
and what needs the journal is enabled once it is open. The same on every platform."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journal import settings
from journal.changes import Changes
from journal.clients import find_client
from journal.cues.api import all_cues
from journal.cues.model import Severity
from journal.overview import NO_CUE
from journal.store.database import Journal
from tests.conftest import NOW
from tests.support.keyring_journal import app_env
from ui import style
from ui.background import wait_for_background
from ui.main_window import MainWindow
from ui.views.client_list import ClientListModel


def test_the_window_shows_before_the_journal_opens_and_works_once_it_has(
    qtbot: QtBot, demo_journal: Journal
) -> None:
    win = MainWindow(clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    painted: list[bool] = []
    win.after_first_paint(lambda: painted.append(True))
    win.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    actions = win.window_actions
    assert not actions.new_interaction.isEnabled() and not actions.find.isEnabled()
    assert win.client_list.model.rowCount() == 0
    assert win.today.summary.text() == "Checking for cues…"
    with qtbot.waitSignal(win.opened, timeout=5000):
        win.set_journal(demo_journal)
    assert actions.new_interaction.isEnabled() and actions.find.isEnabled()
    assert win.client_list.model.rowCount() > 0
    qtbot.waitUntil(lambda: win.cues is not None, timeout=10000)
    assert win.today.model.rowCount() > 0
    assert win.today.heading.text() == "Today, Monday 2 March"
    win.close()
    wait_for_background()


def test_the_header_shows_the_column_names_and_tells_them(window: MainWindow) -> None:
    model = window.client_list.table.model()
    horizontal = Qt.Orientation.Horizontal
    shown = [model.headerData(section, horizontal) for section in range(model.columnCount())]
    assert shown == ["", "Client", "Status", "Last contact", "Next follow-up"]
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.headerData(ClientListModel.HEALTH, horizontal, tip) == "Health"
    header = window.client_list.table.horizontalHeader()
    assert header.sortIndicatorSection() == ClientListModel.HEALTH


def test_the_severity_colours_and_words_follow_the_cues_severities() -> None:
    levels = {NO_CUE, *(int(severity) for severity in Severity)}
    assert set(style._SEVERITY_LIGHT) == set(style._SEVERITY_DARK) == levels
    assert set(style.SEVERITY_WORDS) == levels
    assert style.severity_word(Severity.CRITICAL) == "urgent"


def _start(home: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ui", "--home", str(home)],
        env={**env, "RAPPORT_STARTUP_PROBE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _until(child: subprocess.Popen[str], milestone: str) -> list[str]:
    """The milestones the app reported up to and including `milestone`."""
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line.split()[0])
        if seen[-1] == milestone:
            return seen
    raise AssertionError(f"the app ended before '{milestone}': {seen}")


def test_a_real_start_shows_the_window_then_opens_the_journal_then_the_rows(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    child = _start(keyring_journal, app_env(keyring_file, tmp_path))
    try:
        seen = _until(child, "cues")
        rows = seen + ([] if "rows" in seen else _until(child, "rows"))
        # The window first, then the journal; the rows and the cues follow in either order
        # (on a small journal the cues can be in before the list has repainted).
        assert rows[:3] == ["shown", "frame", "open"] and sorted(rows[3:]) == ["cues", "rows"]
        child.send_signal(signal.SIGTERM)  # a logout: the orderly way out
        _out, errors = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0
    assert "Traceback" not in errors and "Error" not in errors, errors


def test_quitting_right_after_the_start_leaves_no_traceback(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    """The journal closes only once no cue job uses it (it used to say "Cannot use
    uninitialized Proxy")."""
    for moment in ("frame", "open"):
        child = _start(keyring_journal, app_env(keyring_file, tmp_path))
        try:
            _until(child, moment)
            child.send_signal(signal.SIGTERM)
            _out, errors = child.communicate(timeout=60)
        finally:
            child.kill()
        assert child.returncode == 0, errors
        assert "Traceback" not in errors and "Proxy" not in errors, (moment, errors)


def test_a_change_right_after_a_language_change_keeps_every_client_s_cues_in_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A client's save while every client's cues are being recomputed must not leave the
    others' in the old language (the narrower computation supersedes the wider one)."""
    from ui.views.language import follow_language

    follow_language(window, None)  # as run_app wires it
    maja = find_client("Maja").id
    settings.set_value("language", "sv")
    window.journal_changed(Changes.of(settings=["language"]))
    window.journal_changed(Changes.of(clients=[maja]))
    wait_for_background()
    swedish = {c.explanation for c in all_cues(NOW, lang="sv")}
    qtbot.waitUntil(lambda: {c.explanation for c in window.cues or []} == swedish)
