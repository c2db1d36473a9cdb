"""Import merges by id: a JSON export whose clients the journal already holds updates them
and adds what is new, instead of being refused; a name alone never merges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from journal.clients import create_client, find_client, list_clients, update_client
from journal.entries.capture import interactions_of, log_interaction, update_interaction
from journal.entries.commitments import add_commitment, commitments_of
from journal.errors import UserInputError
from journal.interchange.demo import demo_document
from journal.interchange.export import export_journal as export_data
from journal.interchange.importing import import_data
from journal.store.database import Journal
from tests.conftest import NOW
from tests.support.sync_devices import Device, converge

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _exported() -> dict[str, Any]:
    maja = create_client("Maja Berg", phone="070-1")
    call = log_interaction(maja, at=AT, channel="phone", direction="two_way", summary="Kick-off")
    add_commitment(maja, "me", "Send the plan", interaction=call)
    create_client("Tom Ek")
    return export_data()


def test_an_export_of_known_clients_updates_and_adds_by_id(journal: Journal) -> None:
    data = _exported()
    maja = next(c for c in data["clients"] if c["name"] == "Maja Berg")
    maja["phone"] = "070-2"
    maja["interactions"][0]["summary"] = "Kick-off, with goals"
    later = {**maja["interactions"][0], "id": "new-call", "summary": "Follow-up"}
    later["at"] = "2026-03-09T09:00:00Z"
    maja["interactions"].append(later)
    maja["commitments"][0]["done_on"] = "2026-03-04"
    data["clients"].append({"name": "Nora Lind"})
    summary = import_data(data)
    assert (summary.clients, summary.interactions, summary.commitments) == (3, 2, 1)
    assert sorted(c.name for c in list_clients()) == ["Maja Berg", "Nora Lind", "Tom Ek"]
    merged = find_client("Maja Berg")
    assert merged.phone == "070-2"
    assert [i.summary for i in interactions_of(merged, newest_first=False)] == [
        "Kick-off, with goals",
        "Follow-up",
    ]
    [promise] = commitments_of(merged)
    assert promise.done_on == dt.date(2026, 3, 4) and promise.interaction is not None


def test_importing_the_same_export_again_changes_nothing(journal: Journal) -> None:
    data = _exported()
    import_data(data)
    assert export_data()["clients"] == data["clients"]


def test_a_name_alone_never_merges(journal: Journal) -> None:
    data = _exported()
    maja = next(c for c in data["clients"] if c["name"] == "Maja Berg")
    maja["id"] = "someone-else"
    maja["interactions"], maja["commitments"] = [], []
    with pytest.raises(UserInputError, match="a client named 'Maja Berg' already exists"):
        import_data(data)


def test_a_record_of_another_client_is_refused(journal: Journal) -> None:
    data = _exported()
    maja, tom = sorted(data["clients"], key=lambda c: c["name"])
    tom["interactions"] = [maja["interactions"][0]]
    maja["interactions"], maja["commitments"] = [], []
    with pytest.raises(UserInputError, match="another client's record"):
        import_data(data)
    assert [i.summary for i in interactions_of(find_client("Maja Berg"))] == ["Kick-off"]


def test_an_import_into_a_synced_journal_reaches_the_other_device(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    laptop, desktop = Device(tmp_path / "laptop", folder), Device(tmp_path / "desktop", folder)
    desktop.join(laptop.start())
    with laptop.opened():
        import_data(demo_document(NOW))
        count = len(list_clients())
    assert count > 3
    converge([laptop, desktop])
    assert laptop.dump() == desktop.dump()
    with desktop.opened():
        assert len(list_clients()) == count


def _edited_here_later(data: dict[str, Any]) -> None:
    """The journal moves on after the export: a new phone number and a fuller summary."""
    maja = find_client("Maja Berg")
    update_client(maja, phone="070-9")
    [call] = interactions_of(maja)
    update_interaction(call, summary="Kick-off, goals agreed")
    assert data  # the file was made before these edits


def test_an_older_export_never_rolls_back_newer_edits(journal: Journal) -> None:
    data = _exported()
    _edited_here_later(data)
    maja = next(c for c in data["clients"] if c["name"] == "Maja Berg")
    maja["interactions"].append(
        {**maja["interactions"][0], "id": "new-call", "summary": "Follow-up"}
    )
    summary = import_data(data)
    assert summary.kept == 2
    assert "Kept 2 records" in summary.kept_line()
    merged = find_client("Maja Berg")
    assert merged.phone == "070-9"
    summaries = sorted(i.summary for i in interactions_of(merged))
    assert summaries == ["Follow-up", "Kick-off, goals agreed"]


def test_a_file_that_does_not_say_when_keeps_what_the_journal_holds(journal: Journal) -> None:
    data = _exported()
    for client in data["clients"]:  # an export of an older Rapport
        client.pop("updated_at")
        for record in (*client["interactions"], *client["commitments"]):
            record.pop("updated_at")
    maja = next(c for c in data["clients"] if c["name"] == "Maja Berg")
    maja["phone"] = "070-0"
    summary = import_data(data)
    assert summary.kept == 1
    assert find_client("Maja Berg").phone == "070-1"


def test_importing_the_same_export_twice_keeps_nothing_and_changes_nothing(
    journal: Journal,
) -> None:
    data = _exported()
    assert import_data(data).kept == 0
    assert import_data(data).kept == 0
    assert export_data() == data


def test_an_export_made_elsewhere_later_replaces_the_older_record(journal: Journal) -> None:
    data = _exported()
    maja = next(c for c in data["clients"] if c["name"] == "Maja Berg")
    maja["phone"] = "070-5"
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    maja["updated_at"] = later
    assert import_data(data).kept == 0
    assert find_client("Maja Berg").phone == "070-5"
    again = next(c for c in export_data()["clients"] if c["name"] == "Maja Berg")
    assert again["updated_at"] == later


def test_a_record_changed_in_the_future_is_refused(journal: Journal) -> None:
    """It would outrank every later edit, in later imports and through sync."""
    data = _exported()
    data["clients"][0]["updated_at"] = "2199-01-01T00:00:00+00:00"
    with pytest.raises(UserInputError, match=r"clients\[0\]\.updated_at: is more than a day"):
        import_data(data)


def test_every_field_compares_equal_to_itself(journal: Journal) -> None:
    """A file without dates that says what the journal already holds keeps nothing: no field
    (emotions, self-checks, away periods, thresholds) reads as changed when it is not."""
    import_data(demo_document(NOW))
    data = export_data()
    for client in data["clients"]:
        client.pop("updated_at")
        for record in (*client["interactions"], *client["commitments"]):
            record.pop("updated_at")
    assert import_data(data).kept == 0
