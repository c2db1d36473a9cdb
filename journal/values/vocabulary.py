"""The journal's fixed words: channels, directions, client statuses, commitment owners, the
feeling scale, the self-check questions and the languages Rapport writes in. Every list of
them reads from here.

The stored values (and JSON) are the English keys; what a person reads is the word tables'
msgids, translated where shown with `said` (or `_`)."""

from collections.abc import Mapping
from typing import Any

from journal.i18n import LANGUAGES as LANGUAGES
from journal.i18n import N_, language, translation

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
FEELING_WORDS = {
    -2: N_("very bad"),
    -1: N_("bad"),
    0: N_("neutral"),
    1: N_("good"),
    2: N_("very good"),
}
"""The feeling scale in words, as the app's five steps say it (keys 1 to 5: very bad to very
good); stored as -2 to 2."""
CHANNEL_WORDS = {
    "email": N_("email"),
    "phone": N_("phone"),
    "video": N_("video"),
    "meeting": N_("meeting"),
    "message": N_("message"),
}
DIRECTION_WORDS = {
    "out": N_("to the client"),
    "in": N_("from the client"),
    "two_way": N_("both ways"),
}
STATUS_WORDS = {
    "prospect": N_("prospect"),
    "active": N_("active"),
    "paused": N_("paused"),
    "closed": N_("closed"),
}
OWNER_WORDS = {"me": N_("me"), "client": N_("client")}
SEVERITY_WORDS = {"info": N_("info"), "warning": N_("warning"), "critical": N_("critical")}
"""A cue's severity in words (the JSON keeps the English label)."""
SELF_CHECK_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("asked_before_advising", N_("Did I ask before advising?")),
    ("full_attention", N_("Did I give full attention?")),
    ("opinion_only_when_asked", N_("Did I keep opinions to when they were asked for?")),
    ("kept_my_word", N_("Did I do what I said I would?")),
    ("shared_what_i_know", N_("Did I share what I know?")),
)
"""The five behaviours (DOMAIN.md section 3), each asked so that "yes" is the right way."""


def said(table: Mapping[Any, str], key: str | int, lang: str | None = None) -> str:
    """A stored value in words of `lang` (else the process language); unknown values as they
    are, so a newer journal's value still reads."""
    word = table.get(key)
    if word is None:
        return str(key).replace("_", " ")
    return translation(lang or language()).gettext(word)


def feeling_word(value: int, lang: str | None = None) -> str:
    """A stored feeling (-2..2) as the app words it: "very good"."""
    return said(FEELING_WORDS, value, lang)


EMOTION_WORDS = (
    N_("dread"),
    N_("drained"),
    N_("anxious"),
    N_("frustrated"),
    N_("uneasy"),
    N_("calm"),
    N_("energised"),
    N_("grateful"),
    N_("hopeful"),
    N_("proud"),
)
"""The emotion words offered as chips (stored in English); a coach may type any other."""

DREAD_ONLY_WORDS = (N_("exhausted"), N_("resentful"))
"""Words of the default dread list that are not chips: in the catalogue too, so that list
reads in the language spoken."""
KNOWN_EMOTIONS = EMOTION_WORDS + DREAD_ONLY_WORDS


def emotion_key(word: str, lang: str | None = None) -> str:
    """A typed emotion word as it is stored: an offered one typed in `lang` (else the language
    spoken) is its English key, so "obehag" is the chip "dread" and the dread cue sees it;
    any other word as typed."""
    t = translation(lang or language())
    said = word.casefold()
    return next((key for key in KNOWN_EMOTIONS if t.gettext(key).casefold() == said), word)


def emotion_word(word: str, lang: str | None = None) -> str:
    """An emotion word as the coach reads it: the offered ones in `lang` (else the language
    spoken now; they are stored in English), any other word as typed."""
    if word not in KNOWN_EMOTIONS:
        return word
    return translation(lang or language()).gettext(word)


def words_shown(value: str, lang: str | None = None) -> str:
    """A stored list of emotion words ("dread, drained") as the coach reads it."""
    return ", ".join(emotion_word(w.strip(), lang) for w in value.split(",") if w.strip())


def words_stored(text: str, lang: str | None = None) -> str:
    """A typed list of emotion words as it is stored: the known ones by their English key."""
    return ", ".join(emotion_key(w.strip(), lang) for w in text.split(",") if w.strip())
