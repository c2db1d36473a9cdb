"""journal/ is the product's brain and must never depend on Qt or on ui/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

JOURNAL = Path(__file__).resolve().parent.parent / "journal"
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def test_no_module_in_journal_imports_qt_or_ui() -> None:
    offenders = []
    for path in JOURNAL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_every_journal_module_loads_no_qt() -> None:
    modules = sorted(
        "journal." + ".".join(p.relative_to(JOURNAL).with_suffix("").parts).replace(".__init__", "")
        for p in JOURNAL.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(bad); raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
