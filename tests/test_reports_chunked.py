"""A report's document read in pieces and laid out in steps (so a worker never holds Python's
lock through one long Qt call) is the very document one setHtml and one layout would make."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument

from journal import clients
from journal.entries.capture import log_interaction
from journal.entries.commitments import add_commitment
from journal.reports import accountability, client_report, practice
from tests.conftest import NOW
from ui.reports import PageSize
from ui.reports.fonts import report_font
from ui.reports.layouts import Layout, accountability_layout, client_layout, overview_layout
from ui.reports.pdf import fill_document, lay_out, pieces

PAGE = QSizeF(2000, 2600)  # device pixels, about an A4 body at 300 dpi


def _document() -> QTextDocument:
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(report_font())
    doc.setDocumentMargin(0)
    doc.setUseDesignMetrics(True)
    return doc


def _whole(layout: Layout) -> QTextDocument:
    """The document as render_pdf used to make it: one setHtml, one layout."""
    doc = _document()
    doc.setPageSize(PAGE)
    doc.setHtml(layout.html)
    return doc


def _chunked(layout: Layout, piece_chars: int) -> QTextDocument:
    doc = _document()
    fill_document(doc, layout.style, layout.blocks, piece_chars)
    return doc


@pytest.fixture
def long_client(journal, qapp):
    """Ninety sessions with multi-paragraph notes in several scripts, and commitments."""
    client = clients.create_client("Åsa Ødegård", project="Führung · 领导力", notes="Line one\nTwo")
    for k in range(90):
        log_interaction(
            client,
            at=NOW - dt.timedelta(days=k + 1),
            channel=("email", "phone", "video", "meeting")[k % 4],
            direction=("out", "in", "two_way")[k % 3],
            summary=f"Session {90 - k}: «planning» & <follow-up>",
            notes="\n".join(f"Paragraph {n} — Größe, 東京, café." for n in range(k % 5 + 1)),
            feeling=(k % 5) - 2,
            emotions=["energised"] if k % 7 == 0 else [],
        )
    for k in range(6):
        add_commitment(client, ("me", "client")[k % 2], f"Step {k}", due=dt.date(2026, 3, k + 1))
    return client


def _layouts(client) -> list[Layout]:
    return [
        client_layout(client_report.build_client_report(client, NOW), PageSize.A4),
        accountability_layout(accountability.build_accountability_list(client, NOW)),
        overview_layout(practice.build_practice_overview(NOW)),
    ]


@pytest.mark.parametrize("piece_chars", [1, 700, 5000])
def test_pieces_make_the_same_document_as_one_sethtml(long_client, piece_chars):
    for layout in _layouts(long_client):
        whole, chunked = _whole(layout), _chunked(layout, piece_chars)
        assert chunked.toPlainText() == whole.toPlainText()
        assert chunked.blockCount() == whole.blockCount()
        # toHtml spells out every block's and every run's formats: margins, colours, weights.
        assert chunked.toHtml() == whole.toHtml()


def test_a_long_report_is_really_read_in_many_pieces(long_client):
    layout = _layouts(long_client)[0]
    assert len(list(pieces(layout.blocks, 700))) > 20


def test_the_demo_reports_are_the_same_read_in_pieces(demo_journal, qapp):
    for client in clients.list_clients():
        for layout in _layouts(client):
            assert _chunked(layout, 300).toHtml() == _whole(layout).toHtml(), client.name


def test_a_table_is_never_split_and_no_piece_starts_beside_one():
    blocks = ["<h2>A</h2>", "<p>one</p>", "<table><tr><td>x</td></tr></table>", "<p>after</p>"]
    blocks += [f"<p>{n}</p>" for n in range(5)]
    groups = list(pieces(blocks, 1))
    assert "".join("".join(g) for g in groups) == "".join(blocks)
    assert all(block.startswith("<table") is False for g in groups for block in g[:1])
    table_group = next(g for g in groups if any(b.startswith("<table") for b in g))
    assert table_group[-1] == "<p>after</p>"  # the paragraph after a table stays with it
    assert groups[0] == ["<h2>A</h2>"]


def test_layout_in_steps_puts_every_block_where_one_layout_does(long_client):
    layout = _layouts(long_client)[0]
    stepped = _chunked(layout, 2000)
    stepped.setPageSize(PAGE)
    pages = lay_out(stepped, step=500)
    whole = _whole(layout)
    assert pages == whole.pageCount() > 3
    a, b = stepped.begin(), whole.begin()
    while a.isValid():
        assert stepped.documentLayout().blockBoundingRect(a) == (
            whole.documentLayout().blockBoundingRect(b)
        ), a.text()
        a, b = a.next(), b.next()
    assert not b.isValid()
