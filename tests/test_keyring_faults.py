"""A keyring that is gone, changed or null, met by `rapport` in a fresh process: refused in
one line of advice, and the journal is not changed by a byte."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.keyring_journal import FILE_KEYRING, keyring_env

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


def _files(home: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in home.iterdir()}


@pytest.mark.parametrize(
    ("fault", "backend", "advice"),
    [
        # gone: the keyring answers with an error (a daemon that stopped, a locked store)
        ("gone", "keyring.backends.fail.Keyring", "could not be read"),
        # null: a keyring that keeps nothing stands where the key was kept
        ("null", "keyring.backends.null.Keyring", f"PYTHON_KEYRING_BACKEND={FILE_KEYRING}"),
        # changed: key.json names another keyring than the one in use, which lacks the key
        ("changed", FILE_KEYRING, f"PYTHON_KEYRING_BACKEND={SECRET_SERVICE}"),
    ],
)
def test_a_keyring_that_is_gone_changed_or_null_is_refused_and_changes_nothing(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path, fault: str, backend: str, advice: str
) -> None:
    home = keyring_journal
    in_use = keyring_file
    if fault == "changed":
        record = json.loads((home / "key.json").read_text())
        (home / "key.json").write_text(json.dumps({**record, "backend": SECRET_SERVICE}))
        in_use = tmp_path / "another-keyring.json"  # a working keyring that never held the key
    before = _files(home)
    env = keyring_env(
        in_use, PYTHON_KEYRING_BACKEND=backend, RAPPORT_HOME=str(home), TMPDIR=str(tmp_path)
    )
    for argv in (["clients"], ["log", "Ada", "a call", "--channel", "email", "--direction", "out"]):
        done = subprocess.run(
            [sys.executable, "-m", "ui", *argv], env=env, capture_output=True, text=True
        )
        assert done.returncode == 1, done
        assert done.stderr.startswith("rapport: ") and done.stderr.count("\n") == 1, done.stderr
        assert advice in done.stderr and "Traceback" not in done.stderr
        assert _files(home) == before
