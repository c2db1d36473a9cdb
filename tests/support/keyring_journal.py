"""A journal whose key sits in a keyring, for tests that start the app in a fresh process.

The key goes into the file-backed test keyring (tests/support/keyring_home), which the app
loads by the name key.json records, as it loads a user's real backend; the user's own keyring
is never touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYRING_HOME = ROOT / "tests" / "support" / "keyring_home"
FILE_KEYRING = "keyrings.rapport_file.FileKeyring"
# Read by that backend (keyrings/rapport_file.py): the file, and how long each read takes.
KEYRING_FILE_ENV = "RAPPORT_BENCH_KEYRING"
KEYRING_DELAY_ENV = "RAPPORT_BENCH_KEYRING_DELAY"

CREATE = """
import sys
from pathlib import Path
from journal.clients import create_client
from journal.store.database import open_journal
journal = open_journal(Path(sys.argv[1]))
create_client("Ada Lovelace")
journal.close()
"""


def keyring_env(keyring_file: Path, **extra: str) -> dict[str, str]:
    """The environment of an app process that finds its key in `keyring_file`."""
    path = [str(ROOT), str(KEYRING_HOME), os.environ.get("PYTHONPATH", "")]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, path)),
        KEYRING_FILE_ENV: str(keyring_file),
    }
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.pop("RAPPORT_PASSPHRASE", None)
    env.update(extra)
    return env


def run_code(code: str, home: Path, env: dict[str, str]) -> str:
    """Run `code` with `home` as its argument in a fresh process; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", code, str(home)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def app_env(keyring_file: Path, tmp_path: Path, **extra: str) -> dict[str, str]:
    """`keyring_env` for the app itself: offscreen, its lock file in `tmp_path`."""
    return keyring_env(keyring_file, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path), **extra)


def create_journal(home: Path, env: dict[str, str]) -> dict[str, str]:
    """A journal with one client, made in a fresh process as the app makes one; its key
    record (key.json)."""
    run_code(CREATE, home, env)
    return dict(json.loads((home / "key.json").read_text()))


def create_keyring_journal(home: Path, keyring_file: Path) -> Path:
    """A journal with one client whose key went into the file keyring, as the app makes one."""
    env = keyring_env(keyring_file, PYTHON_KEYRING_BACKEND=FILE_KEYRING)
    record = create_journal(home, env)
    assert (record["mode"], record["backend"]) == ("keyring", FILE_KEYRING)
    return home
