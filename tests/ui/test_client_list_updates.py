"""After a save, the client list updates the touched client's row and nothing else: no reset
that re-filters and repaints every client, the coach's selection stays, and the name column
only ever widens for the touched names."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from journal.cues.model import Cue, Severity
from journal.overview import by_attention, client_rows, with_cues
from tests.conftest import NOW
from tests.ui.test_client_list import _cue
from ui.views.client_list import ClientListModel, ClientListPanel
from ui.views.client_model import CLIENT_ID_ROLE


class Signals:
    """What the model told its views."""

    def __init__(self, model: ClientListModel) -> None:
        self.resets, self.changed, self.moved = 0, [], []
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(lambda a, b, *_: self.changed.append((a.row(), b.row())))
        model.rowsRemoved.connect(lambda _p, first, _l: self.moved.append(("out", first)))
        model.rowsInserted.connect(lambda _p, first, _l: self.moved.append(("in", first)))

    def _reset(self) -> None:
        self.resets += 1


@pytest.fixture
def panel(qtbot, demo_journal):
    widget = ClientListPanel()
    qtbot.addWidget(widget)
    widget.set_rows(client_rows(NOW.tzinfo), NOW.date(), NOW.tzinfo, cues=[])
    widget.show()
    return widget


def _ids(panel: ClientListPanel) -> list[int]:
    model = panel.model
    return [model.index(r, 0).data(CLIENT_ID_ROLE) for r in range(model.rowCount())]


def _rows_after(panel: ClientListPanel, cues: list[Cue], rename: dict[int, str] | None = None):
    rows = client_rows(NOW.tzinfo)
    if rename:
        rows = [dataclasses.replace(r, name=rename.get(r.id, r.name)) for r in rows]
    return by_attention(with_cues(rows, cues), NOW.date())


def test_recomputed_cues_update_only_the_touched_clients_row(panel):
    ids = _ids(panel)
    last = ids[-1]  # a cue that leaves it where it is: the last row stays last when paused
    row = panel.model.client_row(len(ids) - 1)
    panel.select_client(ids[0])
    seen = Signals(panel.model)
    selected: list[int] = []
    panel.clientSelected.connect(selected.append)
    cues = [_cue(last, row.name, Severity.INFO)]
    rows = _rows_after(panel, cues)
    assert [r.id for r in rows] == ids, "the test wants a cue that does not reorder"

    panel.update_rows(rows, frozenset({last}), cues, NOW.date())

    assert seen.resets == 0 and seen.moved == []
    assert seen.changed == [(len(ids) - 1, len(ids) - 1)]
    assert panel.model.client_row(len(ids) - 1).open_cues == 1
    assert panel.current_client_id() == ids[0] and selected == []


def test_a_client_whose_cue_turns_critical_moves_up_alone(panel):
    ids = _ids(panel)
    mover = ids[2]
    name = panel.model.client_row(2).name
    panel.select_client(ids[1])
    seen = Signals(panel.model)
    cues = [_cue(mover, name, Severity.CRITICAL)]
    rows = _rows_after(panel, cues)

    panel.update_rows(rows, frozenset({mover}), cues, NOW.date())

    assert seen.resets == 0
    assert seen.moved == [("out", 2), ("in", 0)]
    assert _ids(panel) == [r.id for r in rows]
    assert panel.current_client_id() == ids[1]  # the coach's client stays selected


def test_the_name_column_widens_for_a_longer_touched_name_and_never_shrinks(panel):
    header = panel.table.horizontalHeader()
    width = header.sectionSize(ClientListModel.NAME)
    client = _ids(panel)[0]
    longer = {client: "Wilhelmina Montgomery-Svensson"}
    rows = _rows_after(panel, [], longer)
    panel.update_rows(rows, frozenset({client}), [], NOW.date())
    wider = header.sectionSize(ClientListModel.NAME)
    assert wider > width

    rows = _rows_after(panel, [], {client: "Al"})
    panel.update_rows(rows, frozenset({client}), [], NOW.date())
    assert header.sectionSize(ClientListModel.NAME) == wider


def test_a_new_day_rebuilds_the_list(panel):
    seen = Signals(panel.model)
    client = _ids(panel)[0]
    tomorrow = NOW.date() + dt.timedelta(days=1)
    rows = by_attention(with_cues(client_rows(NOW.tzinfo), []), tomorrow)
    panel.update_rows(rows, frozenset({client}), [], tomorrow)
    assert seen.resets == 1
    assert _ids(panel) == [r.id for r in rows]
