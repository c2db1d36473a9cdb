"""The layout of journal/ and ui/ shows the layers (issue 12): no import circles, no module over
450 lines, at most 12 modules directly in journal/ and in ui/, every package opens with a
docstring that says what it holds, and no process is forked.

Each check is a function of a source root, so the tests at the bottom show on a small tree in
tmp_path that every check catches what it is for.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("journal", "ui")
MAX_LINES = 450
MAX_MODULES_PER_FOLDER = 12


def _sources(root: Path) -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((root / package).rglob("*.py"))


def _module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """Every import a module runs, at module level or in a function, but not the ones under
    `if TYPE_CHECKING:`; as (line, module named, name imported from it or None)."""

    def __init__(self, package: str) -> None:
        self.package = package  # where relative imports start
        self.found: list[tuple[int, str, str | None]] = []

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found += [(node.lineno, alias.name, None) for alias in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            module = ".".join([*base, node.module] if node.module else base)
        else:
            module = node.module or ""
        self.found += [(node.lineno, module, alias.name) for alias in node.names]


def import_graph(root: Path) -> dict[str, dict[str, tuple[Path, int]]]:
    """module -> {module it imports: (file, line of the first such import)}, within journal/
    and ui/. `from a import b` counts as importing a.b when that is a module, else a."""
    paths = {_module_name(root, path): path for path in _sources(root)}
    graph: dict[str, dict[str, tuple[Path, int]]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        visitor = _Imports(package)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        edges: dict[str, tuple[Path, int]] = {}
        for line, module, imported in visitor.found:
            target = f"{module}.{imported}" if f"{module}.{imported}" in paths else module
            if target in paths and target not in edges:
                edges[target] = (path, line)
        graph[name] = edges
    return graph


def _circle_through(graph: dict[str, dict[str, tuple[Path, int]]], start: str) -> list[str]:
    """The shortest way from `start` back to itself, or [] (breadth first)."""
    came_from: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node]):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return []


def import_circles(root: Path) -> list[str]:
    """One readable chain per circle: "a (a.py:3) -> b (b.py:7) -> a"."""
    graph = import_graph(root)
    seen: set[frozenset[str]] = set()
    chains = []
    for start in sorted(graph):
        circle = _circle_through(graph, start)
        if not circle or frozenset(circle) in seen:
            continue
        seen.add(frozenset(circle))
        hops = []
        for here, there in pairwise(circle):
            path, line = graph[here][there]
            hops.append(f"{here} ({path.relative_to(root).as_posix()}:{line})")
        chains.append(" -> ".join([*hops, circle[-1]]))
    return chains


def long_modules(root: Path) -> dict[str, int]:
    found = {}
    for path in _sources(root):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found[path.relative_to(root).as_posix()] = lines
    return found


def crowded_folders(root: Path) -> dict[str, int]:
    counts = {package: len(list((root / package).glob("*.py"))) for package in PACKAGES}
    return {package: n for package, n in counts.items() if n > MAX_MODULES_PER_FOLDER}


def packages_without_docstring(root: Path) -> list[str]:
    missing = []
    for package in PACKAGES:
        folders = [root / package, *sorted(p for p in (root / package).rglob("*") if p.is_dir())]
        for folder in folders:
            if folder.name == "__pycache__" or folder.name.startswith("."):
                continue
            init = folder / "__init__.py"
            name = folder.relative_to(root).as_posix()
            if not init.exists():
                missing.append(f"{name}: no __init__.py")
            elif not (ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or "").strip():
                missing.append(f"{name}/__init__.py: does not open with a docstring")
    return missing


def forks(root: Path) -> list[str]:
    """Every use of os.fork (or os.forkpty): called, imported, or looked up by name."""
    found = []
    for path in _sources(root):
        where = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        os_names = {"os"} | {
            alias.asname
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
            if alias.name == "os" and alias.asname
        }
        for node in ast.walk(tree):
            named = (
                isinstance(node, ast.Attribute)
                and node.attr in ("fork", "forkpty")
                and isinstance(node.value, ast.Name)
                and node.value.id in os_names
            )
            imported = (
                isinstance(node, ast.ImportFrom)
                and node.module == "os"
                and any(alias.name in ("fork", "forkpty") for alias in node.names)
            )
            looked_up = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr")
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id in os_names
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in ("fork", "forkpty")
            )
            if named or imported or looked_up:
                found.append(f"{where}:{node.lineno}")
    return found


# --- the tree as it is ------------------------------------------------------------------------


def test_no_import_circles_in_journal_or_ui() -> None:
    circles = import_circles(ROOT)
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_no_module_is_over_450_lines() -> None:
    long = long_modules(ROOT)
    assert not long, "\n".join(f"{name}: {lines} lines" for name, lines in long.items())


def test_journal_and_ui_each_hold_at_most_12_modules_directly() -> None:
    crowded = crowded_folders(ROOT)
    assert not crowded, "\n".join(f"{name}/: {n} modules" for name, n in crowded.items())


def test_every_package_opens_with_a_docstring() -> None:
    missing = packages_without_docstring(ROOT)
    assert not missing, "\n".join(missing)


def test_nothing_forks_the_process() -> None:
    found = forks(ROOT)
    assert not found, "os.fork at " + ", ".join(found)


# --- each check catches what it is for --------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


DOC = '"""What this package holds."""\n'


def test_the_circle_check_follows_module_and_function_level_imports_but_not_type_checking(
    tmp_path: Path,
) -> None:
    root = _tree(
        tmp_path,
        {
            "journal/__init__.py": DOC,
            "journal/a.py": "from journal import b\n",
            "journal/b.py": "def f():\n    from journal.c import g\n",  # in a function
            "journal/c.py": "import journal.a\n",
            "journal/store/__init__.py": DOC,
            "journal/store/x.py": "from . import y\n",  # relative, both ways
            "journal/store/y.py": "from .x import z\n",
            "ui/__init__.py": DOC,
            # only for type checkers: no circle
            "ui/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from ui.view import V\n",
            "ui/view.py": "import ui.typed\nimport ui.runtime\n",
            # but the else of `if TYPE_CHECKING` runs
            "ui/runtime.py": "import typing\nif typing.TYPE_CHECKING:\n    pass\nelse:\n"
            "    from ui import view\n",
        },
    )
    assert import_circles(root) == [
        "journal.a (journal/a.py:1) -> journal.b (journal/b.py:2) -> journal.c (journal/c.py:1)"
        " -> journal.a",
        "journal.store.x (journal/store/x.py:1) -> journal.store.y (journal/store/y.py:1)"
        " -> journal.store.x",
        "ui.runtime (ui/runtime.py:5) -> ui.view (ui/view.py:2) -> ui.runtime",
    ]
    (root / "journal/c.py").write_text("import json\n", encoding="utf-8")
    (root / "journal/store/y.py").write_text("import journal.store\n", encoding="utf-8")
    (root / "ui/runtime.py").write_text("import ui\n", encoding="utf-8")
    assert import_circles(root) == []


def test_the_size_checks_count_lines_and_modules(tmp_path: Path) -> None:
    files = {f"ui/m{n}.py": "x = 1\n" * MAX_LINES for n in range(MAX_MODULES_PER_FOLDER - 1)}
    root = _tree(tmp_path, {"journal/__init__.py": DOC, "ui/__init__.py": DOC, **files})
    assert (long_modules(root), crowded_folders(root)) == ({}, {})
    _tree(root, {"ui/one_more.py": "x = 1\n" * (MAX_LINES + 1), "ui/deep/a.py": ""})
    assert long_modules(root) == {"ui/one_more.py": MAX_LINES + 1}
    assert crowded_folders(root) == {"ui": MAX_MODULES_PER_FOLDER + 1}  # not counting deep/


def test_the_docstring_check_wants_an_init_that_opens_with_one(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "journal/__init__.py": DOC,
            "journal/store/__init__.py": "import os\n" + DOC,  # a docstring, but not first
            "journal/values/__init__.py": "",
            "journal/cli/main.py": DOC,  # no __init__.py at all
            "journal/entries/__init__.py": '"""  """\n',
            "ui/__init__.py": "# What this is.\n" + DOC,  # a comment before it is fine
            "ui/__pycache__/x.pyc": "",
        },
    )
    assert packages_without_docstring(root) == [
        "journal/cli: no __init__.py",
        "journal/entries/__init__.py: does not open with a docstring",
        "journal/store/__init__.py: does not open with a docstring",
        "journal/values/__init__.py: does not open with a docstring",
    ]


def test_the_fork_check_finds_each_way_to_reach_it(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "journal/a.py": "import os\n\ndef f():\n    return os.fork()\n",
            "journal/b.py": "from os import fork\n",
            "ui/c.py": "import os as system\npid = system.forkpty()\n",
            "ui/d.py": "import os\nCAN = hasattr(os, 'fork')\n",
            "ui/fine.py": "import os\nimport subprocess\npid = os.getpid()\nfork = 'a word'\n",
        },
    )
    assert forks(root) == ["journal/a.py:4", "journal/b.py:1", "ui/c.py:2", "ui/d.py:2"]
