"""The data of each PDF report, assembled from the journal without Qt.

Three reports, three plain frozen types: `ClientReport` (private: the whole story),
`AccountabilityList` (for the client: commitments only) and `PracticeOverview` (every current
client at a glance). The renderer in ui/reports only lays these out; everything a report says
is decided here, so the CLI, the app and tests share one truth.

The accountability list carries no notes, feelings or cues by construction: its types have no
field that could hold them, so nothing private can leak onto a page meant for the client.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from journal import settings
from journal.chart_data import ChartData, chart_data
from journal.cues.model import KINDS, Cue, Severity
from journal.entries.capture import SELF_CHECK_QUESTIONS, interactions_of
from journal.entries.commitments import commitments_of
from journal.errors import UserInputError
from journal.listing import with_cues
from journal.overview import client_rows
from journal.store.models import Client, Commitment, Interaction
from journal.values.zones import zone_or_local

RECENT_DAYS = 30
"""Without a start date, the accountability list shows what was done in the last 30 days."""

CURRENT_STATUSES = ("active", "prospect")
"""The practice overview lists clients being worked with or courted; paused and closed wait."""

CueSource = Callable[[Client, dt.datetime], Sequence[Cue]]
AllCueSource = Callable[[dt.datetime], Sequence[Cue]]


# --- the period -------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Whole days from start to end inclusive, in the coach's time zone."""

    start: dt.date
    end: dt.date

    def first_moment(self, zone: dt.tzinfo | None) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=zone)

    def last_moment(self, zone: dt.tzinfo | None) -> dt.datetime:
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def resolve_period(
    start: dt.date | None, end: dt.date | None, as_of: dt.datetime, earliest: dt.date | None
) -> Period:
    """The period a coach asked for; open ends run from `earliest` (or 30 days back) to today."""
    today = as_of.date()
    last = end or today
    first = start or earliest or (last - dt.timedelta(days=RECENT_DAYS))
    if first > last:
        raise UserInputError(
            f"The period starts ({first.isoformat()}) after it ends ({last.isoformat()}); "
            "swap --from and --to."
        )
    return Period(first, last)


def report_moment(period: Period, as_of: dt.datetime) -> dt.datetime:
    """The "as of" moment of a report: the end of its last day, never later than now."""
    return min(as_of, period.last_moment(as_of.tzinfo) - dt.timedelta(microseconds=1))


@dataclass(frozen=True)
class ReportContext:
    """Who, when and in which language: what every report's header needs."""

    period: Period
    generated_at: dt.datetime
    coach: str
    language: str


def _context(period: Period, as_of: dt.datetime) -> ReportContext:
    return ReportContext(
        period=period,
        generated_at=as_of,
        coach=str(settings.get("my_name") or ""),
        language=str(settings.get("language") or "en"),
    )


# --- the client report (private) --------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    name: str
    project: str
    status: str
    email: str
    phone: str
    preferred_channel: str | None
    cadence_days: int | None
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


def commitment_state(commitment: Commitment, today: dt.date) -> str:
    if commitment.done_on is not None:
        late = commitment.due is not None and commitment.done_on > commitment.due
        return "done_late" if late else "done"
    if commitment.due is not None and commitment.due < today:
        return "overdue"
    return "open"


def _commitment_entry(commitment: Commitment, today: dt.date) -> CommitmentEntry:
    return CommitmentEntry(
        owner=commitment.owner,
        text=commitment.text,
        due=commitment.due,
        done_on=commitment.done_on,
        state=commitment_state(commitment, today),
    )


def _cues_for_client(client: Client, as_of: dt.datetime) -> Sequence[Cue]:
    from journal.cues import cues_for_client  # the engine, imported when a report needs it

    return cues_for_client(client, as_of)


def _all_cues(as_of: dt.datetime) -> Sequence[Cue]:
    from journal.cues import all_cues

    return all_cues(as_of)


def template_title(template_id: str, lang: str) -> str:
    """A suggested template as a coach knows it: its title in `lang` (their edit, if any),
    else the English title, else the id in words."""
    from journal.templates.library import get_template_or_none

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
    cues: CueSource = _cues_for_client,
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

    context = _context(period, moment)
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


# --- the accountability list (for the client) -------------------------------------------


