"""A canary word written everywhere a coach writes (a client's name and profile, summaries,
notes, a commitment, a template, a setting, a draft) never appears in plaintext in any file
Rapport leaves: the journal, its write-ahead file and index, key.json, the backups, the drafts
folder, the recovery sheet, nor in the temporary folder its processes used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.keyring_journal import FILE_KEYRING, keyring_env

CANARY = "Quetzalcoatl-Brightwater-7731"

SESSION = f"""
import datetime as dt
import sys
from pathlib import Path
from journal import clients, settings
from journal.entries import drafts
from journal.entries.capture import log_interaction
from journal.entries.commitments import add_commitment
from journal.store.database import open_journal
from journal.store.home import backups_dir
from journal.templates.library import save_template

canary = {CANARY!r}
home = Path(sys.argv[1])
journal = open_journal(home)
journal.db.execute_sql("PRAGMA wal_autocheckpoint = 0")  # every page stays in the WAL
client = clients.create_client(f"Maja {{canary}}", notes=f"profile {{canary}}")
call = log_interaction(
    client, at=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), channel="video",
    direction="two_way", summary=f"summary {{canary}}", notes=f"notes {{canary}}",
)
add_commitment(client, "me", f"promise {{canary}}", interaction=call)
save_template("canary-note", "en", title=f"title {{canary}}", subject=f"subject {{canary}}",
              body=f"body {{canary}}", answers=())
settings.set_value("ideal_client", f"ideal {{canary}}")
drafts.save_draft(drafts.new_draft_key(), {{"notes": f"draft {{canary}}"}}, client.id)
journal.verified_backup(backups_dir(home))
print("written", flush=True)
sys.stdin.readline()  # the test looks at the files while the journal is open, then here
journal.close()
"""


def _leaks(folder: Path) -> list[str]:
    """Each file under `folder` that holds the canary in a form a reader could find: UTF-8 or
    UTF-16 (either byte order), as written or in lower case."""
    forms = [
        word.encode(codec)
        for word in (CANARY, CANARY.lower())
        for codec in ("utf-8", "utf-16-le", "utf-16-be")
    ]
    return [
        f"{path} ({path.stat().st_size} bytes)"
        for path in sorted(folder.rglob("*"))
        if path.is_file() and any(form in path.read_bytes() for form in forms)
    ]


def test_the_canary_word_is_nowhere_in_plaintext(
    home: Path, keyring_file: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = keyring_env(
        keyring_file,
        PYTHON_KEYRING_BACKEND=FILE_KEYRING,
        RAPPORT_HOME=str(home),
        TMPDIR=str(temp),
        QT_QPA_PLATFORM="offscreen",
    )
    with subprocess.Popen(
        [sys.executable, "-c", SESSION, str(home)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as session:
        assert session.stdout is not None and session.stdin is not None
        try:
            assert session.stdout.readline() == "written\n"
            written = {p.name for p in home.rglob("*") if p.is_file()}
            assert {"journal.db", "journal.db-wal", "journal.db-shm", "key.json"} <= written
            assert any(p.suffix == ".db" for p in (home / "backups").iterdir())
            assert _leaks(home) == [] and _leaks(temp) == []  # the journal open, its WAL full
            session.stdin.write("\n")
            session.stdin.flush()
            assert session.wait(timeout=60) == 0
        finally:
            if session.poll() is None:
                session.kill()
    sheet = ["recovery-sheet", "--out", str(tmp_path / "sheet.pdf")]
    for argv in (["search", CANARY], ["backup"], sheet, ["clients"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-m", "ui", *argv], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert argv[0] != "search" or f"Maja {CANARY}" in done.stdout  # it was written
    assert _leaks(home) == [] and _leaks(temp) == []  # closed: every page in journal.db
    # The look-out finds the canary where it is in plaintext: an export is, by design.
    exported = tmp_path / "export.json"
    subprocess.run(
        [sys.executable, "-m", "ui", "export", str(exported)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    assert _leaks(tmp_path) == [f"{exported} ({exported.stat().st_size} bytes)"]
