"""Fixtures for the widget tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from journal.store.database import Journal
from tests.conftest import NOW

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def calm_app_fields(qapp: QApplication) -> None:
    """The application's field filter, as make_application installs it (the wheel, typed
    dates): widget tests see fields as the coach does."""
    from ui.dialogs.calm_fields import calm_fields

    calm_fields(qapp)


@pytest.fixture
def unopened_window(qtbot: QtBot, demo_journal: Journal) -> Iterator[MainWindow]:
    """The main window on the demo journal as of NOW, as built: not yet shown (nor painted),
    closed after the test."""
    from ui.background import wait_for_background
    from ui.main_window import MainWindow

    win = MainWindow(demo_journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    yield win
    win.close()
    wait_for_background()


@pytest.fixture
def window(qtbot: QtBot, unopened_window: MainWindow) -> MainWindow:
    """The main window on the demo journal as of NOW, shown, cues computed."""
    unopened_window.show()
    qtbot.waitUntil(lambda: unopened_window.cues is not None, timeout=10000)
    return unopened_window


@pytest.fixture(autouse=True)
def english_window(qapp: QApplication) -> Iterator[None]:
    """Whatever a widget test speaks, the next one starts in English: the catalogue, Qt's
    own translator and its locale (apply_language sets all three)."""
    from ui.views.language import apply_language

    yield
    apply_language("en")
