"""The journal's fixed words: channels, directions, client statuses, commitment owners, the
feeling scale, the self-check questions and the languages Rapport writes in. Every list of
them reads from here."""

from journal.i18n import LANGUAGES as LANGUAGES

CHANNELS = ("email", "phone", "video", "meeting", "message")
DIRECTIONS = ("out", "in", "two_way")
REPLY_DIRECTIONS = ("in", "two_way")
"""The directions in which the client reached the coach (or both sides spoke)."""
STATUSES = ("prospect", "active", "paused", "closed")
CURRENT_STATUSES = ("active", "prospect")
"""Clients being worked with or courted."""
RESTING_STATUSES = ("paused", "closed")
"""Clients the coach has put aside: no rhythm is expected of them."""
OWNERS = ("me", "client")
FEELING_MIN, FEELING_MAX = -2, 2
FEELING_WORDS = {-2: "very bad", -1: "bad", 0: "neutral", 1: "good", 2: "very good"}
"""The feeling scale in English words."""
SELF_CHECK_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("asked_before_advising", "Did I ask before advising?"),
    ("full_attention", "Did I give full attention?"),
    ("opinion_only_when_asked", "Did I keep opinions to when they were asked for?"),
    ("kept_my_word", "Did I do what I said I would?"),
    ("shared_what_i_know", "Did I share what I know?"),
)
"""The five behaviours (DOMAIN.md section 3), each asked so that "yes" is the right way."""
