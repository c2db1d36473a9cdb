"""The demo journal's clients: each acts out one of the stories in DOMAIN.md, relative to
"now", as records of the rapport-journal document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Record = dict[str, Any]


def _at(now: dt.datetime, days_ago: float, hour: int = 10) -> str:
    moment = (now - dt.timedelta(days=days_ago)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return moment.isoformat()


def _day(now: dt.datetime, days_from_now: int) -> str:
    return (now + dt.timedelta(days=days_from_now)).date().isoformat()


def _i(
    now: dt.datetime, days_ago: float, channel: str, direction: str, summary: str, **extra: Any
) -> Record:
    return {
        "at": _at(now, days_ago, extra.pop("hour", 10)),
        "channel": channel,
        "direction": direction,
        "summary": summary,
        **extra,
    }


def demo_clients(n: dt.datetime) -> list[Record]:
    """The demo clients; `n` is the aware moment every story is told relative to."""
    return [
        {
            "name": "Maja Lindqvist",
            "email": "maja@lindqvist.se",
            "project": "the leadership programme",
            "status": "prospect",
            "notes": "Met at the Göteborg network breakfast. Runs a design studio of twelve.",
            "interactions": [
                _i(
                    n,
                    30,
                    "video",
                    "two_way",
                    "First call: leadership programme for her team leads",
                    notes="Warm and curious. Budget not discussed yet; wants a proposal.",
                    feeling=2,
                    emotions=["energised"],
                ),
                _i(
                    n,
                    27,
                    "email",
                    "in",
                    "Thanks for the call, looking forward to the proposal",
                    feeling=1,
                ),
                _i(
                    n,
                    25,
                    "email",
                    "out",
                    "Sent the proposal with three options",
                    awaits_reply=True,
                    feeling=1,
                ),
                _i(n, 18, "email", "out", "Friendly follow-up on the proposal", awaits_reply=True),
                _i(
                    n,
                    11,
                    "email",
                    "out",
                    "Checked whether the timing still works",
                    awaits_reply=True,
                    feeling=-1,
                    emotions=["uneasy"],
                ),
                _i(
                    n,
                    5,
                    "email",
                    "out",
                    "Shared a short case study that fits her studio",
                    awaits_reply=True,
                    follow_up_on=_day(n, 2),
                ),
            ],
            "commitments": [
                {
                    "owner": "client",
                    "text": "Decide on one of the three options",
                    "due": _day(n, -12),
                },
            ],
        },
        {
            "name": "Dr. Priya Raman",
            "email": "p.raman@clinic.example",
            "phone": "+44 20 7946 0123",
            "project": "the clinic's team coaching",
            "preferred_channel": "email",
            "status": "active",
            "notes": "Runs a busy GP clinic. Hard to pin down by email.",
            "interactions": [
                _i(n, 40, "meeting", "two_way", "Kick-off at the clinic", feeling=1),
                _i(n, 33, "email", "out", "Session plan for the team", awaits_reply=True),
                _i(
                    n,
                    26,
                    "email",
                    "out",
                    "Asked for the staff rota to plan sessions",
                    awaits_reply=True,
                ),
                _i(
                    n,
                    21,
                    "phone",
                    "two_way",
                    "Quick call between patients: rota agreed on the phone",
                    notes="She said she barely opens email during the week.",
                    feeling=1,
                ),
                _i(n, 14, "email", "out", "Sent the agreed session dates", awaits_reply=True),
                _i(
                    n, 9, "phone", "two_way", "Five-minute call: confirmed first session", feeling=1
                ),
                _i(
                    n,
                    4,
                    "email",
                    "out",
                    "Asked for feedback from the first session",
                    awaits_reply=True,
                    follow_up_on=_day(n, -1),
                ),
            ],
            "commitments": [
                {"owner": "client", "text": "Send the staff survey results", "due": _day(n, -6)},
                {"owner": "me", "text": "Draft the session outline", "due": _day(n, 3)},
            ],
        },
        {
            "name": "Tom Becker",
            "email": "tom@beckerbuild.example",
            "phone": "+49 30 1234567",
            "project": "the site managers' coaching",
            "preferred_channel": "phone",
            "cadence_days": 4,
            "status": "active",
            "notes": "Agreed: a short call twice a week.",
            "interactions": [
                _i(n, 36, "phone", "two_way", "Weekly rhythm call", feeling=1),
                _i(n, 32, "phone", "two_way", "Rhythm call: site delays discussed", feeling=0),
                _i(n, 28, "phone", "two_way", "Rhythm call", feeling=1),
                _i(
                    n,
                    24,
                    "phone",
                    "two_way",
                    "Rhythm call: agreed next steps on the rota",
                    feeling=1,
                ),
                _i(
                    n,
                    13,
                    "phone",
                    "two_way",
                    "Call after a gap; he had been at another site",
                    feeling=0,
                    emotions=["guilty"],
                ),
            ],
            "commitments": [
                {"owner": "client", "text": "Share the new site schedule", "due": _day(n, -10)},
                {"owner": "client", "text": "Book the team workshop room", "due": _day(n, -3)},
                {
                    "owner": "me",
                    "text": "Send the feedback model one-pager",
                    "due": _day(n, -8),
                    "done_on": _day(n, -8),
                },
            ],
        },
        {
            "name": "Greta Holm",
            "email": "greta@holm-consult.example",
            "project": "the career transition",
            "cadence_days": 7,
            "status": "active",
            "interactions": [
                _i(n, 45, "video", "two_way", "Monthly session", feeling=1),
                _i(n, 38, "video", "two_way", "Weekly session", feeling=1),
                _i(
                    n,
                    14,
                    "meeting",
                    "two_way",
                    "Hour-long planning meeting",
                    feeling=0,
                    emotions=["tired"],
                ),
                *[
                    _i(
                        n,
                        13 - k,
                        "email",
                        "in",
                        f"Another question about the plan ({k + 1})",
                        hour=8 + (k % 10),
                    )
                    for k in range(13)
                ],
            ],
            "commitments": [],
        },
        {
            "name": "Victor Hale",
            "email": "victor@halecapital.example",
            "project": "executive coaching",
            "cadence_days": 14,
            "status": "active",
            "fit": 2,
            "notes": "Brilliant, impatient. Not the clients I do my best work with.",
            "interactions": [
                _i(n, 60, "meeting", "two_way", "Quarterly review", feeling=0),
                _i(
                    n,
                    45,
                    "meeting",
                    "two_way",
                    "Session: pushed back on every suggestion",
                    feeling=-1,
                    emotions=["drained"],
                    self_check={"asked_before_advising": True},
                ),
                _i(
                    n,
                    31,
                    "meeting",
                    "two_way",
                    "Session ran over; he took two calls during it",
                    feeling=-2,
                    emotions=["dread"],
                    self_check={"asked_before_advising": False},
                ),
                _i(
                    n,
                    17,
                    "meeting",
                    "two_way",
                    "Session: dismissive about the homework",
                    feeling=-2,
                    emotions=["dread", "drained"],
                    self_check={"asked_before_advising": False},
                ),
                _i(
                    n,
                    3,
                    "meeting",
                    "two_way",
                    "Session: I woke up thinking about it again",
                    feeling=-2,
                    emotions=["dread"],
                    self_check={"asked_before_advising": False},
                ),
            ],
            "commitments": [],
        },
        {
            "name": "Hannah Fischer",
            "email": "hannah@fischer-law.example",
            "project": "partner-track coaching",
            "cadence_days": 7,
            "status": "active",
            "interactions": [
                _i(n, 34, "video", "two_way", "Session: planned the partner pitch", feeling=1),
                _i(n, 27, "video", "two_way", "Session", feeling=1),
                _i(
                    n,
                    20,
                    "video",
                    "two_way",
                    "Session: I had not sent the reading list yet",
                    feeling=0,
                    emotions=["embarrassed"],
                ),
                _i(n, 13, "video", "two_way", "Session", feeling=1),
                _i(
                    n,
                    6,
                    "video",
                    "two_way",
                    "Session: she asked again about the pitch feedback",
                    feeling=0,
                    follow_up_on=_day(n, 1),
                ),
            ],
            "commitments": [
                {
                    "owner": "me",
                    "text": "Send the reading list",
                    "due": _day(n, -25),
                    "done_on": _day(n, -16),
                },
                {"owner": "me", "text": "Written feedback on the pitch deck", "due": _day(n, -9)},
            ],
        },
        {
            "name": "Jonas Ek",
            "email": "jonas.ek@example.se",
            "project": "team lead coaching",
            "cadence_days": 7,
            "status": "active",
            "interactions": [
                _i(
                    n,
                    42,
                    "video",
                    "two_way",
                    "Session: great energy",
                    feeling=2,
                    emotions=["energised"],
                ),
                _i(n, 35, "video", "two_way", "Session", feeling=2),
                _i(n, 28, "video", "two_way", "Session: a bit flat", feeling=1),
                _i(n, 21, "video", "two_way", "Session", feeling=1),
                _i(n, 14, "video", "two_way", "Session: he seemed distracted", feeling=0),
                _i(n, 7, "video", "two_way", "Session: little progress", feeling=0),
                _i(n, 1, "video", "two_way", "Session: hard to get going", feeling=-1),
            ],
            "commitments": [],
        },
        {
            "name": "Sofia Alvarez",
            "email": "sofia@alvarez.example",
            "phone": "+34 91 123 4567",
            "project": "founder coaching",
            "preferred_channel": "video",
            "cadence_days": 7,
            "status": "active",
            "fit": 5,
            "notes": "Ideal client: decisive, does the work between sessions.",
            "interactions": [
                *[
                    _i(
                        n,
                        2 + 7 * k,
                        "video",
                        "two_way",
                        "Weekly session",
                        feeling=2 if k % 3 else 1,
                        emotions=["energised"] if k % 2 == 0 else [],
                        follow_up_on=_day(n, 5) if k == 0 else None,
                    )
                    for k in range(8)
                ],
                _i(n, 9, "email", "out", "Sent the session notes", awaits_reply=True),
                _i(n, 8, "email", "in", "Thanks, all clear", feeling=2),
            ],
            "commitments": [
                {
                    "owner": "client",
                    "text": "Draft the hiring plan",
                    "due": _day(n, -5),
                    "done_on": _day(n, -6),
                },
                {
                    "owner": "me",
                    "text": "Send the hiring scorecard template",
                    "due": _day(n, -12),
                    "done_on": _day(n, -13),
                },
                {"owner": "client", "text": "Interview two candidates", "due": _day(n, 6)},
            ],
        },
        {
            "name": "Liam O'Connor",
            "email": "liam@oconnor.example",
            "project": "career coaching",
            "preferred_channel": "phone",
            "cadence_days": 14,
            "status": "paused",
            "notes": "Paused over the summer by agreement; restarts in the new year.",
            "interactions": [
                _i(n, 70, "phone", "two_way", "Agreed to pause until the new year", feeling=1),
            ],
            "commitments": [],
        },
    ]
