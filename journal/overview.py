"""The rows the client list and Today show, the order that puts attention first, and the
read-side queries that fill them.

Each query answers in a handful of grouped queries whatever the journal's size, and returns
plain frozen rows, so the app's list models, the CLI and reports share one truth and a view
never has to touch the database while it paints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from peewee import Case, fn

from journal.cues.api import all_cues
from journal.cues.model import KIND_WORDS, Cue, Severity
from journal.i18n import _, ngettext
from journal.store.models import (
    Client,
    Commitment,
    Interaction,
    as_tuples,
    get_record,
)
from journal.values.vocabulary import RESTING_STATUSES
from journal.values.zones import zone_or_local

NO_CUE = 0  # the severity of a client with nothing open: below Severity.INFO


@dataclass(frozen=True)
class ClientRow:
    """What the client list shows for one client."""

    id: int
    uid: str
    name: str
    status: str
    project: str
    last_contact: dt.datetime | None
    next_follow_up: dt.date | None
    interactions: int
    open_commitments: int
    severity: int = NO_CUE  # the worst open cue's Severity, or NO_CUE
    cue_kind: str = ""
    cue_explanation: str = ""
    open_cues: int = 0
    last_reached_out: dt.datetime | None = None
    """The coach's latest interaction of any kind; later than last_contact when the coach
    wrote and the client has not answered."""

    @property
    def reached_out_since(self) -> dt.datetime | None:
        """When the coach last reached out, if that is after the last contact."""
        reached, last = self.last_reached_out, self.last_contact
        return reached if reached is not None and (last is None or reached > last) else None

    def follow_up_due(self, today: dt.date) -> bool:
        return self.next_follow_up is not None and self.next_follow_up <= today


@dataclass(frozen=True)
class AgendaItem:
    """One line of Today: an open cue, a follow-up that is due, or a commitment falling due."""

    kind: str  # "cue", "follow_up" or "commitment"
    client_id: int
    client: str
    day: dt.date | None
    title: str
    detail: str
    severity: int
    cue: Cue | None = None
    interaction_id: int | None = None
    commitment_id: int | None = None


def worst_cues(cues: Iterable[Cue]) -> dict[int, tuple[Cue, int]]:
    """Each client's worst cue and how many cues the client has open."""
    worst: dict[int, tuple[Cue, int]] = {}
    for cue in cues:
        held = worst.get(cue.client_id)
        if held is None:
            worst[cue.client_id] = (cue, 1)
        else:
            best = cue if cue.severity > held[0].severity else held[0]
            worst[cue.client_id] = (best, held[1] + 1)
    return worst


def with_cues(rows: Sequence[ClientRow], cues: Iterable[Cue]) -> list[ClientRow]:
    """The rows with their health filled in from the open cues."""
    worst = worst_cues(cues)
    out = []
    for row in rows:
        found = worst.get(row.id)
        if found is None:
            out.append(replace(row, severity=NO_CUE, cue_kind="", cue_explanation="", open_cues=0))
        else:
            cue, count = found
            out.append(
                replace(
                    row,
                    severity=int(cue.severity),
                    cue_kind=cue.kind,
                    cue_explanation=cue.explanation,
                    open_cues=count,
                )
            )
    return out


def attention_key(row: ClientRow, today: dt.date) -> tuple[Any, ...]:
    """Sort key putting first whoever needs the coach: worst cue, then a due follow-up.

    Within a level, whoever was heard from longest ago comes first; paused and closed go last.
    """
    last = row.last_contact.timestamp() if row.last_contact else float("-inf")
    return (
        row.status in RESTING_STATUSES,
        -row.severity,
        not row.follow_up_due(today),
        row.next_follow_up or dt.date.max,
        last,
        row.name.casefold(),
    )


def by_attention(rows: Iterable[ClientRow], today: dt.date) -> list[ClientRow]:
    return sorted(rows, key=lambda row: attention_key(row, today))


# --- the queries -------------------------------------------------------------------------


