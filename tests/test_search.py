"""Full-text search: finds what the coach wrote, stays in sync, survives anything typed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import clients
from journal.entries import capture, commitments
from journal.errors import UserInputError
from journal.search import search

AT = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


@pytest.fixture
def written(journal):
    anna = clients.create_client("Anna")
    call = capture.log_interaction(
        anna,
        at=AT,
        channel="phone",
        direction="two_way",
        summary="Budget talk",
        notes="She worries about the café's cash flow and her co-founder",
    )
    promise = commitments.add_commitment(anna, "client", "Send the quarterly numbers")
    return anna, call, promise


def test_finds_summaries_notes_and_commitments(written) -> None:
    _anna, call, promise = written
    assert [(h.kind, h.uid, h.client_name) for h in search("budget")] == [
        ("interaction", call.uid, "Anna")
    ]
    assert [(h.kind, h.uid) for h in search("cash flow")] == [("interaction", call.uid)]
    (hit,) = search("quarterly")
    assert (hit.kind, hit.uid, hit.client_name) == ("commitment", promise.uid, "Anna")
    assert hit.marked(hit.title) == "Send the [quarterly] numbers"


def test_diacritics_and_prefixes_match_as_a_coach_types(written) -> None:
    _anna, call, _promise = written
    (hit,) = search("cafe")  # café
    assert hit.uid == call.uid
    assert hit.marked(hit.snippet) == "She worries about the [café]'s cash flow and her co-founder"
    (hit,) = search("co-found")  # prefix of the last word
    assert hit.uid == call.uid
    assert hit.marked(hit.snippet).endswith("her [co]-[founder]")


def test_matches_are_highlighted(written) -> None:
    (hit,) = search("budget")
    assert hit.marked(hit.title) == "[Budget] talk"
    assert hit.client_name == "Anna"


def test_edits_and_deletes_are_reflected_at_once(written) -> None:
    _anna, call, _promise = written
    capture.update_interaction(call, summary="Pricing talk")
    assert search("budget") == []
    assert len(search("pricing")) == 1
    capture.delete_interaction(call)
    assert search("pricing") == []


ADVICE = "Type at least one letter or digit to search for."
# FTS5 query syntax, and what a coach might type that looks like it.
SYNTAX_WITH_WORDS = ["AND", "OR NOT", "a*", "NEAR(", "col:umn", "-x"]
SYNTAX_WITHOUT = ['"', "(", ")", "*", "^", "\\", "''", "🙂"]


@pytest.fixture
def odd_words(written):
    """An entry whose notes hold the query syntax itself, word for word."""
    anna, _call, _promise = written
    return capture.log_interaction(
        anna,
        at=AT + dt.timedelta(days=1),
        channel="email",
        direction="out",
        summary="Odd words",
        notes="She typed " + " ".join(SYNTAX_WITH_WORDS + SYNTAX_WITHOUT),
    )


@pytest.mark.parametrize("query", SYNTAX_WITH_WORDS)
def test_query_syntax_is_searched_as_text_never_an_error(odd_words, query: str) -> None:
    hits = search(query)
    assert odd_words.uid in [h.uid for h in hits]
    if query in ("OR NOT", "col:umn", "NEAR("):  # words only that entry has
        assert [h.uid for h in hits] == [odd_words.uid]


@pytest.mark.parametrize("query", SYNTAX_WITHOUT)
def test_a_query_without_a_letter_or_digit_gets_the_one_line_advice(odd_words, query) -> None:
    with pytest.raises(UserInputError, match=f"^{re.escape(ADVICE)}$"):
        search(query)


HYPOTHESIS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(query=st.text(max_size=60))
def test_any_text_gives_results_or_a_clear_message(written, query: str) -> None:
    anna, call, promise = written
    if not re.search(r"\w", query):  # no letter, digit or underscore
        with pytest.raises(UserInputError, match=f"^{re.escape(ADVICE)}$"):
            search(query)
        return
    hits = search(query)  # with a letter or digit, never the advice nor an error
    assert {(h.client_name, h.uid) for h in hits} <= {
        ("Anna", anna.uid),
        ("Anna", call.uid),
        ("Anna", promise.uid),
    }


NOT_A_WORD = st.text(st.characters(categories=["P", "S", "Z"], exclude_characters="_"), max_size=8)


@HYPOTHESIS
@given(before=NOT_A_WORD, after=NOT_A_WORD)
def test_punctuation_typed_around_a_word_still_finds_its_entry(
    written, before: str, after: str
) -> None:
    _anna, call, _promise = written
    hits = search(f"{before}budget{after}")
    assert [(h.uid, h.marked(h.title)) for h in hits] == [(call.uid, "[Budget] talk")]


def test_a_clients_profile_notes_and_project_are_found_too(demo_journal) -> None:
    """Where the coach met her is in Maja's profile, not in any interaction."""
    from journal.clients import find_client, update_client

    maja = find_client("Maja")
    (hit,) = [h for h in search("Göteborg") if h.kind == "client"]
    assert (hit.client_name, hit.ref_id, hit.uid, hit.when) == (maja.name, maja.id, maja.uid, None)
    update_client(maja, notes="Met at a conference in Malmö.")
    assert not [h for h in search("Göteborg") if h.kind == "client"]  # kept in sync
    assert [h.client_name for h in search("Malmö") if h.kind == "client"] == [maja.name]


def _writes(journal, change) -> int:
    """Rows the database wrote for `change`, the search index's shadow tables included."""
    before = journal.db.execute_sql("SELECT total_changes()").fetchone()[0]
    change()
    return journal.db.execute_sql("SELECT total_changes()").fetchone()[0] - before


def test_a_tick_or_a_feeling_leaves_the_search_index_alone(journal, written) -> None:
    """The index's triggers fire only on the columns they index: an edit that does not touch
    the words costs one row, whatever the journal's size (issue 15)."""
    _anna, call, promise = written
    assert _writes(journal, lambda: capture.update_interaction(call, feeling=1)) == 1
    assert _writes(journal, lambda: commitments.set_done(promise, AT.date())) == 1
    assert _writes(journal, lambda: capture.update_interaction(call, summary="Cash talk")) > 1
    assert [h.uid for h in search("cash talk")] == [call.uid]
    assert journal.problems() == []
