"""Every word a person reads comes from one gettext catalogue per language.

English is the source language: the msgids are the English text, so English needs no
catalogue and an untranslated word falls back to it. Swedish lives in
resources/locale/sv/LC_MESSAGES/rapport.po, compiled to the .mo beside it (see the README's
"Translating" section for the commands).

The process speaks one language at a time, set by `use` (the app at start and when the
coach changes it in Preferences, the CLI from --lang or the journal's setting). Code that
must write in a given language whatever the process speaks (a report in the journal's
language, a test) asks `translation(lang)` for that language's catalogue.

Mark words with `_()` where they are shown, `ngettext()` where a count decides the form and
`pgettext()` where one English word has two meanings. A word defined at import time (a
table of labels) is marked with `N_()` and translated with `_()` where it is shown.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache

from journal.store.resources import resource_path

DOMAIN = "rapport"
LANGUAGES = ("en", "sv")
"""The languages Rapport speaks, each with a complete catalogue."""
SOURCE_LANGUAGE = "en"
FOLLOW_SYSTEM = ""
"""The language setting's value for "the system's language"."""

_state: dict[str, str] = {"lang": SOURCE_LANGUAGE}


def locale_dir() -> str:
    return str(resource_path("locale"))


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalogue of one language; English (and anything unknown) is the source text."""
    return load_catalogue(lang)


def load_catalogue(lang: str) -> gettext.NullTranslations:
    """Read one language's catalogue from disk (`translation` keeps what it read)."""
    if lang not in LANGUAGES or lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, locale_dir(), [lang], fallback=True)


def system_language() -> str:
    """The first of the system's preferred languages that Rapport speaks, else English.

    Reads the POSIX variables in gettext's order; elsewhere the process locale.
    """
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        for part in value.split(":"):
            code = _code(part)
            if code:
                return code
        if value:
            return SOURCE_LANGUAGE  # the system asks for languages Rapport does not speak
    try:
        code = _code(locale.getlocale()[0] or "")
    except ValueError:
        code = ""
    return code or SOURCE_LANGUAGE


def _code(tag: str) -> str:
    """'sv_SE.UTF-8' → 'sv'; '' for C, POSIX and languages Rapport does not speak."""
    code = tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else ""


def resolve(choice: str | None) -> str:
    """The language to speak for a setting or flag: itself when known, else the system's."""
    return choice if choice in LANGUAGES else system_language()


def use(lang: str) -> None:
    """Speak `lang` from now on, in this whole process."""
    _state["lang"] = lang if lang in LANGUAGES else SOURCE_LANGUAGE


def language() -> str:
    """The language the process speaks now."""
    return _state["lang"]


def _(message: str) -> str:
    return translation(_state["lang"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_state["lang"]).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translation(_state["lang"]).pgettext(context, message)


def listed(parts: list[str]) -> str:
    """ "a, b and c" in the language spoken: the last two joined by its word for "and"."""
    if len(parts) <= 1:
        return "".join(parts)
    last = pgettext("the last two items of a list", "%(items)s and %(last)s")
    return last % {"items": ", ".join(parts[:-1]), "last": parts[-1]}


def N_(message: str) -> str:
    """Marks a word for the catalogue where it is defined; `_()` translates it where shown."""
    return message