def _local_day(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.date:
    return moment.astimezone(zone).date()


def _only(query: Any, column: Any, only: Iterable[int] | None) -> Any:
    """`query` for the clients `only` (None: every client): index seeks, not a scan."""
    return query if only is None else query.where(column.in_(list(only)))


def _pending_follow_ups(
    last: dict[int, dt.datetime], zone: dt.tzinfo | None, only: Iterable[int] | None = None
) -> dict[int, list[tuple[dt.date, int, str]]]:
    """Follow-up days still ahead of each client's latest interaction (reaching out on the
    day follows up, whether or not the client answered)."""
    query = Interaction.select(
        Interaction.client, Interaction.follow_up_on, Interaction.id, Interaction.summary
    ).where(Interaction.follow_up_on.is_null(False))
    query = _only(query, Interaction.client, only)
    pending: dict[int, list[tuple[dt.date, int, str]]] = {}
    for client_id, day, interaction_id, summary in as_tuples(query):
        last_at = last.get(client_id)
        if last_at is not None and day <= _local_day(last_at, zone):
            continue
        pending.setdefault(client_id, []).append((day, interaction_id, summary))
    for items in pending.values():
        items.sort()
    return pending


def _clients(status: str | None, *extra: Any) -> Any:
    """The clients (or those of one status) by name: id, uid, name, status, project, *extra."""
    query = Client.select(
        Client.id, Client.uid, Client.name, Client.status, Client.project, *extra
    ).order_by(fn.lower(Client.name))
    return query if status is None else query.where(Client.status == status)


def _contact_totals(
    only: Iterable[int] | None = None,
) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime], dict[int, int]]:
    """Each client's (or those `only`'s) last contact (from or with the client), when the
    coach last reached out (any interaction), and the number of interactions, in one scan
    of the index."""
    reached: dict[int, dt.datetime] = {}
    last: dict[int, dt.datetime] = {}
    counts: dict[int, int] = {}
    from_client = Case(None, ((Interaction.direction != "out", Interaction.at),), None)
    to_moment = Interaction.at.python_value  # an expression's value arrives as stored
    query = Interaction.select(
        Interaction.client, fn.MAX(Interaction.at), fn.MAX(from_client), fn.COUNT(Interaction.id)
    ).group_by(Interaction.client)
    query = _only(query, Interaction.client, only)
    for client_id, reached_at, last_at, count in as_tuples(query):
        reached[client_id], counts[client_id] = reached_at, count
        moment = to_moment(last_at) if last_at is not None else None
        if moment is not None:
            last[client_id] = moment
    return reached, last, counts


def _quick_rows(status: str | None) -> list[ClientRow]:
    """Rows with what the list shows at once; the last contact by one seek per client.

    MAX over the (client_id, at) index for one client reads a single entry, where the grouped
    scan of `_contact_totals` decrypts every index page.
    """
    latest = Interaction.alias()
    last_at = (
        latest.select(latest.at)
        .where((latest.client == Client.id) & (latest.direction != "out"))
        .order_by(latest.at.desc())
        .limit(1)
    )
    to_moment = Interaction.at.python_value  # a subquery's value arrives as stored
    return [
        ClientRow(cid, uid, name, state, project, to_moment(last), None, 0, 0)
        for cid, uid, name, state, project, last in _clients(status, last_at).tuples()
    ]


def client_rows(
    zone: dt.tzinfo | None = None,
    status: str | None = None,
    complete: bool = True,
    only: Iterable[int] | None = None,
) -> list[ClientRow]:
    """Every client (or those of one status, or the clients `only`) with last contact, next
    follow-up and counts.

    `complete=False` answers only what the client list shows at once (name, status,
    project, last contact) by index seeks; counts and follow-ups, which need scans of the
    interactions, stay empty until a complete load arrives. `only` (the clients a change
    touched) reads theirs by index seeks, whatever the journal's size.
    """
    if not complete:
        return _quick_rows(status)
    reached, last, counts = _contact_totals(only)
    open_items: dict[int, int] = dict(
        as_tuples(
            _only(
                Commitment.select(Commitment.client, fn.COUNT(Commitment.id))
                .where(Commitment.done_on.is_null())
                .group_by(Commitment.client),
                Commitment.client,
                only,
            )
        )
    )
    pending_by_client = _pending_follow_ups(reached, zone, only)
    rows = []
    clients = _only(_clients(status), Client.id, only)
    for cid, uid, name, client_status, project in clients.tuples():
        pending = pending_by_client.get(cid)
        rows.append(
            ClientRow(
                id=cid,
                uid=uid,
                name=name,
                status=client_status,
                project=project,
                last_contact=last.get(cid),
                last_reached_out=reached.get(cid),
                next_follow_up=pending[0][0] if pending else None,
                interactions=counts.get(cid, 0),
                open_commitments=open_items.get(cid, 0),
            )
        )
    return rows


def open_cues(as_of: dt.datetime) -> list[Cue]:
    """All open cues across clients, worst first (the cue engine's `all_cues`)."""
    return list(all_cues(as_of))


