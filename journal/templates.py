"""Message templates for the hard conversations: load, list, fill, validate, keep and share.

Built-in templates are plain text files in resources/templates/<lang>/<id>.txt, so a
translator can read and fix them. The user's edited versions and own templates live in the
journal (UserTemplate), encrypted with everything else; an edited version stands in for the
built-in of the same id and language until "restore original". Filling never reads the
clock: the caller passes the moment, so the same history always gives the same message.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from journal import settings
from journal.cues.model import KINDS, Cue
from journal.entries import capture
from journal.errors import RapportError, UserInputError
from journal.store.atomic import write_text_atomic
from journal.store.models import Client, Commitment, Interaction, UserTemplate, database, utc_now
from journal.store.resources import resource_path
from journal.values.dates import format_date
from journal.values.fields import is_template_id
from journal.values.zones import zone_or_local

LANGUAGES: tuple[str, ...] = ("en", "sv")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "sv": "Svenska"}

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

PLACEHOLDERS: dict[str, str] = {
    "client_first_name": "the client's first name",
    "client_name": "the client's full name",
    "project": "the project in the client's profile",
    "my_name": "your name (Settings)",
    "signature": "your signature (Settings), else your name",
    "last_contact_date": "the last day you heard from or spoke with the client",
    "open_commitments": "both sides' open commitments with due dates",
    "client_commitments": "the client's open commitments",
    "my_commitments": "your open commitments to the client",
    "preferred_channel": "the client's preferred channel",
    "working_channel": "the channel that gets through to the client (a call if unknown)",
    "today": "today's date",
}

FORMAT = "rapport-templates"
VERSION = 1

BUILT_IN, EDITED, OWN = "built-in", "edited", "own"

_WORDS: dict[str, dict[str, str]] = {
    "en": {"yours": "On your side:", "mine": "On my side:", "due": "due {date}"},
    "sv": {"yours": "Från din sida:", "mine": "Från min sida:", "due": "senast {date}"},
}
# How a channel reads in "you prefer ..." and in "would ... suit you better?".
_CHANNEL_NOUNS: dict[str, dict[str, str]] = {
    "en": {
        "email": "email",
        "phone": "phone",
        "video": "video calls",
        "meeting": "meeting in person",
        "message": "text messages",
    },
    "sv": {
        "email": "mejl",
        "phone": "telefon",
        "video": "videosamtal",
        "meeting": "att ses",
        "message": "sms",
    },
}
_CHANNEL_OFFERS: dict[str, dict[str, str]] = {
    "en": {
        "email": "email",
        "phone": "a short phone call",
        "video": "a short video call",
        "meeting": "a meeting in person",
        "message": "a text message",
    },
    "sv": {
        "email": "mejl",
        "phone": "ett kort telefonsamtal",
        "video": "ett kort videosamtal",
        "meeting": "ett möte",
        "message": "ett sms",
    },
}
_HONORIFICS = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."}

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


@dataclass(frozen=True)
class Filled:
    """A template filled for one client; `gaps` names the placeholders left for the user."""

    template: Template
    subject: str
    body: str
    gaps: tuple[str, ...]


# --- text and validation -------------------------------------------------------------------


def check_text(text: str, where: str) -> None:
    """Refuse unknown placeholders and stray braces, in one line that says what to do."""
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise UserInputError(
                f"{where}: a lone {token!r}; write {token * 2} for a brace, or "
                "{client_first_name} style names for placeholders."
            )
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + key + "}" for key in PLACEHOLDERS)
            raise UserInputError(f"{where}: unknown placeholder {{{name}}}; use one of {known}.")


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
            f"{at}id: {template_id!r} is not a template id; use lowercase letters, digits and "
            "dashes, e.g. check-in-after-holiday."
        )
    if lang not in LANGUAGES:
        raise UserInputError(f"{at}lang: must be one of {', '.join(LANGUAGES)} (got {lang!r}).")
    for name, value in (("title", title), ("subject", subject), ("body", body)):
        if not isinstance(value, str) or not value.strip():
            raise UserInputError(f"{at}{name}: must not be empty.")
    kinds = [] if answers is None else answers
    if not isinstance(kinds, (list, tuple)) or not all(isinstance(k, str) for k in kinds):
        raise UserInputError(f"{at}answers: must be a list of cue kinds.")
    kinds = tuple(dict.fromkeys(kinds))
    for kind in kinds:
        if kind not in KINDS:
            raise UserInputError(f"{at}answers: {kind!r} is not a cue kind ({', '.join(KINDS)}).")
    if "\n" in subject.strip():
        raise UserInputError(f"{at}subject: must be one line.")
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
        raise RapportError(f"{where}: needs header lines, a blank line, then the body.")
    header: dict[str, str] = {}
    for line in head.split("\n"):
        name, colon, value = line.partition(":")
        key = name.strip().lower()
        if not colon or key not in _HEADERS:
            raise RapportError(f"{where}: {line!r} is not a Title, Answers or Subject line.")
        header[key] = value.strip()
    missing = [key.title() for key in _HEADERS if key not in header]
    if missing:
        raise RapportError(f"{where}: the header lacks {', '.join(missing)}.")
    answers = header["answers"]
    kinds = () if answers.lower() == "none" else tuple(k.strip() for k in answers.split(","))
    try:
        template = clean_template(
            template_id, lang, header["title"], header["subject"], body, kinds
        )
    except UserInputError as exc:
        raise RapportError(f"{where}: {exc}") from None
    return replace(template, origin=BUILT_IN)


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
                    f"Rapport's template {lang}/{template_id}.txt is missing; reinstall Rapport."
                ) from None
            found[(template_id, lang)] = parse_template_file(
                text, template_id, lang, f"templates/{lang}/{template_id}.txt"
            )
    return found


# --- the library: built-ins, edited versions and the user's own ----------------------------


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
            f"The template {template_id!r} has no {LANGUAGE_NAMES.get(lang, lang)} version; "
            f"it exists in {names}."
        )
    raise UserInputError(
        f"There is no template called {template_id!r}; `rapport template --list` lists them."
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
        raise UserInputError(f"{template_id!r} is your own template; there is no original.")
    with database.atomic():
        _delete_row(template_id, lang)
    return builtin


def delete_template(template_id: str, lang: str) -> None:
    """Remove one of the user's own templates (a built-in can only be restored)."""
    if original(template_id, lang) is not None:
        raise UserInputError(f"{template_id!r} is built in; use restore original instead.")
    with database.atomic():
        if not _delete_row(template_id, lang):
            raise UserInputError(f"There is no template called {template_id!r}.")


