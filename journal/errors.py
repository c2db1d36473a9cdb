"""Errors a user can act on. Each carries one line of advice and a process exit code."""

from __future__ import annotations


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
