"""Rapport's domain: the encrypted journal, its services and the cue engine, in rooms:
values (the fixed words and value rules), store (home, key, database, models), entries (what
a coach writes down), cues, templates, reports (their data), interchange (the JSON format and
the demo) and cli; the services by use case (clients, overview, timeline, search, settings)
sit here at the top.

Plain Python: nothing in journal/ imports Qt or ui/, and only journal.cli imports journal.cli.
"""

import tomllib
from importlib import metadata
from pathlib import Path


def _version() -> str:
    """The version has one home, pyproject.toml's [project] version. A checkout reads it
    there (an editable install's metadata keeps the number it was installed with until the
    next install); an installed wheel or the frozen bundle reads the package metadata built
    from it."""
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text("utf-8")).get("project", {})
        if project.get("name") == "rapport":
            return str(project["version"])
    try:
        return metadata.version("rapport")
    except metadata.PackageNotFoundError:
        return "unknown"


__version__ = _version()
