"""A copied data folder syncs as a second device instead of sharing one device id.

A coach who copies the whole journal home to a new laptop, instead of joining, must lose
nothing: before the fix both copies wrote as one device, and the later note silently
replaced the earlier one.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from journal.clients import create_client, find_client, update_client
from journal.errors import JournalUnavailable
from journal.store.recovery import raw_key_hex
from journal.sync import compaction, service
from journal.sync.engine import Meta
from tests.support.sync_devices import Device, converge


def _copied(tmp_path: Path) -> tuple[Device, Device]:
    folder = tmp_path / "Sync"
    laptop = Device(tmp_path / "laptop", folder)
    with laptop.opened():
        create_client("Ada Lovelace", notes="Met at the conference")
    laptop.start()
    shutil.copytree(laptop.home, tmp_path / "new-laptop")
    return laptop, Device(tmp_path / "new-laptop", folder)


def test_notes_written_on_a_copied_home_and_the_original_both_stay(tmp_path: Path) -> None:
    laptop, copy = _copied(tmp_path)
    with laptop.opened():
        update_client(find_client("Ada Lovelace"), notes="Wants a plan by May")
    with copy.opened():
        update_client(find_client("Ada Lovelace"), notes="Prefers calls to email")
    laptop.sync()
    with copy.opened() as journal:
        outcome = service.sync_now(journal)
    assert "Another copy of this journal" in outcome.notice
    converge([laptop, copy])
    assert laptop.device_id != copy.device_id
    for device in (laptop, copy):
        with device.opened():
            notes = find_client("Ada Lovelace").notes
        assert "Wants a plan by May" in notes and "Prefers calls to email" in notes
    assert laptop.dump() == copy.dump()


def test_a_copied_home_that_syncs_first_still_reaches_the_original(tmp_path: Path) -> None:
    laptop, copy = _copied(tmp_path)
    with copy.opened():
        create_client("Tom Ek")
    copy.sync()
    with laptop.opened():
        create_client("Nora Lind")
    converge([laptop, copy])
    assert laptop.device_id != copy.device_id
    with laptop.opened():
        assert find_client("Tom Ek") and find_client("Nora Lind")
    assert laptop.dump() == copy.dump()


def test_a_device_killed_after_writing_its_ack_keeps_its_id(tmp_path: Path) -> None:
    laptop, _copy = _copied(tmp_path)
    me = laptop.device_id
    with laptop.opened() as journal:
        Meta(journal.db).put("ack_at", "1")  # the kill came before this commit
        create_client("Tom Ek")  # so the next sync writes its ack again
    with laptop.opened() as journal:
        assert service.sync_now(journal).notice == ""
    for _ in range(3):
        with laptop.opened():
            create_client(f"Client {_}")
        assert laptop.sync().notice == ""
    assert laptop.device_id == me


def test_a_copy_whose_snapshot_cannot_be_written_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, copy = _copied(tmp_path)
    with laptop.opened():
        create_client("Tom Ek")
    laptop.sync()
    with copy.opened():
        create_client("Nora Lind")

    def full_disk(_path: Path, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(compaction, "write_atomically", full_disk)
    with pytest.raises(JournalUnavailable, match="could not be written"):
        copy.sync()
    assert copy.device_id == laptop.device_id  # nothing half done: it tries again
    monkeypatch.undo()
    assert "Another copy of this journal" in copy.sync().notice
    converge([laptop, copy])
    with laptop.opened():
        assert find_client("Nora Lind") and find_client("Tom Ek")
    assert laptop.dump() == copy.dump()


def test_a_change_file_both_copies_wrote_under_one_name_loses_neither(tmp_path: Path) -> None:
    """A cloud folder keeps the last writer of a name: the copy's file of the same number is
    overwritten by the original's. The copy's snapshot must not vouch for that number, and
    the copy must read the original's file, or a third device would never get its edit."""
    laptop, copy = _copied(tmp_path)
    tablet = Device(tmp_path / "tablet", laptop.folder)
    with laptop.opened() as journal:
        tablet.join(raw_key_hex(journal.key) or "")
    laptop.sync()
    old = laptop.folder / laptop.device_id
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    with laptop.opened():
        create_client("Tom Ek")
    laptop.sync()
    from_laptop = {p.name: p.read_bytes() for p in old.iterdir()}
    for path in old.iterdir():  # the engine has not brought the laptop's files over yet
        if path.name in before:
            path.write_bytes(before[path.name])
        else:
            path.unlink()
    with copy.opened():
        create_client("Nora Lind")
    assert copy.sync().notice == ""  # nothing tells yet: it writes the same number
    for name, data in from_laptop.items():  # then the laptop's versions win
        (old / name).write_bytes(data)
    assert "Another copy of this journal" in copy.sync().notice
    converge([tablet, laptop, copy])
    for device in (laptop, copy, tablet):
        with device.opened():
            assert find_client("Tom Ek") and find_client("Nora Lind")
