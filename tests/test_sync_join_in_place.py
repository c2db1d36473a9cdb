"""Joining from the app's first run: the app has already made a new, empty journal, so the
synced journal is built beside it and takes its place as a restored backup does. The empty
one is set aside, never deleted; a wrong key or folder changes nothing; a kill at any moment
leaves a journal that opens (the empty one or the joined one), and joining again works."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from journal import settings
from journal.clients import create_client, find_client, has_clients
from journal.errors import UserInputError
from journal.store.database import open_journal
from journal.store.secrets import recovered_key
from journal.store.switch import staged_path
from journal.sync import service
from tests.support.keyring_journal import FILE_KEYRING, keyring_env
from tests.support.sync_devices import Device, device_process, device_run

KILLS = 8


def _laptop(tmp_path: Path) -> tuple[Device, str]:
    laptop = Device(tmp_path / "laptop", tmp_path / "Sync")
    with laptop.opened():
        create_client("Ada Lovelace")
        settings.set_value("my_name", "Kim")
    return laptop, laptop.start()


def test_the_synced_journal_takes_the_empty_ones_place(tmp_path: Path) -> None:
    laptop, hex_key = _laptop(tmp_path)
    home = tmp_path / "new-laptop"
    open_journal(home).close()  # what the app's first start made

    aside = service.join_in_place(home, laptop.folder, recovered_key(hex_key))

    assert aside is not None and (aside / "journal.db").exists()  # set aside, not deleted
    assert not (home / service.JOINING_DIR).exists()
    journal = open_journal(home, create=False)
    try:
        assert find_client("Ada Lovelace") is not None
        assert settings.get("my_name") == "Kim"
        assert service.folder_of(journal) == laptop.folder.resolve()
        assert service.device_of(journal) not in ("", laptop.device_id)
    finally:
        journal.close()
    journal = open_journal(home)  # the two devices now sync: a client added here goes over
    try:
        create_client("Grace Hopper")
        service.sync_now(journal)
    finally:
        journal.close()
    laptop.sync()
    with laptop.opened():
        assert find_client("Grace Hopper") is not None


@pytest.mark.parametrize("wrong", ["key", "folder"])
def test_a_wrong_key_or_folder_changes_nothing(tmp_path: Path, wrong: str) -> None:
    laptop, hex_key = _laptop(tmp_path)
    home = tmp_path / "new-laptop"
    open_journal(home).close()
    before = (home / "journal.db").read_bytes()
    key = recovered_key("22" * 32 if wrong == "key" else hex_key)
    folder = laptop.folder if wrong == "key" else tmp_path / "Empty"
    folder.mkdir(exist_ok=True)
    with pytest.raises(UserInputError) as caught:
        service.join_in_place(home, folder, key)
    assert "\n" not in str(caught.value) and str(folder.name) in str(caught.value)
    assert (home / "journal.db").read_bytes() == before
    assert not (home / "set-aside").exists() and not (home / service.JOINING_DIR).exists()


def test_what_a_killed_join_left_is_cleared_by_the_next(tmp_path: Path) -> None:
    """A join killed while it built (a half-made journal beside the home) or just after (the
    joined file staged, no switch decided): the home still opens its own journal, and the
    next join clears both and completes."""
    laptop, hex_key = _laptop(tmp_path)
    home = tmp_path / "new-laptop"
    open_journal(home).close()
    building = home / service.JOINING_DIR
    building.mkdir()
    (building / "journal.db").write_bytes(b"half a journal")
    staged_path(home).write_bytes(b"a staged file nobody decided on")
    journal = open_journal(home, create=False)
    try:
        assert not has_clients() and not journal.problems()
    finally:
        journal.close()
    service.join_in_place(home, laptop.folder, recovered_key(hex_key))
    journal = open_journal(home, create=False)
    try:
        assert find_client("Ada Lovelace") is not None
    finally:
        journal.close()
    assert not building.exists() and not staged_path(home).exists()


@pytest.mark.slow
def test_a_join_killed_midway_leaves_a_journal_that_opens(
    tmp_path: Path, keyring_file: Path
) -> None:
    """SIGKILL at seeded random moments of a join over an empty journal: afterwards the home
    opens and passes the check, holding either the empty journal or the whole joined one,
    and joining again (when the kill came first) completes."""
    env = keyring_env(keyring_file, PYTHON_KEYRING_BACKEND=FILE_KEYRING)
    folder = tmp_path / "Sync"

    laptop = tmp_path / "laptop"
    device_run(env, "make", str(laptop), str(folder), "Ada Lovelace")
    hex_key = device_run(env, "start", str(laptop), str(folder)).strip()
    whole = json.loads(device_run(env, "dump", str(laptop), str(folder)))["dump"]
    assert len(whole["client"]) == 1
    # How long a whole join takes here, child start included: the kills fall across it.
    device_run(env, "make", str(tmp_path / "timed"), str(folder))
    started = time.perf_counter()
    device_run(env, "join-in-place", str(tmp_path / "timed"), str(folder), hex_key)
    span = time.perf_counter() - started
    rng = random.Random(5)
    outcomes = []
    for attempt in range(KILLS):
        home = tmp_path / f"new-{attempt}"
        device_run(env, "make", str(home), str(folder))
        child = device_process(env, "join-in-place", str(home), str(folder), hex_key)
        time.sleep(rng.uniform(0.5, 1.0) * span)
        child.kill()
        _out, err = child.communicate()
        assert "Traceback" not in err, err
        state = json.loads(device_run(env, "dump", str(home), str(folder)))
        assert state["problems"] == []
        joined = bool(state["dump"]["client"])
        outcomes.append(joined)
        if not joined:  # killed before the switch: the empty journal, and a join completes
            device_run(env, "join-in-place", str(home), str(folder), hex_key)
            state = json.loads(device_run(env, "dump", str(home), str(folder)))
        assert state["dump"] == whole
    assert len(outcomes) == KILLS


def test_a_join_that_fails_midway_leaves_no_key_and_no_journal_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From an empty home (the command line's join): the folder vanishes while the journal is
    built. The home holds no half-joined journal to refuse the next attempt, and the key put
    in this device's keyring for it is taken out again."""
    import keyring

    from journal.store.secrets import SERVICE

    laptop, hex_key = _laptop(tmp_path)
    home = tmp_path / "new-laptop"
    stored: list[str] = []
    real_store = service.store_in_keyring

    def store(hex_key: str):
        record = real_store(hex_key)
        stored.append(record.account)
        return record

    def vanished(_journal: object, _folder: Path) -> None:
        raise OSError("the sync folder went away")

    monkeypatch.setattr(service, "store_in_keyring", store)
    monkeypatch.setattr(service, "set_up", vanished)
    with pytest.raises(OSError):
        service.join_in_place(home, laptop.folder, recovered_key(hex_key))
    assert stored and keyring.get_password(SERVICE, stored[0]) is None
    assert not (home / "journal.db").exists() and not (home / service.JOINING_DIR).exists()
    monkeypatch.undo()
    service.join_in_place(home, laptop.folder, recovered_key(hex_key))  # and it can join now
    journal = open_journal(home, create=False)
    try:
        assert find_client("Ada Lovelace") is not None
    finally:
        journal.close()
