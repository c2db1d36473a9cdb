"""The PDFs themselves, read back with pypdf: content, page numbers, privacy, Unicode, paper."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal import clients, i18n, settings
from journal.cli.common import Outer
from journal.cli.main import run
from journal.entries.capture import log_interaction
from journal.entries.commitments import add_commitment
from journal.interchange.demo import populate_demo
from journal.reports import accountability, client_report, practice
from journal.store.database import open_journal
from tests.conftest import NOW
from ui.reports import PageSize, ReportJob, render_report
from ui.reports.command import run_report_command
from ui.reports.fonts import _has_glyph, printable, report_font

PRIVATE = "Xylophonequartz"


def _pages(path: Path) -> list[str]:
    """Each page's text, runs of whitespace (pypdf puts tabs between words) made one space."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages]


def _flat(path: Path) -> str:
    return " ".join(_pages(path))


@pytest.fixture
def ada(journal, qapp):
    """A client with private things everywhere a private thing can be written."""
    client = clients.create_client(
        "Ada Berg", project="leadership coaching", notes=f"Profile note {PRIVATE}"
    )
    log_interaction(
        client,
        at=NOW - dt.timedelta(days=3),
        channel="phone",
        direction="two_way",
        summary="Weekly call",
        notes=f"She told me about {PRIVATE} in confidence.",
        feeling=-2,
        emotions=["dread"],
    )
    add_commitment(client, "client", "Send the workshop agenda", due=dt.date(2026, 3, 9))
    add_commitment(client, "me", "Book the venue", due=dt.date(2026, 2, 20))
    return client


def test_accountability_list_leaves_out_every_private_word(ada, tmp_path):
    client_pdf = tmp_path / "client.pdf"
    listing_pdf = tmp_path / "list.pdf"
    render_report(client_report.build_client_report(ada, NOW), client_pdf)
    render_report(accountability.build_accountability_list(ada, NOW), listing_pdf)
    assert PRIVATE in _flat(client_pdf)  # the word is findable when it is there
    text = _flat(listing_pdf)
    assert PRIVATE not in text
    assert "dread" not in text.lower()
    assert "Send the workshop agenda" in text and "Book the venue" in text
    assert "Confidential" not in text
    assert "Confidential" in _flat(client_pdf)


def test_client_report_shows_profile_cues_commitments_and_timeline(demo_journal, qapp, tmp_path):
    out = tmp_path / "maja.pdf"
    render_report(client_report.build_client_report(clients.find_client("Maja"), NOW), out)
    text = _flat(out)
    for expected in (
        "Client report",
        "Maja Lindqvist",
        "Göteborg",
        "Feeling over time",
        "Unanswered messages",
        "Shared a short case study",
        "Decide on one of the three options",
        "overdue",
        "Warm and curious. Budget not discussed yet",
        "Self-check",
    ):
        assert expected in text, expected


def test_every_page_says_page_n_of_m_and_long_notes_lose_no_line(ada, tmp_path):
    lines = [f"Line {k:03d} of a long reflection after the call." for k in range(1, 241)]
    log_interaction(
        ada,
        at=NOW - dt.timedelta(days=1),
        channel="meeting",
        direction="two_way",
        summary="Long session",
        notes="\n".join(lines),
    )
    out = tmp_path / "long.pdf"
    pages = render_report(client_report.build_client_report(ada, NOW), out)
    texts = _pages(out)
    assert pages == len(texts) >= 4
    for number, text in enumerate(texts, start=1):
        assert f"page {number} of {pages}" in text
    flat = " ".join(texts)
    for line in lines:  # a line at a page break moves to the next page, never lost
        assert line in flat, line


def test_unicode_prints(journal, qapp, tmp_path):
    client = clients.create_client("Åsa Öberg-Núñez")
    log_interaction(
        client,
        at=NOW - dt.timedelta(days=1),
        channel="video",
        direction="two_way",
        summary="Möte om ledarskap: café, naïve, Ærø",
        notes="Tokyo office: 東京の会議. Seoul: 한국어. Thanks 👍🏽",
    )
    out = tmp_path / "unicode.pdf"
    render_report(client_report.build_client_report(client, NOW, cues=lambda c, m: []), out)
    text = _flat(out)
    for expected in ("Åsa Öberg-Núñez", "Möte om ledarskap: café, naïve, Ærø"):
        assert expected in text, expected
    unspaced = re.sub(r"\s", "", text)  # pypdf spaces out runs of another font
    assert "東京の会議" in unspaced and "한국어" in unspaced
    thumbs = "\N{THUMBS UP SIGN}"
    if not _has_glyph(thumbs, report_font()):  # no emoji font here: its name, never nothing
        assert "[thumbs up sign]" in text


def test_a_character_no_font_has_falls_back_to_its_name(qapp):
    private_use = "\U000f0001"  # no font draws a supplementary private-use character
    assert printable(f"a{private_use}b") == "a[u+f0001]b"
    assert printable("Åsa 東京") == "Åsa 東京"


