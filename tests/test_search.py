"""Full-text search: finds what the coach wrote, stays in sync, survives anything typed."""

from __future__ import annotations

import datetime as dt

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
    commitments.add_commitment(anna, "client", "Send the quarterly numbers")
    return anna, call


def test_finds_summaries_notes_and_commitments(written) -> None:
    assert [h.kind for h in search("budget")] == ["interaction"]
    assert [h.kind for h in search("cash flow")] == ["interaction"]
    assert [h.kind for h in search("quarterly")] == ["commitment"]


def test_diacritics_and_prefixes_match_as_a_coach_types(written) -> None:
    assert search("cafe")  # café
    assert search("co-found")  # prefix of the last word


def test_matches_are_highlighted(written) -> None:
    (hit,) = search("budget")
    assert hit.marked(hit.title) == "[Budget] talk"
    assert hit.client_name == "Anna"


def test_edits_and_deletes_are_reflected_at_once(written) -> None:
    _anna, call = written
    capture.update_interaction(call, summary="Pricing talk")
    assert search("budget") == []
    assert len(search("pricing")) == 1
    capture.delete_interaction(call)
    assert search("pricing") == []


@pytest.mark.parametrize(
    "query",
    ['"', "AND", "OR NOT", "a*", "(", ")", "NEAR(", "*", "^", "col:umn", "\\", "''", "-x", "🙂"],
)
def test_query_syntax_is_searched_as_text_never_an_error(written, query: str) -> None:
    try:
        search(query)
    except UserInputError as exc:
        assert "Type at least one letter" in str(exc)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_any_text_gives_results_or_a_clear_message(written, query: str) -> None:
    try:
        hits = search(query)
    except UserInputError as exc:
        assert str(exc) == "Type at least one letter or digit to search for."
    else:
        assert isinstance(hits, list)


def test_a_clients_profile_notes_and_project_are_found_too(demo_journal) -> None:
    """Where the coach met her is in Maja's profile, not in any interaction."""
    from journal.clients import find_client, update_client

    maja = find_client("Maja")
    (hit,) = [h for h in search("Göteborg") if h.kind == "client"]
    assert (hit.client_name, hit.ref_id, hit.uid, hit.when) == (maja.name, maja.id, maja.uid, None)
    update_client(maja, notes="Met at a conference in Malmö.")
    assert not [h for h in search("Göteborg") if h.kind == "client"]  # kept in sync
    assert [h.client_name for h in search("Malmö") if h.kind == "client"] == [maja.name]
