"""Putting another file in the journal's place (a restored backup, a copy under a new key) so
that a kill at any moment leaves the old journal or the new one: never a mix, never nothing.

The new file is written and verified beside the journal first (`staged_path`). Then an intent
record names the key record the new file needs; writing it is the commit point. Only then are
the current files moved into a set-aside folder (never deleted) and the new one renamed into
place. Every open first finishes a switch that a kill interrupted (`finish_switch`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path

from journal.errors import JournalUnavailable
from journal.i18n import _
from journal.store.atomic import fsync_dir, write_text_atomic
from journal.store.home import companions, database_path, ensure_home, key_record_path
from journal.store.key_record import KeyRecord, save_key_record

STAGED_NAME = "journal.db.incoming"
INTENT_NAME = "switch.json"
SET_ASIDE_DIR = "set-aside"


def staged_path(home: Path) -> Path:
    return home / STAGED_NAME


def clear_staged(home: Path) -> None:
    """Remove a staged file no intent names: a switch killed before its commit point."""
    if not (home / INTENT_NAME).exists():
        for path in (staged_path(home), home / f"{STAGED_NAME}.partial"):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _journal_files(home: Path) -> list[Path]:
    db = database_path(home)
    return [*companions(db), db]


def commit_switch(home: Path, record: KeyRecord, reason: str) -> Path | None:
    """Put the staged file in the journal's place with `record` as its key record. Returns
    the folder the journal that was there was moved to, or None when there was none."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = home / SET_ASIDE_DIR / f"{stamp}-{reason}"
    number = 2
    while aside.exists():
        aside = home / SET_ASIDE_DIR / f"{stamp}-{reason}-{number}"
        number += 1
    intent = {"aside": aside.name, "record": json.loads(record.to_json())}
    write_text_atomic(home / INTENT_NAME, json.dumps(intent, indent=2) + "\n")
    return finish_switch(home)


def finish_switch(home: Path) -> Path | None:
    """Carry out the switch an intent record names, whether it was just written or a kill
    interrupted it; idempotent. Returns the set-aside folder when something was moved there."""
    intent_path = home / INTENT_NAME
    try:
        intent = json.loads(intent_path.read_text(encoding="utf-8"))
        record = KeyRecord(**intent["record"])
        aside = home / SET_ASIDE_DIR / str(intent["aside"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise JournalUnavailable(
            _(
                "%(intent_path)s is damaged (%(exc)s); nothing was changed. The new "
                "journal file is %(staged_path)s; move both away and open a backup with "
                "`rapport restore`."
            )
            % {"intent_path": intent_path, "exc": exc, "staged_path": staged_path(home)}
        ) from exc
    staged = staged_path(home)
    if staged.exists():
        present = [path for path in (*_journal_files(home), key_record_path(home)) if path.exists()]
        if present:
            ensure_home(aside)
        for path in present:
            os.replace(path, aside / path.name)
        os.replace(staged, database_path(home))
        fsync_dir(home)
    save_key_record(home, record)
    intent_path.unlink()
    fsync_dir(home)
    return aside if aside.exists() else None
