"""How the window starts: its first paint needs nothing from the Qt namespace (see
tests/test_first_paint.py), so what does waits until the window is up; the coach sees the
same window either way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.store.database import Journal
from tests.conftest import NOW
from ui import item_roles, style
from ui.local_settings import local_settings
from ui.main_window import TODAY_PAGE, MainWindow
from ui.today_heading import TodayStandIn
from ui.views.client_list import ClientListModel
from ui.views.today import TodayView


def test_the_item_roles_are_qt_s_own() -> None:
    roles = Qt.ItemDataRole
    assert roles.DisplayRole.value == item_roles.DISPLAY
    assert roles.DecorationRole.value == item_roles.DECORATION
    assert roles.ToolTipRole.value == item_roles.TOOL_TIP
    assert roles.FontRole.value == item_roles.FONT
    assert roles.AccessibleTextRole.value == item_roles.ACCESSIBLE_TEXT
    assert roles.UserRole.value == item_roles.USER


def test_header_sorting_and_today_s_list_come_once_the_window_is_up(
    unopened_window: MainWindow, qtbot: QtBot
) -> None:
    win = unopened_window
    table = win.client_list.table
    assert not table.isSortingEnabled()
    stand_in = win.pages.widget(TODAY_PAGE)
    assert isinstance(stand_in, TodayStandIn)
    assert stand_in.heading.text() == "Today, Monday 2 March"
    assert stand_in.summary.text() == "Checking for cues…"
    win.show()
    qtbot.waitUntil(lambda: win.cues is not None, timeout=10000)
    assert table.isSortingEnabled()
    assert table.horizontalHeader().sortIndicatorSection() == ClientListModel.HEALTH
    today = win.pages.widget(TODAY_PAGE)
    assert isinstance(today, TodayView) and today is win.today
    assert win.pages.currentIndex() == TODAY_PAGE
    assert today.heading.text() == "Today, Monday 2 March"
    assert today.model.rowCount() > 0


def test_the_header_shows_the_column_names_and_tells_them(unopened_window: MainWindow) -> None:
    header = unopened_window.client_list.table.horizontalHeader()
    labels = header.model()
    horizontal = Qt.Orientation.Horizontal
    shown = [labels.headerData(section, horizontal) for section in range(header.count())]
    assert shown == ["", "Client", "Status", "Last contact", "Next follow-up"]
    tip = Qt.ItemDataRole.ToolTipRole
    assert labels.headerData(ClientListModel.HEALTH, horizontal, tip) == "Health"
    # Screen readers ask the view's own model.
    model = unopened_window.client_list.table.model()
    assert model.headerData(ClientListModel.LAST, horizontal) == "Last contact"


def test_a_remembered_scheme_the_system_no_longer_has_is_followed_once_the_window_is_up(
    qapp: QApplication,
) -> None:
    """Dark last session, light now: the first paint is dark, then the palette follows."""
    before = qapp.palette()
    settings = local_settings()
    settings.setValue(style.SCHEME_KEY, True)
    settings.sync()
    try:
        style.apply_style(qapp, fusion_already=True, remembered_scheme=True)
        window = QPalette.ColorRole.Window
        assert style.dark_palette()
        assert qapp.palette().color(window).lightness() < 128
        style.check_scheme()  # the offscreen platform is light
        assert not style.dark_palette()
        assert qapp.palette().color(window).lightness() > 128
        assert str(local_settings().value(style.SCHEME_KEY)).lower() == "false"
    finally:
        follower = style._follower()
        qapp.setProperty("rapport_style_follower", None)
        if follower is not None:
            follower.deleteLater()
        qapp.setPalette(before)


def test_the_severity_colours_and_words_follow_the_cues_severities() -> None:
    from journal.cues.model import Severity
    from journal.overview import NO_CUE

    levels = {NO_CUE, *(int(severity) for severity in Severity)}
    assert set(style._SEVERITY_LIGHT) == set(style._SEVERITY_DARK) == levels
    assert set(style.SEVERITY_WORDS) == levels
    assert style.severity_word(Severity.CRITICAL) == "urgent"


def test_switching_sorting_on_later_sorts_nothing_through_python(
    qtbot: QtBot, demo_journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list is in attention order already: turning header sorting on right after the first
    paint must not compare every client through Python while the coach starts clicking."""
    from journal.overview import client_rows
    from ui.views.client_list import SORT_ROLE, ClientListPanel

    asked: list[int] = []
    data = ClientListModel.data

    def counting(self: ClientListModel, index: object, role: int = 0) -> object:
        if role == SORT_ROLE:
            asked.append(role)
        return data(self, index, role)  # type: ignore[arg-type]

    monkeypatch.setattr(ClientListModel, "data", counting)  # before Qt looks it up
    panel = ClientListPanel(sorting=False)
    qtbot.addWidget(panel)
    panel.set_rows(client_rows(NOW.tzinfo), NOW.date(), NOW.tzinfo)
    before = [panel.proxy.index(r, ClientListModel.NAME).data() for r in range(9)]
    asked.clear()
    panel.enable_sorting()
    assert asked == []
    assert [panel.proxy.index(r, ClientListModel.NAME).data() for r in range(9)] == before
    assert panel.table.isSortingEnabled()


def test_a_window_that_is_never_painted_still_ends_its_start(
    unopened_window: MainWindow, qtbot: QtBot
) -> None:
    """`started` (which turns the cycle collector back on in the app) comes at the latest
    250 ms in, painted or not, and once."""
    seen: list[bool] = []
    unopened_window.started.connect(lambda: seen.append(True))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(300)
    assert seen == [True]


def test_today_s_list_replaces_its_stand_in_without_showing_the_client_page(
    unopened_window: MainWindow,
) -> None:
    pages: list[int] = []
    unopened_window.pages.currentChanged.connect(pages.append)
    today = unopened_window.today
    assert unopened_window.pages.currentWidget() is today
    assert pages == [TODAY_PAGE]


def test_the_cycle_collector_comes_back_frozen_after_the_start() -> None:
    import gc

    from ui.app import resume_collection

    gc.disable()
    try:
        resume_collection()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made is not walked again
    finally:
        gc.unfreeze()
        gc.enable()
