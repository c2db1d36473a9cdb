"""The last line of defence for `rapport`: any failure becomes one line and an exit code,
never a traceback. Shared by the command line (journal.cli) and the app's plain start
(ui.entry), which does not load the command line's modules."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from journal.errors import RapportError

PROG = "rapport"


def guarded(call: Callable[[], int]) -> int:
    """Run `call` and return its exit code, saying what went wrong in one line if it fails."""
    try:
        return call()
    except RapportError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing was half-written.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"{PROG}: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("RAPPORT_DEBUG"):
            raise
        print(
            f"{PROG}: unexpected error ({type(exc).__name__}: {exc}); nothing was half-written. "
            "Run again with RAPPORT_DEBUG=1 for details and report it.",
            file=sys.stderr,
        )
        return 1
