"""JSON files a person hands Rapport (a journal export, a template set): read without
trusting them.

A file is read only if it is a regular file of a sane size, so /dev/zero, a pipe or a
runaway file cannot hang the command or fill the memory. Nesting too deep, a name given
twice in one object and a number too long to convert are refused when it is parsed; text
that cannot be stored (see fields.storable) when the document is checked, with its place.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

from journal.errors import RapportError, UserInputError, os_problem
from journal.i18n import _
from journal.values import fields

MAX_BYTES = 128 * 1024 * 1024
"""The largest file read: a journal of many years' notes fits several times over."""
MAX_DEPTH = 16
"""The deepest nesting of lists and objects a document may have; Rapport's own reach 5."""


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """The parsed contents of the JSON file at `path`; UserInputError, naming the file and
    what to do, for anything that is not a sane JSON file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserInputError(
            _("%(path)s: no such file; check the path.") % {"path": path}
        ) from None
    except ValueError:  # a NUL in the name
        raise UserInputError(
            _("%(shown)s: not a file name; check it.") % {"shown": fields.shown(str(path))}
        ) from None
    except OSError as exc:
        raise RapportError(
            _("%(path)s: cannot read it (%(strerror)s).")
            % {"path": path, "strerror": os_problem(exc)}
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise UserInputError(
            _("%(path)s: not a regular file (a folder, a device or a pipe); give a JSON file.")
            % {"path": path}
        )
    too_big = UserInputError(
        _(
            "%(path)s: larger than %(limit)s MB, more than a Rapport file holds; "
            "check that this is the right file."
        )
        % {"path": path, "limit": max_bytes // (1024 * 1024)}
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # a file that grows, or lies about its size
    except OSError as exc:
        raise RapportError(
            _("%(path)s: cannot read it (%(strerror)s).")
            % {"path": path, "strerror": os_problem(exc)}
        ) from exc
    if len(raw) > max_bytes:
        raise too_big
    return parse_json(raw, str(path))


def parse_json(raw: bytes, where: str) -> Any:
    """JSON from bytes, refused in words: not UTF-8, not JSON, too deep, a repeated name."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserInputError(
            _("%(where)s: not UTF-8 text (byte %(position)s); save it as UTF-8 JSON.")
            % {"where": where, "position": exc.start + 1}
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_names)
    except _Repeated as exc:
        raise UserInputError(
            _("%(where)s: the field %(shown)s appears twice in one object; keep one.")
            % {"where": where, "shown": fields.shown(exc.name)}
        ) from None
    except json.JSONDecodeError as exc:
        raise UserInputError(
            _("%(where)s: not valid JSON (line %(lineno)s, column %(colno)s: %(msg)s).")
            % {"where": where, "lineno": exc.lineno, "colno": exc.colno, "msg": exc.msg}
        ) from None
    except RecursionError:
        raise _too_deep(where or "file") from None
    except ValueError:  # a number of thousands of digits
        raise UserInputError(
            _("%(where)s: holds a number too long to read; this is not a Rapport file.")
            % {"where": where}
        ) from None
    return data


def _unique_names(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object; JSON lets a name repeat and keeps the last, which would drop data unseen."""
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise _Repeated(name)
        result[name] = value
    return result


class _Repeated(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def check_document(data: Any) -> None:
    """Refuse a parsed document that nests deeper than MAX_DEPTH or holds a text (a value or
    a field name) that cannot be stored; the message names the place, e.g.
    clients[2].interactions[5].summary. Iterative, so no depth of nesting can overflow."""
    pending: list[tuple[Any, str, int]] = [(data, "", 0)]
    while pending:
        value, place, depth = pending.pop()
        if isinstance(value, str):
            fields.storable(value, place or "file")
            continue
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        if depth >= MAX_DEPTH:
            raise _too_deep(place or "file")
        for key, item in items:
            if isinstance(key, str):
                fields.storable(key, f"{place or 'file'} (a field name)")
            inner = f"{place}[{key}]" if isinstance(value, list) else fields.member(place, key)
            pending.append((item, inner, depth + 1))


def _too_deep(where: str) -> UserInputError:
    return fields.fail(
        where,
        (
            _(
                "lists or objects nest more than %(MAX_DEPTH)s levels deep; this is not "
                "a Rapport file"
            )
            % {"MAX_DEPTH": MAX_DEPTH}
        ),
    )
