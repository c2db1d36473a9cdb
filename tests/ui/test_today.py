"""Today: one list across clients, most urgent first; activating a line names the client."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from journal.cues.model import Cue, EvidenceRef, Severity
from journal.overview import client_rows, today_agenda
from tests.conftest import NOW
from ui.views.today import ITEM_ROLE, AgendaModel, TodayView


@pytest.fixture
def view(qtbot, demo_journal):
    widget = TodayView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    return widget


def _critical_cue_for(name: str) -> Cue:
    row = next(r for r in client_rows() if r.name == name)
    return Cue(
        "dread",
        row.id,
        name,
        Severity.CRITICAL,
        NOW - dt.timedelta(days=6),
        (EvidenceRef("interaction", "x"),),
        "Three bad-feeling meetings in a row.",
        None,
    )


def test_cues_come_before_due_items_and_overdue_before_upcoming(view):
    items = today_agenda(NOW, [_critical_cue_for("Victor Hale")])
    view.set_items(items, NOW.date())
    first = view.model.index(0).data(ITEM_ROLE)
    assert (first.kind, first.client) == ("cue", "Victor Hale")
    days = [view.model.index(r).data(ITEM_ROLE) for r in range(1, view.model.rowCount())]
    overdue = [i for i in days if i.day < NOW.date()]
    assert days[: len(overdue)] == overdue  # everything late is listed before what is coming
    assert "1 cue and 11 things falling due across 6 clients." in view.summary.text()


def test_enter_on_a_line_opens_that_client(view, qtbot):
    view.set_items(today_agenda(NOW, []), NOW.date())
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(2))
    chosen = view.model.index(2).data(ITEM_ROLE)
    with qtbot.waitSignal(view.itemActivated) as opened:
        qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert (opened.args[0].client, opened.args[0].kind) == (chosen.client, chosen.kind)
    # the line under the cursor, not simply the first one
    assert chosen.client != view.model.index(0).data(ITEM_ROLE).client


def test_an_empty_day_says_so_kindly(view):
    view.set_items([], NOW.date())
    assert view.heading.text() == "Today, Monday 2 March"
    assert "Nothing needs you today" in view.summary.text()


def test_agenda_model(qtmodeltester, demo_journal):
    model = AgendaModel()
    model.set_items(today_agenda(NOW, []), NOW.date())
    qtmodeltester.check(model)
    assert "overdue" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)


def test_a_commitment_a_cue_already_names_is_listed_once(demo_journal):
    from journal.cues.api import all_cues

    cues = all_cues(NOW)
    named = [c for c in cues if c.kind == "missed_deadlines" and c.client == "Maja Lindqvist"]
    assert named, "the demo's Maja has a missed-deadlines cue"
    items = today_agenda(NOW, cues)
    mentions = [i for i in items if "Decide on one of the three options" in i.title]
    assert [i.kind for i in mentions] == ["cue"]
    # a commitment no cue names still comes up when it falls due
    assert any(i.kind == "commitment" for i in items)


def test_before_the_cues_are_known_it_does_not_claim_an_empty_day(view):
    view.set_items([], NOW.date(), cues_pending=True)
    assert view.summary.text() == "Checking for cues…"


def test_a_cues_kind_reads_as_preferences_and_reports_spell_it(demo_journal):
    from journal.cues.api import all_cues

    items = today_agenda(NOW, all_cues(NOW))
    details = {i.detail for i in items if i.kind == "cue"}
    assert "over-contact" in details  # Greta
    assert "missed deadlines" in details