def today_agenda(
    as_of: dt.datetime,
    cues: Iterable[Cue],
    horizon_days: int = 7,
    *,
    zone: dt.tzinfo | None = None,
    only: Iterable[int] | None = None,
) -> list[AgendaItem]:
    """Open cues, follow-ups due and commitments due within `horizon_days`, most urgent first.

    Days are read in `zone` (default: the machine's, with its rules). `only`: the lines of
    these clients alone (`with_lines_of` puts them among the rest), read by index seeks.
    """
    zone = zone_or_local(zone)
    as_of = as_of.astimezone(zone)
    today = as_of.date()
    horizon = today + dt.timedelta(days=horizon_days)
    wanted = None if only is None else set(only)
    cues = [cue for cue in cues if wanted is None or cue.client_id in wanted]
    # A commitment a cue already names (missed deadlines, my own slipped word) is said once,
    # by the cue; listing it again as an overdue line made Today read twice as alarming.
    named_by_cues = {ref.id for cue in cues for ref in cue.evidence if ref.type == "commitment"}
    items = [
        AgendaItem(
            kind="cue",
            client_id=cue.client_id,
            client=cue.client,
            day=_local_day(cue.since, zone),
            title=cue.explanation,
            detail=_(KIND_WORDS[cue.kind]) if cue.kind in KIND_WORDS else cue.kind,
            severity=int(cue.severity),
            cue=cue,
        )
        for cue in cues
    ]
    names: dict[int, str] = dict(
        as_tuples(_only(Client.select(Client.id, Client.name), Client.id, only))
    )
    reached, _last, _counts = _contact_totals(only)
    for client_id, pending in _pending_follow_ups(reached, zone, only).items():
        for day, interaction_id, summary in pending:
            if day > horizon:
                break
            items.append(
                AgendaItem(
                    kind="follow_up",
                    client_id=client_id,
                    client=names.get(client_id, ""),
                    day=day,
                    title=_("Follow up: %(summary)s") % {"summary": summary},
                    detail=_due_words(day, today),
                    severity=int(Severity.WARNING if day <= today else Severity.INFO),
                    interaction_id=interaction_id,
                )
            )
    due = _only(
        Commitment.select(
            Commitment.id, Commitment.client, Commitment.owner, Commitment.text, Commitment.due
        )
        .where(Commitment.uid.not_in(named_by_cues))
        .where(
            Commitment.done_on.is_null(), Commitment.due.is_null(False), Commitment.due <= horizon
        ),
        Commitment.client,
        only,
    )
    for commitment_id, client_id, owner, text, day in as_tuples(due):
        if owner == "me":
            promised = _("You promised: %(text)s") % {"text": text}
        else:
            promised = _("They promised: %(text)s") % {"text": text}
        items.append(
            AgendaItem(
                kind="commitment",
                client_id=client_id,
                client=names.get(client_id, ""),
                day=day,
                title=promised,
                detail=_due_words(day, today),
                severity=int(Severity.WARNING if day < today else Severity.INFO),
                commitment_id=commitment_id,
            )
        )
    return sorted(items, key=lambda item: _urgency(item, today))


def with_lines_of(
    known: Iterable[AgendaItem], fresh: Iterable[AgendaItem], clients: Iterable[int], today: dt.date
) -> list[AgendaItem]:
    """Today's `known` lines with those of `clients` replaced by `fresh` ones (today_agenda
    with `only`), most urgent first: after a change, the rest of the journal is not read."""
    touched = set(clients)
    kept = [item for item in known if item.client_id not in touched]
    return sorted([*kept, *fresh], key=lambda item: _urgency(item, today))


_KIND_ORDER = {"cue": 0, "follow_up": 1, "commitment": 2}


def _urgency(item: AgendaItem, today: dt.date) -> tuple[Any, ...]:
    return (-item.severity, _KIND_ORDER[item.kind], item.day or today, item.client.casefold())


def with_rows_of(
    known: Iterable[ClientRow], fresh: Iterable[ClientRow], clients: Iterable[int]
) -> list[ClientRow]:
    """The `known` rows with those of `clients` replaced by `fresh` ones (client_rows with
    `only`; a client deleted meanwhile has none), in no particular order."""
    touched = set(clients)
    return [*(row for row in known if row.id not in touched), *fresh]


def _due_words(day: dt.date, today: dt.date) -> str:
    delta = (day - today).days
    if delta == 0:
        return _("due today")
    if delta == 1:
        return _("due tomorrow")
    if delta > 1:
        return ngettext("due in %(n)d day", "due in %(n)d days", delta) % {"n": delta}
    return ngettext("%(n)d day overdue", "%(n)d days overdue", -delta) % {"n": -delta}


def client_overview() -> list[dict[str, Any]]:
    """The client list as JSON-ready dicts (the CLI's `clients --json` shape)."""
    profiles = {c.id: c for c in Client.select()}
    out = []
    for row in client_rows():
        client = profiles[row.id]
        out.append(
            {
                "id": row.uid,
                "name": row.name,
                "email": client.email,
                "phone": client.phone,
                "project": client.project,
                "preferred_channel": client.preferred_channel,
                "cadence_days": client.cadence_days,
                "away": client.away,
                "status": client.status,
                "fit": client.fit,
                "notes": client.notes,
                "last_contact": row.last_contact.isoformat() if row.last_contact else None,
                "last_reached_out": (
                    row.last_reached_out.isoformat() if row.last_reached_out else None
                ),
                "next_follow_up": row.next_follow_up.isoformat() if row.next_follow_up else None,
                "interactions": row.interactions,
                "open_commitments": row.open_commitments,
            }
        )
    return out


def commitment_by_id(commitment_id: int) -> Commitment:
    return get_record(Commitment, commitment_id, hint=_("the list was refreshed"))


def journal_counts() -> tuple[int, int]:
    """How many clients and interactions the journal holds (for status lines and benchmarks)."""
    return Client.select().count(), Interaction.select().count()
