"""Errors a user can act on. Each carries one line of advice and a process exit code."""

from __future__ import annotations

import errno

from journal.i18n import N_, _

OS_PROBLEMS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("not permitted"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EEXIST: N_("it already exists"),
    errno.ENOTDIR: N_("not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
}
"""The system's own words for these are English whatever the language (Python does not ask
the C library for translated ones), so the common ones are ours."""


def os_problem(exc: OSError) -> str:
    """What went wrong with a file, in the language spoken: ours for the common cases, else
    the system's words."""
    said = OS_PROBLEMS.get(exc.errno or 0)
    return _(said) if said else str(exc.strerror or exc)


class RapportError(Exception):
    """Base for every error that is shown to the user as one line, never a traceback."""

    exit_code = 1


class UserInputError(RapportError):
    """The user asked for something malformed; exit code 2 on the command line."""

    exit_code = 2


class JournalUnavailable(RapportError):
    """The journal exists but cannot be opened: wrong key, missing key, damage, or too new."""


class WrongKey(JournalUnavailable):
    """The key or passphrase does not decrypt the journal (or the file is damaged)."""


class KeyStoreError(RapportError):
    """No safe place for the journal's key could be found or used."""


class JournalBusy(RapportError):
    """Another writer holds the journal (an import, another Rapport); nothing was changed.

    Raised after a short wait on the UI thread, so a save never freezes the window; the
    caller keeps what the user typed and lets them try again.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or _(
                "The journal is busy: an import or another Rapport is writing to it; nothing "
                "was changed — try again in a moment."
            )
        )


class JournalWriteFailed(RapportError):
    """The database refused or could not finish a change (disk full, read-only file, disk
    error, or a conflict with what is stored); the change was rolled back whole."""
