"""Where a report goes: the file name a coach would recognise, and whether it can be written
there, said in one line before anything is painted."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from journal.i18n import _

_UNSAFE_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def file_name(kind: str, client: str, today: dt.date) -> str:
    """A default file name the coach would recognise in a folder listing."""
    what = {"client": _("report"), "accountability": _("accountability list")}.get(kind)
    stem = f"{client} - {what} {today.isoformat()}" if what else f"{_('Practice overview')} {today}"
    return _UNSAFE_IN_NAMES.sub("-", stem).strip(" .") + ".pdf"


def with_pdf_suffix(path: str) -> Path:
    """The chosen path, ending in .pdf (appended, since names like "Dr. Raman" hold dots)."""
    return Path(path if path.lower().endswith(".pdf") else path + ".pdf")


def unwritable_reason(path: Path) -> str | None:
    """Why the report cannot be written to `path`, in one line; None if it can."""
    folder = path.parent
    if not folder.is_dir():
        return _("The folder %(folder)s does not exist; choose another folder.") % {
            "folder": folder
        }
    if path.is_dir():
        return _("%(path)s is a folder; choose a file name ending in .pdf.") % {"path": path}
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return _("Rapport may not write to %(path)s; choose another folder.") % {"path": path}
    return None
