"""Rules with one home: a client's first name, and a record looked up by id."""

from __future__ import annotations

import pytest

from journal.clients import create_client, delete_client
from journal.errors import UserInputError
from journal.store.database import Journal
from journal.store.models import Client, Commitment, get_record
from journal.templates.filling import context_values
from journal.values.names import first_name
from tests.conftest import NOW


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dr Priya Raman", "Priya"),
        ("Dr. Priya Raman", "Priya"),
        ("dr priya raman", "priya"),
        ("Prof. Dr. Eva Lind", "Eva"),
        ("Fil.dr Anna Berg", "Anna"),
        ("Mrs Jane Doe", "Jane"),
        ("Mr. Tom Becker", "Tom"),
        ("Ms Sofia Alvarez", "Sofia"),
        ("Maja Lindqvist", "Maja"),
        ("Cher", "Cher"),
        ("Dr", "Dr"),  # a name of a title alone stays as it is
        ("Drew Barrymore", "Drew"),  # a name that starts like a title is a name
        ("", ""),
    ],
)
def test_a_first_name_skips_the_titles(name: str, first: str) -> None:
    assert first_name(name) == first


def test_templates_greet_by_the_same_first_name(journal: Journal) -> None:
    priya = create_client("Dr Priya Raman")
    assert context_values(priya, "en", NOW)["client_first_name"] == "Priya"


def test_a_record_that_is_gone_is_said_in_one_line(journal: Journal) -> None:
    ada = create_client("Ada Lovelace")
    assert get_record(Client, ada.id).name == "Ada Lovelace"
    assert get_record(Client, ada.uid, by=Client.uid).id == ada.id
    delete_client(ada)
    with pytest.raises(UserInputError) as gone:
        get_record(Client, ada.id)
    assert str(gone.value) == "That client is no longer in the journal; it may have been deleted."
    with pytest.raises(UserInputError) as refreshed:
        get_record(Commitment, 12345, hint="the list was refreshed")
    assert str(refreshed.value).endswith("no longer in the journal; the list was refreshed.")
