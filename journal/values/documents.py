"""JSON files a person hands Rapport (a journal export, a template set): read without
trusting them.

A file is read only if it is a regular file of a sane size, so /dev/zero, a pipe or a
runaway file cannot hang the command or fill the memory. Nesting too deep, a name given
twice in one object and a number too long to convert are refused when it is parsed; text
that cannot be stored (see fields.storable) when the document is checked, with its place.
A journal export is read a member at a time (`stream_members`), its list of clients an item
at a time, under the same rules.
"""

from __future__ import annotations

import codecs
import json
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

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
    with _opened(path, max_bytes) as handle:
        raw = _read(handle, path, max_bytes + 1)  # a file that grows, or lies about its size
    if len(raw) > max_bytes:
        raise _too_big(path, max_bytes)
    return parse_json(raw, str(path))


def check_readable(path: Path, max_bytes: int = MAX_BYTES) -> None:
    """Refuse, as reading it would, a path that is not a regular file of a sane size."""
    with _opened(path, max_bytes):
        pass


@contextmanager
def _opened(path: Path, max_bytes: int) -> Iterator[BinaryIO]:
    """The file open for reading, once it is known to be a regular file of a sane size."""
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
        raise _unreadable(path, exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise UserInputError(
            _("%(path)s: not a regular file (a folder, a device or a pipe); give a JSON file.")
            % {"path": path}
        )
    if info.st_size > max_bytes:
        raise _too_big(path, max_bytes)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    with handle:
        yield handle


def _read(handle: BinaryIO, path: Path, size: int) -> bytes:
    try:
        return handle.read(size)
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def _unreadable(path: Path, exc: OSError) -> RapportError:
    return RapportError(
        _("%(path)s: cannot read it (%(strerror)s).") % {"path": path, "strerror": os_problem(exc)}
    )


def _too_big(path: Path, max_bytes: int) -> UserInputError:
    return UserInputError(
        _(
            "%(path)s: larger than %(limit)s MB, more than a Rapport file holds; "
            "check that this is the right file."
        )
        % {"path": path, "limit": max_bytes // (1024 * 1024)}
    )


def parse_json(raw: bytes, where: str) -> Any:
    """JSON from bytes, refused in words: not UTF-8, not JSON, too deep, a repeated name."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(where, exc.start + 1) from None
    with _refused(where):
        return json.loads(text, object_pairs_hook=_unique_names)


def _not_utf8(where: str, position: int) -> UserInputError:
    return UserInputError(
        _("%(where)s: not UTF-8 text (byte %(position)s); save it as UTF-8 JSON.")
        % {"where": where, "position": position}
    )


@contextmanager
def _refused(where: str) -> Iterator[None]:
    """What the JSON parser raises, said in words that name the file."""
    try:
        yield
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


def _unique_names(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object; JSON lets a name repeat and keeps the last, which would drop data unseen."""
    result = dict(pairs)
    if len(result) < len(pairs):  # the first name seen again is the one said
        seen: set[str] = set()
        for name, _value in pairs:
            if name in seen:
                raise _Repeated(name)
            seen.add(name)
    return result


class _Repeated(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def check_document(data: Any, place: str = "", depth: int = 0) -> None:
    """Refuse a parsed document (or the part of one at `place`, `depth` levels down) that nests
    deeper than MAX_DEPTH or holds a text (a value or a field name) that cannot be stored; the
    message names the place, e.g. clients[2].interactions[5].summary. Iterative, so no depth
    of nesting can overflow."""
    if _sound(data, depth):
        return  # the usual document: no place is named, so none is worked out
    pending: list[tuple[Any, str, int]] = [(data, place, depth)]
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


def _sound(data: Any, depth: int) -> bool:
    """Whether `check_document` finds nothing to refuse in `data`, found without naming places
    (and without a call for each text that is plain ASCII with no NUL)."""
    storable = fields.is_storable
    containers = (dict, list)
    pending: list[tuple[Any, int]] = [(data, depth)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if "\x00" in value or not (value.isascii() or storable(value)):
                return False
            continue
        if not isinstance(value, containers):
            continue
        if depth >= MAX_DEPTH:
            return False
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and ("\x00" in key or not (key.isascii() or storable(key))):
                    return False
            value = value.values()
        for item in value:
            if isinstance(item, str):
                if "\x00" in item or not (item.isascii() or storable(item)):
                    return False
            elif isinstance(item, containers):
                pending.append((item, depth + 1))
    return True


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


def stream_members(path: Path, listed: str, max_bytes: int = MAX_BYTES) -> Iterator[Member]:
    """The members of the top-level object of the JSON file at `path`, in file order, as
    `document_members` gives them, read a piece at a time: memory holds one member (one item
    of the list under `listed`), not the file. Each is refused as `read_json` and
    `check_document` would refuse it, a bad one only once the members before it are out."""
    with _opened(path, max_bytes) as handle, _refused(str(path)):
        text = _Text(handle, path, max_bytes)
        if text.peek() != "{":
            text.value()  # not JSON, or JSON of another shape
            raise fields.fail("file", _("must be an object"))
        names: set[str] = set()
        for _index in text.entries("}"):
            if text.peek() != '"':
                raise text.error("Expecting property name enclosed in double quotes")
            name = text.value()
            if name in names:
                raise _Repeated(name)
            names.add(name)
            text.expect(":", "Expecting ':' delimiter")
            if name == listed and text.peek() == "[":
                for index in text.entries("]"):
                    yield _checked(listed, index, text.value())
            else:
                yield _checked(name, None, text.value())
        if text.peek():
            raise text.error("Extra data")


Member = tuple[str, int | None, Any]
"""(name, None, value) for a member of a document's top-level object; (name, index, item) for
each item of the list that is streamed."""


def document_members(data: Any, listed: str) -> Iterator[Member]:
    """The members of a parsed document, as `stream_members` reads them from a file."""
    if not isinstance(data, dict):
        raise fields.fail("file", _("must be an object"))
    for name, value in data.items():
        if name == listed and isinstance(value, list):
            for index, item in enumerate(value):
                yield _checked(name, index, item)
        else:
            yield _checked(name, None, value)


def _checked(name: str, index: int | None, value: Any) -> Member:
    fields.storable(name, "file (a field name)")
    if index is None:
        check_document(value, fields.member("", name), 1)
    else:
        check_document(value, f"{fields.member('', name)}[{index}]", 2)
    return name, index, value


_BLANK = re.compile(r"[ \t\n\r]*")
CHUNK = 1024 * 1024
"""How much of a file is read at a time (more when one member is larger)."""


class _Text:
    """A file's UTF-8 text, read as far as the next JSON value needs: what has been parsed is
    let go, so memory holds one member (and a piece of the file), not the file."""

    def __init__(self, handle: BinaryIO, path: Path, max_bytes: int) -> None:
        self._handle, self._path, self._max_bytes = handle, path, max_bytes
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._scan = json.JSONDecoder(object_pairs_hook=_unique_names).raw_decode
        self._text, self._at, self._read, self._ended = "", 0, 0, False
        self._lines, self._column = 0, 0  # before the text held: for where a message points
        if self._more() and self._text.startswith("\ufeff"):
            raise self.error("Unexpected UTF-8 BOM (decode using utf-8-sig)")

    def _more(self) -> bool:
        """Read on (at least as much as is held, so a big member takes few reads); False at
        the end of the file."""
        if self._ended:
            return False
        gone = self._text[: self._at]
        if "\n" in gone:
            self._lines += gone.count("\n")
            self._column = len(gone) - gone.rindex("\n") - 1
        else:
            self._column += len(gone)
        self._text, self._at = self._text[self._at :], 0
        raw = _read(self._handle, self._path, max(CHUNK, len(self._text)))
        self._read += len(raw)
        if self._read > self._max_bytes:
            raise _too_big(self._path, self._max_bytes)
        held = len(self._decoder.getstate()[0])
        try:
            self._text += self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            raise _not_utf8(str(self._path), self._read - len(raw) - held + exc.start + 1) from None
        self._ended = not raw
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            blank = _BLANK.match(self._text, self._at)
            self._at = blank.end() if blank else self._at
            if self._at < len(self._text) or not self._more():
                return self._text[self._at : self._at + 1]

    def skip(self, count: int) -> None:
        self._at += count

    def entries(self, closing: str) -> Iterator[int]:
        """Count the entries of the object or list just opened, while the caller reads each,
        up to its `closing` bracket, which is passed."""
        self.skip(1)
        if self.peek() == closing:
            self.skip(1)
            return
        index = 0
        while True:
            yield index
            index += 1
            if self.peek() == closing:
                self.skip(1)
                return
            self.expect(",", "Expecting ',' delimiter")

    def expect(self, char: str, problem: str) -> None:
        if self.peek() != char:
            raise self.error(problem)
        self._at += 1

    def value(self) -> Any:
        """The JSON value that comes next."""
        self.peek()
        while True:
            try:
                value, end = self._scan(self._text, self._at)
            except json.JSONDecodeError as exc:
                if self._more():
                    continue  # the value goes on past what is held
                raise self._placed(exc) from None
            if end == len(self._text) and self._more():
                continue  # a number may go on
            self._at = end
            return value

    def error(self, problem: str) -> json.JSONDecodeError:
        return self._placed(json.JSONDecodeError(problem, self._text, self._at))

    def _placed(self, exc: json.JSONDecodeError) -> json.JSONDecodeError:
        """`exc` with its line and column in the file, not in the text held."""
        if exc.lineno == 1:
            exc.colno += self._column
        exc.lineno += self._lines
        return exc
