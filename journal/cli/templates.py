"""`rapport template`: print a filled message template, list the library, share template sets."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from journal import clients
from journal.cli.common import Outer, already_exists, opened
from journal.errors import UserInputError
from journal.i18n import _, language, ngettext
from journal.store.home import database_path, journal_home
from journal.templates import filling, library, text
from journal.values.vocabulary import LANGUAGES


def add_commands(subparsers: Any, common: argparse.ArgumentParser, outer: Outer) -> None:
    p = subparsers.add_parser(
        "template",
        parents=[common],
        help=_("print a message template filled for a client"),
        description=_(
            "Print a template's subject and body, filled from the journal. Gaps the "
            "journal cannot fill are shown as [[name]]."
        ),
    )
    p.add_argument("id", nargs="?", metavar=_("ID"), help=_("template id, e.g. closing-the-loop"))
    p.add_argument("--client", metavar=_("NAME"), help=_("fill it for this client"))
    # SUPPRESS: an absent sub-command --lang must not hide `rapport --lang sv template ...`
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language (default: Settings)"),
    )
    p.add_argument("--list", action="store_true", help=_("list the templates"))
    p.add_argument(
        "--export", metavar=_("FILE"), help=_("write all templates to a JSON template set")
    )
    p.add_argument(
        "--import",
        dest="import_file",
        metavar=_("FILE"),
        help=_("add or replace templates from a JSON template set"),
    )
    p.add_argument("--force", action="store_true", help=_("with --export: replace FILE"))
    p.set_defaults(run=cmd_template)


def cmd_template(args: argparse.Namespace) -> int:
    actions = [bool(args.id), args.list, bool(args.export), bool(args.import_file)]
    if sum(actions) != 1:
        raise UserInputError(
            _(
                "Give one of: a template ID, --list, --export FILE or --import FILE "
                "(`rapport template --list` shows the IDs)."
            )
        )
    if args.client and not args.id:
        raise UserInputError(
            _(
                "--client needs a template ID, e.g. "
                "`rapport template closing-the-loop --client Maja`."
            )
        )
    if args.export:
        target = Path(args.export)
        if target.exists() and not args.force:
            raise UserInputError(already_exists(target))
    if not args.client and not database_path(journal_home(args.home)).exists():
        if args.list:  # no journal yet: the bundled library, unfilled
            _print_list(library.list_templates(args.lang, mine=False))
            return 0
        if args.id:
            template = library.original(args.id, args.lang or language())
            if template is None:
                raise UserInputError(
                    _(
                        "There is no built-in template called %(id)r; "
                        "`rapport template --list` lists them."
                    )
                    % {"id": args.id}
                )
            _print(filling.fill(template, {}), None)
            return 0
    with opened(args, create=bool(args.import_file), writes=bool(args.import_file)):
        if args.list:
            _print_list(library.list_templates(args.lang))
        elif args.export:
            count = library.export_set(Path(args.export))
            print(
                ngettext(
                    "Exported %(n)d template to %(file)s.",
                    "Exported %(n)d templates to %(file)s.",
                    count,
                )
                % {"n": count, "file": args.export}
            )
        elif args.import_file:
            done = library.import_set(Path(args.import_file))
            print(
                _(
                    "Imported templates: %(added)d added, %(replaced)d replaced, "
                    "%(unchanged)d already the same."
                )
                % {"added": done.added, "replaced": done.replaced, "unchanged": done.unchanged}
            )
        else:
            _print_filled(args)
    return 0


def _print_filled(args: argparse.Namespace) -> None:
    lang = args.lang or library.default_language()
    template = library.get_template(args.id, lang)
    client = clients.find_client(args.client) if args.client else None
    _print(filling.render(template, client, dt.datetime.now().astimezone()), client)


def _print(filled: filling.Filled, client: Any) -> None:
    print(_("Subject: %(subject)s") % {"subject": filled.subject} + f"\n\n{filled.body}")
    if filled.gaps:
        names = ", ".join(f"[[{gap}]]" for gap in filled.gaps)
        if client:
            line = _("rapport: fill in before sending: %(names)s")
        else:
            line = _(
                "rapport: fill in before sending: %(names)s "
                "(pass --client NAME to fill it from the journal)"
            )
        print(line % {"names": names}, file=sys.stderr)


def _print_list(items: list[text.Template]) -> None:
    by_id: dict[str, list[text.Template]] = {}
    for item in items:
        by_id.setdefault(item.id, []).append(item)
    if not by_id:
        print(_("No templates in that language yet."))
        return
    width = max(len(template_id) for template_id in by_id)
    for template_id, versions in by_id.items():
        # named in the language spoken when there is a version in it (the journal's, or --lang)
        first = next((v for v in versions if v.lang == language()), versions[0])
        langs = ",".join(v.lang for v in versions)
        origins = sorted({v.origin for v in versions} - {text.BUILT_IN})
        mark = f"  [{', '.join(origins)}]" if origins else ""
        answers = ", ".join(first.answers) or "-"
        answered = _("(answers: %(kinds)s)") % {"kinds": answers}
        print(f"{template_id:<{width}}  {langs:<5}  {first.title}  {answered}{mark}")
