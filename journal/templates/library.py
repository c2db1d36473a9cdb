"""The template library: the bundled templates, the coach's versions of them and their own.

Built-in templates are plain text files in resources/templates/<lang>/<id>.txt, so a
translator can read and fix them. The coach's edited versions and own templates live in the
journal (UserTemplate), encrypted with everything else; an edited version stands in for the
built-in of the same id and language until "restore original".
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from journal import i18n
from journal.cues.model import Cue
from journal.errors import RapportError, UserInputError, os_problem
from journal.i18n import _
from journal.store.atomic import write_text_atomic
from journal.store.models import UserTemplate, database, utc_now
from journal.store.resources import resource_path
from journal.templates.text import (
    EDITED,
    FORMAT,
    LANGUAGE_NAMES,
    OWN,
    VERSION,
    Template,
    clean_template,
    parse_template_file,
    read_set,
)
from journal.values.fields import shown
from journal.values.vocabulary import LANGUAGES

BUILTIN_IDS: tuple[str, ...] = (
    "closing-the-loop",
    "switch-channel",
    "agree-rhythm",
    "accountability-recap",
    "set-boundaries",
    "reconnect-after-lapse",
    "let-go-referral",
    "first-call-questions",
)


@functools.cache
def builtin_templates() -> dict[tuple[str, str], Template]:
    """The bundled library, read once per process (it is part of the installation)."""
    found: dict[tuple[str, str], Template] = {}
    root = resource_path("templates")
    for lang in LANGUAGES:
        for template_id in BUILTIN_IDS:
            path = root / lang / f"{template_id}.txt"
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                raise RapportError(
                    _(
                        "Rapport's template %(lang)s/%(template_id)s.txt is missing; reinstall "
                        "Rapport."
                    )
                    % {"lang": lang, "template_id": template_id}
                ) from None
            found[(template_id, lang)] = parse_template_file(
                text, template_id, lang, f"templates/{lang}/{template_id}.txt"
            )
    return found


def _from_row(row: UserTemplate) -> Template:
    origin = EDITED if (row.template_id, row.lang) in builtin_templates() else OWN
    return Template(
        row.template_id,
        row.lang,
        row.title,
        row.subject,
        row.body,
        tuple(row.answers or ()),
        origin,
    )


def list_templates(lang: str | None = None, *, mine: bool = True) -> list[Template]:
    """Every usable template: built-ins (or the user's version of them) first, then own ones.

    mine=False lists the bundled library alone, for when no journal is open.
    """
    own = {(r.template_id, r.lang): _from_row(r) for r in UserTemplate.select()} if mine else {}
    merged = {**builtin_templates(), **own}
    order = {template_id: n for n, template_id in enumerate(BUILTIN_IDS)}
    items = [t for t in merged.values() if lang is None or t.lang == lang]
    return sorted(
        items,
        key=lambda t: (order.get(t.id, len(order)), t.id, LANGUAGES.index(t.lang)),
    )


def own_templates() -> list[Template]:
    """The coach's own templates and their versions of built-ins, as stored, by id and
    language: what a journal export carries (the built-ins come with every Rapport)."""
    rows = UserTemplate.select().order_by(UserTemplate.template_id, UserTemplate.lang)
    return [_from_row(row) for row in rows]


def get_template(template_id: str, lang: str) -> Template:
    row = UserTemplate.get_or_none(
        (UserTemplate.template_id == template_id) & (UserTemplate.lang == lang)
    )
    if row is not None:
        return _from_row(row)
    builtin = builtin_templates().get((template_id, lang))
    if builtin is not None:
        return builtin
    others = sorted({t.lang for t in list_templates() if t.id == template_id})
    if others:
        names = " and ".join(LANGUAGE_NAMES[code] for code in others)
        raise UserInputError(
            _("The template %(template_id)r has no %(get)s version; it exists in %(names)s.")
            % {"template_id": template_id, "get": LANGUAGE_NAMES.get(lang, lang), "names": names}
        )
    raise UserInputError(
        _("There is no template called %(shown)s; `rapport template --list` lists them.")
        % {"shown": shown(template_id)}
    )


def original(template_id: str, lang: str) -> Template | None:
    """The built-in behind a template, for "restore original"; None for the user's own."""
    return builtin_templates().get((template_id, lang))


def suggested_for(kind: str, lang: str) -> list[Template]:
    return [t for t in list_templates(lang) if kind in t.answers]


def save_template(
    template_id: str, lang: str, *, title: str, subject: str, body: str, answers: Iterable[str]
) -> Template:
    """Keep the user's version; saving a built-in's exact text simply restores the original."""
    cleaned = clean_template(template_id, lang, title, subject, body, answers)
    builtin = original(template_id, lang)
    with database.atomic():
        if builtin is not None and builtin.same_text(cleaned):
            _delete_row(template_id, lang)
            return builtin
        _upsert(cleaned)
    return replace(cleaned, origin=EDITED if builtin else OWN)


def _upsert(template: Template) -> None:
    row = UserTemplate.get_or_none(
        (UserTemplate.template_id == template.id) & (UserTemplate.lang == template.lang)
    ) or UserTemplate(template_id=template.id, lang=template.lang)
    row.title, row.subject, row.body = template.title, template.subject, template.body
    row.answers = list(template.answers)
    row.updated_at = utc_now()
    row.save()


def _delete_row(template_id: str, lang: str) -> int:
    return int(
        UserTemplate.delete()
        .where((UserTemplate.template_id == template_id) & (UserTemplate.lang == lang))
        .execute()
    )


def restore_original(template_id: str, lang: str) -> Template:
    builtin = original(template_id, lang)
    if builtin is None:
        raise UserInputError(
            _("%(template_id)r is your own template; there is no original.")
            % {"template_id": template_id}
        )
    with database.atomic():
        _delete_row(template_id, lang)
    return builtin


def delete_template(template_id: str, lang: str) -> None:
    """Remove one of the user's own templates (a built-in can only be restored)."""
    if original(template_id, lang) is not None:
        raise UserInputError(
            _("%(template_id)r is built in; use restore original instead.")
            % {"template_id": template_id}
        )
    with database.atomic():
        if not _delete_row(template_id, lang):
            raise UserInputError(
                _("There is no template called %(template_id)r.") % {"template_id": template_id}
            )


def new_template_id(title: str, lang: str) -> str:
    """A free id made from a title: "Uppföljning efter mötet" -> "uppfoljning-efter-motet"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:50] or "my-template"
    taken = {t.id for t in list_templates(lang)}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def get_template_or_none(template_id: str, lang: str) -> Template | None:
    try:
        return get_template(template_id, lang)
    except UserInputError:
        return None


def template_for_cue(cue: Cue, lang: str) -> Template:
    """The cue's own suggestion, else the first template that answers its kind."""
    if cue.template:
        found = get_template_or_none(cue.template, lang)
        if found is not None:
            return found
    suggestions = suggested_for(cue.kind, lang)
    if suggestions:
        return suggestions[0]
    return get_template(BUILTIN_IDS[0], lang)


def default_language() -> str:
    """The language spoken now: the journal's setting, unless --lang said otherwise."""
    return i18n.language()


# --- sharing template sets -----------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    added: int
    replaced: int
    unchanged: int


def export_set(path: Path) -> int:
    """Write every usable template (both languages) as one JSON file; returns the count."""
    items = [t.to_json() for t in list_templates()]
    data = {"format": FORMAT, "version": VERSION, "templates": items}
    try:
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise RapportError(
            _("Cannot write %(path)s: %(strerror)s; choose another place.")
            % {"path": path, "strerror": os_problem(exc)}
        ) from exc
    return len(items)


def import_set(path: Path) -> ImportSummary:
    """All or nothing; an imported template replaces the user's version of the same id."""
    return store_set(read_set(path))


def store_set(incoming: list[Template]) -> ImportSummary:
    """Keep checked templates in one transaction (within the caller's, if it has one); each
    replaces the user's version of the same id and language."""
    added = replaced = unchanged = 0
    with database.atomic():
        for template in incoming:
            current = get_template_or_none(template.id, template.lang)
            if current is not None and current.same_text(template):
                unchanged += 1
                continue
            builtin = original(template.id, template.lang)
            if builtin is not None and builtin.same_text(template):
                _delete_row(template.id, template.lang)
            else:
                _upsert(template)
            if current is None:
                added += 1
            else:
                replaced += 1
    return ImportSummary(added, replaced, unchanged)
