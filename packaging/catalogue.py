"""Keep the word catalogues in step with the code: extract, update, compile, check.

    python packaging/catalogue.py         # extract, update every .po, compile the .mo files
    python packaging/catalogue.py --check    # exit 1 if a catalogue is stale or incomplete

Extraction reads every `_()`, `N_()`, `ngettext()` and `pgettext()` in journal/ and ui/ with
Babel (a development dependency; the app reads the compiled .mo with the standard library).
An entry the code no longer uses is dropped; a new one arrives untranslated, never guessed
(no fuzzy matching), so the completeness test names exactly what needs a translator.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "rapport"
SOURCES = ("journal", "ui")
TRANSLATED = ("sv",)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def template() -> Catalog:
    """Every marked word in the code, as an empty catalogue."""
    catalog = Catalog(project="Rapport", domain=DOMAIN, charset="utf-8")
    for source in SOURCES:
        found = extract_from_dir(
            ROOT / source,
            method_map=[("**.py", "python")],
            keywords=DEFAULT_KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            catalog.add(
                message,
                locations=[(f"{source}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def updated(lang: str, source: Catalog) -> Catalog:
    path = po_path(lang)
    if path.exists():
        catalog = read(lang)
    else:
        catalog = Catalog(
            locale=lang,
            domain=DOMAIN,
            project="Rapport",
            charset="utf-8",
            header_comment=f"# Rapport's words in {lang}; packaging/catalogue.py keeps it in step.",
        )
    created = catalog.creation_date  # a dated header would change (and conflict) every run
    catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created
    catalog.obsolete.clear()
    catalog.fuzzy = False
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, no_location=True, sort_output=True, width=100, omit_header=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def missing(catalog: Catalog) -> Iterator[str]:
    """The entries a speaker of the language would read in English: empty or fuzzy."""
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy or not _complete(message):
            yield _label(message)


def _complete(message: Message) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def _label(message: Message) -> str:
    text = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return f"{message.context}|{text}" if message.context else text


def _without_dates(data: bytes) -> bytes:
    """The .po minus its header's timestamps, so an unchanged catalogue compares equal."""
    lines = data.splitlines(keepends=True)
    return b"".join(
        line for line in lines if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision'))
    )


def stale() -> list[str]:
    """What --check reports: catalogues out of step with the code, or .mo out of step."""
    problems: list[str] = []
    source = template()
    for lang in TRANSLATED:
        path = po_path(lang)
        if not path.exists():
            problems.append(f"{path.relative_to(ROOT)} is missing")
            continue
        if _without_dates(po_bytes(updated(lang, source))) != _without_dates(path.read_bytes()):
            problems.append(f"{path.relative_to(ROOT)} is not in step with the code")
        compiled = mo_path(lang)
        if not compiled.exists() or compiled.read_bytes() != mo_bytes(read(lang)):
            problems.append(f"{compiled.relative_to(ROOT)} is not compiled from its .po")
        problems += [f"{lang}: untranslated: {text!r}" for text in missing(read(lang))]
    return problems


def refresh() -> None:
    source = template()
    for lang in TRANSLATED:
        catalog = updated(lang, source)
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        po_path(lang).write_bytes(po_bytes(catalog))
        mo_path(lang).write_bytes(mo_bytes(read(lang)))
        gaps = list(missing(catalog))
        print(f"{lang}: {len(catalog)} entries, {len(gaps)} untranslated")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="catalogue.py")
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for line in problems:
            print(line)
        return 1 if problems else 0
    refresh()
    return 0


if __name__ == "__main__":
    sys.exit(main())
