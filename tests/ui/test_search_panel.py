"""Search: type, see highlighted matches, open one; odd input gets a one-line answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from journal.search import HIGHLIGHT_END, HIGHLIGHT_START
from ui.views.search import HIT_ROLE, SearchPanel, SearchResultsModel, highlighted_html


@pytest.fixture
def panel(qtbot, demo_journal):
    widget = SearchPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 480)
    widget.show()
    return widget


def _search(panel, qtbot, text: str) -> None:
    panel.query_edit.setFocus()
    panel.status.clear()
    qtbot.keyClicks(panel.query_edit, text)
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=2000)


def test_typing_finds_notes_and_enter_opens_the_first(panel, qtbot):
    _search(panel, qtbot, "propos")  # a prefix: search as you type
    hits = [panel.model.index(row).data(HIT_ROLE) for row in range(panel.model.rowCount())]
    assert [(h.kind, h.client_name, h.marked(h.title)) for h in hits] == [
        ("interaction", "Maja Lindqvist", "Sent the [proposal] with three options"),
        ("interaction", "Maja Lindqvist", "Friendly follow-up on the [proposal]"),
        ("interaction", "Maja Lindqvist", "Thanks for the call, looking forward to the [proposal]"),
        ("interaction", "Maja Lindqvist", "First call: leadership programme for her team leads"),
    ]
    # the first call has the word in its notes only, and the snippet shows it there
    assert hits[3].marked(hits[3].snippet).endswith("wants a [proposal].")
    assert panel.status.text() == "4 matches."
    with qtbot.waitSignal(panel.resultOpened) as opened:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert opened.args[0] == hits[0]


def test_down_arrow_walks_into_results(panel, qtbot):
    _search(panel, qtbot, "survey")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    with qtbot.waitSignal(panel.resultOpened) as opened:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    hit = opened.args[0]
    assert (hit.kind, hit.client_name, hit.marked(hit.title)) == (
        "commitment",
        "Dr. Priya Raman",
        "Send the staff [survey] results",
    )


def test_no_match_and_punctuation_only_are_answered_in_one_line(panel, qtbot):
    _search(panel, qtbot, "zebracrossing")
    assert panel.status.text() == "Nothing found for “zebracrossing”."
    panel.query_edit.clear()
    _search(panel, qtbot, "***")
    assert panel.model.rowCount() == 0
    assert "Type at least one letter" in panel.status.text()


def test_highlight_is_escaped_markup():
    text = f"<b>{HIGHLIGHT_START}tea{HIGHLIGHT_END}</b> & cake"
    out = highlighted_html(text, "#ff0", "#000")
    assert out.startswith("&lt;b&gt;<span") and "tea</span>&lt;/b&gt; &amp; cake" in out


def test_results_model(qtmodeltester, demo_journal):
    from journal.search import search

    model = SearchResultsModel()
    model.set_hits(search("call"))
    qtmodeltester.check(model)


def test_search_runs_off_the_window_thread_and_the_latest_query_wins(panel, qtbot, monkeypatch):
    import threading

    import ui.views.search as search_view
    from ui.background import wait_for_background

    threads = []
    real = search_view.search

    def recording(query, limit):
        threads.append(threading.get_ident())
        return real(query, limit=limit)

    monkeypatch.setattr(search_view, "search", recording)
    panel.query_edit.setText("propos")
    panel.run_search()
    panel.query_edit.setText("survey")
    panel.run_search()
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=5000)
    wait_for_background()
    qtbot.wait(50)  # any late result of the first query has been delivered by now
    hits = [panel.model.index(row).data(HIT_ROLE) for row in range(panel.model.rowCount())]
    assert hits and all("survey" in h.plain(h.title).lower() for h in hits)
    assert threads and threading.get_ident() not in threads


def test_a_pasted_page_is_refused_in_one_line(panel, qtbot):
    panel.query_edit.setText(" ".join(["word"] * 3000))
    panel.run_search()
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=5000)
    assert panel.status.text().startswith("That is 3000 words; search for a few")
    assert panel.model.rowCount() == 0
