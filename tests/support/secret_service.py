"""A real Secret Service for tests: gnome-keyring-daemon in a D-Bus session bus of its own,
with its keyring files in a temporary folder, so the user's own keyring is never touched.

`start_secret_service(folder)` skips the test, with the reason, where dbus-daemon or
gnome-keyring-daemon is missing or does not come up (.ci/run installs both).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import secretstorage
from jeepney.io.blocking import DBusConnection, open_dbus_connection

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"
KEYRING_PASSWORD = "the test keyring's own password"
START_WAIT = 30.0  # seconds for the daemons to come up on a busy machine
# A session bus that starts no service on demand: the standard session config would start a
# second, locked gnome-keyring-daemon the moment anything asks for secrets before ours is up.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretService:
    """A running bus and keyring daemon; `stop` ends both (each in a process group)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.address = ""
        self._processes: list[subprocess.Popen[str]] = []

    def env(self) -> dict[str, str]:
        """What a process needs to find this Secret Service and only it: the bus, and a
        HOME and XDG folders of its own."""
        home = self.folder / "home"
        return {
            "DBUS_SESSION_BUS_ADDRESS": self.address,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_RUNTIME_DIR": str(self.folder / "run"),
        }

    def _spawn(self, argv: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
        with (self.folder / f"{Path(argv[0]).name}.log").open("w") as log:
            process = subprocess.Popen(
                argv,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,  # its own process group, ended whole by `stop`
            )
        self._processes.append(process)
        return process

    def start(self) -> None:
        missing = [n for n in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(n)]
        if missing:
            pytest.skip(f"{' and '.join(missing)} not installed (.ci/run installs them)")
        (self.folder / "run").mkdir(mode=0o700, parents=True)
        for name in ("data", "config"):
            (self.folder / "home" / name).mkdir(parents=True)
        config = self.folder / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=self.folder / "bus"))
        bus = self._spawn(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            {"PATH": os.environ.get("PATH", "")},
        )
        assert bus.stdout is not None
        self.address = bus.stdout.readline().strip()
        if not self.address:
            self._skip("dbus-daemon did not start a session bus", "dbus-daemon")
        daemon = self._spawn(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground"],
            {"PATH": os.environ.get("PATH", ""), **self.env()},
        )
        assert daemon.stdin is not None
        daemon.stdin.write(KEYRING_PASSWORD)  # --unlock reads the login keyring's password
        daemon.stdin.close()
        self._wait_until_unlocked()

    def _wait_until_unlocked(self) -> None:
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline:
            # Not on the bus yet, or no collection yet: try again.
            with contextlib.suppress(Exception), self._connection() as connection:
                if not secretstorage.get_default_collection(connection).is_locked():
                    return
            time.sleep(0.1)
        self._skip("gnome-keyring-daemon never offered an unlocked keyring", "gnome-keyring-daemon")

    def _skip(self, reason: str, log: str) -> None:
        detail = (self.folder / f"{log}.log").read_text().strip().splitlines()[-1:]
        self.stop()
        pytest.skip(f"{reason}: {' '.join(detail) or 'no output'}")

    @contextlib.contextmanager
    def _connection(self) -> Iterator[DBusConnection]:
        connection = open_dbus_connection(bus=self.address)
        try:
            yield connection
        finally:
            connection.close()

    def secret(self, service: str, username: str) -> str | None:
        """The secret stored under `service` and `username` (as python-keyring stores it),
        read from the daemon itself, not through keyring."""
        with self._connection() as connection:
            collection = secretstorage.get_default_collection(connection)
            for item in collection.search_items({"service": service, "username": username}):
                return item.get_secret().decode()
        return None

    def stop(self) -> None:
        for process in reversed(self._processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        self._processes.clear()
