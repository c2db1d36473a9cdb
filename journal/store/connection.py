"""The journal's connection: every statement, BEGIN and COMMIT passes through
JournalDatabase, so a busy journal, a failed write or a refused one reaches every service's
caller as a RapportError in words; the pragmas every connection gets."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from peewee import DatabaseError
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from journal.errors import JournalBusy, JournalWriteFailed, RapportError
from journal.i18n import _

BUSY_TIMEOUT_MS = 5000
"""How long a background thread or the CLI waits for another writer (an import) to finish."""
INTERACTIVE_BUSY_TIMEOUT_MS = 250
"""How long the interactive thread waits instead: short, so a save never freezes the window."""

# WAL for concurrent readers; synchronous=FULL so a save reported done survives a power cut.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", 2),
    ("busy_timeout", BUSY_TIMEOUT_MS),
    ("temp_store", 2),
)

READ_PRAGMAS = (("foreign_keys", 1), ("busy_timeout", BUSY_TIMEOUT_MS), ("temp_store", 2))
"""A connection that never writes: the journal's mode is whatever its file says."""

# SQLite's primary result codes for the failures a user must be told about in words.
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_CONSTRAINT = (
    8,
    10,
    13,
    14,
    19,
)
_SQLITE_BUSY_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_CORRUPT = 11


def _sqlite_failure(exc: BaseException) -> tuple[int, str] | None:
    """The SQLite result code and message under a peewee error (peewee wraps the driver's)."""
    seen: BaseException | None = exc
    for _level in range(4):
        if seen is None:
            return None
        code = getattr(seen, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF, str(seen)
        wrapped = seen.args[0] if seen.args else None
        seen = wrapped if isinstance(wrapped, BaseException) else seen.__context__
    return None


def _in_words(exc: Exception, refusal: str) -> RapportError | None:
    """The RapportError a user is shown for a database failure, or None for a bug's error.
    `refusal`: why the journal takes no changes, for a write it refused."""
    failure = _sqlite_failure(exc)
    if failure is None:
        return None
    code, detail = failure
    if code in _SQLITE_BUSY_CODES:
        return JournalBusy()
    if code in (_SQLITE_READONLY, _SQLITE_CORRUPT) and refusal:
        return JournalWriteFailed(refusal)
    values = {"detail": detail}
    messages = {
        _SQLITE_FULL: _(
            "The journal could not be saved: the disk is full; nothing was changed. Free some "
            "space and try again."
        ),
        _SQLITE_READONLY: _(
            "The journal could not be saved: its file is read-only; nothing was changed. "
            "Check the permissions of the journal's folder."
        ),
        _SQLITE_IOERR: _(
            "The journal could not be saved: the disk reported an error (%(detail)s); "
            "the save may not have been kept. Check the disk, and look before saving it again."
        )
        % values,
        _SQLITE_CANTOPEN: _(
            "The journal's file could not be reached (%(detail)s); nothing was changed. Check "
            "that its folder is still there."
        )
        % values,
        _SQLITE_CONSTRAINT: _("The journal refused the change (%(detail)s); nothing was changed.")
        % values,
        _SQLITE_CORRUPT: (
            _(
                "The journal is damaged (%(detail)s). Keep the file as it is and run "
                "`rapport check`: it names the newest verified backup."
            )
            % {"detail": detail}
        ),
    }
    message = messages.get(code)
    return None if message is None else JournalWriteFailed(message)


@contextlib.contextmanager
def _user_facing_errors(refusal: str = "") -> Iterator[None]:
    try:
        yield
    except (DatabaseError, sqlcipher.DatabaseError) as exc:
        # peewee's (OperationalError, IntegrityError, a damaged page's error), or the
        # driver's own from a cursor used directly (execute_many)
        translated = _in_words(exc, refusal)
        if translated is None:
            raise
        raise translated from exc


class JournalDatabase(SqlCipherDatabase):  # type: ignore[misc]  # playhouse ships no types
    """The journal's database: every statement, BEGIN and COMMIT passes through here, so a
    busy journal or a failed write reaches every service's caller as a RapportError (shown
    as one line) without a handler in each service. Errors that mean a bug stay peewee's.

    The interactive thread (see `Journal.serve_interactively`) waits only briefly for
    another writer; every other thread waits BUSY_TIMEOUT_MS.
    """

    interactive_thread: int | None = None
    refusal = ""
    """Why the journal takes no changes ("" when it does): every write fails with this line."""
    damage: tuple[str, ...] = ()
    """What was found wrong with the journal when it opened."""
    _query_only = False  # writes refused after opening (the app's quick check): per connection

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        self._refuse_on_this_connection()
        with _user_facing_errors(self.refusal):
            return super().execute_sql(sql, params)

    def begin(self, lock_type: str | None = None) -> None:
        # A transaction writes unless it says otherwise (`atomic("DEFERRED")` for a read
        # snapshot). A deferred one that must upgrade to a write is refused at once when
        # another writer got in first (SQLite's deadlock rule, which skips the busy
        # timeout); IMMEDIATE takes the write lock at BEGIN, where the timeout applies.
        self._refuse_on_this_connection()
        with _user_facing_errors(self.refusal):
            super().begin(lock_type or "IMMEDIATE")

    def commit(self) -> None:
        with _user_facing_errors(self.refusal):
            super().commit()

    def rollback(self) -> None:
        conn = self._state.conn
        if conn is not None and not conn.in_transaction:
            return  # SQLite rolled a failed COMMIT back itself (a full disk)
        super().rollback()

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """One prepared statement run over many rows, failing in words like execute_sql."""
        self._refuse_on_this_connection()
        with _user_facing_errors(self.refusal):
            self.cursor().executemany(sql, rows)

    def refuse_writes(self, refusal: str) -> None:
        """From now on every connection refuses changes (`PRAGMA query_only`) with `refusal`."""
        self.refusal, self._query_only = refusal, True

    def _refuse_on_this_connection(self) -> None:
        state = self._state
        if (
            self._query_only
            and state.conn is not None
            and getattr(state, "refusing", None) is not state.conn
        ):
            state.conn.execute("PRAGMA query_only = 1")
            state.refusing = state.conn

    def _initialize_connection(self, conn: Any) -> None:
        super()._initialize_connection(conn)
        if self._query_only:
            conn.execute("PRAGMA query_only = 1")
            self._state.refusing = conn
        if threading.get_ident() == self.interactive_thread:
            conn.execute(f"PRAGMA busy_timeout = {INTERACTIVE_BUSY_TIMEOUT_MS:d}")
