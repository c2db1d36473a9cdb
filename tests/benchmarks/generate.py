"""A large, realistic journal for benchmarks: `bulk_document(...)` and `open_bulk_journal(...)`.

The document is a rapport-journal v1 dict, so it goes through the same import a user's file
takes. Clients follow a handful of archetypes (most healthy; some drifting into silence, some
over-contacting, some draining), so the cue engine sees a realistic mix rather than noise.

Run directly to write a file:  python -m tests.benchmarks.generate out.json [clients] [interactions]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Record = dict[str, Any]

GENERATOR_VERSION = 1
"""Bump when the generated data changes: the suite's cached journals are keyed by it."""

BENCH_PASSPHRASE = "benchmark journal passphrase"
"""Generated journals are locked with this passphrase, so no benchmark touches a real keyring."""

FIRST = (
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elin",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Karin",
    "Lars",
    "Mira",
    "Nils",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Ulla",
    "Vera",
    "Wim",
    "Xenia",
    "Yusuf",
    "Zoe",
    "Amir",
    "Britt",
    "Chen",
    "Dana",
)
LAST = (
    "Andersson",
    "Berg",
    "Costa",
    "Dahl",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Holm",
    "Ito",
    "Jensen",
    "Khan",
    "Lund",
    "Moreau",
    "Nowak",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Sato",
    "Torres",
    "Umarov",
    "Vance",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmer",
    "Alvarez",
    "Brandt",
    "Cole",
    "Dubois",
)
PROJECTS = (
    "leadership coaching",
    "career transition",
    "founder coaching",
    "team coaching",
    "executive coaching",
    "a rebrand",
    "the website project",
    "partner-track coaching",
)
SUMMARIES = {
    "out": (
        "Sent the session notes",
        "Followed up on the plan",
        "Shared an article",
        "Proposed dates for the next session",
        "Checked in on progress",
        "Sent the invoice",
    ),
    "in": (
        "Replied with questions",
        "Confirmed the next session",
        "Sent the draft",
        "Asked to move the session",
        "Thanks and an update",
        "Shared the results",
    ),
    "two_way": (
        "Session",
        "Check-in call",
        "Planning session",
        "Quick call",
        "Review of the last month",
        "Working session on the plan",
    ),
}
GOOD_WORDS = ("energised", "curious", "proud", "calm")
BAD_WORDS = ("drained", "dread", "uneasy", "tired", "frustrated")
COMMITMENTS = {
    "me": (
        "Send the reading list",
        "Write up the session notes",
        "Send the feedback model",
        "Draft the proposal",
        "Introduce a contact",
    ),
    "client": (
        "Draft the hiring plan",
        "Book the workshop room",
        "Share the schedule",
        "Talk to the board",
        "Try the new routine for a week",
    ),
}
ARCHETYPES = (
    ("healthy", 0.55),
    ("unanswered", 0.1),
    ("channel_mismatch", 0.05),
    ("neglect", 0.1),
    ("over_contact", 0.05),
    ("dread", 0.05),
    ("mood_decline", 0.05),
    ("late_promises", 0.05),
)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Uneven but bounded shares of `total`: some clients are busy, some are quiet."""
    weights = [rng.lognormvariate(0, 0.6) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [max(1, int(w * scale)) for w in weights]
    drift = total - sum(shares)
    i = 0
    while drift != 0:
        j = i % parts
        if drift > 0:
            shares[j] += 1
            drift -= 1
        elif shares[j] > 1:
            shares[j] -= 1
            drift += 1
        i += 1
    return shares


def _names(count: int, rng: random.Random) -> list[str]:
    pairs = [f"{f} {s}" for f in FIRST for s in LAST]
    rng.shuffle(pairs)
    return [
        pairs[k % len(pairs)] + (f" {k // len(pairs) + 1}" if k >= len(pairs) else "")
        for k in range(count)
    ]


def _interaction(
    rng: random.Random, at: dt.datetime, mood: float, archetype: str, recent: bool
) -> Record:
    channel = rng.choices(("email", "phone", "video", "meeting", "message"), (45, 20, 20, 10, 5))[0]
    if channel in ("email", "message"):
        direction = rng.choices(("out", "in", "two_way"), (50, 40, 10))[0]
    else:
        direction = rng.choices(("two_way", "out"), (90, 10))[0]
    if (
        recent
        and archetype in ("unanswered", "channel_mismatch")
        and channel in ("email", "message")
    ):
        direction = "out"
    if recent and archetype == "channel_mismatch" and channel not in ("email", "message"):
        direction = "two_way"
    record: Record = {
        "at": at.isoformat(),
        "channel": channel,
        "direction": direction,
        "summary": rng.choice(SUMMARIES[direction]),
    }
    if direction == "out" and (channel in ("email", "message") or rng.random() < 0.5):
        if archetype == "healthy":  # a healthy client's recent messages were answered
            record["awaits_reply"] = not recent and rng.random() < 0.7
        else:
            record["awaits_reply"] = rng.random() < 0.7 or recent
    if rng.random() < 0.8:
        feeling = round(mood + rng.gauss(0, 0.7))
        record["feeling"] = max(-2, min(2, feeling))
        if rng.random() < 0.25:
            record["emotions"] = [rng.choice(GOOD_WORDS if feeling >= 0 else BAD_WORDS)]
    if rng.random() < 0.3:
        record["notes"] = "Talked through the next steps; " + rng.choice(
            ("good energy.", "a few open questions.", "needs more time.", "clear decisions.")
        )
    return record


def _client(name: str, count: int, rng: random.Random, now: dt.datetime, years: float) -> Record:
    archetype = rng.choices([a for a, _ in ARCHETYPES], [w for _, w in ARCHETYPES])[0]
    status = rng.choices(("active", "prospect", "paused", "closed"), (75, 8, 10, 7))[0]
    cadence = rng.choice((None, 3, 4, 7, 7, 7, 14, 30))
    end = now - dt.timedelta(hours=rng.uniform(2, 72))
    if archetype == "neglect":
        end -= dt.timedelta(days=rng.uniform(20, 60))
    span = dt.timedelta(days=rng.uniform(0.3, 1.0) * 365 * years)
    start = end - span
    base_mood = rng.uniform(0.3, 1.5)
    zone = dt.timezone(dt.timedelta(hours=rng.choice((0, 1, 2, -5))))
    burst = 12 if archetype == "over_contact" else 0
    interactions: list[Record] = []
    regular = max(1, count - burst)
    for k in range(regular):
        fraction = (k + rng.random()) / regular
        at = (start + span * fraction).astimezone(zone).replace(microsecond=0)
        recent = fraction > 0.97
        mood = base_mood
        if archetype == "dread" and recent:
            mood = -1.8
        elif archetype == "mood_decline":
            mood = base_mood - 1.8 * max(0.0, fraction - 0.9) * 10
        interactions.append(_interaction(rng, at, mood, archetype, recent))
    if archetype == "healthy":  # ends on a real conversation that went well
        last = interactions[-1]
        last.update(
            channel="video",
            direction="two_way",
            summary="Session",
            feeling=max(0, min(2, round(base_mood))),
        )
        last.pop("awaits_reply", None)
        gap_days = span.days / regular
        cadence = next((d for d in (3, 4, 7, 14, 30) if d >= 2 * gap_days), None)
    for k in range(min(burst, count - regular)):
        at = (end - dt.timedelta(days=13 - k, hours=rng.uniform(0, 8))).astimezone(zone)
        interactions.append(
            {
                "at": at.replace(microsecond=0).isoformat(),
                "channel": "email",
                "direction": "in",
                "summary": f"Another question ({k + 1})",
            }
        )
    commitments: list[Record] = []
    for _ in range(max(1, count // 8)):
        owner = rng.choice(("me", "client"))
        made = start + span * rng.random()
        due = (made + dt.timedelta(days=rng.randint(2, 21))).date()
        item: Record = {
            "owner": owner,
            "text": rng.choice(COMMITMENTS[owner]),
            "due": due.isoformat(),
        }
        late = archetype == "late_promises" and owner == "me"
        settled = due < now.date() - dt.timedelta(days=5) or rng.random() < 0.3
        if settled or (archetype == "healthy" and due < now.date()):
            slip = rng.randint(3, 15) if late else rng.randint(-3, 0)
            done = min(due + dt.timedelta(days=slip), now.date())
            item["done_on"] = done.isoformat()
        commitments.append(item)
    return {
        "name": name,
        "email": name.lower().replace(" ", ".") + "@example.org",
        "project": rng.choice(PROJECTS),
        "preferred_channel": rng.choice((None, "email", "phone", "video")),
        "cadence_days": cadence,
        "status": status,
        "fit": rng.choice((None, 2, 3, 4, 5)),
        "notes": f"Generated client; story: {archetype}.",
        "interactions": interactions,
        "commitments": commitments,
    }


def bulk_document(
    clients: int = 200,
    interactions: int = 100_000,
    seed: int = 1,
    now: dt.datetime | None = None,
    years: float = 3.0,
) -> Record:
    """A rapport-journal v1 document with exactly `clients` clients and `interactions` interactions.

    The same arguments always give the same document; `now` defaults to a fixed moment so that
    figures are comparable between runs.
    """
    if clients < 1 or interactions < clients:
        raise ValueError("need at least one client and one interaction per client")
    now = now or dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rng = random.Random(seed)
    shares = _split(interactions, clients, rng)
    names = _names(clients, rng)
    return {
        "format": "rapport-journal",
        "version": 1,
        "clients": [_client(names[k], shares[k], rng, now, years) for k in range(clients)],
    }


@contextlib.contextmanager
def _bench_passphrase() -> Iterator[None]:
    from journal.store.secrets import PASSPHRASE_ENV

    previous = os.environ.get(PASSPHRASE_ENV)
    os.environ[PASSPHRASE_ENV] = BENCH_PASSPHRASE
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(PASSPHRASE_ENV, None)
        else:
            os.environ[PASSPHRASE_ENV] = previous


def open_locked(home: Path, create: bool = False) -> Any:
    """The benchmark journal at `home`, opened with its passphrase (never a keyring)."""
    from journal.store.database import open_journal

    with _bench_passphrase():
        return open_journal(home, create=create)


def load_into(home: Path, document: Record) -> Any:
    """Import `document` into a new journal at `home` (passphrase-locked); returns it open."""
    from journal.interchange.importing import import_data

    journal = open_locked(home, create=True)
    import_data(document)
    return journal


def open_bulk_journal(
    home: Path,
    clients: int = 200,
    interactions: int = 100_000,
    seed: int = 1,
    now: dt.datetime | None = None,
) -> Any:
    """The generated journal at `home`, built on first use and reused afterwards (import is slow).

    Delete `home` to rebuild it. Returns the open Journal with the models bound.
    """
    from journal.store.home import database_path

    if database_path(home).exists():
        return open_locked(home)
    started = time.perf_counter()
    journal = load_into(home, bulk_document(clients, interactions, seed, now))
    print(
        f"built {clients} clients / {interactions} interactions at {home} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return journal


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bulk.json")
    n_clients = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    n_interactions = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    target.write_text(json.dumps(bulk_document(n_clients, n_interactions), indent=1), "utf-8")
    print(f"wrote {target}")
