"""Generated hostile imports and searches against one small journal: each ends accepted or as
a one-line RapportError, never another exception, and a refused import changes nothing
(issue 13, "Tests that try to lose data"). The counts are the README's figures."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import search
from journal.entries.capture import SELF_CHECK_QUESTIONS
from journal.errors import RapportError
from journal.interchange import importing
from journal.interchange.demo import populate_demo
from journal.interchange.document import CLIENT_KEYS, INTERACTION_KEYS
from journal.store.models import Client, Commitment, Interaction, database
from tests.conftest import NOW

IMPORTS = 1000
SEARCHES = 1000
RUN = settings(
    max_examples=IMPORTS,
    deadline=None,
    database=None,  # the same examples on every run and machine
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY_CHARS = ["\ud800", "\udfff", "\udc80", "\x00", "\x1b", "\u202e", "\ufeff", "\r", "é"]
text = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(NASTY_CHARS)), max_size=12
) | st.sampled_from(["", " ", "a" * 201, "x" * 5000, "\x1b[2J"])
dates = st.sampled_from(
    [
        "2026-03-02T10:00+01:00",
        "2026-03-02",
        "0001-01-01T00:00+14:00",
        "9999-12-31T23:59-14:00",
        "1899-12-31T23:59:59+00:00",
        "2200-01-01T00:00Z",
        "2026-02-30T10:00+01:00",
        "2026-03-02T10:00+25:00",
        "2026-03-29T02:30",
        "+275760-09-13",
        "1900-01-01",
        "2199-12-31",
    ]
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -(10**400), 0, 1, 2, -2, 5, 365, True, False]),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), text, dates, numbers, st.booleans())
garbage = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
deep = st.integers(min_value=10, max_value=40).map(lambda n: _nested(n))
leaf = st.one_of(scalars, garbage, deep)
VALID_LEAVES: dict[str, Any] = {
    "at": dates,
    "channel": st.sampled_from(["email", "phone", "fax", "EMAIL"]),
    "direction": st.sampled_from(["in", "out", "two_way", "sideways"]),
    "summary": text,
    "notes": text,
    "feeling": numbers,
    "emotions": st.lists(text, max_size=3),
    "awaits_reply": st.booleans(),
    "follow_up_on": dates,
    "self_check": st.dictionaries(
        st.sampled_from([key for key, _ in SELF_CHECK_QUESTIONS] + ["other"]), leaf, max_size=2
    ),
    "template": st.sampled_from(["", "closing-the-loop", "Not An Id", "a" * 61]),
    "name": text,
    "cadence_days": numbers,
    "fit": numbers,
    "status": st.sampled_from(["active", "paused", "lost"]),
    "cue_settings": st.dictionaries(
        st.sampled_from(["cue_reply_window_days", "cue_over_contact_factor", "nope"]),
        numbers | text,
        max_size=2,
    ),
}


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for n in range(depth):
        value = [value] if n % 2 else {"k": value}
    return value


def _value(key: str) -> st.SearchStrategy[Any]:
    """A plausible value for the field, or a hostile one."""
    plausible = VALID_LEAVES.get(key, text)
    return st.one_of(plausible, plausible, leaf)


def _record(keys: tuple[str, ...], extra: dict[str, st.SearchStrategy[Any]]) -> Any:
    fields = {key: _value(key) for key in keys}
    return st.fixed_dictionaries(
        {}, optional={**fields, **extra, "id": text | numbers, "surprise": leaf}
    )


interactions = _record(INTERACTION_KEYS, {})
commitments = _record(
    ("owner", "text", "due", "done_on", "from_interaction"),
    {"owner": st.sampled_from(["me", "client", "boss"]) | leaf, "due": dates | leaf},
)
clients = _record(
    CLIENT_KEYS,
    {
        "interactions": st.lists(interactions | leaf, max_size=3) | leaf,
        "commitments": st.lists(commitments | leaf, max_size=2) | leaf,
    },
)
documents = st.one_of(
    st.fixed_dictionaries(
        {
            "format": st.just("rapport-journal") | leaf,
            "version": st.just(1) | leaf,
            "clients": st.lists(clients | leaf, max_size=3) | leaf,
        }
    ),
    st.fixed_dictionaries(
        {"format": st.just("rapport-journal"), "version": st.just(1)},
        optional={"clients": st.lists(clients, max_size=2), "extra": leaf},
    ),
    leaf,
)


def _dump() -> list[Any]:
    return [list(model.select().tuples()) for model in (Client, Interaction, Commitment)] + [
        database.execute_sql("SELECT count(*) FROM search_index").fetchall()
    ]


def _one_line(error: RapportError) -> None:
    message = str(error)
    assert message and "\n" not in message and len(message) < 300, message


@pytest.fixture
def small_journal(journal):
    populate_demo(NOW)
    return journal


@RUN
@given(document=documents)
def test_a_generated_hostile_import_is_accepted_whole_or_refused_in_one_line(
    small_journal, document: Any
) -> None:
    before = _dump()
    try:
        importing.import_data(document)
    except RapportError as refused:
        _one_line(refused)
        assert _dump() == before  # nothing half-written
    else:
        assert len(_dump()[0]) > len(before[0]) or not document.get("clients")


FTS_PIECES = ['"', "'", "*", "^", ":", "(", ")", "-", "+", "{", "}", "NEAR(", "NEAR/2",
              "AND", "OR", "NOT", "summary:", "title:", "kind:", "Maja", "call", "é", "\x00",
              " "]  # fmt: skip
queries = st.one_of(
    st.lists(st.sampled_from(FTS_PIECES) | st.text(max_size=3), max_size=8).map("".join),
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["x" * 100_000, "a " * 5000, "\ud800", "NEAR(a b, -1)", '"""']),
)


@settings(RUN, max_examples=SEARCHES)
@given(query=queries)
def test_a_generated_search_never_errors_beyond_one_line(small_journal, query: str) -> None:
    try:
        search.search(query)
    except RapportError as refused:
        _one_line(refused)
