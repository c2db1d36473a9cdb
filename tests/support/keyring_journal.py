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

CREATE = """
import sys
from pathlib import Path
from journal.clients import create_client
from journal.store import open_journal
journal = open_journal(Path(sys.argv[1]))
assert journal.key_mode == "keyring", journal.key_mode
create_client("Ada Lovelace")
journal.close()
"""


def keyring_env(keyring_file: Path, **extra: str) -> dict[str, str]:
    """The environment of an app process that finds its key in `keyring_file`."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(KEYRING_HOME)]),
        "RAPPORT_BENCH_KEYRING": str(keyring_file),
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


def create_keyring_journal(home: Path, keyring_file: Path) -> Path:
    """A journal with one client whose key went into the file keyring, as the app makes one."""
    run_code(CREATE, home, keyring_env(keyring_file, PYTHON_KEYRING_BACKEND=FILE_KEYRING))
    record = json.loads((home / "key.json").read_text())
    assert record["backend"] == FILE_KEYRING
    return home
