"""Rapport installs and runs as a desktop app: one version, the system libraries Qt needs,
the icon set, the Linux desktop entry and AppStream metainfo, and the frozen bundle, which
works as a coach would use it, far from any checkout.

The bundle's tests (marked slow) build it with packaging/smoke_bundle.py and build.sh, a
minute or so, so they run only when asked; .ci/run asks:
    RAPPORT_TEST_FROZEN=1 QT_QPA_PLATFORM=offscreen pytest tests/test_packaging.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLibraryInfo
from PySide6.QtGui import QImage

from journal.interchange.demo import demo_document
from journal.store.home import DATABASE_NAME
from journal.templates.library import builtin_templates
from ui.app import (
    DESKTOP_ID,
    QT_SYSTEM_PACKAGES,
    missing_qt_libraries,
    qt_library_message,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
# A windowed .exe has no stdout on Windows; the spec adds a console twin for commands.
EXECUTABLE = "rapport-cli.exe" if sys.platform == "win32" else "Rapport"


def _the_version() -> str:
    """journal.__version__, the one home of the number (pyproject.toml reads it from there)."""
    init = (ROOT / "journal" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    assert found is not None
    return found.group(1)


def test_rapport_version_is_the_one_in_journal() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "ui", "--version"], capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["rapport", _the_version()]


def test_the_version_number_is_written_nowhere_else_in_the_code() -> None:
    # The number alone, not inside another one ("1.0" in "libpython3.11.so.1.0").
    number = re.compile(rf"(?<![\w.]){re.escape(_the_version())}(?![\w.])")
    packaging = [  # what is committed there, not what a build left
        path
        for path in PACKAGING.rglob("*")
        if path.suffix in {".py", ".spec", ".sh", ".md", ".xml", ".desktop"}
        and not {".build-venv", "build", "dist"} & set(path.relative_to(PACKAGING).parts)
    ]
    sources = [
        *(p for p in ROOT.glob("journal/**/*.py") if p != ROOT / "journal" / "__init__.py"),
        *ROOT.glob("ui/**/*.py"),
        *packaging,
        ROOT / "pyproject.toml",
    ]
    repeated = [
        str(path.relative_to(ROOT))
        for path in sources
        if number.search(path.read_text("utf-8", errors="replace"))
    ]
    assert repeated == []


LDD_WITHOUT_TWO = """\
\tlibQt6XcbQpa.so.6 => /opt/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0000000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0000000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def _cannot_load(path: str) -> object:
    raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file or directory")


