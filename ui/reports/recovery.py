"""The recovery sheet on paper: the sections journal.recovery_sheet words, on one page, with
the key large and in a typewriter face so each character can be copied by hand."""

from __future__ import annotations

import argparse
import html
from pathlib import Path

from journal.i18n import _
from journal.recovery_sheet import KEY_LABEL, TITLE, Sheet
from ui.reports import default_page_size
from ui.reports.command import ensure_gui_application
from ui.reports.fonts import ensure_fonts, printable
from ui.reports.layouts import Layout, style_sheet
from ui.reports.pdf import PageFrame, PageSize, css_px, render_pdf

LINE_GROUPS = 7
"""Groups of the key on one printed line: a line never breaks inside a group."""
KEY_STYLE = (
    f"font-family: 'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace; font-size: 15pt; "
    f"font-weight: 600; letter-spacing: 1px; margin-top: {css_px(6)}px; "
    f"margin-bottom: {css_px(10)}px;"
)


def _t(text: str) -> str:
    return html.escape(printable(text), quote=False)


def recovery_layout(sheet: Sheet) -> Layout:
    blocks: list[str] = []
    label = _(KEY_LABEL)
    for heading, paragraphs in sheet.sections():
        blocks.append(f"<h2>{_t(heading)}</h2>")
        for paragraph in paragraphs:
            if paragraph.startswith(label):
                groups = paragraph.removeprefix(label).strip().split("-")
                lines = [
                    "-".join(groups[i : i + LINE_GROUPS])
                    for i in range(0, len(groups), LINE_GROUPS)
                ]
                blocks.append(f'<p class="muted">{_t(label)}</p>')
                blocks.append(f'<p style="{KEY_STYLE}">{"-<br>".join(map(_t, lines))}</p>')
            else:
                blocks.append(f"<p>{_t(paragraph)}</p>")
    frame = PageFrame(
        title=_(TITLE),
        subject=str(sheet.journal.parent),
        period=sheet.made_line(),
        confidential=_("Secret"),
        footer=_("Keep this page safe and private."),
        page_label=lambda n, m: _("page %(n)d of %(m)d") % {"n": n, "m": m},
    )
    return Layout(style_sheet(), tuple(blocks), frame)


def render_recovery_sheet(sheet: Sheet, path: Path, page_size: PageSize = PageSize.A4) -> int:
    """Write the sheet's PDF to `path` atomically; returns the page count."""
    ensure_fonts()
    layout = recovery_layout(sheet)
    return render_pdf(layout.style, layout.blocks, layout.frame, path, page_size)


def run_recovery_sheet_command(args: argparse.Namespace) -> int:
    ensure_gui_application()
    return render_recovery_sheet(args.sheet, args.out, default_page_size())
