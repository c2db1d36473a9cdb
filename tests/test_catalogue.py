"""Every word a person reads is in the catalogue, and Swedish has all of them (issue 16)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

from journal import i18n

ROOT = Path(__file__).resolve().parent.parent


def _catalogue_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "packaging" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogue"] = module
    spec.loader.exec_module(module)
    return module


def test_the_swedish_catalogue_is_complete_in_step_with_the_code_and_compiled() -> None:
    problems = _catalogue_tool().stale()
    assert problems == [], "run: python packaging/catalogue.py, then translate:\n" + "\n".join(
        problems
    )


def test_a_fuzzy_or_empty_entry_counts_as_missing() -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="sv")
    catalog.add("Done", "Klart")
    catalog.add("Open", "")
    catalog.add("Close", "Stäng", flags=["fuzzy"])
    catalog.add(("1 client", "%(n)s clients"), ("1 klient", ""))
    assert sorted(_catalogue_tool().missing(catalog)) == ["1 client", "Close", "Open"]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANGUAGE": "sv:en"}, "sv"),
        ({"LANGUAGE": "", "LC_ALL": "sv_SE.UTF-8"}, "sv"),
        ({"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:sv"}, "sv"),
    ],
)
def test_the_language_follows_the_system(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, environment.get(name, ""))
    assert i18n.system_language() == expected
    assert i18n.resolve("") == expected
    assert i18n.resolve("en") == "en"


def _marked_literals(tree: ast.AST) -> set[str]:
    """Every literal given to _(), N_(), ngettext() or pgettext(), inside f-strings too."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        args = node.args[1:] if node.func.id == "pgettext" else node.args
        if node.func.id in ("_", "N_", "ngettext", "pgettext") and args:
            first = args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_every_marked_word_reaches_the_catalogue() -> None:
    """The extractor does not look inside f-strings, so `f"{_('word')}"` would stay English
    in Swedish without this; the AST does see them."""
    from babel.messages.pofile import read_po

    po = ROOT / "resources" / "locale" / "sv" / "LC_MESSAGES" / "rapport.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    missing = []
    for folder in ("journal", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            words = sorted(_marked_literals(tree) - known)
            missing += [f"{path.relative_to(ROOT)}: {word!r}" for word in words]
    assert missing == [], "marked but not in the catalogue:\n" + "\n".join(missing)
