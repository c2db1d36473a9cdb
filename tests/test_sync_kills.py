"""SIGKILL during sync: a device saving and syncing and another syncing are killed at random
moments (a seeded RNG, so a failure repeats). Afterwards both still open and pass the check,
and once they sync they agree and hold every save that was acknowledged."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from tests.support.keyring_journal import FILE_KEYRING, keyring_env
from tests.support.sync_devices import device_process, device_run

KILLS = 20


@pytest.mark.slow
def test_kills_during_sync_lose_no_acknowledged_save(tmp_path: Path, keyring_file: Path) -> None:
    env = keyring_env(keyring_file, PYTHON_KEYRING_BACKEND=FILE_KEYRING)
    folder = tmp_path / "Sync"
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    hex_key = device_run(env, "start", str(laptop), str(folder)).strip()
    device_run(env, "join", str(desktop), str(folder), hex_key)
    rng = random.Random(17)
    acknowledged: list[int] = []
    number = 0
    for _ in range(KILLS):
        saver = device_process(env, "save-and-sync", str(laptop), str(folder), str(number))
        syncer = device_process(env, "sync", str(desktop), str(folder))
        time.sleep(rng.uniform(0.3, 2.5))
        for process in (saver, syncer):
            process.kill()
        out, err = saver.communicate()
        syncer.communicate()
        saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved")]
        assert "Traceback" not in err, err
        acknowledged += saved
        number = (saved[-1] if saved else number) + 2  # a save killed before its line may stand
    assert len(acknowledged) > KILLS  # the kills fell across many saves and syncs
    for home in (laptop, desktop, laptop, desktop):
        device_run(env, "sync", str(home), str(folder), "once")
    states = [json.loads(device_run(env, "dump", str(h), str(folder))) for h in (laptop, desktop)]
    assert states[0]["problems"] == states[1]["problems"] == []
    laptop_rows, desktop_rows = (state["dump"]["client"] for state in states)
    differ = {
        k: (laptop_rows.get(k), desktop_rows.get(k))
        for k in set(laptop_rows) | set(desktop_rows)
        if laptop_rows.get(k) != desktop_rows.get(k)
    }
    assert differ == {}, json.dumps(differ, indent=1)
    assert states[0]["dump"] == states[1]["dump"]
    names = {row["name"] for row in states[1]["dump"]["client"].values()}
    assert {f"Client {n}" for n in acknowledged} <= names
