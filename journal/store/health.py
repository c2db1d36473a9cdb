"""Whether a journal, or a copy of it, is whole: SQLite's own check of every page, the links
between records, the search index, and for a copy, that it holds what the journal holds.

Run on a read-only connection where possible, so a check never changes what it checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from journal.errors import JournalUnavailable
from journal.i18n import _, ngettext

COUNTED = ("client", "interaction", "commitment")
"""The tables whose rows a verified copy must hold as many of as the journal."""
SHOWN = 5  # problems named in a message; the rest are counted


def problems_in(conn: Any, quick: bool = False) -> list[str]:
    """What is wrong with the database on `conn` (a sqlcipher3 or peewee connection), in
    words; empty when it is whole."""
    try:
        problems = tree_problems(conn, quick)
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            table, row = orphans[0][0], orphans[0][1]
            problems.append(
                ngettext(
                    "%(n)d record points at a record that is gone (%(table)s %(row)s)",
                    "%(n)d records point at records that are gone (first: %(table)s %(row)s)",
                    len(orphans),
                )
                % {"n": len(orphans), "table": table, "row": row}
            )
        if not quick:
            _check_search_index(conn)
    except sqlcipher.DatabaseError as exc:
        problems = [unreadable(exc)]
    return problems


def page_problems(conn: Any) -> list[str]:
    """SQLCipher's check of every page of the file against its own authentication code: the
    cheap part of the quick check (no walk of the trees), for before every CLI write."""
    try:
        found = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except sqlcipher.DatabaseError as exc:
        return [unreadable(exc)]
    return [_("damaged pages: %(pages)s") % {"pages": line} for line in found]


def unreadable(exc: Exception) -> str:
    return _("the file cannot be read whole (%(problem)s)") % {"problem": exc}


def _check_search_index(conn: Any) -> None:
    """FTS5's own check, which is an INSERT: skipped on a connection that never writes (a
    read-only or refused journal), where SQLite refuses it before it runs."""
    try:
        conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
    except sqlcipher.OperationalError as exc:
        if "readonly" not in str(exc):
            raise


def tree_problems(conn: Any, quick: bool = False) -> list[str]:
    """SQLite's own check of every page's trees (`quick_check` skips the indexes' contents)."""
    check = "quick_check" if quick else "integrity_check"
    found = [row[0] for row in conn.execute(f"PRAGMA {check}").fetchall()]
    return (
        []
        if found == ["ok"]
        else [_("damaged pages: %(pages)s") % {"pages": line} for line in found]
    )


def counts(conn: Any) -> dict[str, int]:
    return {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in COUNTED
    }


def quiet_cipher_log() -> None:
    """SQLCipher logs decrypt failures to stderr; Rapport reports them itself, in one line."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


def read_only(path: Path, key: str, mode: str = "mode=ro") -> Any:
    """A connection to the database at `path` keyed with `key` that never writes the file:
    `mode=ro`, or `immutable=1`, which also ignores the write-ahead file."""
    quiet_cipher_log()  # a wrong key is an answer here, not an error to print
    conn = sqlcipher.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, isolation_level=None)
    quoted = key.replace("'", "''")
    conn.execute(f"PRAGMA key='{quoted}'")  # as peewee keys its own connections
    return conn


def undecryptable(exc: BaseException) -> bool:
    """Whether SQLCipher's error means the key does not read the pages."""
    return "not a database" in str(exc) or "encrypted" in str(exc)


def unlocks(
    path: Path, key: str, mode: str = "mode=ro", probe: str = "SELECT count(*) FROM sqlite_master"
) -> bool:
    """Whether `key` reads the database at `path` (as far as `probe` reads) on a connection
    that never writes the file, so a failed try changes nothing. False when the pages do not
    decrypt; a failure of another kind is raised."""
    conn = read_only(path, key, mode)
    try:
        conn.execute(probe).fetchone()
        return True
    except sqlcipher.DatabaseError as exc:
        if undecryptable(exc):
            return False
        raise JournalUnavailable(
            _("Cannot read %(path)s: %(exc)s.") % {"path": path, "exc": exc}
        ) from exc
    finally:
        conn.close()


def copy_problems(path: Path, key: str, before: dict[str, int], after: dict[str, int]) -> list[str]:
    """What is wrong with the encrypted copy at `path`: it must open with `key`, pass the
    quick check and hold as many clients, interactions and commitments as the journal held
    `before` the copy or `after` it (or a number between: a save may land meanwhile).
    Links between records are not checked here: a copy holds the journal's own (an old
    dangling one included, which must not make every backup fail); `rapport check` names them."""
    try:
        conn = read_only(path, key)
    except sqlcipher.DatabaseError as exc:
        raise JournalUnavailable(
            _("Cannot read the copy at %(path)s: %(exc)s.") % {"path": path, "exc": exc}
        ) from exc
    try:
        try:
            problems = tree_problems(conn, quick=True)
        except sqlcipher.DatabaseError as exc:
            problems = [unreadable(exc)]
        if not problems:
            found = counts(conn)
            problems = [
                _("%(table)s: %(found)d rows, the journal has %(held)d")
                % {"table": table, "found": found[table], "held": before[table]}
                for table in COUNTED
                if not min(before[table], after[table])
                <= found[table]
                <= max(before[table], after[table])
            ]
        return problems
    finally:
        conn.close()


def in_words(problems: list[str]) -> str:
    more = len(problems) - SHOWN
    shown = "; ".join(problems[:SHOWN])
    if more <= 0:
        return shown
    return _("%(problems)s; and %(n)d more") % {"problems": shown, "n": more}
