"""The search index's shape since schema 10: one FTS5 row per record, keyed by rowid, kept in
sync by triggers that fire only on the columns they index; since schema 12 it also keeps the
two- and three-letter prefixes of its words (each a migration step of its own,
journal.store.migrations)."""

from __future__ import annotations

from typing import Any

# Each indexed record's row in the search index is its id times four plus its kind, so a
# trigger finds it by rowid (one seek) rather than by scanning unindexed columns.
_SEARCH_SOURCES = {  # kind: (its code, title, body, client id, the columns indexed)
    "interaction": (1, "{r}.summary", "{r}.notes", "{r}.client_id", "summary, notes, client_id"),
    "commitment": (2, "{r}.text", "''", "{r}.client_id", "text, client_id"),
    "client": (3, "{r}.project", "{r}.notes", "{r}.id", "project, notes"),
}
_SEARCH_COLUMNS = "(rowid, title, body, kind, ref_id, client_id)"


def _search_row(kind: str, ref: str) -> str:
    """The search-index values of record `ref` (new, old or the table itself) of `kind`."""
    code, title, body, client, _watched = _SEARCH_SOURCES[kind]
    values = ", ".join(part.format(r=ref) for part in (title, body, client))
    title_body, client_id = values.rsplit(", ", 1)
    return f"{ref}.id * 4 + {code}, {title_body}, '{kind}', {ref}.id, {client_id}"


def search_rows_by_rowid(db: Any) -> None:
    """Writes in constant time: the search index is rebuilt keyed by rowid, and each trigger
    fires only when a column it indexes changes (a tick or a feeling leaves the index be)."""
    _rebuild(db, "")


def search_prefixes(db: Any) -> None:
    """Search as you type without reading every word the letters begin: the index is rebuilt
    keeping each word's first two and three letters as terms of their own, so the prefix of
    a first keystroke or two reads one list of matches instead of merging the lists of every
    word it begins (FTS5's `prefix` option; a longer prefix begins few enough words)."""
    _rebuild(db, ", prefix = '2 3'")


def _rebuild(db: Any, options: str) -> None:
    """The search index made anew with FTS5 `options`, filled from the records, and its
    triggers."""
    for kind in _SEARCH_SOURCES:
        for event in ("insert", "update", "delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {kind}_fts_{event}")
    db.execute_sql("DROP TABLE search_index")
    db.execute_sql(
        f"""CREATE VIRTUAL TABLE search_index USING fts5 (
            title, body, kind UNINDEXED, ref_id UNINDEXED, client_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2'{options}
        )"""
    )
    for kind, (code, *_parts, watched) in _SEARCH_SOURCES.items():
        insert = f"INSERT INTO search_index {_SEARCH_COLUMNS}"
        gone = f"DELETE FROM search_index WHERE rowid = old.id * 4 + {code};"
        for sql in (
            f"CREATE TRIGGER {kind}_fts_insert AFTER INSERT ON {kind} BEGIN "
            f"{insert} VALUES ({_search_row(kind, 'new')}); END",
            f"CREATE TRIGGER {kind}_fts_update AFTER UPDATE OF {watched} ON {kind} BEGIN "
            f"{gone} {insert} VALUES ({_search_row(kind, 'new')}); END",
            f"CREATE TRIGGER {kind}_fts_delete AFTER DELETE ON {kind} BEGIN {gone} END",
            f"{insert} SELECT {_search_row(kind, kind)} FROM {kind}",
        ):
            db.execute_sql(sql)
