"""Two and three journals on one machine syncing through a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journal.changes import EVERYTHING, Changes
from journal.clients import (
    create_client,
    delete_client,
    find_client,
    list_clients,
    update_client,
)
from journal.entries.capture import (
    delete_interaction,
    log_interaction,
    restore_interaction,
    update_interaction,
)
from journal.entries.commitments import add_commitment, set_done
from journal.errors import JournalUnavailable, UserInputError
from journal.settings import get, set_value
from journal.store.models import Client, Commitment, CueDismissal, Interaction
from journal.store.recovery import raw_key_hex
from journal.sync import service
from journal.sync.folder import entries
from journal.sync.touched import changes_of
from journal.templates.library import get_template, save_template
from tests.support.sync_devices import Device, converge

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "Sync" / "Rapport"


def _pair(tmp_path: Path, folder: Path) -> tuple[Device, Device]:
    a, b = Device(tmp_path / "laptop", folder), Device(tmp_path / "desktop", folder)
    with a.opened():
        ada = create_client("Ada Lovelace", notes="Met at the conference")
        talk = log_interaction(ada, at=AT, channel="phone", direction="two_way", summary="Kick-off")
        add_commitment(ada, "me", "Send the plan", interaction=talk)
        set_value("my_name", "Kim")
    b.join(a.start())
    return a, b


def test_a_second_device_joins_with_the_recovery_key_and_gets_the_journal(
    tmp_path: Path, folder: Path
) -> None:
    a, b = _pair(tmp_path, folder)
    assert b.dump() == a.dump()
    with b.opened():
        ada = find_client("Ada Lovelace")
        assert ada.notes == "Met at the conference"
        assert [c.text for c in Commitment.select()] == ["Send the plan"]
        assert get("my_name") == "Kim"


def test_edits_ticks_and_deletes_travel_both_ways(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    with b.opened():
        set_done(Commitment.get(), dt.date(2026, 3, 3))
        update_client(find_client("Ada Lovelace"), project="Leadership")
    with a.opened():
        create_client("Grace Hopper")
    converge([a, b])
    assert a.dump() == b.dump()
    with a.opened():
        assert Commitment.get().done_on == dt.date(2026, 3, 3)
        assert find_client("Ada Lovelace").project == "Leadership"
        delete_client(find_client("Ada Lovelace"))
    converge([a, b])
    with b.opened():
        assert [c.name for c in find_all()] == ["Grace Hopper"]
        assert Commitment.select().count() == 0
    assert a.dump() == b.dump()


def find_all() -> list[Client]:
    return list_clients()


def test_notes_edited_on_two_devices_keep_both_with_a_marker(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    with a.opened():
        update_client(find_client("Ada Lovelace"), notes="Prefers mornings")
    with b.opened():
        update_client(find_client("Ada Lovelace"), notes="Has two kids")
    converge([a, b])
    assert a.dump() == b.dump()
    with a.opened():
        notes = find_client("Ada Lovelace").notes
    assert "Prefers mornings" in notes and "Has two kids" in notes and "<<<<<<<" in notes
    with b.opened():  # the coach resolves the conflict: that text wins everywhere
        update_client(find_client("Ada Lovelace"), notes="Prefers mornings; has two kids")
    converge([a, b])
    with a.opened():
        assert find_client("Ada Lovelace").notes == "Prefers mornings; has two kids"


def test_three_devices_converge(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    c = Device(tmp_path / "tablet", folder)
    with a.opened() as journal:
        hex_key = raw_key_hex(journal.key)
    assert hex_key
    c.join(hex_key)
    for device, name in ((a, "Alan"), (b, "Barbara"), (c, "Claude")):
        with device.opened():
            create_client(name)
            update_client(find_client("Ada Lovelace"), phone=name)
    converge([a, b, c])
    assert a.dump() == b.dump() == c.dump()
    with c.opened():
        assert find_client("Ada Lovelace").phone == "Claude"  # the last writer wins


def test_two_clients_of_one_name_made_on_two_devices_are_both_kept(
    tmp_path: Path, folder: Path
) -> None:
    a, b = _pair(tmp_path, folder)
    with a.opened():
        create_client("Maja Berg", email="maja@a.se")
    with b.opened():
        create_client("Maja Berg", email="maja@b.se")
    converge([a, b])
    assert a.dump() == b.dump()
    with a.opened():
        names = sorted(c.name for c in find_all())
    assert names == ["Ada Lovelace", "Maja Berg", "Maja Berg (2)"]


def test_a_wrong_recovery_key_or_a_foreign_folder_is_refused(tmp_path: Path, folder: Path) -> None:
    a = Device(tmp_path / "laptop", folder)
    a.start()
    b = Device(tmp_path / "desktop", folder)
    with pytest.raises(UserInputError, match="does not open the journal synced"):
        b.join("11" * 32)
    assert not (b.home / "journal.db").exists()
    other = Device(tmp_path / "other", folder)
    with other.opened() as journal, pytest.raises(UserInputError, match="another journal"):
        service.set_up(journal, folder)


def test_a_folder_that_disappears_loses_nothing(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    moved = folder.with_name("moved")
    folder.rename(moved)
    with a.opened():
        create_client("Offline Olga")
    with pytest.raises(JournalUnavailable, match="is not there"):
        a.sync()
    moved.rename(folder)
    converge([a, b])
    with b.opened():
        assert find_client("Offline Olga")


def test_the_folder_holds_only_ciphertext(tmp_path: Path, folder: Path) -> None:
    _pair(tmp_path, folder)
    for entry in entries(folder):
        data = entry.path.read_bytes()
        assert b"Lovelace" not in data and b"Kick-off" not in data


def test_a_device_that_left_and_sets_up_again_loses_no_newer_edit(
    tmp_path: Path, folder: Path
) -> None:
    a, b = _pair(tmp_path, folder)
    with b.opened() as journal:
        service.leave(journal)
    with a.opened():  # while the desktop is away
        update_client(find_client("Ada Lovelace"), phone="070-new")
    a.sync()
    with b.opened() as journal:
        service.set_up(journal, folder)  # the same journal joins the folder again
    converge([a, b])
    assert a.dump() == b.dump()
    with b.opened():
        ada = find_client("Ada Lovelace")
        assert ada.phone == "070-new"
        assert ada.notes == "Met at the conference"  # the same words, shown once


def test_templates_dismissals_and_an_undone_delete_travel(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    with a.opened():
        save_template(
            "thank-you", "en", title="Thanks", subject="Thanks", body="Thank you!", answers=[]
        )
        CueDismissal.create(client=find_client("Ada Lovelace"), kind="neglect", evidence_key="1|")
        talk = Interaction.get()
        deleted = delete_interaction(talk)
    converge([a, b])
    with b.opened():
        assert get_template("thank-you", "en").body == "Thank you!"
        assert [d.kind for d in CueDismissal.select()] == ["neglect"]
        assert Interaction.select().count() == 0
        assert Commitment.get().interaction is None
    with a.opened():
        restore_interaction(deleted)  # undo: the same record, back under its own id
    converge([a, b])
    with b.opened():
        assert Interaction.get().summary == "Kick-off"
        assert Commitment.get().interaction is not None
    assert a.dump() == b.dump()


def test_summaries_edited_on_two_devices_keep_both(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    for device, words in ((a, "Talked about the move"), (b, "Talked about her new manager")):
        with device.opened():
            update_interaction(Interaction.get(), summary=words)
    converge([a, b])
    assert a.dump() == b.dump()
    with a.opened():
        summary = Interaction.get().summary
    assert "the move" in summary and "new manager" in summary and "<<<<<<<" in summary


def test_a_sync_names_what_it_changed_for_the_views(tmp_path: Path, folder: Path) -> None:
    a, b = _pair(tmp_path, folder)
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="070-1")
        set_value("my_name", "Kim Berg")
    a.sync()
    with b.opened() as journal:
        outcome = service.sync_now(journal)
        changes = changes_of(journal.db, outcome.touched)
        ada = find_client("Ada Lovelace").id
    assert changes == Changes.of(clients=[ada], settings=["my_name"])
    with a.opened():
        delete_client(find_client("Ada Lovelace"))
    a.sync()
    with b.opened() as journal:
        outcome = service.sync_now(journal)
        assert changes_of(journal.db, outcome.touched) == EVERYTHING  # gone: no id to name


def test_a_device_that_left_sends_only_what_it_changed_when_it_sets_up_again(
    tmp_path: Path, folder: Path
) -> None:
    """Before the fix the rejoining desktop sent every field stamped when the row was last
    written, so its stale phone number beat the laptop's newer one, and its delete was lost."""
    a, b = _pair(tmp_path, folder)
    with a.opened():
        create_client("Bo Ek")
    converge([a, b])
    with b.opened() as journal:
        service.leave(journal)
    with a.opened():  # while the desktop is away
        update_client(find_client("Ada Lovelace"), phone="070-new")
    a.sync()
    with b.opened() as journal:
        update_client(find_client("Ada Lovelace"), notes="Wants a plan by May")
        delete_client(find_client("Bo Ek"))
        service.set_up(journal, folder)
    converge([a, b])
    assert a.dump() == b.dump()
    with a.opened():
        ada = find_client("Ada Lovelace")
        assert (ada.phone, ada.notes) == ("070-new", "Wants a plan by May")
        assert [c.name for c in list_clients()] == ["Ada Lovelace"]


def test_a_journal_moved_to_a_new_folder_sends_every_record_there(
    tmp_path: Path, folder: Path
) -> None:
    """Before the fix nothing went to the new folder: compared with what sync knew of the old
    one, every record looked sent, and a device joining there got an empty journal."""
    a, _b = _pair(tmp_path, folder)
    elsewhere = tmp_path / "Elsewhere"
    with a.opened() as journal:
        service.set_up(journal, elsewhere)
    c = Device(tmp_path / "office", elsewhere)
    with a.opened() as journal:
        c.join(raw_key_hex(journal.key) or "")
    assert c.dump() == a.dump()
