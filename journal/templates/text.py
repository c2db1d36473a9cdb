"""The template text: its format, its placeholders and the checks it passes.

A template is a header block ("Title:", "Answers:", "Subject:"), a blank line and a body with
{placeholder} names; the same checks hold for a bundled file, one the coach wrote and one
read from a shared template set, so a mistake reads the same wherever it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from journal.cues.model import KINDS
from journal.errors import RapportError, UserInputError
from journal.i18n import N_, _
from journal.values import documents
from journal.values.fields import is_template_id, shown, storable
from journal.values.vocabulary import LANGUAGES

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "sv": "Svenska"}

PLACEHOLDERS: dict[str, str] = {
    "client_first_name": N_("the client's first name"),
    "client_name": N_("the client's full name"),
    "project": N_("the project in the client's profile"),
    "my_name": N_("your name (Settings)"),
    "signature": N_("your signature (Settings), else your name"),
    "last_contact_date": N_("the last day you heard from or spoke with the client"),
    "open_commitments": N_("both sides' open commitments with due dates"),
    "client_commitments": N_("the client's open commitments"),
    "my_commitments": N_("your open commitments to the client"),
    "preferred_channel": N_("the client's preferred channel"),
    "working_channel": N_("the channel that gets through to the client (a call if unknown)"),
    "today": N_("today's date"),
}
"""What each placeholder stands for (msgids: the template editor shows them with `_()`)."""

FORMAT = "rapport-templates"
VERSION = 1

BUILT_IN, EDITED, OWN = "built-in", "edited", "own"

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_GAP = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_HEADERS = ("title", "answers", "subject")


@dataclass(frozen=True)
class Template:
    id: str
    lang: str
    title: str
    subject: str
    body: str
    answers: tuple[str, ...]
    origin: str = BUILT_IN  # built-in, edited (the user's version of a built-in) or own

    def same_text(self, other: Template) -> bool:
        return (self.title, self.subject, self.body, self.answers) == (
            other.title,
            other.subject,
            other.body,
            other.answers,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "subject": self.subject,
            "body": self.body,
            "answers": list(self.answers),
        }


def check_text(text: str, where: str) -> None:
    """Refuse unknown placeholders, stray braces and text that cannot be stored, in one
    line that says what to do."""
    storable(text, where)
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise UserInputError(
                _(
                    "%(where)s: a lone %(token)r; write %(escaped)s for a brace, or "
                    "{client_first_name} style names for placeholders."
                )
                % {"where": where, "token": token, "escaped": token * 2}
            )
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
            raise UserInputError(
                _("%(where)s: unknown placeholder {%(name)s}; use one of %(known)s.")
                % {"where": where, "name": name, "known": known}
            )


def fill_text(text: str, values: Mapping[str, str | None], gaps: list[str]) -> str:
    """Put values in; a placeholder without one becomes a visible [[name]] gap (added to gaps)."""

    def put(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name is None:
            return token
        value = values.get(name)
        if value:
            return value
        if name not in gaps:
            gaps.append(name)
        return f"[[{name}]]"

    return _TOKEN.sub(put, text)


def gaps_in(text: str) -> list[str]:
    """The [[gaps]] still in a (possibly edited) message, in order, each once."""
    return list(dict.fromkeys(match.group(1) for match in _GAP.finditer(text)))


def clean_template(
    template_id: str,
    lang: str,
    title: str,
    subject: str,
    body: str,
    answers: Iterable[str],
    where: str = "",
) -> Template:
    """Check a template the user wrote or imported; the same rules for the app and a file."""
    at = f"{where}." if where else ""
    if not is_template_id(template_id):
        raise UserInputError(
            _(
                "%(at)sid: %(shown)s is not a template id; use lowercase letters, digits "
                "and dashes, e.g. check-in-after-holiday."
            )
            % {"at": at, "shown": shown(template_id)}
        )
    if lang not in LANGUAGES:
        raise UserInputError(
            _("%(at)slang: must be one of %(choices)s (got %(shown)s).")
            % {"at": at, "choices": ", ".join(LANGUAGES), "shown": shown(lang)}
        )
    for name, value in (("title", title), ("subject", subject), ("body", body)):
        if not isinstance(value, str) or not value.strip():
            raise UserInputError(_("%(at)s%(name)s: must not be empty.") % {"at": at, "name": name})
    kinds = [] if answers is None else answers
    if not isinstance(kinds, (list, tuple)) or not all(isinstance(k, str) for k in kinds):
        raise UserInputError(_("%(at)sanswers: must be a list of cue kinds.") % {"at": at})
    kinds = tuple(dict.fromkeys(kinds))
    for kind in kinds:
        if kind not in KINDS:
            raise UserInputError(
                _("%(at)sanswers: %(shown)s is not a cue kind (%(kinds)s).")
                % {"at": at, "shown": shown(kind), "kinds": ", ".join(KINDS)}
            )
    if "\n" in subject.strip():
        raise UserInputError(_("%(at)ssubject: must be one line.") % {"at": at})
    check_text(subject, f"{at}subject")
    check_text(body, f"{at}body")
    return Template(template_id, lang, title.strip(), subject.strip(), _tidy(body), kinds, OWN)


def _tidy(body: str) -> str:
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def parse_template_file(text: str, template_id: str, lang: str, where: str) -> Template:
    """A header block of "Name: value" lines, a blank line, then the body."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    head, sep, body = text.partition("\n\n")
    if not sep:
        raise RapportError(
            _("%(where)s: needs header lines, a blank line, then the body.") % {"where": where}
        )
    header: dict[str, str] = {}
    for line in head.split("\n"):
        name, colon, value = line.partition(":")
        key = name.strip().lower()
        if not colon or key not in _HEADERS:
            raise RapportError(
                _("%(where)s: %(line)r is not a Title, Answers or Subject line.")
                % {"where": where, "line": line}
            )
        header[key] = value.strip()
    missing = [key.title() for key in _HEADERS if key not in header]
    if missing:
        raise RapportError(
            _("%(where)s: the header lacks %(fields)s.")
            % {"where": where, "fields": ", ".join(missing)}
        )
    answers = header["answers"]
    kinds = () if answers.lower() == "none" else tuple(k.strip() for k in answers.split(","))
    try:
        template = clean_template(
            template_id, lang, header["title"], header["subject"], body, kinds
        )
    except UserInputError as exc:
        raise RapportError(_("%(where)s: %(exc)s") % {"where": where, "exc": exc}) from None
    return replace(template, origin=BUILT_IN)


