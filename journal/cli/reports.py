"""`rapport report`: a client report, a client's accountability list, or the practice overview.

The data is assembled here from the journal; painting the PDF needs Qt, so it is handed to
`outer.extra["report"]` (provided by ui.entry), which receives the parsed arguments with the
assembled data in `args.report`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from journal import clients
from journal.cli.common import Outer, already_exists, no_such_folder, opened
from journal.errors import RapportError, UserInputError
from journal.i18n import _, language
from journal.reports import accountability, client_report, practice
from journal.values import fields

PAGE_SIZES = ("a4", "letter")


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "report",
        parents=[common],
        help=_("write a PDF report: a client's story, their accountability list, or an overview"),
        description=_(
            "Write a PDF report. A client report is private (notes, feelings, cues); "
            "--accountability makes the list of commitments you can send the client; --overview "
            "covers every current client."
        ),
    )
    p.add_argument("--client", metavar=_("NAME"), help=_("the client (a unique part of the name)"))
    p.add_argument("--overview", action="store_true", help=_("the practice overview instead"))
    p.add_argument(
        "--accountability",
        action="store_true",
        help=_("with --client: only commitments, for the client's eyes (no notes, feelings, cues)"),
    )
    p.add_argument("--out", metavar=_("FILE.pdf"), required=True, help=_("where to write the PDF"))
    p.add_argument("--from", dest="start", metavar=_("DATE"), help=_("first day, YYYY-MM-DD"))
    p.add_argument(
        "--to", dest="end", metavar=_("DATE"), help=_("last day, YYYY-MM-DD (default: today)")
    )
    p.add_argument(
        "--page-size",
        choices=PAGE_SIZES,
        default=None,
        help=_("paper size (default: US Letter in the Americas' letter countries, else A4)"),
    )
    p.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    p.set_defaults(run=lambda args: cmd_report(args, outer))


def pdf_target(text: str, force: bool) -> Path:
    """The --out file of a PDF, refused in one line before anything is read or painted."""
    out = Path(text)
    if out.suffix.lower() != ".pdf":
        raise UserInputError(
            _("--out %(file)s: the report is a PDF; name the file *.pdf.") % {"file": out}
        )
    if out.is_dir():
        raise UserInputError(
            _("--out %(file)s is a folder; give a file name ending in .pdf.") % {"file": out}
        )
    if out.exists() and not force:
        raise UserInputError(already_exists(out))
    if not out.parent.exists():
        raise UserInputError(no_such_folder(out.parent))
    return out


def check_report_args(args: argparse.Namespace) -> tuple[Path, dt.date | None, dt.date | None]:
    """Every usage mistake, found before the journal is opened or a page is painted."""
    if bool(args.client) == bool(args.overview):
        raise UserInputError(
            _(
                "Give either --client NAME or --overview, e.g. "
                "`rapport report --client Maja --out maja.pdf`."
            )
        )
    if args.accountability and not args.client:
        raise UserInputError(_("--accountability is a client's list; give --client NAME with it."))
    out = pdf_target(args.out, args.force)
    start = fields.day(args.start, "--from")
    end = fields.day(args.end, "--to")
    if start and end and start > end:
        raise UserInputError(_("--from is after --to; swap them."))
    return out, start, end


def build_report(
    args: argparse.Namespace, as_of: dt.datetime, start: dt.date | None, end: dt.date | None
) -> Any:
    if args.overview:
        return practice.build_practice_overview(as_of, start, end)
    client = clients.find_client(args.client)
    if args.accountability:
        return accountability.build_accountability_list(client, as_of, start, end)
    return client_report.build_client_report(client, as_of, start, end)


def cmd_report(args: argparse.Namespace, outer: Outer) -> int:
    render = outer.extra.get("report")
    if render is None:
        raise RapportError(_("PDF reports are not available in this build (Qt is missing)."))
    out, start, end = check_report_args(args)
    as_of = dt.datetime.now().astimezone()
    with opened(args, create=False):
        report = build_report(args, as_of, start, end)
    # In the language the command speaks: --lang, else the journal's own.
    args.report = replace(report, context=replace(report.context, language=language()))
    args.out = out
    return int(render(args))
