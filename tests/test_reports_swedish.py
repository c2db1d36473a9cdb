"""A Swedish coach's client report is Swedish throughout: cue sentences and template titles too."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from journal import clients, i18n, settings
from journal.reports import client_report
from journal.templates import library
from tests.conftest import NOW
from ui.reports import render_report


def _text(path: Path) -> str:
    return " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages
    )


def test_a_swedish_client_report_explains_its_cues_in_swedish(demo_journal, qapp, tmp_path):
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    out = tmp_path / "maja.pdf"
    render_report(client_report.build_client_report(clients.find_client("Maja"), NOW), out)
    text = _text(out)
    assert "Klientrapport" in text and "Obesvarade meddelanden" in text
    assert "4 mejl sedan 5 februari utan svar; Maja svarade senast via mejl den 3 februari." in text
    assert "Maja har inte gjort ”Decide on one of the three options”" in text
    assert "Föreslagen mall: Knyta ihop säcken" in text
    assert "Föreslagen mall: Läget just nu" in text
    for english in ("without a reply", "emails since", "has not done", "closing the loop"):
        assert english not in text


def test_an_english_report_names_the_template_by_its_english_title(demo_journal, qapp, tmp_path):
    out = tmp_path / "maja.pdf"
    render_report(client_report.build_client_report(clients.find_client("Maja"), NOW), out)
    text = _text(out)
    assert "4 emails since 5 February without a reply" in text
    assert "Suggested template: Closing the loop" in text
    assert "closing the loop" not in text  # no longer the id in words


def test_the_suggested_template_shows_the_coachs_own_title(demo_journal):
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    original = library.get_template("closing-the-loop", "sv")
    library.save_template(
        "closing-the-loop",
        "sv",
        title="Sista försöket",
        subject=original.subject,
        body=original.body,
        answers=original.answers,
    )
    report = client_report.build_client_report(clients.find_client("Maja"), NOW)
    titles = {c.template: c.template_title for c in report.cues}
    assert titles["closing-the-loop"] == "Sista försöket"
    assert titles["accountability-recap"] == "Läget just nu"
