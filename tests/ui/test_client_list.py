"""The client list: attention order, health from cues, filter as you type, status filter."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt

from journal.cues.model import Cue, EvidenceRef, Severity
from journal.overview import client_rows
from journal.values.dates import relative_day
from tests.conftest import NOW
from ui.views.client_list import CLIENT_ID_ROLE, ClientListModel, ClientListPanel


def _cue(row_id: int, name: str, severity: Severity, kind: str = "unanswered") -> Cue:
    return Cue(
        kind,
        row_id,
        name,
        severity,
        NOW - dt.timedelta(days=3),
        (EvidenceRef("interaction", "x"),),
        f"{name} has not replied to 3 emails.",
        None,
    )


@pytest.fixture
def panel(qtbot, demo_journal):
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.set_rows(client_rows(NOW.tzinfo), NOW.date(), NOW.tzinfo)
    widget.show()
    return widget


def _names(panel: ClientListPanel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(r, ClientListModel.NAME).data() for r in range(proxy.rowCount())]


def _id_of(panel: ClientListPanel, name: str) -> int:
    model = panel.model
    for r in range(model.rowCount()):
        if model.index(r, ClientListModel.NAME).data() == name:
            return model.index(r, 0).data(CLIENT_ID_ROLE)
    raise AssertionError(name)


def test_model_passes_qt_model_tester(qtmodeltester, demo_journal):
    model = ClientListModel()
    model.set_rows(client_rows(NOW.tzinfo), NOW.date(), NOW.tzinfo)
    qtmodeltester.check(model)


def test_worst_cue_comes_first_and_paused_last(panel):
    maja, tom = _id_of(panel, "Maja Lindqvist"), _id_of(panel, "Tom Becker")
    panel.set_cues(
        [_cue(tom, "Tom Becker", Severity.WARNING), _cue(maja, "Maja Lindqvist", Severity.CRITICAL)]
    )
    names = _names(panel)
    assert names[:2] == ["Maja Lindqvist", "Tom Becker"]
    assert names[-1] == "Liam O'Connor"  # paused: nothing to chase
    tip = panel.proxy.index(0, ClientListModel.HEALTH).data(Qt.ItemDataRole.ToolTipRole)
    assert "urgent" in tip and "3 emails" in tip


def test_typing_filters_and_enter_opens_the_match(panel, qtbot):
    qtbot.keyClicks(panel.filter_edit, "gre")
    assert _names(panel) == ["Greta Holm"]
    assert panel.count_label.text() == "1 of 9 clients"
    with qtbot.waitSignal(panel.clientActivated) as opened:
        qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    assert opened.args == [_id_of(panel, "Greta Holm")]


def test_status_filter_shows_only_that_status(panel):
    panel.status_box.setCurrentIndex(panel.status_box.findData("prospect"))
    assert _names(panel) == ["Maja Lindqvist"]
    panel.status_box.setCurrentIndex(0)
    assert len(_names(panel)) == 9


def test_selection_survives_a_refresh_with_cues(panel, qtbot):
    hannah = _id_of(panel, "Hannah Fischer")
    with qtbot.waitSignal(panel.clientSelected) as chosen:
        assert panel.select_client(hannah)
    assert chosen.args == [hannah]
    panel.set_cues([_cue(_id_of(panel, "Jonas Ek"), "Jonas Ek", Severity.CRITICAL)])
    assert panel.current_client_id() == hannah


def test_selecting_a_filtered_out_client_clears_the_filter(panel, qtbot):
    qtbot.keyClicks(panel.filter_edit, "greta")
    assert panel.select_client(_id_of(panel, "Tom Becker"))
    assert panel.filter_edit.text() == ""
    assert panel.current_client_id() == _id_of(panel, "Tom Becker")


def test_last_contact_reads_as_a_coach_says_it(panel):
    row = _names(panel).index("Greta Holm")
    assert panel.proxy.index(row, ClientListModel.LAST).data() == "yesterday"


def test_relative_day_words():
    today = dt.date(2026, 3, 2)
    assert relative_day(dt.date(2026, 2, 25), today) == "5 days ago"
    assert relative_day(dt.date(2026, 3, 5), today) == "in 3 days"
    assert relative_day(dt.date(2025, 12, 1), today) == "1 Dec 2025"


def test_tab_leaves_the_list_in_one_step_and_keeps_the_client(qtbot, demo_journal):
    """Keyboard users must not be trapped cell by cell, nor switch client by tabbing."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    box = QVBoxLayout(host)
    panel = ClientListPanel()
    panel.set_rows(client_rows(NOW.tzinfo), NOW.date(), NOW.tzinfo)
    box.addWidget(panel)
    box.addWidget(QLineEdit())
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus)
    panel.table.selectRow(1)
    chosen = panel.table.currentIndex().data(CLIENT_ID_ROLE)
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert not panel.table.hasFocus()
    assert panel.table.currentIndex().data(CLIENT_ID_ROLE) == chosen


def test_header_clicks_sort_by_a_column_and_back_to_attention_order(panel, qtbot):
    maja, tom = _id_of(panel, "Maja Lindqvist"), _id_of(panel, "Tom Becker")
    panel.set_cues(
        [_cue(tom, "Tom Becker", Severity.WARNING), _cue(maja, "Maja Lindqvist", Severity.CRITICAL)]
    )
    attention = _names(panel)
    header = panel.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )

    click(ClientListModel.NAME)
    assert _names(panel) == sorted(attention, key=str.casefold)
    click(ClientListModel.HEALTH)
    assert _names(panel) == attention  # worst first again
    click(ClientListModel.HEALTH)
    assert _names(panel) == attention[::-1]
    click(ClientListModel.HEALTH)
    assert _names(panel) == attention
    panel.set_cues([_cue(tom, "Tom Becker", Severity.CRITICAL)])  # a refresh keeps the order
    assert _names(panel)[0] == "Tom Becker"
