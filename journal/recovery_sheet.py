"""The recovery sheet: the one page a coach keeps on paper to get the journal back on any
computer. The words live here once; `rapport recovery-sheet --text` prints them and the PDF
(ui.reports.recovery) lays the same sections out on a page.

Whether a sheet was made, and whether the coach typed its last group back, is kept in the
journal with a fingerprint of the key it shows, so a sheet made before a key change does
not count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from journal.i18n import N_, _
from journal.store.database import Journal
from journal.store.home import backups_dir
from journal.store.models import Setting, database
from journal.store.recovery import (
    RECOVERY_KEY_ENV,
    format_recovery_key,
    last_group,
    raw_key_hex,
)
from journal.values.dates import format_date

TITLE = N_("Rapport recovery sheet")
KEY_LABEL = N_("Recovery key:")
"""Msgids: the sheet is written in the language spoken (`_(TITLE)`)."""
MADE, CHECKED = "recovery_sheet_made", "recovery_sheet_checked"


@dataclass(frozen=True)
class Sheet:
    made: dt.date
    journal: Path
    backup_folders: tuple[Path, ...]
    recovery_key: str | None
    """None for a passphrase journal: its passphrase is the key."""

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) in order, in the language spoken; the first paragraph of
        "Your key" is the key line (it starts with `_(KEY_LABEL)`)."""
        label = _(KEY_LABEL)
        if self.recovery_key:
            key = [
                f"{label} {self.recovery_key}",
                _(
                    "This key opens your journal and every backup made with it. Rapport keeps "
                    "it in this computer's keyring; this sheet is the only other copy. Keep it "
                    "somewhere safe and private, such as a locked drawer: anyone who has it and "
                    "a backup can read your journal."
                ),
            ]
            restore_with = _("%(variable)s=<the key above> rapport restore BACKUP") % {
                "variable": RECOVERY_KEY_ENV
            }
        else:
            key = [
                label + " " + _("your passphrase"),  # not in an f-string: the extractor skips those
                _(
                    "This journal is locked with a passphrase, and the passphrase is its key: "
                    "it opens the journal and every backup made while it was in use. Rapport "
                    "never stores it and cannot recover it. Keep it in your password manager, "
                    "or write it here by hand if this sheet is kept safe."
                ),
            ]
            restore_with = _("RAPPORT_PASSPHRASE=<your passphrase> rapport restore BACKUP")
        folders = ", ".join(str(folder) for folder in self.backup_folders)
        return [
            (_("Your key"), key),
            (
                _("Where your journal lives"),
                [
                    _("Journal: %(path)s") % {"path": self.journal},
                    _("Backups: %(folders)s") % {"folders": folders},
                    _(
                        "A backup is encrypted with the same key, so a copy on an external "
                        "drive or in a cloud folder is safe to keep there."
                    ),
                ],
            ),
            (
                _("How to restore, on this computer or a new one"),
                [
                    _(
                        "1. Install Rapport and copy a backup file (rapport-….db) onto the "
                        "computer."
                    ),
                    _(
                        "2. In the app choose File > Backups…, then Restore, and type the key "
                        "when asked. Or, in a terminal: %(command)s"
                    )
                    % {"command": restore_with},
                    _(
                        "3. Rapport checks the backup with the key before it changes anything, "
                        "keeps any journal that was there in a set-aside folder, and stores the "
                        "key in the new computer's keyring."
                    ),
                ],
            ),
            (
                _("When the key changes"),
                [
                    _(
                        "After a change of passphrase or a move of the key, make a new sheet. "
                        "Keep this one as long as you keep backups made before the change: "
                        "they open with the key of their day."
                    ),
                ],
            ),
        ]

    def made_line(self) -> str:
        return _("Made on %(day)s") % {"day": format_date(self.made)}

    def text(self) -> str:
        lines = [_(TITLE), self.made_line(), ""]
        for heading, paragraphs in self.sections():
            lines += [heading, *paragraphs, ""]
        return "\n".join(lines)


def sheet_for(journal: Journal, folders: tuple[Path, ...] = ()) -> Sheet:
    """The sheet for the open journal; `folders`: backup folders besides the home's own."""
    hex_key = raw_key_hex(journal.key)
    return Sheet(
        made=dt.date.today(),
        journal=journal.path,
        backup_folders=(backups_dir(journal.home), *folders),
        recovery_key=format_recovery_key(hex_key) if hex_key else None,
    )


def _fingerprint(journal: Journal) -> str:
    return hashlib.sha256(b"rapport-sheet" + journal.key.encode()).hexdigest()[:16]


def _store(key: str, value: str) -> None:
    with database.atomic():
        Setting.insert(key=key, value=value).on_conflict_replace().execute()


def _stored(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return str(row.value) if row is not None else ""


def record_made(journal: Journal) -> None:
    _store(MADE, f"{dt.date.today().isoformat()} {_fingerprint(journal)}")


def record_checked(journal: Journal, typed: str, sheet: Sheet) -> bool:
    """Whether `typed` is the sheet's last group (any case, spaces ignored); recorded if so.
    A passphrase journal's sheet has no key to type back, so it counts once made."""
    if sheet.recovery_key is not None:
        wanted = last_group(sheet.recovery_key)
        if "".join(typed.split()).upper() != wanted:
            return False
    _store(CHECKED, f"{dt.date.today().isoformat()} {_fingerprint(journal)}")
    return True


def _date_for(journal: Journal, key: str) -> dt.date | None:
    day, _space, fingerprint = _stored(key).partition(" ")
    if not day or fingerprint != _fingerprint(journal):
        return None
    return dt.date.fromisoformat(day)


def sheet_made_on(journal: Journal) -> dt.date | None:
    """When a sheet for the journal's current key was made, or None."""
    return _date_for(journal, MADE)


def sheet_checked_on(journal: Journal) -> dt.date | None:
    """When the coach typed back the last group of a sheet for the current key, or None."""
    return _date_for(journal, CHECKED)


def sheet_state_in_words(journal: Journal) -> str:
    made, checked = sheet_made_on(journal), sheet_checked_on(journal)
    if made is None:
        return _("No recovery sheet has been made for this journal's key yet.")
    if checked is None:
        return _("A recovery sheet was made on %(made)s, but not yet checked.") % {
            "made": format_date(made)
        }
    return _("A recovery sheet was made on %(made)s and checked on %(checked)s.") % {
        "made": format_date(made),
        "checked": format_date(checked),
    }
