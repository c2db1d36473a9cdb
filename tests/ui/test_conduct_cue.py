"""The conduct cue in the app: Today, the client list's tooltip and the timeline show it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from journal.clients import find_client
from journal.entries.capture import log_interaction
from journal.store.database import Journal
from journal.store.models import Client
from journal.timeline import CueMark
from tests.conftest import NOW
from ui.views.client_list import ClientListModel
from ui.views.today import ITEM_ROLE as TODAY_ITEM_ROLE

QUESTION = "“Did I ask before advising?”"


@pytest.fixture
def sofia(demo_journal: Journal) -> Client:
    """The demo's healthy client, after three sessions of advising without asking."""
    client = find_client("Sofia")
    for days, asked in ((9, False), (6, True), (4, False), (1, False)):
        log_interaction(
            client,
            at=NOW - dt.timedelta(days=days),
            channel="video",
            direction="two_way",
            summary="Session",
            feeling=1,
            self_check={"asked_before_advising": asked},
        )
    return client


def test_the_app_shows_the_conduct_cue_with_its_question(sofia: Client, window) -> None:
    lines = [window.today.model.index(r).data(TODAY_ITEM_ROLE) for r in range(50)]
    line = next(i for i in lines if i is not None and i.client == sofia.name)
    assert (line.kind, line.detail) == ("cue", "conduct")

    proxy = window.client_list.proxy
    row = next(
        r
        for r in range(proxy.rowCount())
        if proxy.index(r, ClientListModel.NAME).data() == sofia.name
    )
    tip = proxy.index(row, ClientListModel.HEALTH).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Sofia Alvarez, note: The question to work on with Sofia is ")
    assert QUESTION in tip and "3 of the last 4 sessions" in tip

    window.open_client(sofia.id)
    marks = [item for item in window.timeline.model.items if isinstance(item, CueMark)]
    assert [m.cue.kind for m in marks] == ["conduct"]
    assert QUESTION in marks[0].cue.explanation and marks[0].cue.template is None
