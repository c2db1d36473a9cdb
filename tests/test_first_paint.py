"""The window's first paint, as `rapport` starts it: the client list painted from the rows read
ahead, without building PySide6's Qt namespace (~90 enums, ~15-20 ms of every start).

What needs the namespace (header sorting, a look at the system's colour scheme) waits until the
window has painted; the first paint uses the colour scheme the last session saw. A `Qt.` at
the top of a first-paint module, or a call whose overloads take a Qt enum, would quietly
undo this: these tests notice.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.keyring_journal import app_env, run_code

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the key and rows are read ahead only on Linux"
)

# The real entry point. At the first paint (the "ready" milestone) it notes what it shows,
# whether the Qt namespace exists yet and the palette's scheme; once the journal is open it
# adds whether the cycle collector (off for the start) is back on, says it all and ends.
START = """
import gc, os, runpy, sys
import ui.startup_probe as probe
seen = []

def milestone(*words):
    if words[0] == "ready":
        import PySide6.QtCore as QtCore
        from ui.style import dark_palette
        built = "Qt" in vars(QtCore)
        seen.extend([words[1], "namespace" if built else "no-namespace", dark_palette()])
    elif words[0] == "open":
        print(*seen, "gc" if gc.isenabled() else "no-gc", flush=True)
        os._exit(0)

probe.milestone = milestone
sys.argv = ["rapport", "--home", sys.argv[1]]
runpy.run_module("ui", run_name="__main__")
"""


def _settings_file(config: Path) -> Path:
    return config / "Rapport" / "Rapport.ini"


def test_from_the_second_start_on_the_first_paint_builds_no_qt_namespace(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    env = app_env(keyring_file, tmp_path, XDG_CONFIG_HOME=str(config))
    # The very first start asks Qt for the colour scheme (and remembers it).
    first = run_code(START, keyring_journal, env).split()
    assert first[:2] == ["1", "namespace"]
    assert "dark=false" in _settings_file(config).read_text()
    second = run_code(START, keyring_journal, env).split()
    assert second == ["1", "no-namespace", "False", "gc"]


def test_the_first_paint_uses_the_scheme_the_last_session_saw(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    _settings_file(config).parent.mkdir(parents=True)
    _settings_file(config).write_text("[appearance]\ndark=true\n")
    env = app_env(keyring_file, tmp_path, XDG_CONFIG_HOME=str(config))
    assert run_code(START, keyring_journal, env).split() == ["1", "no-namespace", "True", "gc"]
