"""`rapport` alone (or with --home) opens the app without loading the command line's modules;
any other arguments go through the parser, as before."""

from __future__ import annotations

import pytest

from journal.overview import rows_read_ahead
from journal.store.database import Journal, connect_current, open_journal
from journal.store.migrations import SCHEMA_VERSION
from journal.store.models import database
from ui.entry import plain_app_start


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--home", "/j"], (True, "/j")),
        (["--home=/j"], (True, "/j")),
        (["--demo"], (False, None)),
        (["--home"], (False, None)),  # the parser says what is missing
        (["--home", "--demo"], (False, None)),
        (["--home="], (False, None)),
        (["--home", "/j", "--demo"], (False, None)),
        (["log", "Maja", "Called"], (False, None)),
        (["--help"], (False, None)),
    ],
)
def test_only_a_plain_app_start_skips_the_parser(
    args: list[str], expected: tuple[bool, str | None]
) -> None:
    assert plain_app_start(args) == expected


def test_the_rows_are_read_ahead_only_from_a_journal_at_the_current_schema(
    journal: Journal,
) -> None:
    from journal.clients import create_client

    create_client("Maja Lind")
    key, home = journal._key, journal.home
    journal.close()
    rows = rows_read_ahead(home, key)
    database.close()  # in the helper the connection ends with the process; here, now
    assert rows is not None and [row.name for row in rows] == ["Maja Lind"]
    older = open_journal(home)
    older.db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION - 1:d}")  # as before an update
    older.close()
    assert connect_current(home, key) is None  # left to the app, which migrates it first
    assert rows_read_ahead(home, key) is None
