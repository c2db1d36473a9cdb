"""The last line of defence for `rapport`: any failure becomes one line and an exit code,
never a traceback; and what a command prints cannot drive the terminal.

Names, summaries and notes are the coach's (or an imported file's) words: a terminal escape
sequence in one would otherwise clear the screen or retitle the window when printed. While a
command runs, control characters on standard output and error are shown as `\\x1b` and the
like."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from journal.errors import RapportError, UserInputError, os_problem
from journal.i18n import _

PROG = "rapport"
_INERT = {
    code: f"\\x{code:02x}"
    for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))
}


def inert(text: str) -> str:
    """Text with its control characters (tab and newline apart) shown, not obeyed."""
    return text.translate(_INERT)


class _InertStream:
    """A text stream that writes everything through `inert`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(inert(text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding...: the stream's own
        return getattr(self._stream, name)


@contextlib.contextmanager
def _inert_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _InertStream(out), _InertStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def check_arguments(argv: Sequence[str]) -> None:
    """Refuse an argument that is not valid UTF-8, naming it: Python hands such bytes over as
    lone surrogates, which no file, database or terminal can take."""
    for number, argument in enumerate(argv, start=1):
        problem = _("holds a NUL character; remove it") if "\x00" in argument else ""
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            problem = _("is not valid UTF-8; retype it, or set the terminal to UTF-8")
        if problem:
            previous = argv[number - 2] if number > 1 else ""
            values = {
                "n": number,
                "typed": _as_typed(argument),
                "flag": previous,
                "problem": problem,
            }
            if previous.startswith("-"):
                line = _("argument %(n)d (%(typed)s, after %(flag)s) %(problem)s.")
            else:
                line = _("argument %(n)d (%(typed)s) %(problem)s.")
            raise UserInputError(line % values)


def _as_typed(argument: str) -> str:
    """The argument as typed, cut short, its undecodable bytes as \\xNN."""
    try:
        raw = argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that was not a byte (made in-process)
        raw = argument.encode("utf-8", "backslashreplace")
    typed = raw.decode("utf-8", "backslashreplace")
    return f"'{typed[:50]}…'" if len(typed) > 50 else f"'{typed}'"


def guarded(call: Callable[[], int]) -> int:
    """Run `call` and return its exit code, saying what went wrong in one line if it fails."""
    with _inert_output():
        return _reported(call)


def _reported(call: Callable[[], int]) -> int:
    try:
        return call()
    except RapportError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            _("%(prog)s: interrupted; nothing was half-written.") % {"prog": PROG}, file=sys.stderr
        )
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"{PROG}: {os_problem(exc)}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("RAPPORT_DEBUG"):
            raise
        print(
            _(
                "%(prog)s: unexpected error (%(error)s); nothing was half-written. "
                "Run again with RAPPORT_DEBUG=1 for details and report it."
            )
            % {"prog": PROG, "error": f"{type(exc).__name__}: {exc}"},
            file=sys.stderr,
        )
        return 1
