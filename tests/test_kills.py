"""SIGKILL in the middle of every write: saves, imports, backups, restores and key changes are
killed at random moments (a seeded RNG, so a failure repeats). After each kill the journal
must open with one of the keys that could be valid, pass `rapport check`, and hold every save
the user saw acknowledged: the old journal or the new one, never a mix, never lost.

The writer is one process that forks a fresh child per run (tests/support/kill_writer.py),
so a kill costs no cold start, and derives a passphrase's key in fewer rounds. Where the
key's kind does not matter it is a random key in the file-backed test keyring.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.keyring_journal import FILE_KEYRING, keyring_env
from tests.support.kill_writer import (
    ACKNOWLEDGED,
    IMPORT_CLIENTS,
    PASSPHRASES,
    KillableWriter,
)

KILLS = 40
SPANS = 1.25
"""Each kill falls after a random time of up to SPANS times one whole operation, as long as
it took on this machine just before: kills land at every stage, however busy the machine,
and about one in five after an operation finished, in the next one."""
AS_MADE = [{}]  # the key the writer was started with opens the journal
EITHER_PASSPHRASE = [{"RAPPORT_PASSPHRASE": passphrase} for passphrase in PASSPHRASES]

AfterKill = Callable[[list[str], int, dict[str, Any]], int]
"""Given what the killed run printed, which key opened the journal and what it holds: asserts
what must hold after the kill, and returns the number the next run starts from."""


def _writer(home: Path, tmp_path: Path, keyring_file: Path, **env: str) -> KillableWriter:
    """The killable writer, with the journal made (Maja, `save 0`) before the first kill."""
    base = keyring_env(keyring_file, PYTHON_KEYRING_BACKEND=FILE_KEYRING, TMPDIR=str(tmp_path))
    started = KillableWriter(home, tmp_path / "work", {**base, **env})
    try:
        started.once("save", 0)
    except BaseException:
        started.close()
        raise
    return started


@pytest.fixture
def writer(home: Path, keyring_file: Path, tmp_path: Path) -> Iterator[KillableWriter]:
    """A writer on a journal whose key is in the keyring (RAPPORT_NEW_PASSPHRASE is there for
    a move to a passphrase)."""
    started = _writer(home, tmp_path, keyring_file, RAPPORT_NEW_PASSPHRASE=PASSPHRASES[0])
    yield started
    started.close()


@pytest.fixture
def passphrase_writer(home: Path, keyring_file: Path, tmp_path: Path) -> Iterator[KillableWriter]:
    """A writer on a journal locked with the first of PASSPHRASES."""
    started = _writer(
        home,
        tmp_path,
        keyring_file,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        RAPPORT_PASSPHRASE=PASSPHRASES[0],
    )
    yield started
    started.close()


def kill_repeatedly(
    writer: KillableWriter,
    op: str,
    first: int,
    after_kill: AfterKill,
    *,
    seed: int,
    keys: list[dict[str, str]] = AS_MADE,
    backups: bool = False,
) -> int:
    """Run `op` once (as number `first`) to time it, then KILLS times: run it in a loop from
    the number `after_kill` gave, SIGKILL it at a random moment, and check the journal with
    each of `keys` in turn. Returns the number after the last kill. While kills keep landing
    before any run is acknowledged, the moments reach further, so the checks see kills both
    during a write and between writes however busy the machine is."""
    rng = random.Random(seed)
    began = time.monotonic()
    lines = writer.once(op, first)
    span = SPANS * (time.monotonic() - began)
    start = after_kill(lines, *writer.check(keys, backups))
    for _ in range(KILLS):
        lines = writer.kill_during(op, start, rng.uniform(0, span))
        if op in ACKNOWLEDGED and not _acknowledged(op, lines):
            span *= 1.25  # a loaded machine runs slower than the timed run: reach further
        start = after_kill(lines, *writer.check(keys, backups))
    return start


def _acknowledged(op: str, lines: list[str]) -> int:
    return sum(line.startswith(ACKNOWLEDGED[op]) for line in lines)


def test_killed_saves_keep_every_acknowledged_save(writer: KillableWriter) -> None:
    acknowledged = 1  # save 0, made with the writer

    def after_kill(lines: list[str], key: int, state: dict[str, Any]) -> int:
        nonlocal acknowledged
        acknowledged += _acknowledged("save", lines)
        found = len(state["summaries"])
        # Every acknowledged save is there, in order, and at most the one in flight besides.
        assert state["summaries"] == [f"save {n}" for n in range(found)]
        assert acknowledged <= found <= acknowledged + 1, lines
        acknowledged = found
        return found

    saved = kill_repeatedly(writer, "save", 1, after_kill, seed=13_001)
    print(f"{KILLS} kills during {saved} saves, none acknowledged lost")  # README's figures
    assert saved > 2  # some kills fell after a save, not only before the first


def test_killed_imports_are_all_or_nothing(writer: KillableWriter) -> None:
    acknowledged = 0

    def after_kill(lines: list[str], key: int, state: dict[str, Any]) -> int:
        nonlocal acknowledged
        acknowledged += _acknowledged("import", lines)
        batches = {name.split()[1].split("-")[0] for name in state["clients"] if name != "Maja"}
        found = len(batches)
        assert batches == {str(n) for n in range(found)}  # every import whole, in order
        assert len(state["clients"]) == 1 + found * IMPORT_CLIENTS
        assert len(state["summaries"]) == 1 + found * IMPORT_CLIENTS * 2
        assert acknowledged <= found <= acknowledged + 1, lines
        acknowledged = found
        return found

    imported = kill_repeatedly(writer, "import", 0, after_kill, seed=13_002)
    print(f"{KILLS} kills during {imported} imports, each whole or absent")
    assert imported > 1  # the first, untimed, and some between kills


def test_killed_backups_leave_the_journal_and_every_backup_whole(
    writer: KillableWriter,
) -> None:
    made = 0

    def after_kill(lines: list[str], key: int, state: dict[str, Any]) -> int:
        nonlocal made
        printed = [Path(line).name for line in lines if line.startswith(ACKNOWLEDGED["backup"])]
        assert state["summaries"] == ["save 0"]  # the journal itself is unchanged
        assert set(printed) <= set(state["backups"])  # every backup reported made is there
        damaged = {name: problems for name, problems in state["backups"].items() if problems}
        assert not damaged  # every file named *.db opens with the key and holds the journal
        made += len(printed)
        return made

    kill_repeatedly(writer, "backup", 0, after_kill, seed=13_003, backups=True)
    print(f"{KILLS} kills during {made} backups, every *.db file whole")
    assert made > 1  # the first, untimed, and some between kills


def test_killed_restores_leave_one_backup_or_the_other(writer: KillableWriter) -> None:
    """Two backups, restored by turns: after a kill the journal is one of them, whole."""
    for n in range(2):
        if n:
            writer.once("save", n)
        [made] = [line for line in writer.once("backup", n) if line.startswith("/")]
        shutil.copy(made, writer.work / f"restore-{n}.db")
    backups = (["save 0"], ["save 0", "save 1"])
    restored = 0

    def after_kill(lines: list[str], key: int, state: dict[str, Any]) -> int:
        nonlocal restored
        assert state["summaries"] in backups, state
        restored += _acknowledged("restore", lines)
        return 1 - backups.index(state["summaries"])  # the other backup next

    kill_repeatedly(writer, "restore", 0, after_kill, seed=13_004)
    print(f"{KILLS} kills during {restored} restores")
    assert restored > 1  # the first, untimed, and some between kills


def test_killed_passphrase_changes_leave_the_old_passphrase_or_the_new(
    passphrase_writer: KillableWriter,
) -> None:
    changed = 0

    def after_kill(lines: list[str], key: int, state: dict[str, Any]) -> int:
        nonlocal changed
        assert state["summaries"] == ["save 0"]
        changed += _acknowledged("change-passphrase", lines)
        return key  # from the passphrase that opens it to the other

    kill_repeatedly(
        passphrase_writer, "change-passphrase", 0, after_kill, seed=13_005, keys=EITHER_PASSPHRASE
    )
    assert changed > 1  # the first, untimed, and some between kills
    print(f"{KILLS} kills during {changed} passphrase changes")


def test_killed_key_moves_leave_the_key_in_the_keyring_or_a_passphrase(
    writer: KillableWriter,
) -> None:
    """By turns to a passphrase and back into the keyring (a new random key each time)."""
    moved = 0

    def after_kill(lines: list[str], key: int, state: dict[str, Any]) -> int:
        nonlocal moved
        assert state["summaries"] == ["save 0"]
        moved += _acknowledged("move-key", lines)
        return 0 if state["key_record"]["mode"] == "keyring" else 1

    # The key record says where the key is; RAPPORT_PASSPHRASE is there should it say so.
    either = [{"RAPPORT_PASSPHRASE": PASSPHRASES[0]}]
    kill_repeatedly(writer, "move-key", 0, after_kill, seed=13_006, keys=either)
    assert moved > 1  # the first, untimed, and some between kills
    print(f"{KILLS} kills during {moved} key moves")
