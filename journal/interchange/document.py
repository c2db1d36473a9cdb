"""The rapport-journal document: its name, version and the fields of each record.

{"format": "rapport-journal", "version": 1, "clients": [...]} as documented in the README;
export writes it, import reads it and the demo journal is one.
"""

from __future__ import annotations

from journal.clients import PROFILE_FIELDS

FORMAT = "rapport-journal"
VERSION = 1

CLIENT_KEYS = PROFILE_FIELDS
INTERACTION_KEYS = (
    "at",
    "channel",
    "direction",
    "summary",
    "notes",
    "feeling",
    "emotions",
    "awaits_reply",
    "follow_up_on",
    "self_check",
    "template",
)
