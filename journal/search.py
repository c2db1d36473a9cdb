"""Full-text search (FTS5) over summaries, notes, commitments and client profiles.

Whatever the user types is turned into quoted FTS5 terms, so no input can be read as
query syntax: "AND", stray quotes, parentheses and asterisks are searched as text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journal.errors import UserInputError
from journal.i18n import _
from journal.store.models import Commitment, Interaction, database

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "interaction", "commitment" or "client" (the profile)
    ref_id: int
    uid: str
    client_id: int
    client_name: str
    when: dt.datetime | dt.date | None
    title: str  # with HIGHLIGHT_START/END around matches
    snippet: str

    def plain(self, text: str) -> str:
        return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")

    def marked(self, text: str, start: str = "[", end: str = "]") -> str:
        return text.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end)


MAX_WORDS = 24
"""A search is a few words; a pasted page is refused before FTS5 works through it."""
RANKED = 5000
"""At most this many matches, the newest, are ranked: a common prefix in a decade of notes
must not make every keystroke rank the whole journal."""


def match_expression(query: str) -> str:
    """Every word the user typed must appear; the last one may be a prefix (search as you type)."""
    words = _TOKEN.findall(query)
    if not words:
        raise UserInputError(_("Type at least one letter or digit to search for."))
    if len(words) > MAX_WORDS:
        raise UserInputError(
            _(
                "That is %(count)s words; search for a few (at most %(most)s) that "
                "the note you want would hold."
            )
            % {"count": len(words), "most": MAX_WORDS}
        )
    terms = [f'"{word}"' for word in words]
    terms[-1] += "*"
    return " ".join(terms)


def search(query: str, limit: int = 100, client_id: int | None = None) -> list[SearchHit]:
    """The best `limit` matches, ranked among the newest RANKED: one pass over the matches
    finds where those begin (a scalar subquery, run once), one more ranks them."""
    expression = match_expression(query)
    only = "" if client_id is None else " AND client_id = ?"
    client = [] if client_id is None else [client_id]
    sql = (
        "SELECT kind, ref_id, client_id, "
        "highlight(search_index, 0, ?, ?), snippet(search_index, 1, ?, ?, '…', 16) "
        f"FROM search_index WHERE search_index MATCH ?{only} AND rowid >= coalesce(("
        f"SELECT rowid FROM search_index WHERE search_index MATCH ?{only} "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?), 0) "
        "ORDER BY bm25(search_index, 4.0, 1.0) LIMIT ?"
    )
    marks = [HIGHLIGHT_START, HIGHLIGHT_END, HIGHLIGHT_START, HIGHLIGHT_END]
    params = [*marks, expression, *client, expression, *client, RANKED - 1, limit]
    rows = database.execute_sql(sql, params).fetchall()
    return _resolve(rows)


def _resolve(rows: list[tuple[str, int, int, str, str]]) -> list[SearchHit]:
    """The hits with their record's uid and date, read as plain tuples (no model objects,
    nor query objects: one plain SELECT per kind)."""
    wanted: dict[str, set[int]] = {"client": set(), "interaction": set(), "commitment": set()}
    for kind, ref_id, client_id, _title, _snippet in rows:
        wanted[kind].add(ref_id)
        wanted["client"].add(client_id)
    found: dict[str, dict[int, tuple[Any, ...]]] = {}
    for kind, (table, detail, convert) in _RECORDS.items():
        ids = list(wanted[kind])
        marks = ", ".join("?" * len(ids))
        sql = f"SELECT id, uid, {detail} FROM {table} WHERE id IN ({marks})"
        read = database.execute_sql(sql, ids).fetchall() if ids else []
        found[kind] = {row[0]: (row[1], convert(row[2])) for row in read}
    names = {cid: name for cid, (_uid, name) in found["client"].items()}
    hits = []
    for kind, ref_id, client_id, title, snippet in rows:
        record = found[kind].get(ref_id)
        if record is None:
            continue
        uid, detail = record
        when = None if kind == "client" else detail  # the profile has no date
        hits.append(
            SearchHit(kind, ref_id, uid, client_id, names.get(client_id, ""), when, title, snippet)
        )
    return hits


_RECORDS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "client": ("client", "name", str),
    "interaction": ("interaction", "at", Interaction.at.python_value),
    "commitment": ("commitment", "due", Commitment.due.python_value),
}
"""Each kind's table, the column a hit shows (a client's name, a moment, a due day) and how
its stored value is read (the models' own conversion)."""
