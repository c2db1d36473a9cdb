"""Every word journal/ and the reports show a person goes through the catalogue (issue 16):
error texts, printed lines and the command line's help. A literal English sentence in one of
those places fails here, naming where it is, so a new message cannot skip the catalogue."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN_ERRORS = {
    "RapportError",
    "UserInputError",
    "JournalUnavailable",
    "WrongKey",
    "KeyStoreError",
    "JournalBusy",
    "JournalWriteFailed",
}
HELP_KEYWORDS = {"help", "description", "epilog"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal_words(node: ast.expr) -> str:
    """The words a literal (or an f-string's literal parts) would show; "" for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return ""


def unmarked(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        shown: list[ast.expr] = []
        if name in SHOWN_ERRORS and node.args:
            shown.append(node.args[0])
        elif name == "fail" and len(node.args) > 1:
            shown.append(node.args[1])
        elif name == "print" and node.args:
            shown.append(node.args[0])
        shown += [k.value for k in node.keywords if k.arg in HELP_KEYWORDS]
        for value in shown:
            words = _literal_words(value)
            if WORDS.search(words):
                found.append(f"{where}:{value.lineno}: {words[:50]!r}")
    return found


def test_no_shown_sentence_in_journal_skips_the_catalogue() -> None:
    found = [
        line
        for folder in ("journal", "ui/reports")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line in unmarked(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == [], "mark these with _() or ngettext():\n" + "\n".join(found)


def test_the_check_finds_an_unmarked_sentence() -> None:
    sample = (
        'raise UserInputError(f"No client called {name}.")\n'
        'print(_("Marked."))\nprint(f"{a}  {b}")\n'
        'p.add_argument("--x", metavar="FILE", help="what it does")\n'
    )
    assert unmarked(sample, "sample") == [
        "sample:1: 'No client called .'",
        "sample:4: 'what it does'",
    ]