@dataclass(frozen=True)
class AccountabilityItem:
    """One promise as the client may read it: who, what, by when, and where it stands."""

    owner: str  # "me" (the coach) or "client"
    text: str
    due: dt.date | None
    done_on: dt.date | None
    state: str


@dataclass(frozen=True)
class AccountabilityList:
    context: ReportContext
    client: str  # the client's name and nothing else of the profile
    items: tuple[AccountabilityItem, ...]  # open first (by due date), then recently done


def build_accountability_list(
    client: Client,
    as_of: dt.datetime,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    zone: dt.tzinfo | None = None,
) -> AccountabilityList:
    """Open commitments of both sides, and those done in the period (default: 30 days)."""
    as_of = as_of.astimezone(zone_or_local(zone))
    period = resolve_period(start, end, as_of, None)
    moment = report_moment(period, as_of)
    today = moment.date()
    items = [
        AccountabilityItem(c.owner, c.text, c.due, c.done_on, commitment_state(c, today))
        for c in commitments_of(client)
        if c.done_on is None or period.holds(c.done_on)
    ]
    items.sort(key=lambda i: (i.done_on is not None, i.due is None, i.due or dt.date.max))
    return AccountabilityList(
        context=_context(period, moment), client=client.name, items=tuple(items)
    )


# --- the practice overview --------------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    name: str
    status: str
    severity: int  # the worst open cue's Severity, or 0 for none
    last_contact: dt.datetime | None
    cue_kinds: tuple[str, ...]  # open cues, worst first
    due_soon: int  # open commitments due within a week of the report's day
    overdue: int


@dataclass(frozen=True)
class PracticeOverview:
    context: ReportContext
    rows: tuple[OverviewRow, ...]  # worst health first, then by name
    cue_counts: tuple[tuple[str, int], ...]  # every cue kind, in KINDS order
    interactions: int  # in the period, across current clients


DUE_SOON_DAYS = 7


def build_practice_overview(
    as_of: dt.datetime,
    start: dt.date | None = None,
    end: dt.date | None = None,
    cues: AllCueSource = _all_cues,
    *,
    zone: dt.tzinfo | None = None,
) -> PracticeOverview:
    """Every current client's health, last contact, open cues and commitments due.

    The period (default: the last 30 days) bounds the cue counts (cues that began in it)
    and the interaction count. Days are read in `zone` (default: the machine's).
    """
    zone = zone_or_local(zone)
    as_of = as_of.astimezone(zone)
    period = resolve_period(start, end, as_of, None)
    moment = report_moment(period, as_of)
    today = moment.date()
    open_cues = list(cues(moment))
    rows = [r for r in with_cues(client_rows(zone), open_cues) if r.status in CURRENT_STATUSES]
    ids = [r.id for r in rows]
    kinds: dict[int, list[str]] = {}
    for cue in sorted(open_cues, key=lambda c: -c.severity):
        kinds.setdefault(cue.client_id, []).append(cue.kind)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    due_soon: Counter[int] = Counter()
    overdue: Counter[int] = Counter()
    for client_id, due in (
        Commitment.select(Commitment.client, Commitment.due)
        .where(
            Commitment.done_on.is_null(), Commitment.due.is_null(False), Commitment.client.in_(ids)
        )
        .tuples()
    ):
        if due < today:
            overdue[client_id] += 1
        elif due <= soon:
            due_soon[client_id] += 1
    first, last = period.first_moment(zone), period.last_moment(zone)
    held = (
        Interaction.select()
        .where(Interaction.client.in_(ids), Interaction.at >= first, Interaction.at < last)
        .count()
    )
    current = set(ids)
    counts = Counter(
        c.kind
        for c in open_cues
        if c.client_id in current and period.holds(c.since.astimezone(zone).date())
    )
    out = [
        OverviewRow(
            name=r.name,
            status=r.status,
            severity=r.severity,
            last_contact=r.last_contact.astimezone(zone) if r.last_contact else None,
            cue_kinds=tuple(kinds.get(r.id, ())),
            due_soon=due_soon[r.id],
            overdue=overdue[r.id],
        )
        for r in rows
    ]
    out.sort(key=lambda r: (-r.severity, -r.overdue, r.name.casefold()))
    return PracticeOverview(
        context=_context(period, moment),
        rows=tuple(out),
        cue_counts=tuple((kind, counts[kind]) for kind in KINDS),
        interactions=held,
    )
