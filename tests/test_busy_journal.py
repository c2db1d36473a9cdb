"""A journal another writer holds (an import) answers in words, and database failures a user
must see are RapportErrors raised by journal/, so no caller needs peewee's exceptions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import peewee
import pytest

from journal import settings
from journal.clients import create_client, list_clients
from journal.entries.drafts import pending_drafts, save_draft
from journal.errors import JournalBusy, JournalWriteFailed, RapportError, UserInputError
from journal.store.database import (
    BUSY_TIMEOUT_MS,
    INTERACTIVE_BUSY_TIMEOUT_MS,
    Journal,
    release_thread_connection,
)
from journal.store.models import Client, database
from tests.support.busy import OtherWriter


def on_thread(call: Callable[[], Any]) -> Any:
    """Run `call` on a fresh thread (its own connection) and return or raise what it did."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the test
            outcome["error"] = exc
        finally:
            release_thread_connection()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def interactive(journal: Journal) -> Iterator[Journal]:
    journal.serve_interactively()
    yield journal


def _busy_timeout() -> int:
    return database.execute_sql("PRAGMA busy_timeout").fetchone()[0]


def test_a_write_while_an_import_holds_the_journal_is_busy_in_words(interactive):
    with OtherWriter(), pytest.raises(JournalBusy) as raised:
        create_client("Typed during the import")
    assert isinstance(raised.value, RapportError)
    assert str(raised.value) == (
        "The journal is busy: an import or another Rapport is writing to it; nothing was "
        "changed — try again in a moment."
    )
    assert [c.name for c in list_clients()] == ["Imported Irene"]  # the import, whole
    assert create_client("Typed afterwards").name == "Typed afterwards"


def test_a_draft_during_an_import_is_busy_and_kept_once_it_is_over(interactive):
    with OtherWriter():
        with pytest.raises(JournalBusy):
            save_draft("new-1", {"summary": "Call with Irene"})
        assert pending_drafts() == []  # reading still works while the import writes
    save_draft("new-1", {"summary": "Call with Irene"})
    assert [d.payload["summary"] for d in pending_drafts()] == ["Call with Irene"]


def test_the_interactive_thread_waits_briefly_and_workers_wait_long(journal):
    assert _busy_timeout() == BUSY_TIMEOUT_MS  # the CLI, until the app says otherwise
    journal.serve_interactively()
    assert _busy_timeout() == INTERACTIVE_BUSY_TIMEOUT_MS < 1000
    assert on_thread(_busy_timeout) == BUSY_TIMEOUT_MS
    # A reconnect on the interactive thread keeps the short wait.
    database.close()
    assert _busy_timeout() == INTERACTIVE_BUSY_TIMEOUT_MS


def test_a_refused_change_is_a_write_failure_in_words_and_nothing_is_written(journal):
    ada = create_client("Ada Berg")
    with pytest.raises(JournalWriteFailed) as raised, database.atomic():
        Client.create(name="Second Ada", uid=ada.uid)
    assert "refused the change" in str(raised.value)
    assert "nothing was changed" in str(raised.value)
    assert [c.name for c in list_clients()] == ["Ada Berg"]


def test_a_bug_in_sql_stays_a_peewee_error_and_is_not_dressed_up(journal):
    with pytest.raises(peewee.OperationalError) as raised:
        database.execute_sql("SELECT nonsense FROM nowhere")
    assert not isinstance(raised.value, RapportError)


def test_settings_are_stored_all_or_nothing(journal):
    with pytest.raises(UserInputError) as raised:
        settings.set_values({"my_name": "Eva Coach", "language": "fr"})
    assert "Language" in str(raised.value)
    assert settings.get("my_name") == ""  # the good value was not stored either
    stored = settings.set_values({"my_name": "Eva Coach", "language": "sv"})
    assert stored == {"my_name": "Eva Coach", "language": "sv"}
    assert (settings.get("my_name"), settings.get("language")) == ("Eva Coach", "sv")


def test_settings_during_an_import_are_busy_and_none_is_stored(interactive):
    with OtherWriter(), pytest.raises(JournalBusy):
        settings.set_values({"my_name": "Eva Coach", "signature": "Eva"})
    assert (settings.get("my_name"), settings.get("signature")) == ("", "")


def test_release_thread_connection_closes_only_the_callers_connection(journal):
    def connect_then_release() -> tuple[bool, bool]:
        list_clients()
        opened = not database.is_closed()
        release_thread_connection()
        return opened, database.is_closed()

    assert on_thread(connect_then_release) == (True, True)
    assert not database.is_closed()  # this thread's connection is untouched
    journal.close()
    release_thread_connection()  # no journal bound: nothing to do, no error
