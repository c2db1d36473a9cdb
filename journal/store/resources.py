"""One lookup for bundled data (templates, icons, styles): checkout, installed wheel, frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The resources folder.

    In a checkout and in an installed wheel, resources/ sits beside journal/ (the wheel
    installs it as a data package). A PyInstaller bundle unpacks it under sys._MEIPASS.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"Rapport's bundled file {'/'.join(parts)} is missing; reinstall Rapport."
        )
    return path
