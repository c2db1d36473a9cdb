"""Filling a template for one client (and the cue that asked for it), and logging it as sent.

Filling never reads the clock: the caller passes the moment, so the same history always gives
the same message.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from journal import settings
from journal.cues.model import Cue
from journal.entries import capture
from journal.i18n import N_, translation
from journal.store.models import Client, Commitment, Interaction
from journal.templates.text import PLACEHOLDERS, Template, fill_text
from journal.values.dates import format_date
from journal.values.names import first_name
from journal.values.zones import zone_or_local

# The words a filled template adds, in the template's language (msgids of the catalogue).
_WORDS: dict[str, str] = {
    "yours": N_("On your side:"),
    "mine": N_("On my side:"),
    "due": N_("due %(date)s"),
}
# How a channel reads in "you prefer ..." and in "would ... suit you better?".
_CHANNEL_NOUNS: dict[str, str] = {
    "email": N_("email"),
    "phone": N_("phone"),
    "video": N_("video calls"),
    "meeting": N_("meeting in person"),
    "message": N_("text messages"),
}
_CHANNEL_OFFERS: dict[str, str] = {
    "email": N_("email"),
    "phone": N_("a short phone call"),
    "video": N_("a short video call"),
    "meeting": N_("a meeting in person"),
    "message": N_("a text message"),
}


def _word(table: dict[str, str], key: str, lang: str) -> str | None:
    word = table.get(key)
    return translation(lang).gettext(word) if word else None


@dataclass(frozen=True)
class Filled:
    """A template filled for one client; `gaps` names the placeholders left for the user."""

    template: Template
    subject: str
    body: str
    gaps: tuple[str, ...]


def _commitment_lines(items: list[Commitment], lang: str) -> str:
    lines = []
    for item in items:
        due = (
            f" ({translation(lang).gettext(_WORDS['due']) % {'date': format_date(item.due, lang)}})"
            if item.due
            else ""
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
        f"{_word(_WORDS, key, lang)}\n{lines}"
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
        preferred_channel=_word(_CHANNEL_NOUNS, client.preferred_channel or "", lang),
        working_channel=_word(_CHANNEL_OFFERS, working_channel(client, as_of, cue), lang),
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
