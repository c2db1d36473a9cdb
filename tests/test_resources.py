"""One lookup finds bundled resources in a checkout, an installed wheel and a frozen bundle."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from journal.store import resources

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_lookup_finds_the_resources_folder() -> None:
    assert resources.resources_root() == ROOT / "resources"
    assert resources.resource_path("templates").is_dir()


def test_a_missing_resource_says_to_reinstall() -> None:
    with pytest.raises(FileNotFoundError, match="reinstall"):
        resources.resource_path("no-such-file.txt")


def test_frozen_bundle_lookup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "resources" / "templates").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("templates") == tmp_path / "resources" / "templates"


def test_the_wheel_carries_resources_beside_journal(tmp_path: Path) -> None:
    """Build the real wheel and check the lookup's rule (resources/ beside journal/) holds."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("rapport-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "journal/store/resources.py" in names
    bundled = {n for n in names if n.startswith("resources/")}
    in_checkout = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()
    }
    assert in_checkout and in_checkout <= bundled
