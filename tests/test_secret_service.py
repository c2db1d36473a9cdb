"""Rapport against a real Secret Service (gnome-keyring in a D-Bus session of its own), as on
a Linux desktop: the `rapport` command in fresh processes, no passphrase anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.store.secrets import SERVICE
from tests.support.secret_service import SECRET_SERVICE, SecretService


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[SecretService]:
    started = SecretService(tmp_path / "secret-service")
    try:
        started.start()
        yield started
    finally:
        started.stop()


def rapport(
    service: SecretService, home: Path, *argv: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`rapport ARGV` on this machine: its journal in `home`, its keyring `service`."""
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
    assert done.returncode == 0, done.stderr
    return done


def test_a_journal_keyed_in_a_real_secret_service_is_made_and_reopened(
    secret_service: SecretService, tmp_path: Path
) -> None:
    home = tmp_path / "journal"
    logged = rapport(
        secret_service,
        home,
        "log",
        "Maja",
        "first call",
        "--new-client",
        "--channel",
        "video",
        "--direction",
        "two_way",
    )
    assert "Logged video" in logged.stdout
    record = json.loads((home / "key.json").read_text())
    assert (record["mode"], record["backend"]) == ("keyring", SECRET_SERVICE)
    assert "Maja" in rapport(secret_service, home, "clients").stdout
    key = secret_service.secret(SERVICE, record["account"])
    assert key is not None and len(key) == 64  # the journal's random 256-bit key, in hex