def test_page_sizes_and_swedish(ada, tmp_path):
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    a4, letter = tmp_path / "a4.pdf", tmp_path / "letter.pdf"
    report = accountability.build_accountability_list(ada, NOW)
    render_report(report, a4, PageSize.A4)
    render_report(report, letter, PageSize.LETTER)
    box_a4 = PdfReader(a4).pages[0].mediabox
    box_letter = PdfReader(letter).pages[0].mediabox
    assert (round(box_a4.width), round(box_a4.height)) == (595, 842)
    assert (round(box_letter.width), round(box_letter.height)) == (612, 792)
    text = _flat(a4)
    assert "Åtagandelista" in text and "sida 1 av 1" in text


def test_fonts_are_embedded(ada, tmp_path):
    out = tmp_path / "fonts.pdf"
    render_report(client_report.build_client_report(ada, NOW), out)
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_overview_lists_current_clients(demo_journal, qapp, tmp_path):
    out = tmp_path / "overview.pdf"
    render_report(practice.build_practice_overview(NOW), out)
    text = _flat(out)
    assert "Practice overview" in text and "Confidential" in text
    assert "Victor Hale" in text and "Sofia Alvarez" in text
    assert "Liam O'Connor" not in text
    assert "Cues that began in the period" in text


def test_report_job_renders_off_the_ui_thread(ada, qtbot, tmp_path):
    out = tmp_path / "job.pdf"
    job = ReportJob(client_report.build_client_report(ada, NOW), out, PageSize.A4)
    seen: list[tuple[int, int]] = []
    job.signals.progress.connect(lambda done, total: seen.append((done, total)))
    from PySide6.QtCore import QThreadPool

    with qtbot.waitSignal(job.signals.finished, timeout=20000) as finished:
        QThreadPool.globalInstance().start(job)
    assert finished.args == [str(out), 1]
    assert seen == [(1, 1)]
    assert "Ada Berg" in _flat(out)


def test_report_job_says_why_it_failed(ada, qtbot, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    job = ReportJob(client_report.build_client_report(ada, NOW), blocked / "x.pdf")
    from PySide6.QtCore import QThreadPool

    with qtbot.waitSignal(job.signals.failed, timeout=20000) as failed:
        QThreadPool.globalInstance().start(job)
    assert "Could not write" in failed.args[0]


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def demo_home(home):
    journal = open_journal(home)
    populate_demo(NOW)
    journal.close()
    return home


def _cli(*argv: str) -> int:
    return run(list(argv), Outer(extra={"report": run_report_command}))


def test_cli_writes_each_report(demo_home, qapp, tmp_path, capsys):
    client_pdf, listing_pdf, overview_pdf = (tmp_path / n for n in ("c.pdf", "l.pdf", "o.pdf"))
    assert _cli("report", "--client", "Maja", "--out", str(client_pdf), "--from", "2026-01-01") == 0
    assert _cli("report", "--client", "Sofia", "--accountability", "--out", str(listing_pdf)) == 0
    assert _cli("report", "--overview", "--out", str(overview_pdf), "--page-size", "letter") == 0
    assert "Wrote" in capsys.readouterr().out
    assert "Maja Lindqvist" in _flat(client_pdf)
    assert "Interview two candidates" in _flat(listing_pdf)
    assert round(PdfReader(overview_pdf).pages[0].mediabox.width) == 612


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "x.pdf"], "either --client NAME or --overview"),
        (["--overview", "--accountability", "--out", "x.pdf"], "give --client NAME"),
        (["--client", "Maja", "--out", "x.txt"], "name the file *.pdf"),
        (["--client", "Nobody", "--out", "x.pdf"], "No client called"),
        (["--client", "Maja", "--out", "x.pdf", "--from", "2026-02-30"], "--from: not a date"),
        (
            ["--client", "Maja", "--out", "x.pdf", "--from", "2026-03-01", "--to", "2026-01-01"],
            "swap",
        ),
    ],
)
def test_cli_refuses_bad_input_in_one_line(demo_home, tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    assert _cli("report", *argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_cli_does_not_replace_a_file_without_force(demo_home, qapp, tmp_path, capsys):
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"mine")
    assert _cli("report", "--overview", "--out", str(out)) == 2
    assert out.read_bytes() == b"mine"
    assert _cli("report", "--overview", "--out", str(out), "--force") == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_pdf_names_its_title_and_the_coach(ada, tmp_path):
    settings.set_value("my_name", "Elin Sand")
    out = tmp_path / "meta.pdf"
    render_report(client_report.build_client_report(ada, NOW), out)
    meta = PdfReader(out).metadata
    assert meta.author == "Elin Sand"
    assert "Ada Berg" in meta.title and meta.creator == "Rapport"
