"""A copied journal home: two installations that sync under one device id.

A coach who copies the whole data folder to a new laptop, instead of joining, gets a second
journal with the same device id. Both then write into one device folder, and the merge takes
one writer's later words as having seen the other's (a device's later version replaces its
earlier one), so concurrent notes would be dropped in silence, and file numbers can collide.

The tell is this device's own ack file: the last one it wrote says when it was written, and
the journal remembers that moment. An ack in its folder from a moment this journal never
wrote was written by another copy (or this journal was restored from a backup, which is the
same situation: an older copy of the device). Then this journal takes a new device id and
writes a snapshot under it, so every record it holds reaches the others whatever happened to
the files both copies wrote under the old id.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from journal.i18n import _
from journal.store.migrations import MigrationDb
from journal.sync.compaction import write_snapshot
from journal.sync.engine import Meta
from journal.sync.folder import ACK_FILE, new_device_id
from journal.sync.sealing import Torn, unseal

log = logging.getLogger(__name__)


def _ack_moment(folder: Path, key: bytes, device: str) -> str | None:
    """When the ack file in a device's folder says it was written; None when there is none
    whole to read."""
    try:
        ack = unseal(key, device, (folder / device / ACK_FILE).read_bytes())
    except (OSError, Torn):
        return None
    return str(ack.get("at", "")) if isinstance(ack, dict) else None


WRITTEN = "ack_written"
"""sync_meta: the moments of this journal's latest ack files, noted before each is written (a
kill after the write, or the app and the command line acking at once, is still this one)."""
_KEEP = 8


def about_to_write(meta: Meta, moment: int) -> None:
    """Note an ack's moment before its file is written; in the caller's transaction."""
    recent = [m for m in meta.get(WRITTEN).split(",") if m][-(_KEEP - 1) :]
    meta.put(WRITTEN, ",".join([*recent, str(moment)]))


def written_elsewhere(db: MigrationDb, folder: Path, key: bytes, me: str) -> bool:
    """Was this device's ack file last written by another copy of this journal?"""
    meta = Meta(db)
    moment = _ack_moment(folder, key, me)
    if moment is None:
        return False
    return moment not in {meta.get("ack_at"), *meta.get(WRITTEN).split(",")}


def take_new_id(db: MigrationDb, folder: Path, key: bytes, me: str) -> tuple[str, str]:
    """Sync on as a new device; returns its id and a line for the coach."""
    new = new_device_id()
    with db.atomic():  # one step: a snapshot that cannot be written keeps the old id, to retry
        meta = Meta(db)
        meta.put("device", new)
        for name in ("ack", "ack_at", WRITTEN):
            meta.put(name, "")
        # A file under the old id may be the other copy's, under a name this one wrote too:
        # read them all again (merging is idempotent), and vouch for none of them.
        db.execute_sql("DELETE FROM sync_seen WHERE device = ?", (me,))
        covered = meta.covered()
        covered.pop(me, None)
        meta.put("covered", json.dumps(covered, sort_keys=True))
        write_snapshot(db, folder, key, new, unsure=me)
    (folder / me / ACK_FILE).unlink(missing_ok=True)  # the other copy writes its own again
    log.warning("sync: device %s was also written by another copy; now %s", me, new)
    notice = _(
        "Another copy of this journal (a copied data folder, or a restored backup) also synced "
        "as device {old}; this device now syncs as {new}, and nothing was lost. To add a "
        "device, join from an empty home instead of copying the folder."
    ).format(old=me, new=new)
    return new, notice
