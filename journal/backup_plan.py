"""Rapport's own backups: when one is due, where it goes, and which are kept.

Every copy is `Journal.verified_backup` (encrypted with the journal's key, opened and checked
before it counts), written to the home's backups/ and to the coach's second folder (the
`backup_folder` setting). Only Rapport's own verified copies in those two folders
(`rapport-YYYYMMDD-HHMMSS[-why].db`) are ever rotated: a copy made with `rapport backup --to`
elsewhere, a file of another name, or a half-written `.partial`/`.unverified` left by a kill
is never deleted. The policy is in the README ("Backups").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from journal import settings
from journal.errors import JournalWriteFailed, RapportError, os_problem
from journal.i18n import N_, _
from journal.store.backups import newest_verified
from journal.store.database import Journal, release_thread_connection
from journal.store.home import backups_dir

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
"""The newest backup of each of this many most recent days, weeks and months is kept."""
RECENT = dt.timedelta(hours=24)
"""Every backup younger than this is kept: the one before this morning's import, say."""
DISK_SHARE = 0.10
"""Rapport's backups in a folder take at most this share of the space free there (counting
the space they hold themselves); the oldest go first, the newest always stays."""
DAILY = dt.timedelta(days=1)
"""The app backs up when the newest verified backup is older than this."""

_OWN = re.compile(r"^rapport-(\d{8}-\d{6})(?:-([a-z][a-z0-9-]*?))?(?:-\d+)?\.db$")

Progress = Callable[[int, int], None]


