"""A keyring backend for benchmarks and subprocess tests: secrets in a JSON file.

The file is named by RAPPORT_BENCH_KEYRING. It lets the startup benchmark measure the app's
default path (a random raw key read from a keyring, no passphrase derivation) on machines
without a secret service, and never touches the user's real keyring. It lives in the
`keyrings` namespace, as third-party backends do (keyrings.alt), so that the app loads it by
the name key.json records, exactly as it loads a real backend: put tests/support/keyring_home
on the path. Not for real journals: the file holds the key in the clear.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "RAPPORT_BENCH_KEYRING"
DELAY_ENV = "RAPPORT_BENCH_KEYRING_DELAY"  # seconds each read takes


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path().read_text("utf-8")))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        # A slow secret service (a locked keyring waiting for its password), for tests.
        time.sleep(float(os.environ.get(DELAY_ENV, "0")))
        return self._load().get(f"{service}/{username}")

    def _save(self, secrets: dict[str, str]) -> None:
        # Whole or not at all, as a real store writes: a test may kill a process mid-write.
        partial = self._path().with_name(self._path().name + ".partial")
        partial.write_text(json.dumps(secrets), "utf-8")
        os.replace(partial, self._path())

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._load()
        secrets[f"{service}/{username}"] = password
        self._save(secrets)

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._load()
        if secrets.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(secrets)
