"""A writer to be killed: `python -m tests.support.kill_writer HOME WORK` reads commands on
stdin and forks one child per command, so each run starts writing at once instead of after a
cold start (imports), and many SIGKILLs fit in a short test. WORK holds the files the
operations read (imports, the backups to restore).

Commands (one JSON object a line), answered on stdout:
- {"op": NAME, "start": N}: a child runs OPERATIONS[NAME](work, n) for n = N, N+1, … through
  the `rapport` command line, in a loop, until it is killed; the CLI's own output (for example
  "Logged …") is the acknowledgement a user would see, and "done N" follows each run that
  exited 0. A run that fails prints "failed N CODE" and ends the child.
- {"op": NAME, "start": N, "once": true}: the same, one run only.
- {"check": [ENV, …], "backups": [NAME, …] or null}: a child tries each environment (a key
  that could be valid) in turn with `rapport check`, and prints "checked I CODE" for each,
  and for the first that exits 0 "state {JSON}": what the journal holds (see `_state`).
Each command is answered with "started PID" first and "ended STATUS" when its child is gone.

The parent never opens the journal, so every child starts with no connection of its own.
Every child derives a passphrase's key with KDF_ROUNDS rounds instead of SQLCipher's
default, so that checks after kills and passphrase changes do not wait on the derivation:
where a kill falls, and what it leaves, does not depend on how long it takes. A journal made
here opens only in this writer.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from journal.cli.main import run
from journal.store.database import open_journal
from journal.store.health import copy_problems, counts
from journal.store.home import backups_dir, key_record_path
from journal.store.models import Client, Interaction

ROOT = Path(__file__).resolve().parents[2]
KDF_ROUNDS = 2000
IMPORT_CLIENTS = 12  # clients per import; each with two interactions
PASSPHRASES = ("the first passphrase", "the second passphrase")
ACKNOWLEDGED = {
    "save": "Logged ",
    "import": "Imported ",
    "backup": "/",
    "restore": "Restored ",
    "change-passphrase": "The journal is now locked",
    "move-key": "The journal is now locked",
}
"""How the CLI's output acknowledges one finished operation of each kind."""


def save(work: Path, n: int) -> list[str]:
    """Save `save N` for Maja; the first one makes the journal and Maja."""
    argv = ["log", "Maja", f"save {n}", "--channel", "email", "--direction", "out"]
    return [*argv, "--new-client"] if n == 0 else argv


def import_batch(work: Path, n: int) -> list[str]:
    """An import of IMPORT_CLIENTS new clients named `Import N-…`."""
    call = {"at": "2026-01-01T10:00Z", "channel": "video", "direction": "two_way"}
    clients = [
        {
            "name": f"Import {n}-{i}",
            "interactions": [{**call, "summary": f"call {j}"} for j in range(2)],
        }
        for i in range(IMPORT_CLIENTS)
    ]
    path = work / f"import-{n}.json"
    document = {"format": "rapport-journal", "version": 1, "clients": clients}
    path.write_text(json.dumps(document), encoding="utf-8")
    return ["import", str(path)]


def backup(work: Path, n: int) -> list[str]:
    return ["backup"]


def restore(work: Path, n: int) -> list[str]:
    """Restore the backup `restore-0.db` or `restore-1.db` in WORK, by turns."""
    return ["restore", str(work / f"restore-{n % 2}.db")]


def change_passphrase(work: Path, n: int) -> list[str]:
    """From one of PASSPHRASES to the other and back, by turns."""
    os.environ["RAPPORT_PASSPHRASE"] = PASSPHRASES[n % 2]
    os.environ["RAPPORT_NEW_PASSPHRASE"] = PASSPHRASES[(n + 1) % 2]
    return ["change-passphrase"]


def move_key(work: Path, n: int) -> list[str]:
    """From the keyring to a passphrase (RAPPORT_NEW_PASSPHRASE) and back, by turns; the
    passphrase then opens the journal."""
    os.environ["RAPPORT_PASSPHRASE"] = os.environ["RAPPORT_NEW_PASSPHRASE"]
    return ["move-key", "--to", "passphrase" if n % 2 == 0 else "keyring"]


OPERATIONS: dict[str, Callable[[Path, int], list[str]]] = {
    "save": save,
    "import": import_batch,
    "backup": backup,
    "restore": restore,
    "change-passphrase": change_passphrase,
    "move-key": move_key,
}
"""What each kill test's writer does once: the argv of one `rapport` command."""


def _write(work: Path, command: dict[str, Any]) -> int:
    n = int(command["start"])
    while True:
        code = run(OPERATIONS[command["op"]](work, n))
        if code != 0:
            print(f"failed {n} {code}")
            return code
        print(f"done {n}")
        if command.get("once"):
            return 0
        n += 1


