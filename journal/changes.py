"""What one write touched, so each view refreshes only for what concerns it.

Anki's operations hand an `OpChanges` to the views; Rapport's writes describe themselves the
same way. The window emits one `Changes` per change; the client list, Today, a timeline and a
profile each look at it and re-read only what it names, and the cues of the touched clients
are recomputed once. The whole journal is recomputed only when `everything` is set (an
import, the Refresh command) or a warning-sign threshold setting changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journal.settings import CUE_SETTINGS

CUE_INPUTS = frozenset({spec.key for spec in CUE_SETTINGS} | {"language"})
"""The settings every client's cues depend on: the thresholds, and the language they are
worded in."""


def _ids(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(value for value in values if value is not None)


@dataclass(frozen=True)
class Changes:
    """The records a write touched. Empty sets: nothing of that kind changed."""

    clients: frozenset[int] = field(default_factory=frozenset)
    """Clients whose row, profile, timeline or cues may read differently now."""
    interactions: frozenset[int] = field(default_factory=frozenset)
    commitments: frozenset[int] = field(default_factory=frozenset)
    settings: frozenset[str] = field(default_factory=frozenset)
    """Setting keys written (journal-wide preferences, not a client's own thresholds)."""
    cue_states: frozenset[int] = field(default_factory=frozenset)
    """Clients whose cues were dismissed, snoozed or brought back."""
    everything: bool = False
    """Re-read it all: an import, or the coach asked for a refresh."""

    @classmethod
    def of(
        cls,
        clients: Iterable[int | None] = (),
        interactions: Iterable[int | None] = (),
        commitments: Iterable[int | None] = (),
        settings: Iterable[str] = (),
        cue_states: Iterable[int | None] = (),
    ) -> Changes:
        """Changes from plain iterables (None ids are left out)."""
        return cls(
            _ids(clients),
            _ids(interactions),
            _ids(commitments),
            frozenset(settings),
            _ids(cue_states),
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.clients | other.clients,
            self.interactions | other.interactions,
            self.commitments | other.commitments,
            self.settings | other.settings,
            self.cue_states | other.cue_states,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return self.everything or any(
            (self.clients, self.interactions, self.commitments, self.settings, self.cue_states)
        )

    def concerns(self, client_id: int | None) -> bool:
        """Whether what is shown for `client_id` may read differently now."""
        if client_id is None:
            return False
        return self.everything or client_id in self.clients or client_id in self.cue_states

    @property
    def all_cues(self) -> bool:
        """Whether every client's cues must be recomputed: a setting they all depend on
        changed, or everything did."""
        return self.everything or not self.settings.isdisjoint(CUE_INPUTS)

    @property
    def cue_clients(self) -> frozenset[int]:
        """The clients whose cues must be recomputed (all of them when `all_cues`)."""
        return self.clients | self.cue_states


EVERYTHING = Changes(everything=True)
NOTHING = Changes()
