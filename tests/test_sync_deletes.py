"""A client deleted on one device while something new is written for them on another comes
back, with what was written and a line saying so; a plain delete stays a delete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from journal.clients import create_client, delete_client, find_client, list_clients
from journal.entries.capture import interactions_of, log_interaction
from tests.support.sync_devices import Device, converge

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _three(tmp_path: Path) -> list[Device]:
    folder = tmp_path / "Sync"
    laptop = Device(tmp_path / "laptop", folder)
    with laptop.opened():
        ada = create_client("Ada Lovelace")
        log_interaction(ada, at=AT, channel="phone", direction="two_way", summary="Kick-off")
    key = laptop.start()
    others = [Device(tmp_path / name, folder) for name in ("desktop", "tablet")]
    for device in others:
        device.join(key)
    return [laptop, *others]


def test_a_call_logged_after_the_client_was_deleted_elsewhere_is_kept(tmp_path: Path) -> None:
    laptop, desktop, tablet = _three(tmp_path)
    with laptop.opened():
        delete_client(find_client("Ada Lovelace"))
    laptop.sync()
    with desktop.opened():  # not synced since the delete
        ada = find_client("Ada Lovelace")
        log_interaction(ada, at=AT, channel="email", direction="in", summary="Wants to restart")
    notice = desktop.sync().notice
    assert "1 client deleted on another device is back" in notice
    with desktop.opened():  # at once, with the client's earlier records
        summaries = sorted(i.summary for i in interactions_of(find_client("Ada Lovelace")))
    assert summaries == ["Kick-off", "Wants to restart"]
    converge([laptop, desktop, tablet])
    for device in (laptop, desktop, tablet):
        with device.opened():
            summaries = sorted(i.summary for i in interactions_of(find_client("Ada Lovelace")))
        assert summaries == ["Kick-off", "Wants to restart"]
    assert laptop.dump() == desktop.dump() == tablet.dump()


def test_a_delete_nothing_was_written_after_stays_a_delete(tmp_path: Path) -> None:
    devices = _three(tmp_path)
    with devices[0].opened():
        delete_client(find_client("Ada Lovelace"))
    converge(devices)
    for device in devices:
        with device.opened():
            assert list_clients() == []
        assert device.sync().notice == ""
