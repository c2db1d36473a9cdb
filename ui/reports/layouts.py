"""Each report's data as rich text (Qt's HTML subset) plus the frame around its pages.

A layout is a style sheet and a list of whole top-level elements (a heading, a paragraph, a
table), so the renderer can feed a long report to Qt a piece at a time (see pdf.fill_document).
Every piece of user text goes through `_t`: escaped, and made printable (see fonts.printable).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from journal.reports.accountability import AccountabilityItem, AccountabilityList
from journal.reports.client_report import ClientReport, CommitmentEntry
from journal.reports.period import ReportContext
from journal.reports.practice import PracticeOverview
from journal.values.rhythm import rhythm_words
from ui.reports.fonts import printable, report_font
from ui.reports.pdf import (
    ChartSlot,
    PageFrame,
    PageSize,
    body_width_px,
    chart_placeholder,
    css_px,
    let_the_window_run,
    mm_to_px,
)
from ui.reports.text import Words
from ui.views.feeling_chart import ChartStyle

CHART_HEIGHT_MM = 58
SEVERITY_COLOURS = {0: "#6c9f80", 1: "#7d8fa6", 2: "#b07d17", 3: "#9b3d2e"}


@dataclass(frozen=True)
class Layout:
    style: str  # the <style> sheet every piece is read with
    blocks: tuple[str, ...]  # whole top-level elements, in reading order
    frame: PageFrame
    chart: ChartSlot | None = None

    @property
    def html(self) -> str:
        """The report as one HTML text (what the pieces add up to)."""
        return self.style + "".join(self.blocks)


def _t(text: str) -> str:
    return html.escape(printable(text), quote=False)


def _notes(text: str) -> str:
    """Multi-line notes: paragraphs kept, so long notes break between lines across pages."""
    return "<br>".join(_t(line) for line in text.strip().splitlines())


def style_sheet() -> str:
    gap = css_px(3)
    return f"""<style>
    body {{ color: #2b323a; }}
    h2 {{ font-size: 12pt; font-weight: 600; color: #2b323a;
          margin-top: {css_px(14)}px; margin-bottom: {css_px(5)}px; }}
    p {{ margin-top: 0; margin-bottom: {gap}px; }}
    .muted {{ color: #6b7380; }}
    .small {{ font-size: 8pt; color: #6b7380; }}
    .when {{ margin-top: {css_px(7)}px; margin-bottom: {css_px(1.5)}px; }}
    .indent {{ margin-left: {css_px(14)}px; }}
    .notes {{ margin-left: {css_px(14)}px; color: #3d454e; }}
    .cue {{ margin-top: {css_px(6)}px; margin-bottom: {css_px(1)}px; }}
    th {{ text-align: left; color: #6b7380; font-weight: 600;
          border-bottom: {css_px(0.6)}px solid #c9ced4; }}
    td {{ border-bottom: {css_px(0.4)}px solid #e3e6ea; vertical-align: top; }}
    </style>"""


def _table(headers: list[str], rows: list[list[str]], widths: list[int] | None = None) -> str:
    pad = css_px(3)
    head = "".join(
        f'<th width="{w}%">{h}</th>' if widths else f"<th>{h}</th>"
        for h, w in zip(headers, widths or [0] * len(headers), strict=True)
    )
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{pad}" '
        f'style="border-collapse: collapse"><thead><tr>{head}</tr></thead>{body}</table>'
    )


def _frame(
    words: Words, context: ReportContext, title: str, subject: str, private: bool
) -> PageFrame:
    footer = words("made", day=words.long_day(context.generated_at.date()))
    if context.coach:
        footer += " · " + words("by", coach=printable(context.coach))
    return PageFrame(
        title=title,
        subject=printable(subject),
        period=words(
            "period",
            start=words.long_day(context.period.start),
            end=words.long_day(context.period.end),
        ),
        confidential=words("confidential") if private else None,
        footer=footer,
        page_label=lambda n, m: words("page", n=n, m=m),
        author=context.coach or "",
    )


def state_text(words: Words, state: str, done_on: dt.date | None) -> str:
    """ "open", "overdue", "done 20 Feb 2026" or "done late, 20 Feb 2026"."""
    if done_on is None:
        return words.choice(state)
    if state == "done":
        return words("done_on", day=words.day(done_on))
    return f"{words.choice(state)}, {words.day(done_on)}"


def _commitment_rows(
    words: Words, items: tuple[CommitmentEntry, ...] | list[CommitmentEntry]
) -> list[list[str]]:
    rows = []
    for item in items:
        state = state_text(words, item.state, item.done_on)
        colour = "#9b3d2e" if item.state == "overdue" else "#2b323a"
        rows.append(
            [
                words.choice(item.owner),
                _t(item.text),
                words.day(item.due),
                f'<span style="color:{colour}">{html.escape(state)}</span>',
            ]
        )
    return rows


def chart_style(words: Words) -> ChartStyle:
    return ChartStyle(
        font=report_font(),
        top_label=words("very_good"),
        bottom_label=words("very_bad"),
        contacts_label=words("contacts"),
        cues_label=words("cues_axis"),
        empty_label=words("chart_empty"),
        months=words.months,
    )


def client_layout(report: ClientReport, page_size: PageSize) -> Layout:
    words = Words(report.context.language)
    p = report.profile
    subject = p.name + (f" · {p.project}" if p.project else "")
    parts = [f'<h2 style="margin-top:0">{words("profile")}</h2>']
    facts = [
        (words("project"), _t(p.project) if p.project else ""),
        (words("status"), words.choice(p.status)),
        (
            words("preferred_channel"),
            words.choice(p.preferred_channel) if p.preferred_channel else "",
        ),
        (words("cadence"), rhythm_words(p.cadence_days, words.language) if p.cadence_days else ""),
        (words("fit"), words("fit_value", n=p.fit) if p.fit else ""),
        (words("email"), _t(p.email)),
        (words("phone"), _t(p.phone)),
    ]
    pad = css_px(1.5)
    parts.append(
        f'<table cellspacing="0" cellpadding="{pad}">'
        + "".join(
            f'<tr><td class="muted" style="border:none; padding-right:{css_px(12)}px">'
            f'{label}</td><td style="border:none">{value}</td></tr>'
            for label, value in facts
            if value
        )
        + "</table>"
    )
    if p.notes.strip():
        parts.append(f'<p style="margin-top:{css_px(4)}px">{_notes(p.notes)}</p>')

    # The chart, drawn over a placeholder of its size.
    width = body_width_px(page_size)
    height = mm_to_px(CHART_HEIGHT_MM)
    bar_days = (
        report.chart.contacts[0].end - report.chart.contacts[0].start
        if report.chart.contacts
        else None
    )
    parts.append(f"<h2>{words('chart')}</h2>")
    parts.append(chart_placeholder(width, height))
    if bar_days is not None:
        parts.append(f'<p class="small">{words.chart_help(bar_days.days)}</p>')

    parts.append(f"<h2>{words('cues')}</h2>")
    if not report.cues:
        parts.append(f'<p class="muted">{words("no_cues")}</p>')
    for cue in report.cues:
        colour = SEVERITY_COLOURS.get(int(cue.severity), "#2b323a")
        since = words(
            "since", day=words.day(cue.since.astimezone(report.context.generated_at.tzinfo).date())
        )
        parts.append(
            f'<p class="cue"><span style="color:{colour}; font-weight:600">'
            f"{words.choice(cue.severity.label)}</span> · <b>{words.choice(cue.kind)}</b> "
            f'<span class="muted">{since}</span></p>'
        )
        parts.append(f'<p class="indent">{_t(cue.explanation)}</p>')
        if cue.evidence:
            lines = "<br>".join(
                f'<span class="muted">{words.day(e.day)}</span> {_t(e.text)}' for e in cue.evidence
            )
            parts.append(f'<p class="indent small">{words("evidence")}:<br>{lines}</p>')
        if cue.template:
            name = _t(cue.template_title or cue.template)
            parts.append(f'<p class="indent small">{words("suggested", name=name)}</p>')

    parts.append(f"<h2>{words('commitments')}</h2>")
    if report.commitments:
        parts.append(
            _table(
                [words("who"), words("what"), words("due"), words("state")],
                _commitment_rows(words, report.commitments),
                [12, 52, 15, 21],
            )
        )
    else:
        parts.append(f'<p class="muted">{words("no_commitments")}</p>')

    parts.append(f"<h2>{words('self_check')}</h2>")
    if report.self_checked:
        parts.append(
            '<p class="muted">'
            + words.self_check_summary(report.self_checked, len(report.interactions))
            + "</p>"
        )
        parts.append(
            _table(
                [words("question"), words("yes"), words("no")],
                [
                    [words.choice(line.key), str(line.yes), str(line.no)]
                    for line in report.self_check
                ],
                [76, 12, 12],
            )
        )
    else:
        parts.append(f'<p class="muted">{words("self_check_none")}</p>')

    parts.append(f"<h2>{words('interactions')}</h2>")
    if not report.interactions:
        parts.append(f'<p class="muted">{words("no_interactions")}</p>')
    else:
        parts.append(f'<p class="muted">{words.interaction_count(len(report.interactions))}</p>')
    for index, item in enumerate(report.interactions):
        if index % 50 == 49:
            let_the_window_run()  # a worker builds this; the window keeps its turn
        bits = [words.choice(item.channel), words.choice(item.direction)]
        if item.feeling is not None:
            bits.append(words("feeling", value=words.feeling(item.feeling)))
        if item.emotions:
            bits.append(_t(", ".join(item.emotions)))
        if item.awaits_reply:
            bits.append(words("awaits_reply"))
        parts.append(
            f'<p class="when"><b>{words.moment(item.at)}</b> '
            f'<span class="muted">· {" · ".join(bits)}</span></p>'
        )
        parts.append(f'<p class="indent">{_t(item.summary)}</p>')
        if item.notes.strip():
            parts.append(f'<p class="notes">{_notes(item.notes)}</p>')

    return Layout(
        style=style_sheet(),
        blocks=tuple(parts),
        frame=_frame(words, report.context, words("client_report"), subject, private=True),
        chart=ChartSlot(report.chart, chart_style(words), CHART_HEIGHT_MM),
    )


NOTE_LINES = 8
"""Ruled lines for the client's own notes under a short list, so a list of one or two items
reads as a working page rather than one row on a blank sheet."""
SHORT_LIST = 6


def accountability_layout(report: AccountabilityList) -> Layout:
    words = Words(report.context.language)
    # With no name in Preferences the coach's rows say "Your coach": the page is the client's.
    whose = {"me": _t(report.context.coach) or words("your_coach"), "client": _t(report.client)}
    parts = [f'<p class="muted">{words("accountability_intro")}</p>']
    open_items = [item for item in report.items if item.done_on is None]
    done_items = [item for item in report.items if item.done_on is not None]
    if not report.items:
        parts.append(f'<p class="muted">{words("nothing_open")}</p>')
    else:
        parts.append(f"<h2>{words('open_items')}</h2>")
        if open_items:
            parts.append(_promises(words, whose, open_items))
        else:
            parts.append(f'<p class="muted">{words("no_open_items")}</p>')
        if done_items:
            parts.append(f"<h2>{words('done_items')}</h2>")
            parts.append(_promises(words, whose, done_items))
    if len(report.items) < SHORT_LIST:
        parts.append(f"<h2>{words('notes')}</h2>")
        parts.append(_ruled_lines(NOTE_LINES))
    return Layout(
        style=style_sheet(),
        blocks=tuple(parts),
        frame=_frame(words, report.context, words("accountability"), report.client, private=False),
    )


def _promises(words: Words, whose: dict[str, str], items: list[AccountabilityItem]) -> str:
    """Each promise as a line of its own: what, in the body size, with who and by when beneath
    it; easier to read (and to tick off on paper) than a row of a wide table."""
    pad = css_px(4)
    rows = []
    for item in items:
        state = state_text(words, item.state, item.done_on)
        colour = "#9b3d2e" if item.state == "overdue" else "#6b7380"
        due = words("due_on", day=words.day(item.due)) if item.due else words("no_date")
        facts = f"{whose.get(item.owner, _t(item.owner))} · {due}"
        rows.append(
            f'<tr><td width="6%" style="color:#9aa1aa">□</td><td width="94%">'
            f'<span style="font-size:11pt">{_t(item.text)}</span><br>'
            f'<span class="small">{facts} · '
            f'<span style="color:{colour}">{html.escape(state)}</span></span></td></tr>'
        )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{pad}" '
        f'style="border-collapse: collapse">{"".join(rows)}</table>'
    )


def _ruled_lines(count: int) -> str:
    height = css_px(22)
    line = (
        f'<tr><td height="{height}" style="border-bottom: {css_px(0.5)}px solid #c9ced4"></td></tr>'
    )
    return f'<table width="100%" cellspacing="0" cellpadding="0">{line * count}</table>'


def overview_layout(report: PracticeOverview) -> Layout:
    words = Words(report.context.language)
    parts = [
        '<p class="muted">'
        + words.overview_summary(len(report.rows), report.interactions)
        + "</p>",
    ]
    if report.rows:
        rows = []
        for row in report.rows:
            colour = SEVERITY_COLOURS.get(row.severity, "#2b323a")
            health_word = words.choice(f"health_{row.severity}")
            health = f'<span style="color:{colour}; font-weight:600">{health_word}</span>'
            last = words.day(row.last_contact.date()) if row.last_contact else words("never")
            kinds = ", ".join(words.choice(k) for k in row.cue_kinds)
            overdue = f'<span style="color:#9b3d2e">{row.overdue}</span>' if row.overdue else "0"
            name = _t(row.name)
            if row.status != "active":
                name += f' <span class="muted">({words.choice(row.status)})</span>'
            rows.append([name, health, last, html.escape(kinds), str(row.due_soon), overdue])
        parts.append(
            _table(
                [
                    words("client"),
                    words("health"),
                    words("last_contact"),
                    words("open_cues"),
                    words("due_soon"),
                    words("overdue"),
                ],
                rows,
                [22, 10, 14, 27, 12, 15],
            )
        )
    else:
        parts.append(f'<p class="muted">{words("no_clients")}</p>')
    parts.append(f"<h2>{words('cue_counts')}</h2>")
    parts.append(
        _table(
            [words("kind"), words("count")],
            [[words.choice(kind), str(count)] for kind, count in report.cue_counts],
            [80, 20],
        )
    )
    subject = report.context.coach or words("my_practice")
    return Layout(
        style=style_sheet(),
        blocks=tuple(parts),
        frame=_frame(words, report.context, words("overview"), subject, private=True),
    )
