"""Rapport against a real Secret Service (gnome-keyring in a D-Bus session of its own), as on
a Linux desktop: the `rapport` command in fresh processes, no passphrase anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from journal.store.secrets import SERVICE
from tests.support.secret_service import SECRET_SERVICE, SecretService

# Makes the journal, with its key in the keyring.
FIRST_CALL = (
    *("log", "Maja", "first call", "--new-client"),
    *("--channel", "video", "--direction", "two_way"),
)


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[Callable[[str], SecretService]]:
    """Start a Secret Service per machine (by name); all are stopped when the test ends."""
    started: list[SecretService] = []

    def start(name: str) -> SecretService:
        service = SecretService(tmp_path / name)
        started.append(service)
        service.start()
        return service

    try:
        yield start
    finally:
        for service in started:
            service.stop()


def rapport(
    service: SecretService, home: Path, *argv: str, exit_code: int = 0, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`rapport ARGV` on a machine: its journal in `home`, its keyring `service`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("RAPPORT_", "PYTHON_KEYRING", "DBUS_"))
    }
    env.update(
        service.env(),
        RAPPORT_HOME=str(home),
        PYTHON_KEYRING_BACKEND=SECRET_SERVICE,
        TMPDIR=str(service.folder),
        **extra,
    )
    done = subprocess.run(
        [sys.executable, "-m", "ui", *argv], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == exit_code, done
    return done


def _files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}


def _key_of(service: SecretService, home: Path) -> str | None:
    record = json.loads((home / "key.json").read_text())
    assert (record["mode"], record["backend"]) == ("keyring", SECRET_SERVICE)
    return service.secret(SERVICE, record["account"])


def test_a_journal_keyed_in_a_real_secret_service_is_made_and_reopened(
    machines: Callable[[str], SecretService], tmp_path: Path
) -> None:
    laptop, home = machines("laptop"), tmp_path / "journal"
    logged = rapport(laptop, home, *FIRST_CALL)
    assert "Logged video" in logged.stdout
    key = _key_of(laptop, home)
    assert key is not None and len(key) == 64  # the journal's random 256-bit key, in hex
    assert "Maja" in rapport(laptop, home, "clients").stdout
    # The Secret Service goes away (its daemon ends): refused in one line, nothing changed.
    before = _files(home)
    laptop.stop()
    gone = rapport(laptop, home, "clients", exit_code=1)
    assert gone.stderr.startswith("rapport: ") and gone.stderr.count("\n") == 1, gone.stderr
    assert _files(home) == before


def test_a_journal_moves_to_a_new_machine_with_a_backup_and_its_recovery_key(
    machines: Callable[[str], SecretService], tmp_path: Path
) -> None:
    laptop, home = machines("laptop"), tmp_path / "journal"
    rapport(laptop, home, *FIRST_CALL)
    backup = Path(rapport(laptop, home, "backup").stdout.strip())
    sheet = rapport(laptop, home, "recovery-sheet", "--text").stdout
    [recovery_key] = [
        line.removeprefix("Recovery key:").strip()
        for line in sheet.splitlines()
        if line.startswith("Recovery key:")
    ]
    carried = tmp_path / "usb-stick" / backup.name  # all the new machine gets
    carried.parent.mkdir()
    shutil.copy(backup, carried)

    new_machine, new_home = machines("new-machine"), tmp_path / "new-journal"
    rapport(new_machine, new_home, "restore", str(carried), RAPPORT_RECOVERY_KEY=recovery_key)
    assert "Maja" in rapport(new_machine, new_home, "clients").stdout
    # The key is now in the new machine's own keyring: it opens without the recovery key.
    assert _key_of(new_machine, new_home) == _key_of(laptop, home)
