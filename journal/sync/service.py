"""Setting sync up, joining, syncing now, where sync stands, and leaving.

The folder's path, this device's id and the journal's sync id live in the journal
(`sync_meta`), not in settings: they belong to this device and never travel.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from journal.errors import JournalUnavailable, UserInputError, os_problem
from journal.i18n import _, ngettext
from journal.store.database import Journal, open_journal
from journal.store.home import companions, database_path
from journal.store.migrations import MigrationDb
from journal.store.recovery import raw_key_hex
from journal.store.secrets import JournalKey, forget_new_key, store_in_keyring
from journal.store.switch import clear_staged, commit_switch, finish_switch, staged_path
from journal.sync import compaction, copies
from journal.sync.clock import now_ms
from journal.sync.engine import Meta, Outcome, acks, sync_once
from journal.sync.folder import (
    ACK_FILE,
    FORMAT,
    clear_own_temporaries,
    devices,
    entries,
    new_device_id,
    read_journal_file,
    write_atomically,
    write_journal_file,
)
from journal.sync.sealing import Torn, key_check, seal, sync_key, unseal
from journal.sync.tables import drop_capture, ensure_capture, stop_capture


def _has_state(db: MigrationDb) -> bool:
    row = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_meta'"
    ).fetchone()
    return row is not None


def folder_of(journal: Journal) -> Path | None:
    """The sync folder this journal is set up with, or None."""
    if not _has_state(journal.db):
        return None
    folder = Meta(journal.db).get("folder")
    return Path(folder) if folder else None


JOINING_DIR = "joining"
"""Where `join_in_place` builds the synced journal, inside the home, before it moves in."""


def device_of(journal: Journal) -> str:
    """This device's id in the sync folder, or "" when the journal does not sync."""
    return Meta(journal.db).get("device") if folder_of(journal) is not None else ""


def _reachable(folder: Path) -> None:
    if not folder.is_dir():
        raise JournalUnavailable(
            _(
                "The sync folder {folder} is not there (a drive not mounted, or the folder "
                "moved); nothing was lost: changes wait here until it is back, or choose the "
                "folder again with `rapport sync --folder DIR`."
            ).format(folder=folder)
        )


def _described(folder: Path) -> dict[str, str] | None:
    """The folder's rapport-journal.json, or None when the folder holds no synced journal.
    One from a newer Rapport is refused: its change files may say what this one cannot."""
    described = read_journal_file(folder)
    if described is not None and described.get("format", "1") != str(FORMAT):
        raise JournalUnavailable(
            _(
                "The sync folder {folder} was set up by a newer Rapport; update Rapport on "
                "this device to sync with it."
            ).format(folder=folder)
        )
    return described


def _folder_key(journal_key: str, folder: Path, kept: str = "") -> tuple[str, bytes] | None:
    """The folder's journal id and the sync key, or None when the folder is not set up.
    `kept`: the sync key this journal synced with (hex), which still opens the folder after
    the journal's own key changed (a new passphrase, a key moved): the other devices go on
    with the key the folder was set up with."""
    described = _described(folder)
    if described is None:
        return None
    journal_id = described.get("journal", "")
    if not journal_id:
        raise JournalUnavailable(
            _("{path} is damaged; restore it from another device's sync folder.").format(
                path=folder / "rapport-journal.json"
            )
        )
    key = sync_key(journal_key, journal_id)
    if described.get("check") != key_check(key) and kept:
        key = bytes.fromhex(kept)
    if described.get("check") != key_check(key):
        raise UserInputError(
            _(
                "{folder} holds the sync files of another journal (or this journal under "
                "another key); choose an empty folder, or the folder this journal syncs with."
            ).format(folder=folder)
        )
    return journal_id, key


def _kept_key(journal: Journal) -> str:
    return Meta(journal.db).get("key") if _has_state(journal.db) else ""


def set_up(journal: Journal, folder: Path) -> Outcome:
    """Sync this journal through `folder`: start a new sync folder there, or join the one
    there (this journal's records and the folder's are merged)."""
    folder = folder.expanduser().resolve()
    if not folder.exists():
        folder.mkdir(parents=True)
    _reachable(folder)
    found = _folder_key(journal.key, folder, _kept_key(journal))
    if found is None:
        journal_id = secrets.token_hex(16)
        key = sync_key(journal.key, journal_id)
        write_journal_file(folder, journal_id, key_check(key))
    else:
        journal_id, key = found
    db = journal.db
    with db.atomic():
        if _has_state(db) and Meta(db).get("journal") not in ("", journal_id):
            # What sync knew was of another folder's journal: compared with it, the records
            # here would look sent already, and the new folder would never get them.
            drop_capture(db)
        meta = Meta(db)
        if ensure_capture(db):
            meta.put("full", "1")  # writes made while no trigger noted them
        if meta.get("journal") != journal_id or not meta.get("device"):
            meta.put("device", new_device_id())
            meta.put("journal", journal_id)
            meta.put("full", "1")  # every record here goes out once
        meta.put("folder", str(folder))
        meta.put("key", key.hex())
    return sync_now(journal)