def _state(home: Path, known_backups: list[str] | None) -> dict[str, Any]:
    """What the journal holds, read as the user's next command reads it: its clients, its
    interactions' summaries, its key record, and, unless `known_backups` is None, each backup
    file with what is wrong with it (a backup must open with the journal's key and hold what
    the journal holds); those in `known_backups` were checked before and are only listed."""
    with open_journal(home, create=False) as journal:
        names = sorted(c.name for c in Client.select())
        summaries = [i.summary for i in Interaction.select().order_by(Interaction.id)]
        now = counts(journal.db.connection())
        folder = backups_dir(home)
        backups = {
            path.name: []
            if path.name in known_backups or not path.name.endswith(".db")
            else copy_problems(path, journal.key, now, now)
            for path in (sorted(folder.iterdir()) if folder.is_dir() else [])
            if known_backups is not None
        }
    return {
        "clients": names,
        "summaries": summaries,
        "backups": backups,
        "key_record": json.loads(key_record_path(home).read_text()),
    }


def _check(home: Path, command: dict[str, Any]) -> int:
    for index, env in enumerate(command["check"]):
        os.environ.update(env)
        with redirect_stdout(io.StringIO()):
            code = run(["check"])
        print(f"checked {index} {code}")
        if code == 0:
            print(f"state {json.dumps(_state(home, command['backups']))}")
            return 0
    return 1


def _buffered(env: dict[str, str]) -> dict[str, str]:
    """`env` without PYTHONUNBUFFERED, which writes a printed line and its newline apart."""
    return {name: value for name, value in env.items() if name != "PYTHONUNBUFFERED"}


class KillableWriter:
    """The test's side: the writer process above, never outliving the test (`close`)."""

    def __init__(self, home: Path, work: Path, env: dict[str, str]) -> None:
        self.home, self.work = home, work
        self.checked_backups: list[str] = []
        work.mkdir(parents=True, exist_ok=True)
        self._errors = work / "writer-errors.txt"
        with self._errors.open("w") as stderr:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "tests.support.kill_writer", str(home), str(work)],
                cwd=ROOT,
                env={**_buffered(env), "RAPPORT_HOME": str(home)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                start_new_session=True,
            )

    def _start(self, command: dict[str, Any]) -> int:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(command) + "\n")
        self._process.stdin.flush()
        started = self._line()
        assert started.startswith("started "), started
        return int(started.split()[1])

    def _line(self) -> str:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        assert line, f"the writer died: {self._errors.read_text()}"
        return line.rstrip("\n")

    def _until_ended(self) -> tuple[list[str], int]:
        lines: list[str] = []
        while not (line := self._line()).startswith("ended "):
            if line:
                lines.append(line)
        return lines, int(line.split()[1])

    def once(self, op: str, n: int) -> list[str]:
        """Run operation `op` once, to its end; its output."""
        self._start({"op": op, "start": n, "once": True})
        lines, status = self._until_ended()
        assert status == 0, f"{lines} {self._errors.read_text()}"
        return lines

    def kill_during(self, op: str, start: int, delay: float) -> list[str]:
        """Run `op` in a loop from `start`, SIGKILL it after `delay` seconds: what it printed
        before it died (every line was flushed as it was printed)."""
        child = self._start({"op": op, "start": start})
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
        lines, status = self._until_ended()
        errors = self._errors.read_text()
        assert os.WIFSIGNALED(status), f"the writer ended by itself: {lines} {errors}"
        return lines

    def check(self, keys: list[dict[str, str]], backups: bool = False) -> tuple[int, Any]:
        """Which of `keys` (environments) opens the journal with `rapport check` exiting 0,
        and what the journal then holds (`_state`), with what is wrong with each backup not
        checked before when `backups`."""
        known = self.checked_backups if backups else None
        self._start({"check": keys, "backups": known})
        lines, _ = self._until_ended()
        opened = [line for line in lines if line.startswith("checked ") and line.endswith(" 0")]
        states = [line for line in lines if line.startswith("state ")]
        assert opened and states, f"no key opens a whole journal: {lines}"
        state = json.loads(states[0][len("state ") :])
        self.checked_backups = [name for name in state["backups"] if name.endswith(".db")]
        return int(opened[0].split()[1]), state

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def main() -> None:
    home, work = Path(sys.argv[1]), Path(sys.argv[2])
    fast = sqlcipher.connect(":memory:")  # the default for every later connection
    fast.execute(f"PRAGMA cipher_default_kdf_iter = {KDF_ROUNDS:d}")
    fast.close()
    # Each line in one write, so a kill never leaves half a line (see `_buffered`).
    sys.stdout.reconfigure(line_buffering=True, write_through=False)  # type: ignore[union-attr]
    for line in sys.stdin:
        command = json.loads(line)
        child = os.fork()
        if child == 0:
            code = 1
            try:
                code = _check(home, command) if "check" in command else _write(work, command)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(f"started {child}")
        _, status = os.waitpid(child, 0)
        print(f"\nended {status}")  # on a line of its own, after whatever the child left


if __name__ == "__main__":
    main()