# --- template sets (the JSON file a coach shares) ------------------------------------------


def read_set(path: Path) -> list[Template]:
    """Read and check a whole template set before anything is stored."""
    data = documents.read_json(path)
    documents.check_document(data)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserInputError(
            _("%(path)s: not a Rapport template set; export one from Rapport first.")
            % {"path": path}
        )
    if data.get("version") != VERSION:
        raise UserInputError(
            _("%(path)s: this Rapport reads template sets of version %(VERSION)s (got %(shown)s).")
            % {"path": path, "VERSION": VERSION, "shown": shown(data.get("version"))}
        )
    raw = data.get("templates")
    if not isinstance(raw, list):
        raise UserInputError(_("%(path)s: templates: must be a list.") % {"path": path})
    return clean_set(raw)


def clean_set(raw: list[Any]) -> list[Template]:
    """Check a list of templates as a file holds them, naming the place of the first bad one
    (`templates[2].body: ...`); the same for a template set and a journal export."""
    seen: set[tuple[str, str]] = set()
    result = []
    for n, item in enumerate(raw):
        where = f"templates[{n}]"
        if not isinstance(item, dict):
            raise UserInputError(_("%(where)s: must be an object.") % {"where": where})
        template = clean_template(
            item.get("id", ""),
            item.get("lang", ""),
            item.get("title", ""),
            item.get("subject", ""),
            item.get("body", ""),
            item.get("answers", []),
            where,
        )
        if (template.id, template.lang) in seen:
            raise UserInputError(
                _("%(where)s: %(id)s (%(lang)s) appears twice.")
                % {"where": where, "id": template.id, "lang": template.lang}
            )
        seen.add((template.id, template.lang))
        result.append(template)
    return result