def test_a_missing_qt_library_is_named_in_one_line_with_its_package(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    missing = missing_qt_libraries(plugin, load=_cannot_load, ldd=lambda _: LDD_WITHOUT_TWO)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert qt_library_message(missing) == (
        "rapport: Qt needs the system libraries libxcb-icccm.so.4, libxcb-keysyms.so.1 "
        "(Debian/Ubuntu: sudo apt-get install libxcb-icccm4 libxcb-keysyms1)"
    )


def test_without_ldd_the_loader_error_still_names_the_library(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    missing = missing_qt_libraries(plugin, load=_cannot_load, ldd=lambda _: "")
    assert qt_library_message(missing) == (
        "rapport: Qt needs the system library libxcb-icccm.so.4 "
        "(Debian/Ubuntu: sudo apt-get install libxcb-icccm4)"
    )
    assert qt_library_message(["libunknown.so.3"]) == (
        "rapport: Qt needs the system library libunknown.so.3"
    )


def test_a_plugin_that_loads_needs_nothing(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    assert missing_qt_libraries(plugin, load=lambda _: None, ldd=lambda _: LDD_WITHOUT_TWO) == []


def test_the_readme_installs_every_package_the_app_may_ask_for() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    [line] = [line for line in readme.splitlines() if line.startswith("sudo apt-get install")]
    assert set(QT_SYSTEM_PACKAGES.values()) <= set(line.split()[3:])


def _xcb_libraries_missing_here() -> bool:
    """Asked of ldd, so that the plugin is never loaded into the test process."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return False
    ldd = subprocess.run(
        ["ldd", str(plugins / "platforms" / "libqxcb.so")], capture_output=True, text=True
    )
    return "=> not found" in ldd.stdout


@pytest.mark.skipif(
    not _xcb_libraries_missing_here(),
    reason="every system library of Qt's X11 plugin is installed here",
)
def _start_on_x11(command: list[str], home: Path) -> str:
    """Start the app for an X server, as a desktop session would; its one line of errors."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.update(DISPLAY=":99", RAPPORT_HOME=str(home))
    env.pop("WAYLAND_DISPLAY", None)
    started = subprocess.run(
        [*command, "--lang", "en"], capture_output=True, text=True, env=env, timeout=120
    )
    assert started.returncode == 1
    [line] = started.stderr.splitlines()
    return line


def test_the_app_names_the_libraries_missing_on_this_machine(tmp_path: Path) -> None:
    line = _start_on_x11([sys.executable, "-m", "ui"], tmp_path)
    assert line.startswith("rapport: Qt needs the system librar")
    assert "sudo apt-get install" in line


def _packaging_module(name: str) -> ModuleType:
    """A script of packaging/ (not a package), loaded once under its own name."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_icon_set_has_every_size_drawn_from_the_svg() -> None:
    icons = _packaging_module("make_icons")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        committed = QImage(str(icons.png_path(size)))
        assert (committed.width(), committed.height()) == (size, size), size
        fresh = icons.render(size).convertToFormat(QImage.Format.Format_ARGB32)
        committed = committed.convertToFormat(QImage.Format.Format_ARGB32)
        # The same drawing, give or take anti-aliasing between Qt versions: after changing
        # the SVG, run packaging/make_icons.py.
        pixels = zip(fresh.constBits().tobytes(), committed.constBits().tobytes(), strict=True)
        differing = sum(abs(a - b) > 8 for a, b in pixels)
        assert differing <= size * size // 25, (size, differing)


def test_the_app_shows_its_icon() -> None:
    # In a process of its own: make_application styles the one QApplication for good.
    probe = (
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.app import make_application\n"
        "make_application()\n"
        "print(QApplication.desktopFileName())\n"
        "print(*sorted({s.width() for s in QApplication.windowIcon().availableSizes()}))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    desktop_name, sizes = shown.stdout.splitlines()
    assert desktop_name == DESKTOP_ID
    assert sizes.split() == ["16", "24", "32", "48", "64", "128", "256", "512"]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (Debian/Ubuntu: desktop-file-utils, appstream)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    return found


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    entry = LINUX / f"{DESKTOP_ID}.desktop"
    checked = subprocess.run(
        [_tool("desktop-file-validate"), str(entry)], capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr
    lines = entry.read_text("utf-8").splitlines()
    assert f"Icon={DESKTOP_ID}" in lines
    assert "Exec=rapport" in lines  # the command pyproject installs
    assert (
        "rapport"
        in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    )


def test_the_appstream_metainfo_passes_appstreamcli_validate() -> None:
    metainfo = LINUX / f"{DESKTOP_ID}.metainfo.xml"
    checked = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = metainfo.read_text("utf-8")
    assert f"<id>{DESKTOP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{DESKTOP_ID}.desktop</launchable>' in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="installs a Linux bundle")
def test_install_sh_puts_the_bundle_in_the_menu_and_takes_it_out_again(tmp_path: Path) -> None:
    bundle = tmp_path / "Rapport"
    bundle.mkdir()
    (bundle / "Rapport").write_text('#!/bin/sh\necho frozen rapport "$@"\n')
    (bundle / "Rapport").chmod(0o755)
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env["HOME"] = str(home)
    script = LINUX / "install.sh"

    done = subprocess.run(["bash", str(script), str(bundle)], capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    linked = subprocess.run([home / ".local/bin/rapport", "--version"], capture_output=True)
    assert linked.stdout == b"frozen rapport --version\n"
    share = home / ".local" / "share"
    entry = share / "applications" / f"{DESKTOP_ID}.desktop"
    assert f"Exec={home}/.local/lib/rapport/Rapport" in entry.read_text("utf-8").splitlines()
    assert (share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").is_file()
    for size in (16, 256, 512):
        assert (share / f"icons/hicolor/{size}x{size}/apps/{DESKTOP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", entry], capture_output=True)
        assert checked.returncode == 0 and checked.stdout == b"", checked.stdout

    removed = subprocess.run(["bash", str(script), "--uninstall"], capture_output=True, env=env)
    assert removed.returncode == 0, removed.stderr
    left = {p.name for p in home.rglob("*") if p.is_file() or p.is_symlink()}
    assert left <= {"mimeinfo.cache"}  # update-desktop-database's own index


def test_install_sh_without_a_bundle_says_how_to_build_one(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path))
    done = subprocess.run(
        ["bash", str(LINUX / "install.sh"), str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"install.sh: no bundle at {tmp_path / 'nothing'}; build one with packaging/build.sh."
    )
    assert not (tmp_path / ".local").exists()


def _fonts(reader: PdfReader) -> set[str]:
    names: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/"))
    return names


FROZEN = pytest.mark.skipif(
    os.environ.get("RAPPORT_TEST_FROZEN") != "1",
    reason="builds the PyInstaller bundle; set RAPPORT_TEST_FROZEN=1 to run (.ci/run does)",
)


@pytest.fixture(scope="module")
def built() -> Any:
    """The bundle, built once for this module by packaging/build.sh through the smoke
    script; each test runs its own copy, away from the checkout."""
    smoke = _packaging_module("smoke_bundle")
    try:
        return smoke.build()
    except smoke.SmokeFailed as exc:
        pytest.fail(str(exc))


@pytest.fixture
def bundle(built: Any, tmp_path: Path) -> Path:
    copy = tmp_path / "Rapport"
    shutil.copytree(built.bundle, copy, symlinks=True)
    return copy


@pytest.mark.slow
@FROZEN
def test_the_bundle_starts_on_the_demo_and_makes_a_pdf(bundle: Path, tmp_path: Path) -> None:
    smoke = _packaging_module("smoke_bundle")
    pdf = smoke.smoke(bundle, tmp_path)
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    demo = demo_document(dt.datetime.now().astimezone())
    active = [client["name"] for client in demo["clients"] if client["status"] == "active"]
    assert active
    assert [name for name in active if name not in words] == []


@pytest.mark.slow
@FROZEN
def test_the_bundle_carries_catalogues_icons_and_qt_translations(bundle: Path) -> None:
    inside = bundle / "_internal"
    assert (inside / "resources" / "locale" / "sv" / "LC_MESSAGES" / "rapport.mo").is_file()
    assert (inside / "resources" / "icons" / "rapport-256.png").is_file()
    translations = inside / "PySide6" / "Qt" / "translations"
    assert (translations / "qtbase_sv.qm").is_file()
    # Only what Rapport reads: qtbase, in the languages Rapport speaks.
    assert not list(translations.glob("designer_*.qm"))
    assert not list(translations.glob("qtbase_de.qm"))


@pytest.mark.slow
@FROZEN
@pytest.mark.skipif(
    not _xcb_libraries_missing_here(),
    reason="every system library of Qt's X11 plugin is installed here",
)
def test_the_bundle_names_the_qt_libraries_missing_here(bundle: Path, tmp_path: Path) -> None:
    line = _start_on_x11([str(bundle / EXECUTABLE)], tmp_path / "home")
    assert line.startswith("rapport: Qt needs the system librar")


@pytest.mark.slow
@FROZEN
def test_frozen_bundle_keeps_an_encrypted_journal_and_finds_its_resources(
    bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "RAPPORT_", "VIRTUAL_ENV"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        RAPPORT_HOME=str(home),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # never the real keyring
        RAPPORT_PASSPHRASE="a long enough passphrase",
    )

    def rapport(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle / EXECUTABLE), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    version = rapport("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.split() == ["rapport", _the_version()]

    # Templates come from resources/ inside the bundle, through resource_path.
    listed = rapport("template", "--list")
    assert listed.returncode == 0, listed.stderr
    listed_ids = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    assert listed_ids == {template_id for template_id, _lang in builtin_templates()}

    logged = rapport(
        "log", "王芳", "first call went well", "--channel", "email", "--direction", "out",
        "--new-client",
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr

    clients = rapport("clients", "--json")
    assert clients.returncode == 0, clients.stderr
    [client] = json.loads(clients.stdout)
    assert (client["name"], client["interactions"]) == ("王芳", 1)

    # Qt's PDF writer works frozen, and the CJK name is drawn with the bundled fallback font.
    pdf = tmp_path / "overview.pdf"
    report = rapport("report", "--overview", "--out", str(pdf))
    assert report.returncode == 0, report.stderr
    reader = PdfReader(pdf)
    assert "王芳" in "".join(page.extract_text() for page in reader.pages)
    assert any("RapportFallback" in name for name in _fonts(reader))

    journal = (home / DATABASE_NAME).read_bytes()
    assert journal  # written by SQLCipher, not left empty
    assert not journal.startswith(b"SQLite format 3")
    assert "王芳".encode() not in journal and b"first call went well" not in journal

    # A bundle missing its templates says so in one line instead of a traceback.
    shutil.rmtree(bundle / "_internal" / "resources" / "templates")
    broken = rapport("template", "--list")
    assert broken.returncode != 0
    assert "reinstall" in broken.stderr
    assert "Traceback" not in broken.stderr