def new_template_id(title: str, lang: str) -> str:
    """A free id made from a title: "Uppföljning efter mötet" -> "uppfoljning-efter-motet"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:50] or "my-template"
    taken = {t.id for t in list_templates(lang)}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


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
        raise RapportError(f"Cannot write {path}: {exc.strerror}; choose another place.") from exc
    return len(items)


def read_set(path: Path) -> list[Template]:
    """Read and check a whole template set before anything is stored."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserInputError(f"{path}: no such file; check the path.") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserInputError(f"{path}: not a Rapport template set (JSON text).") from None
    except OSError as exc:
        raise RapportError(f"{path}: cannot read it ({exc.strerror}).") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserInputError(f"{path}: not a Rapport template set; export one from Rapport first.")
    if data.get("version") != VERSION:
        raise UserInputError(
            f"{path}: this Rapport reads template sets of version {VERSION} "
            f"(got {data.get('version')!r})."
        )
    raw = data.get("templates")
    if not isinstance(raw, list):
        raise UserInputError(f"{path}: templates: must be a list.")
    seen: set[tuple[str, str]] = set()
    result = []
    for n, item in enumerate(raw):
        where = f"templates[{n}]"
        if not isinstance(item, dict):
            raise UserInputError(f"{where}: must be an object.")
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
            raise UserInputError(f"{where}: {template.id} ({template.lang}) appears twice.")
        seen.add((template.id, template.lang))
        result.append(template)
    return result


def import_set(path: Path) -> ImportSummary:
    """All or nothing; an imported template replaces the user's version of the same id."""
    incoming = read_set(path)
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


def get_template_or_none(template_id: str, lang: str) -> Template | None:
    try:
        return get_template(template_id, lang)
    except UserInputError:
        return None


# --- filling from the journal --------------------------------------------------------------


