"""What a cue is. The vocabulary here (kinds, severities, JSON fields) is a public contract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from journal.i18n import N_

KINDS: tuple[str, ...] = (
    "unanswered",
    "channel_mismatch",
    "neglect",
    "inconsistency",
    "missed_deadlines",
    "over_contact",
    "dread",
    "mood_decline",
    "conduct",
)
KIND_WORDS: dict[str, str] = {
    "unanswered": N_("unanswered"),
    "channel_mismatch": N_("channel mismatch"),
    "neglect": N_("neglect"),
    "inconsistency": N_("inconsistency"),
    "missed_deadlines": N_("missed deadlines"),
    "over_contact": N_("over-contact"),
    "dread": N_("dread"),
    "mood_decline": N_("mood decline"),
    "conduct": N_("conduct"),
}
"""A kind in a line of text, spelled as Preferences and the reports spell it: msgids, shown
with `_()` (the kind itself stays the English key in JSON and on the command line)."""


class Severity(IntEnum):
    """Ordered so that max() finds the worst cue."""

    INFO = 1
    WARNING = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class EvidenceRef:
    """An interaction or commitment behind a cue, by the id the export format carries."""

    type: str  # "interaction" or "commitment"
    id: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "id": self.id}


@dataclass(frozen=True)
class Cue:
    kind: str
    client_id: int
    client: str  # the client's name
    severity: Severity
    since: dt.datetime
    evidence: tuple[EvidenceRef, ...]
    explanation: str
    template: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "client": self.client,
            "severity": self.severity.label,
            "since": self.since.isoformat(),
            "evidence": [ref.to_json() for ref in self.evidence],
            "explanation": self.explanation,
            "template": self.template,
        }
