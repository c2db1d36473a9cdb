"""Devices for sync tests: each a journal home of its own, syncing through one folder.

Only one journal is open at a time (the models are bound to the open one), as on a real
machine where each device runs its own Rapport.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from journal.store.database import Journal, open_journal
from journal.store.recovery import raw_key_hex
from journal.store.secrets import recovered_key
from journal.sync import service
from journal.sync.engine import Meta, Outcome
from journal.sync.tables import SYNCED, read_row


def device_process(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """A device in a process of its own (`tests.support.sync_child`), for the kill tests."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.sync_child", *args],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def device_run(env: dict[str, str], *args: str) -> str:
    """`device_process` to its end, which must be a success; its standard output."""
    child = device_process(env, *args)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return out


class Device:
    def __init__(self, home: Path, folder: Path) -> None:
        self.home = home
        self.folder = folder

    @contextmanager
    def opened(self) -> Iterator[Journal]:
        journal = open_journal(self.home)
        try:
            yield journal
        finally:
            journal.close()

    def start(self) -> str:
        """Make this device's journal and set sync up; returns its key as hex."""
        with self.opened() as journal:
            service.set_up(journal, self.folder)
            hex_key = raw_key_hex(journal.key)
        assert hex_key
        return hex_key

    def join(self, hex_key: str) -> None:
        service.join_in_place(self.home, self.folder, recovered_key(hex_key))

    @property
    def device_id(self) -> str:
        with self.opened() as journal:
            return Meta(journal.db).get("device")

    def sync(self) -> Outcome:
        with self.opened() as journal:
            return service.sync_now(journal)

    def dump(self) -> dict[str, dict[str, Any]]:
        """Every synced row by its stable key: what two devices must agree on."""
        with self.opened() as journal:
            return dump(journal)


def dump(journal: Journal) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for spec in SYNCED:
        keys = journal.db.execute_sql(f"SELECT {spec.key_of(spec.table)} FROM {spec.table}")
        rows = {str(k): read_row(journal.db, spec, str(k)) for (k,) in keys.fetchall()}
        if spec.table == "setting":
            rows = {k: v for k, v in rows.items() if spec.travels(k)}
        found[spec.table] = rows
    return found


def converge(devices: list[Device], rounds: int = 3) -> None:
    for _ in range(rounds):
        for device in devices:
            device.sync()