def made_at(path: Path) -> dt.datetime | None:
    """When one of Rapport's own backups was made (local time, from its name); None for any
    other file, which rotation never touches."""
    match = _OWN.match(path.name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def why_made(path: Path) -> str:
    """Why one of Rapport's own backups was made, from its name ("daily", "at-quit",
    "before-import", …; "" for one made by hand or not Rapport's)."""
    match = _OWN.match(path.name)
    return (match.group(2) or "") if match else ""


def _week(moment: dt.datetime) -> tuple[int, int]:
    year, week, _day = moment.isocalendar()
    return year, week


def kept(backups: Sequence[tuple[dt.datetime, int]], now: dt.datetime, room: int) -> set[int]:
    """Which of `backups` (when each was made, its size in bytes) to keep, by index: every one
    younger than RECENT, the newest of each of the KEEP_DAILY most recent days that have one,
    likewise for weeks and months, and the newest of all; then, newest first, only as many as
    fit in DISK_SHARE of `room` (the free space plus what the backups hold), the newest of all
    whatever its size. Applied again to what it keeps, it keeps all of it."""
    order = sorted(range(len(backups)), key=lambda i: backups[i][0], reverse=True)
    keep = set(order[:1]) | {i for i in order if now - backups[i][0] < RECENT}
    buckets: tuple[tuple[int, Callable[[dt.datetime], object]], ...] = (
        (KEEP_DAILY, lambda moment: moment.date()),
        (KEEP_WEEKLY, _week),
        (KEEP_MONTHLY, lambda moment: (moment.year, moment.month)),
    )
    for count, bucket in buckets:
        seen: set[object] = set()
        for i in order:
            key = bucket(backups[i][0])
            if key not in seen:
                if len(seen) == count:
                    break
                seen.add(key)
                keep.add(i)
    budget, used, fits = DISK_SHARE * room, 0, set[int]()
    for i in (i for i in order if i in keep):
        used += backups[i][1]
        if fits and used > budget:
            break
        fits.add(i)
    return fits


def rotate(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups of Rapport's own in `folder` that the policy (`kept`) lets go;
    returns them. Nothing else in the folder is looked at."""
    now = now or dt.datetime.now()
    _clear_leftovers(folder, now)
    own = [(path, made) for path in folder.glob("rapport-*.db") if (made := made_at(path))]
    if not own:
        return []
    sizes = [path.stat().st_size for path, _made in own]
    room = shutil.disk_usage(folder).free + sum(sizes)
    keep = kept([(made, size) for (_p, made), size in zip(own, sizes, strict=True)], now, room)
    gone = [path for i, (path, _made) in enumerate(own) if i not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def _clear_leftovers(folder: Path, now: dt.datetime) -> None:
    """What a killed backup left (it never counted): removed once it is a day old, so a
    backup under way in another process is never disturbed."""
    for pattern in ("rapport-*.partial", "rapport-*.partial-journal", "rapport-*.unverified"):
        for path in folder.glob(pattern):
            if now - dt.datetime.fromtimestamp(path.stat().st_mtime) > RECENT:
                path.unlink(missing_ok=True)


def _rotate_quietly(folder: Path) -> None:
    """Rotation that fails (a file it may not delete) keeps copies; it never fails a backup."""
    with contextlib.suppress(OSError):
        rotate(folder)


def second_folder() -> Path | None:
    """The coach's second backup folder (the `backup_folder` setting), or None."""
    value = settings.get("backup_folder")
    return Path(value) if value else None


@dataclass(frozen=True)
class Outcome:
    """Where a backup went. `problem`: why the second folder has no copy, in one line ("" when
    it has one or there is none)."""

    home: Path
    second: Path | None = None
    problem: str = ""
    folder: Path | None = None  # the second folder, when one is set


def back_up(journal: Journal, why: str = "", progress: Progress | None = None) -> Outcome:
    """A verified backup in the home's backups/ (its failure is raised: nothing counts then)
    and one in the second folder (its failure is said in `problem`, never raised: the home's
    copy still counts); each folder rotated once its new copy counts."""
    folder = second_folder()
    steps = 2 if folder else 1
    tick = progress or (lambda _done, _total: None)
    tick(0, steps)
    home = journal.verified_backup(backups_dir(journal.home), why)
    _rotate_quietly(home.parent)
    tick(1, steps)
    if folder is None:
        return Outcome(home)
    try:
        if not folder.is_dir():
            raise RapportError(_("the folder is not there (is its drive connected?)"))
        copy = journal.verified_backup(folder, why)
        _rotate_quietly(folder)
    except (RapportError, OSError) as exc:
        reason = str(exc).rstrip(".")
        return Outcome(
            home,
            folder=folder,
            problem=_(
                "No backup could be written to %(folder)s: %(reason)s. Backups go to "
                "%(home)s only until it works again; check the drive, or choose another "
                "folder in Preferences."
            )
            % {"folder": folder, "reason": reason, "home": home.parent},
        )
    finally:
        tick(2, steps)
    return Outcome(home, copy, folder=folder)


def backup_before(journal: Journal, operation: str) -> Outcome:
    """The backup before a risky `operation` (import, restore, rekey): call it first, and do
    not go on if it raises (its message says the operation did not start). Named
    `rapport-…-before-OPERATION.db`."""
    try:
        return back_up(journal, f"before-{operation}")
    except (RapportError, OSError) as exc:  # a full disk, a backups/ that is not a folder
        problem = os_problem(exc) if isinstance(exc, OSError) else str(exc)
        raise JournalWriteFailed(
            _(
                "%(operation)s did not start: the backup before it failed (%(problem)s). "
                "The journal was not changed."
            )
            % {
                "operation": _(OPERATION_WORDS.get(operation, operation)),
                "problem": problem.rstrip("."),
            }
        ) from exc


def backup_before_commit(journal: Journal, operation: str) -> Outcome:
    """`backup_before`, called from inside the operation's own open transaction once all it
    writes has passed its checks: so an operation refused midway (a bad record late in an
    import) makes no backup. The copy is made on a thread with a connection of its own, which
    reads the journal as last committed (the operation's writes not in it); the transaction
    holds the write lock, so nothing else lands in between."""
    done: list[Outcome] = []
    failed: list[BaseException] = []

    def back_up_aside() -> None:
        try:
            done.append(backup_before(journal, operation))
        except BaseException as exc:  # raised again on the operation's own thread
            failed.append(exc)
        finally:
            release_thread_connection()

    aside = threading.Thread(target=back_up_aside, name="backup-before-commit")
    aside.start()
    aside.join()
    if failed:
        raise failed[0]
    return done[0]


OPERATION_WORDS = {
    "import": N_("The import"),
    "restore": N_("The restore"),
    "rekey": N_("The key change"),
}
"""The risky operations as a sentence starts with them."""


def due(home: Path, now: dt.datetime, wrote: bool = False) -> bool:
    """Whether an automatic backup is due: the newest verified one in the home's backups/ is
    older than DAILY (or there is none), or, at quit, this session `wrote` something."""
    if wrote:
        return True
    newest = newest_verified(home)
    return newest is None or now - newest.made >= DAILY


class SecondFolderNews:
    """A second folder that fails is said once per failure episode, not at every backup: the
    first failure, then nothing until a copy reaches it again (which is said too)."""

    def __init__(self) -> None:
        self._failing = False

    def news(self, outcome: Outcome) -> str:
        if outcome.problem:
            first, self._failing = not self._failing, True
            return outcome.problem if first else ""
        if self._failing and outcome.second is not None:
            self._failing = False
            return _("Backups reach %(folder)s again.") % {"folder": outcome.second.parent}
        return ""
