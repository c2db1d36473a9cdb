"""What the app's start does before Qt loads: the same for `rapport` and the startup benchmark.

Two things gain from coming first:
- the journal modules the first paint needs are imported. Once PySide6 is loaded, its import
  hook reads the source of every module imported after it (looking for
  `from __feature__ import ...`); these never use Qt, and loaded first they skip that.
  The rest of the journal (peewee, the models, the cue engine) loads after the first paint;
- the journal's key and the client list's first rows are read in a forked helper
  (journal.key_prefetch), which must fork before Qt exists in the process: it has the
  second core while this process loads Qt. It forks right after those imports, which it
  needs too and so inherits (~10 ms of its work, on a machine whose cores are shared).
"""

from __future__ import annotations

from pathlib import Path

from journal.key_prefetch import KeyPrefetch, prefetch_key


def prepare(home: Path | None) -> KeyPrefetch | None:
    """Start reading `home`'s key and first rows (None: no journal to read yet) and load the
    journal modules the main window's first paint needs; returns what is being read, if it is."""
    # Plain imports, so that a frozen bundle's analysis sees them too.
    import journal.errors
    import journal.overview
    import journal.values.dates
    import journal.values.vocabulary  # noqa: F401

    prefetch = prefetch_key(home) if home is not None else None
    if prefetch is None:  # a passphrase or a new journal: it opens before the window is built
        load_the_rest()
    return prefetch


def load_the_rest() -> None:
    """Import what opening the journal and the first cue refresh need: in the app, on a
    worker thread once the window has painted (ui.app.PendingJournal), or before Qt loads
    when the journal must open before the window is built."""
    import journal.clients
    import journal.cues.api
    import journal.cues.engine
    import journal.cues.history
    import journal.cues.state
    import journal.overview
    import journal.settings
    import journal.store.database
    import journal.store.secrets
    import journal.timeline  # noqa: F401