def first_name(name: str) -> str:
    """The name to greet: "Dr. Priya Raman" -> "Priya"."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in _HONORIFICS:
        words = words[1:]
    return words[0] if words else name


def _commitment_lines(items: list[Commitment], lang: str) -> str:
    lines = []
    for item in items:
        due = (
            f" ({_WORDS[lang]['due'].format(date=format_date(item.due, lang))})" if item.due else ""
        )
        lines.append(f"- {item.text}{due}")
    return "\n".join(lines)


def _last_contact(client: Client, as_of: dt.datetime) -> dt.date | None:
    latest = (
        Interaction.select(Interaction.at)
        .where(
            (Interaction.client == client)
            & (Interaction.direction != "out")
            & (Interaction.at <= as_of)
        )
        .order_by(Interaction.at.desc())
        .first()
    )
    return latest.at.astimezone(as_of.tzinfo).date() if latest else None


def working_channel(client: Client, as_of: dt.datetime, cue: Cue | None = None) -> str:
    """The channel that gets through: from the cue's evidence, the profile, then the history."""
    answered = (Interaction.direction != "out") & (Interaction.channel != "email")
    if cue is not None:
        ids = [ref.id for ref in cue.evidence if ref.type == "interaction"]
        if ids:
            found = Counter(
                i.channel
                for i in Interaction.select(Interaction.channel).where(
                    Interaction.uid.in_(ids) & answered
                )
            )
            if found:
                return found.most_common(1)[0][0]
    if client.preferred_channel and client.preferred_channel != "email":
        return str(client.preferred_channel)
    history = Counter(
        i.channel
        for i in Interaction.select(Interaction.channel).where(
            (Interaction.client == client) & answered & (Interaction.at <= as_of)
        )
    )
    return history.most_common(1)[0][0] if history else "phone"


def context_values(
    client: Client | None,
    lang: str,
    as_of: dt.datetime,
    cue: Cue | None = None,
    *,
    zone: dt.tzinfo | None = None,
) -> dict[str, str | None]:
    """Every placeholder's value for this client; None where the journal does not know it.

    Dates are read in `zone` (default: the machine's, with its rules).
    """
    as_of = as_of.astimezone(zone_or_local(zone))
    my_name = str(settings.get("my_name") or "").strip() or None
    signature = str(settings.get("signature") or "").strip() or my_name
    values: dict[str, str | None] = dict.fromkeys(PLACEHOLDERS)
    values.update(my_name=my_name, signature=signature, today=format_date(as_of.date(), lang))
    if client is None:
        return values
    open_items = list(
        client.commitments.where(Commitment.done_on.is_null()).order_by(
            Commitment.due.is_null(), Commitment.due, Commitment.id
        )
    )
    theirs = _commitment_lines([c for c in open_items if c.owner == "client"], lang)
    mine = _commitment_lines([c for c in open_items if c.owner == "me"], lang)
    sections = [
        f"{_WORDS[lang][key]}\n{lines}"
        for key, lines in (("yours", theirs), ("mine", mine))
        if lines
    ]
    last = _last_contact(client, as_of)
    values.update(
        client_first_name=first_name(client.name),
        client_name=client.name,
        project=client.project.strip() or None,
        last_contact_date=format_date(last, lang) if last else None,
        open_commitments="\n\n".join(sections) or None,
        client_commitments=theirs or None,
        my_commitments=mine or None,
        preferred_channel=_CHANNEL_NOUNS[lang].get(client.preferred_channel or ""),
        working_channel=_CHANNEL_OFFERS[lang][working_channel(client, as_of, cue)],
    )
    return values


def fill(template: Template, values: Mapping[str, str | None]) -> Filled:
    gaps: list[str] = []
    subject = fill_text(template.subject, values, gaps)
    body = fill_text(template.body, values, gaps)
    return Filled(template, subject, body, tuple(gaps))


def render(
    template: Template, client: Client | None, as_of: dt.datetime, cue: Cue | None = None
) -> Filled:
    return fill(template, context_values(client, template.lang, as_of, cue))


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
    lang = settings.get("language")
    return lang if lang in LANGUAGES else LANGUAGES[0]


def load_client(client_id: int) -> Client:
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise UserInputError("That client is no longer in the journal.")
    return client


# --- sending -------------------------------------------------------------------------------


def mailto_url(to: str, subject: str, body: str) -> str:
    """An RFC 6068 mailto: everything percent-encoded as UTF-8, line breaks as CRLF."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    address = quote(to.strip(), safe="@,")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(lines, safe='')}"


def log_sent(
    client: Client,
    subject: str,
    body: str,
    at: dt.datetime,
    channel: str = "email",
    template_id: str = "",
) -> Interaction:
    """Record the message as an outgoing interaction awaiting reply: the unanswered clock starts.

    `template_id` remembers what the message was (a closing-the-loop message sent changes what
    the unanswered cue asks for).
    """
    subject = subject.strip() or body.strip().split("\n", 1)[0]
    return capture.log_interaction(
        client,
        at=at,
        channel=channel,
        direction="out",
        summary=subject,
        notes=body,
        awaits_reply=True,
        template=template_id,
    )