def joinable(folder: Path, key: JournalKey) -> Path:
    """The folder, resolved, once it holds a synced journal that `key` opens; a one-line
    error saying what to check otherwise. Cheap (one small file is read), so the app asks it
    before anything is closed or built."""
    folder = folder.expanduser().resolve()
    _reachable(folder)
    described = _described(folder)
    if described is None:
        raise UserInputError(
            _("{folder} holds no synced journal to join; check the folder.").format(folder=folder)
        )
    journal_id = described.get("journal", "")
    if described.get("check") != key_check(sync_key(key.sqlcipher_key, journal_id)):
        raise UserInputError(
            _(
                "That key does not open the journal synced in {folder}; check the recovery "
                "key on its recovery sheet (or the passphrase). After a passphrase change or a "
                "key move, use the key the journal had when sync was set up."
            ).format(folder=folder)
        )
    return folder


def join_in_place(home: Path, folder: Path, key: JournalKey) -> Path | None:
    """A new device joins: the synced journal is built from the folder (the snapshots and the
    changes after them) in a folder inside the home, with the journal's own key (from its
    recovery key, or its passphrase), then takes the journal's place as a restored backup
    does. A kill leaves the home as it was or the joined journal whole, and a journal that
    was there (the app's new, empty one) is set aside, never deleted. Returns the folder it
    was set aside in, or None when the home held none."""
    folder = joinable(folder, key)
    building = home / JOINING_DIR
    finish_switch(home)
    clear_staged(home)
    shutil.rmtree(building, ignore_errors=True)  # what a join killed midway left
    key = _kept_in_keyring(key)
    try:
        joined = open_journal(building, key=key)
        try:
            set_up(joined, folder)
        finally:
            problem = joined.close()
        if problem or any(p.exists() for p in companions(database_path(building))):
            raise JournalUnavailable(
                _(
                    "The journal joined from {folder} could not be made whole ({problem}); "
                    "the journal here was not changed. Try again."
                ).format(folder=folder, problem=problem or building)
            )
    except BaseException:
        forget_new_key(key.record)
        shutil.rmtree(building, ignore_errors=True)
        raise
    os.replace(database_path(building), staged_path(home))
    aside = commit_switch(home, key.record, "join")
    shutil.rmtree(building, ignore_errors=True)
    return aside


def _kept_in_keyring(key: JournalKey) -> JournalKey:
    """The joining key with the record this device keeps it under: a keyring journal's key
    goes into this device's keyring (a passphrase journal's stays in the coach's head)."""
    if key.record.mode != "keyring":
        return key
    record = store_in_keyring(raw_key_hex(key.sqlcipher_key) or "")
    if record is None:
        raise JournalUnavailable(
            _(
                "No system keyring could take the journal's key on this device; unlock or "
                "install a keyring (such as GNOME Keyring or KWallet) and join again."
            )
        )
    return JournalKey(key.sqlcipher_key, record)


def sync_now(journal: Journal) -> Outcome:
    """One sync; raises JournalUnavailable (one line) when the folder cannot be reached."""
    folder = folder_of(journal)
    if folder is None:
        raise UserInputError(
            _("This journal does not sync yet; set it up with `rapport sync --folder DIR`.")
        )
    _reachable(folder)
    found = _folder_key(journal.key, folder, _kept_key(journal))
    if found is None:
        raise JournalUnavailable(
            _(
                "{folder} no longer holds this journal's sync files; nothing was lost: set "
                "sync up again with `rapport sync --folder DIR`."
            ).format(folder=folder)
        )
    key = found[1]
    if _kept_key(journal) != key.hex():  # set up before the key was kept
        with journal.db.atomic():
            Meta(journal.db).put("key", key.hex())
    me = Meta(journal.db).get("device")
    clear_own_temporaries(folder, me)
    notice = ""
    try:
        if copies.written_elsewhere(journal.db, folder, key, me):
            me, notice = copies.take_new_id(journal.db, folder, key, me)
        outcome = sync_once(journal.db, folder, key)
        _acknowledge(journal.db, folder, key, me)
        compaction.compact(journal.db, folder, key, me, _acks_of_others(folder, key, me))
    except OSError as exc:
        raise JournalUnavailable(
            _(
                "The sync folder {folder} could not be written ({reason}); nothing was lost: "
                "changes wait here for the next sync."
            ).format(folder=folder, reason=os_problem(exc))
        ) from exc
    outcome.devices = devices(folder)
    outcome.notice = " ".join(line for line in (notice, _revived(outcome)) if line)
    return outcome


