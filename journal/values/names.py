"""A client's first name: the one rule for greeting a client and naming them in a sentence.

Titles before the name are skipped ("Dr Priya Raman", "Fil.dr Anna Berg" and "Prof. Dr. Eva
Lind" give "Priya", "Anna" and "Eva"), so a profile, a template and a cue never disagree on
what a client is called.
"""

from __future__ import annotations

TITLES = frozenset(
    {"dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "fil.dr", "med.dr", "tekn.dr"}
)


def _is_title(word: str) -> bool:
    return word.rstrip(".").casefold() in TITLES


def first_name(name: str) -> str:
    """The first word of `name` that is not a title; a name of titles alone stays as it is."""
    words = name.split()
    while len(words) > 1 and _is_title(words[0]):
        words = words[1:]
    return words[0] if words else name
