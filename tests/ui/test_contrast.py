"""Issue 16: muted text read 3.89:1 and the selected row 3.79:1, and a search match in a
selected row was white on pale yellow. Contrast is computed from the palettes the app applies
under a light and a dark system scheme, and held to WCAG AA (4.5:1 for text)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from ui.style import contrast, match_mark, scheme_palette

AA = 4.5
Role = QPalette.ColorRole
BACKGROUNDS = (Role.Base, Role.AlternateBase, Role.Window, Role.Button)


def test_contrast_is_wcag_2s_ratio(qapp) -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#ffffff"), QColor("#000000")) == pytest.approx(21.0)
    assert contrast(QColor("#5b8a9a"), QColor("#5b8a9a")) == pytest.approx(1.0)
    # WCAG's own examples: #767676 is the lightest grey that passes on white, #777777 fails.
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast(QColor("#777777"), QColor("#ffffff")) < AA
    # The two the walk-through measured, from the old light palette.
    assert contrast(QColor("#7b7f86"), QColor("#fcfbf9")) == pytest.approx(3.89, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#5b8a9a")) == pytest.approx(3.79, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_muted_text_reads_on_every_background(qapp, dark: bool) -> None:
    palette = scheme_palette(dark)
    muted = palette.color(Role.PlaceholderText)
    for background in BACKGROUNDS:
        ratio = contrast(muted, palette.color(background))
        assert ratio >= AA, f"muted text on {background.name}: {ratio:.2f}:1"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_selected_row_and_plain_text_read(qapp, dark: bool) -> None:
    palette = scheme_palette(dark)
    selected = contrast(palette.color(Role.HighlightedText), palette.color(Role.Highlight))
    assert selected >= AA, f"selected row: {selected:.2f}:1"
    for background in BACKGROUNDS:
        assert contrast(palette.color(Role.Text), palette.color(background)) >= AA
    assert contrast(palette.color(Role.Link), palette.color(Role.Base)) >= AA


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_search_match_reads_in_a_selected_row_too(qapp, dark: bool) -> None:
    """The match carries its own ink, whatever colour the row's text has."""
    from journal.search import HIGHLIGHT_END, HIGHLIGHT_START
    from ui.views.search import highlighted_html

    mark, ink = match_mark(scheme_palette(dark))
    assert contrast(ink, mark) >= AA
    html = highlighted_html(f"a {HIGHLIGHT_START}tea{HIGHLIGHT_END} cake", mark.name(), ink.name())
    assert f"background-color:{mark.name()}; color:{ink.name()}" in html
