"""The words and the page of the reports a coach hands out (issue 16): the catalogue's words in
the journal's language, a short accountability list laid out as a page, Devanagari shaped."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextLayout

from journal import clients, i18n, settings
from journal.entries.commitments import add_commitment
from journal.reports import accountability
from tests.conftest import NOW
from ui.reports import render_report
from ui.reports.fonts import printable, report_font
from ui.reports.layouts import SHORT_LIST, accountability_layout


def _text(path: Path) -> str:
    return " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages
    )


@pytest.fixture
def priya(journal, qapp):
    client = clients.create_client("प्रिया Sharma")
    add_commitment(client, "client", "Send the workshop agenda", due=dt.date(2026, 3, 9))
    return client


def test_a_list_of_one_item_is_a_page_to_work_on_not_one_table_row(priya, tmp_path):
    report = accountability.build_accountability_list(priya, NOW)
    out = tmp_path / "one.pdf"
    render_report(report, out)
    text = _text(out)
    assert "Open □ Send the workshop agenda" in text  # under its heading, a box to tick
    assert "due 9 Mar 2026 · open" in text
    assert "Who What Due State" not in text
    assert "Notes" in text  # ruled lines for the client's own notes fill the page
    assert len(PdfReader(out).pages) == 1


def test_a_long_list_has_no_notes_lines_and_done_items_come_last(priya):
    for k in range(SHORT_LIST):
        add_commitment(priya, "me", f"Step {k}", due=dt.date(2026, 3, 10 + k))
    done = add_commitment(priya, "me", "Book the room", due=dt.date(2026, 2, 20))
    done.done_on = dt.date(2026, 2, 25)
    done.save()
    html = accountability_layout(accountability.build_accountability_list(priya, NOW)).html
    assert "Notes" not in html
    assert html.index("Open") < html.index("Step 0") < html.index("Done recently")
    assert html.index("Done recently") < html.index("Book the room")


def test_with_no_name_set_the_coachs_rows_say_your_coach_in_either_language(priya, tmp_path):
    add_commitment(priya, "me", "Send the reading list", due=dt.date(2026, 3, 4))
    english, swedish = tmp_path / "en.pdf", tmp_path / "sv.pdf"
    render_report(accountability.build_accountability_list(priya, NOW), english)
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    render_report(accountability.build_accountability_list(priya, NOW), swedish)
    en, sv = _text(english), _text(swedish)
    assert "Your coach · due 4 Mar 2026" in en and "Coach ·" not in en
    assert "Din coach · senast 4 mar 2026" in sv
    for word in ("Åtagandelista", "Öppet", "Anteckningar", "Skapad med Rapport 2 mars 2026"):
        assert word in sv
    for english_word in ("Open", "Notes", "due ", "Made with", "page 1", "Your coach"):
        assert english_word not in sv


def test_devanagari_is_shaped_by_a_font_that_has_it_not_boxes_or_names(priya, tmp_path):
    name = "प्रिया"
    assert printable(name) == name  # a font draws every character
    layout = QTextLayout(name, report_font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    glyphs = [index for run in layout.glyphRuns() for index in run.glyphIndexes()]
    # Shaped: the conjunct and the vowel sign fold six characters into fewer glyphs, none of
    # them the empty box (glyph 0).
    assert 0 < len(glyphs) < len(name) and 0 not in glyphs
    out = tmp_path / "priya.pdf"
    render_report(accountability.build_accountability_list(priya, NOW), out)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(out).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Devanagari" in font for font in fonts), fonts


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "1 interaction", "2 interactions"),
        ("sv", "1 kontakt", "2 kontakter"),
    ],
)
def test_report_counts_agree_with_their_number(lang, one, two) -> None:
    from ui.reports.text import Words

    words = Words(lang)
    assert (words.interaction_count(1), words.interaction_count(2)) == (one, two)
    summary = words.overview_summary(1, 2)
    assert summary == (
        "1 current client, 2 interactions in the period."
        if lang == "en"
        else "1 aktuell klient, 2 kontakter under perioden."
    )
