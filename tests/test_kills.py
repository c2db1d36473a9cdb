"""SIGKILL in the middle of every write: saves, imports and backups are killed at random
moments (a seeded RNG, so a failure repeats). After each kill the journal must open, pass
`rapport check`, and hold every save the user saw acknowledged: the old state or the new
one, never a mix, never lost.

The writer is one process that forks a fresh child per run (tests/support/kill_writer.py),
so a kill costs no cold start. The key is a random key in the file-backed test keyring:
SQLCipher opens it without deriving a key from a passphrase, which keeps each check fast.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.keyring_journal import FILE_KEYRING, keyring_env
from tests.support.kill_writer import ACKNOWLEDGED, IMPORT_CLIENTS, KillableWriter

KILLS = 40
SPANS = 2.0
"""Each kill falls after a random time of up to SPANS times one whole operation, as long as
it took on this machine just before: kills land at every stage, however busy the machine."""


@pytest.fixture
def writer(home: Path, keyring_file: Path, tmp_path: Path) -> Iterator[KillableWriter]:
    """The killable writer, with the journal made (Maja, `save 0`) before the first kill."""
    env = keyring_env(keyring_file, PYTHON_KEYRING_BACKEND=FILE_KEYRING, TMPDIR=str(tmp_path))
    started = KillableWriter(home, env, tmp_path / "writer-errors.txt")
    try:
        started.once("save", 0)
        yield started
    finally:
        started.close()


def _acknowledged(op: str, lines: list[str]) -> int:
    return sum(line.startswith(ACKNOWLEDGED[op]) for line in lines)


def _span(writer: KillableWriter, op: str, n: int) -> float:
    """Run `op` once (as operation number `n`) to its end: how long it took, in seconds."""
    started = time.monotonic()
    writer.once(op, n)
    return SPANS * (time.monotonic() - started)


def test_killed_saves_keep_every_acknowledged_save(writer: KillableWriter) -> None:
    rng = random.Random(13_001)
    span = _span(writer, "save", 1)
    saved, acknowledged = 2, 2  # save 0 (the fixture's) and save 1
    for _ in range(KILLS):
        lines = writer.kill_during("save", saved, rng.uniform(0, span))
        acknowledged += _acknowledged("save", lines)
        _, state = writer.check([{}], [])
        found = len(state["summaries"])
        # Every acknowledged save is there, in order, and at most the one in flight besides.
        assert state["summaries"] == [f"save {n}" for n in range(found)]
        assert acknowledged <= found <= acknowledged + 1, lines
        saved = acknowledged = found
    assert saved > KILLS / 4  # the kills fell among saves, not only before the first


def test_killed_imports_are_all_or_nothing(writer: KillableWriter) -> None:
    rng = random.Random(13_002)
    span = _span(writer, "import", 0)
    imported = 1
    for _ in range(KILLS):
        lines = writer.kill_during("import", imported, rng.uniform(0, span))
        acknowledged = imported + _acknowledged("import", lines)
        _, state = writer.check([{}], [])
        batches = {name.split()[1].split("-")[0] for name in state["clients"] if name != "Maja"}
        found = len(batches)
        assert batches == {str(n) for n in range(found)}  # every import whole, in order
        assert len(state["clients"]) == 1 + found * IMPORT_CLIENTS
        assert len(state["summaries"]) == 1 + found * IMPORT_CLIENTS * 2
        assert acknowledged <= found <= acknowledged + 1, lines
        imported = found
    assert imported > KILLS / 4


def test_killed_backups_leave_the_journal_and_every_backup_whole(
    writer: KillableWriter,
) -> None:
    rng = random.Random(13_003)
    span = _span(writer, "backup", 0)
    checked: list[str] = []
    made = 1
    for _ in range(KILLS):
        lines = writer.kill_during("backup", made, rng.uniform(0, span))
        printed = [Path(line).name for line in lines if line.startswith(ACKNOWLEDGED["backup"])]
        _, state = writer.check([{}], checked)
        assert state["summaries"] == ["save 0"]  # the journal itself is unchanged
        backups = state["backups"]
        assert set(printed) <= set(backups)  # every backup reported made is there
        damaged = {name: problems for name, problems in backups.items() if problems}
        assert not damaged  # every file named *.db opens with the key and holds the journal
        checked = [name for name in backups if name.endswith(".db")]
        made += len(printed)
    assert made > KILLS / 4