def _revived(outcome: Outcome) -> str:
    count = len(outcome.revived)
    if not count:
        return ""
    return ngettext(
        "%(n)d client deleted on another device is back: something new was written for them "
        "meanwhile. Delete them again if that is what you want.",
        "%(n)d clients deleted on another device are back: something new was written for them "
        "meanwhile. Delete them again if that is what you want.",
        count,
    ) % {"n": count}


ACK_EVERY_MS = 10 * 60 * 1000
"""An ack that says nothing new is rewritten only this often (it also tells the others when
this device last synced): every rewrite wakes the other devices' watchers."""


def _acknowledge(db: MigrationDb, folder: Path, key: bytes, me: str) -> None:
    """Say in this device's ack file what it has read, when that changed (or now and then)."""
    meta = Meta(db)
    seen = json.dumps(acks(db), sort_keys=True)
    last = int(meta.get("ack_at") or "0")
    if seen == meta.get("ack") and now_ms() - last < ACK_EVERY_MS:
        return
    ack = {"acks": json.loads(seen), "at": now_ms(), "label": socket.gethostname()}
    with db.atomic():  # so a kill after the file is written is not taken for another copy
        copies.about_to_write(meta, int(ack["at"]))
    write_atomically(folder / me / ACK_FILE, seal(key, me, ack))
    with db.atomic():
        meta.put("ack", seen)
        meta.put("ack_at", str(ack["at"]))


def _acks_of_others(folder: Path, key: bytes, me: str) -> dict[str, dict[str, Any]]:
    """Each other device's ack file (what it has read, when, its name). A device whose ack
    is not whole yet counts as having read nothing; one with none has left (or is joining,
    and reads the newest snapshot)."""
    found: dict[str, dict[str, Any]] = {}
    for device in devices(folder):
        if device == me:
            continue
        try:
            found[device] = dict(unseal(key, device, (folder / device / ACK_FILE).read_bytes()))
        except FileNotFoundError:
            continue  # a device that left sync, or has not finished joining
        except (OSError, Torn):
            found[device] = {"acks": {}, "at": 0, "label": ""}
    return found


@dataclass
class Status:
    """Where sync stands, for `rapport sync --status` and the status bar."""

    folder: str = ""
    device: str = ""
    last_sync: int = 0  # ms since the epoch; 0: never
    pending: int = 0  # local changes not sent yet
    waiting: int = 0  # files of other devices not read yet
    reachable: bool = True
    devices: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def status(journal: Journal) -> Status:
    folder = folder_of(journal)
    if folder is None:
        return Status()
    db = journal.db
    meta = Meta(db)
    me = meta.get("device")
    noted = "SELECT count(*) FROM (SELECT DISTINCT tbl, key FROM sync_outbox)"
    pending = int(db.execute_sql(noted).fetchone()[0])
    result = Status(str(folder), me, int(meta.get("last_sync", "0")), pending)
    found = _folder_key(journal.key, folder, meta.get("key")) if folder.is_dir() else None
    if found is None:
        result.reachable = False
        return result
    seen = {(d, n) for d, n in db.execute_sql("SELECT device, name FROM sync_seen").fetchall()}
    covered = meta.covered()
    result.waiting = sum(
        1
        for e in entries(folder)
        if (e.device, e.name) not in seen
        and (e.copy or e.kind == "s" or e.seq > covered.get(e.device, 0))
    )
    for device, ack in sorted(_acks_of_others(folder, found[1], me).items()):
        result.devices.append({"device": device, "label": ack.get("label", ""), "at": ack["at"]})
    return result


def leave(journal: Journal) -> None:
    """Stop syncing on this device. Its change files stay for the others to read; its ack
    goes, so no other device waits for it before compacting. What sync knew of each record
    stays, so a device that sets the same folder up again sends only what it changed
    meanwhile: a field it did not touch cannot overwrite a newer edit made elsewhere."""
    folder = folder_of(journal)
    if folder is None:
        return
    meta = Meta(journal.db)
    me = meta.get("device")
    with journal.db.atomic():
        stop_capture(journal.db)
        for name in ("folder", "ack", "ack_at", copies.WRITTEN):
            meta.put(name, "")
    if folder.is_dir():
        (folder / me / ACK_FILE).unlink(missing_ok=True)
