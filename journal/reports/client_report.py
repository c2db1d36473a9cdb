"""The client report: a client's whole story in a period, private to the coach."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from journal.cues.api import cues_for_client
from journal.cues.model import Cue, Severity
from journal.entries.capture import SELF_CHECK_QUESTIONS, interactions_of
from journal.entries.commitments import commitment_state, commitments_of
from journal.reports.chart import ChartData, chart_data
from journal.reports.period import ReportContext, report_context, report_moment, resolve_period
from journal.store.models import Client, Commitment, Interaction
from journal.templates.library import get_template_or_none
from journal.values.zones import zone_or_local

CueSource = Callable[[Client, dt.datetime], Sequence[Cue]]


@dataclass(frozen=True)
class Profile:
    name: str
    project: str
    status: str
    email: str
    phone: str
    preferred_channel: str | None
    cadence_days: float | None
    fit: int | None
    notes: str


@dataclass(frozen=True)
class InteractionEntry:
    uid: str
    at: dt.datetime
    channel: str
    direction: str
    feeling: int | None
    emotions: tuple[str, ...]
    summary: str
    notes: str
    awaits_reply: bool


@dataclass(frozen=True)
class CommitmentEntry:
    owner: str  # "me" or "client"
    text: str
    due: dt.date | None
    done_on: dt.date | None
    state: str  # "open", "overdue", "done" or "done_late"


@dataclass(frozen=True)
class EvidenceEntry:
    type: str  # "interaction" or "commitment"
    day: dt.date | None
    text: str


def _in_date_order(entries: Iterable[EvidenceEntry]) -> tuple[EvidenceEntry, ...]:
    """A cue lists its evidence by rule (the ignored emails, then the calls that got
    through); a reader follows it by date. Undated items go last, in their order."""
    return tuple(sorted(entries, key=lambda e: (e.day is None, e.day or dt.date.min)))


@dataclass(frozen=True)
class CueEntry:
    kind: str
    severity: Severity
    since: dt.datetime
    explanation: str
    template: str | None
    evidence: tuple[EvidenceEntry, ...]
    template_title: str | None = None  # the template's title in the report's language


@dataclass(frozen=True)
class SelfCheckLine:
    key: str
    question: str  # the English wording; the renderer may translate by key
    yes: int
    no: int


@dataclass(frozen=True)
class ClientReport:
    context: ReportContext
    profile: Profile
    interactions: tuple[InteractionEntry, ...]  # oldest first
    cues: tuple[CueEntry, ...]  # worst first
    commitments: tuple[CommitmentEntry, ...]
    chart: ChartData
    self_check: tuple[SelfCheckLine, ...]
    self_checked: int  # interactions in the period with any self-check answer


def _commitment_entry(commitment: Commitment, today: dt.date) -> CommitmentEntry:
    return CommitmentEntry(
        owner=commitment.owner,
        text=commitment.text,
        due=commitment.due,
        done_on=commitment.done_on,
        state=commitment_state(commitment, today),
    )


def template_title(template_id: str, lang: str) -> str:
    """A suggested template as a coach knows it: its title in `lang` (their edit, if any),
    else the English title, else the id in words."""
    found = get_template_or_none(template_id, lang) or get_template_or_none(template_id, "en")
    return found.title if found else template_id.replace("-", " ")


def _earliest_day(client: Client, zone: dt.tzinfo | None) -> dt.date | None:
    first = (
        Interaction.select(Interaction.at)
        .where(Interaction.client == client)
        .order_by(Interaction.at)
        .limit(1)
        .scalar()
    )
    return first.astimezone(zone).date() if first else None


def _self_check_summary(
    interactions: Sequence[Interaction],
) -> tuple[tuple[SelfCheckLine, ...], int]:
    yes: Counter[str] = Counter()
    no: Counter[str] = Counter()
    answered = 0
    for interaction in interactions:
        answers = interaction.self_check or {}
        if answers:
            answered += 1
        for key, value in answers.items():
            (yes if value else no)[key] += 1
    lines = tuple(
        SelfCheckLine(key, question, yes[key], no[key]) for key, question in SELF_CHECK_QUESTIONS
    )
    return lines, answered


def build_client_report(
    client: Client,
    as_of: dt.datetime,
    start: dt.date | None = None,
    end: dt.date | None = None,
    cues: CueSource = cues_for_client,
    *,
    zone: dt.tzinfo | None = None,
) -> ClientReport:
    """A client's story in a period (default: from the first interaction to today).

    Days and clock times are read in `zone` (default: the machine's, with its rules).
    """
    zone = zone_or_local(zone)
    as_of = as_of.astimezone(zone)
    period = resolve_period(start, end, as_of, _earliest_day(client, zone))
    moment = report_moment(period, as_of)
    first, last = period.first_moment(zone), period.last_moment(zone)
    inside = [i for i in interactions_of(client, newest_first=False) if first <= i.at < last]
    today = moment.date()
    promised = [
        c
        for c in commitments_of(client)
        if c.done_on is None or period.holds(c.done_on) or period.holds(c.due)
    ]
    found = sorted(cues(client, moment), key=lambda c: (-c.severity, c.since))
    by_uid_i = {i.uid: i for i in client.interactions}
    by_uid_c = {c.uid: c for c in client.commitments}

    def evidence(ref_type: str, uid: str) -> EvidenceEntry | None:
        if ref_type == "interaction" and uid in by_uid_i:
            i = by_uid_i[uid]
            return EvidenceEntry("interaction", i.at.astimezone(zone).date(), i.summary)
        if ref_type == "commitment" and uid in by_uid_c:
            c = by_uid_c[uid]
            return EvidenceEntry("commitment", c.due, c.text)
        return None

    context = report_context(period, moment)
    cue_entries = tuple(
        CueEntry(
            kind=c.kind,
            severity=c.severity,
            since=c.since,
            explanation=c.explanation,
            template=c.template,
            evidence=_in_date_order(e for ref in c.evidence if (e := evidence(ref.type, ref.id))),
            template_title=template_title(c.template, context.language) if c.template else None,
        )
        for c in found
    )
    lines, answered = _self_check_summary(inside)
    return ClientReport(
        context=context,
        profile=Profile(
            name=client.name,
            project=client.project,
            status=client.status,
            email=client.email,
            phone=client.phone,
            preferred_channel=client.preferred_channel,
            cadence_days=client.cadence_days,
            fit=client.fit,
            notes=client.notes,
        ),
        interactions=tuple(
            InteractionEntry(
                uid=i.uid,
                at=i.at.astimezone(zone),
                channel=i.channel,
                direction=i.direction,
                feeling=i.feeling,
                emotions=tuple(i.emotions or ()),
                summary=i.summary,
                notes=i.notes,
                awaits_reply=bool(i.awaits_reply),
            )
            for i in inside
        ),
        cues=cue_entries,
        commitments=tuple(_commitment_entry(c, today) for c in promised),
        chart=chart_data(inside, found, first, min(last, moment)),
        self_check=lines,
        self_checked=answered,
    )
