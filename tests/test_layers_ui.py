"""ui/ presents and dispatches: it reaches the journal through journal/'s services only, never
through peewee, playhouse, the SQLCipher driver or the models' bound `database`.

Database failures a user must see arrive as RapportError subclasses raised in journal/
(journal.store translates them), so ui/ has no reason to know peewee's exceptions either.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"
STORAGE = ("peewee", "playhouse", "sqlcipher3", "sqlite3")


def _imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, imported name or None) for every absolute import in a file, nested ones too."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name) for alias in node.names]
    return found


def _offences(path: Path) -> list[str]:
    offences = []
    for module, name in _imports(path):
        if module.split(".")[0] in STORAGE:
            offences.append(f"imports {module}")
        elif module == "journal.store.models" and name == "database":
            offences.append("imports journal.models.database")
        elif (module, name) == ("journal.store", "models"):
            offences.append(f"imports {module}{'.' + name if name else ''}")
    return offences


def test_ui_never_imports_peewee_playhouse_or_the_bound_database() -> None:
    offenders = {
        str(path.relative_to(UI.parent)): offences
        for path in sorted(UI.rglob("*.py"))
        if (offences := _offences(path))
    }
    assert offenders == {}


def test_the_check_catches_each_kind_of_leak(tmp_path: Path) -> None:
    leaks = {
        "a.py": "from peewee import PeeweeException\n",
        "b.py": "import playhouse.sqlcipher_ext\n",
        "c.py": "def f():\n    from journal.store.models import Client, database\n",
        "d.py": "from journal.store import models\n",
        "e.py": "import sqlcipher3\n",
    }
    for name, text in leaks.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert _offences(tmp_path / name), name
    (tmp_path / "fine.py").write_text(
        "from journal.store.models import Client\nfrom journal.store.database import Journal\n",
        encoding="utf-8",
    )
    assert _offences(tmp_path / "fine.py") == []
