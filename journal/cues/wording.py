"""Cue explanations in words: the rules state the facts (journal.cues.messages), `render`
writes them as one sentence in English (wording_en) or Swedish (wording_sv).
"""

from __future__ import annotations

import datetime as dt

from journal.cues.messages import Message
from journal.cues.wording_en import English
from journal.cues.wording_sv import Swedish


def render(message: Message, lang: str, as_of: dt.datetime) -> str:
    """The explanation as one sentence; an unknown language falls back to English."""
    speaker = (Swedish if lang == "sv" else English)(as_of)
    text: str = getattr(speaker, message.key)(message)
    return text
