"""What sync engines do to files: late, torn, foreign, altered, conflict copies; a device back
after months; clocks minutes apart; compaction that waits for every device."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from journal.clients import create_client, find_client, update_client
from journal.entries.capture import interactions_of, log_interaction
from journal.errors import JournalUnavailable
from journal.store.recovery import raw_key_hex
from journal.sync import compaction, engine, service
from journal.sync.clock import Clock
from journal.sync.folder import entries
from tests.support.sync_devices import Device, converge

DAY_MS = 86_400_000
AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Device, Device]:
    folder = tmp_path / "Sync"
    a, b = Device(tmp_path / "laptop", folder), Device(tmp_path / "desktop", folder)
    with a.opened():
        create_client("Ada Lovelace")
    b.join(a.start())
    return a, b


def _newest(device: Device) -> Path:
    own = [e for e in entries(device.folder) if e.device == device.device_id and e.kind == "c"]
    return max(own, key=lambda e: e.seq).path


def test_a_half_arrived_file_is_left_for_later_and_read_once_whole(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="070-1")
    a.sync()
    newest = _newest(a)
    whole = newest.read_bytes()
    newest.write_bytes(whole[: len(whole) - 7])  # the engine is still writing it
    (newest.parent / ".syncthing.c-00000099.rsc.tmp").write_bytes(b"partial")
    (newest.parent / "c-00000098.rsc.partial").write_bytes(b"dropbox")
    outcome = b.sync()
    assert outcome.waiting == [f"{a.device_id}/{newest.name}"]
    with b.opened() as journal:
        assert find_client("Ada Lovelace").phone == ""
        assert service.status(journal).waiting == 1
    newest.write_bytes(whole)
    b.sync()
    with b.opened() as journal:
        assert find_client("Ada Lovelace").phone == "070-1"
        assert service.status(journal).waiting == 0


def test_an_altered_file_is_never_merged(pair: tuple[Device, Device]) -> None:
    a, b = pair
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="070-1")
    a.sync()
    newest = _newest(a)
    data = bytearray(newest.read_bytes())
    data[-3] ^= 0x01
    newest.write_bytes(bytes(data))
    assert b.sync().waiting
    with b.opened():
        assert find_client("Ada Lovelace").phone == ""


def test_a_file_passed_off_as_another_devices_is_refused(pair: tuple[Device, Device]) -> None:
    a, b = pair
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="070-1")
    a.sync()
    impostor = a.folder / "0123456789ab"
    impostor.mkdir()
    (impostor / "c-00000001.rsc").write_bytes(_newest(a).read_bytes())
    _newest(a).unlink()
    assert b.sync().waiting == ["0123456789ab/c-00000001.rsc"]


def test_an_edit_made_offline_months_ago_loses_to_a_newer_one(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    with b.opened() as journal:  # the desktop was left in a drawer with this unsent edit
        update_client(find_client("Ada Lovelace"), phone="old number", email="ada@old.se")
        journal.db.execute_sql("UPDATE sync_outbox SET at_ms = at_ms - ?", (120 * DAY_MS,))
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="new number")
    a.sync()
    converge([b, a])
    for device in (a, b):
        with device.opened():
            ada = find_client("Ada Lovelace")
            assert (ada.phone, ada.email) == ("new number", "ada@old.se")


def test_a_clock_minutes_behind_still_orders_after_what_it_has_seen(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    slow = b.device_id
    tick = Clock.tick

    def behind(self: Clock, physical: int | None = None) -> str:
        if self.device == slow and physical is not None:
            physical -= 10 * 60_000
        return tick(self, physical)

    monkeypatch.setattr(Clock, "tick", behind)
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="from the laptop")
    a.sync()
    b.sync()  # the desktop reads the laptop's edit, then the coach corrects it there
    with b.opened():
        update_client(find_client("Ada Lovelace"), phone="corrected on the desktop")
    converge([b, a])
    with a.opened():
        assert find_client("Ada Lovelace").phone == "corrected on the desktop"


def test_compaction_waits_for_every_device_and_a_late_joiner_gets_everything(
    pair: tuple[Device, Device], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compaction, "COMPACT_AFTER", 3)
    a, b = pair
    for n in range(6):
        with a.opened():
            update_client(find_client("Ada Lovelace"), phone=f"070-{n}")
            create_client(f"Client {n}")
        a.sync()
    own = [e for e in entries(a.folder) if e.device == a.device_id]
    assert [e.seq for e in own if e.kind == "s"] == [5]  # a snapshot, after 4 change files
    # The desktop read only the laptop's first file (when it joined): the rest must wait.
    assert [e.seq for e in own if e.kind == "c"] == [2, 3, 4, 6, 7, 8]
    b.sync()
    a.sync()
    own = [e for e in entries(a.folder) if e.device == a.device_id]
    # The desktop has read them all: only the snapshot and the files after it are left.
    assert [e.seq for e in own] == [5, 6, 7, 8]
    c = Device(tmp_path / "tablet", a.folder)
    with a.opened() as journal:
        hex_key = raw_key_hex(journal.key)
    assert hex_key
    c.join(hex_key)
    assert c.dump() == a.dump()
    with c.opened():
        assert find_client("Ada Lovelace").phone == "070-5"


def test_status_says_where_sync_stands(pair: tuple[Device, Device]) -> None:
    a, b = pair
    b.sync()
    with a.opened() as journal:
        create_client("Grace Hopper")
        status = service.status(journal)
    assert status.pending == 1
    assert [d["device"] for d in status.devices] == [b.device_id]
    assert status.last_sync > 0
    assert dt.datetime.fromtimestamp(status.last_sync / 1000, dt.UTC).year >= 2026


def test_a_sync_killed_after_its_file_sends_the_edit_again_without_a_conflict(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    with a.opened():
        update_client(find_client("Ada Lovelace"), notes="First session went well")

    def killed(*_args: object) -> None:
        raise SystemExit("killed")

    with monkeypatch.context() as patch:
        patch.setattr(engine, "read_folder", killed)
        with pytest.raises(SystemExit):
            a.sync()  # the file is written, the journal's transaction never commits
    with a.opened() as journal:  # saved again, unchanged: the resend gets a later stamp
        journal.db.execute_sql("UPDATE client SET notes = notes")
    a.sync()  # sends the same edit again, under a new stamp and a new file name
    names = {e.name for e in entries(a.folder) if e.device == a.device_id}
    assert names == {"c-00000001.rsc", "c-00000002.rsc", "c-00000003.rsc"}
    b.sync()
    with b.opened():
        assert find_client("Ada Lovelace").notes == "First session went well"


def test_a_journal_restored_from_an_older_copy_gets_its_own_later_changes_back(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    a, _b = pair
    a.sync()
    copy = tmp_path / "laptop-before"
    shutil.copytree(a.home, copy)  # a backup of the laptop's journal, as it is now
    with a.opened():
        update_client(find_client("Ada Lovelace"), phone="070-after the backup")
    a.sync()  # the edit reached the folder
    shutil.rmtree(a.home)
    shutil.copytree(copy, a.home)  # the laptop goes back to the backup
    with a.opened():
        assert find_client("Ada Lovelace").phone == ""
    a.sync()
    with a.opened():
        assert find_client("Ada Lovelace").phone == "070-after the backup"


def test_a_write_made_while_a_migration_had_dropped_the_triggers_is_still_sent(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    with a.opened() as journal:  # a table rebuild drops its triggers with the old table
        journal.db.execute_sql("DROP TRIGGER sync_client_update")
        update_client(find_client("Ada Lovelace"), phone="070-unnoticed")
        assert journal.db.execute_sql("SELECT count(*) FROM sync_outbox").fetchone() == (0,)
    a.sync()
    b.sync()
    with b.opened():
        assert find_client("Ada Lovelace").phone == "070-unnoticed"


def test_a_record_waiting_for_its_parent_is_never_sent_as_deleted(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    with a.opened():
        grace = create_client("Grace Hopper")
        log_interaction(grace, at=AT, channel="email", direction="out", summary="Hello")
    a.sync()
    client_file = _newest(a)
    data = client_file.read_bytes()
    client_file.write_bytes(data[:10])  # the file with Grace herself has not arrived whole
    with a.opened():
        update_client(find_client("Grace Hopper"), phone="070-9")
        log_interaction(
            find_client("Grace Hopper"), at=AT, channel="phone", direction="in", summary="Hi"
        )
    a.sync()
    b.sync()  # the second file names Grace's new call; Grace is not here yet
    with b.opened() as journal:
        journal.db.execute_sql("INSERT INTO sync_outbox SELECT tbl, key, 0 FROM sync_record")
    b.sync()  # every record compared, as after a migration: the waiting call is no delete
    client_file.write_bytes(data)
    converge([b, a])
    assert a.dump() == b.dump()
    with b.opened():
        assert len(interactions_of(find_client("Grace Hopper"))) == 2


def test_a_folder_set_up_by_a_newer_rapport_is_refused(pair: tuple[Device, Device]) -> None:
    a, _b = pair
    described = a.folder / "rapport-journal.json"
    described.write_text(described.read_text().replace('"format": 1', '"format": 2'))
    with pytest.raises(JournalUnavailable, match="set up by a newer Rapport"):
        a.sync()
