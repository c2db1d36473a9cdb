"""What the app's start does before Qt loads: the same for `rapport` and the startup benchmark.

Two things gain from coming first:
- the journal's key is read in a forked helper (journal.key_prefetch), which must fork
  before Qt exists in the process;
- the journal's own modules are imported. Once PySide6 is loaded, its import hook reads the
  source of every module imported after it (looking for `from __feature__ import ...`);
  these modules never use Qt, and loaded first they skip that, ~10 ms of the start.
"""

from __future__ import annotations

from pathlib import Path

from journal.key_prefetch import KeyPrefetch, prefetch_key


def prepare(home: Path | None) -> KeyPrefetch | None:
    """Start reading `home`'s key (None: no journal to read yet) and load the journal's
    modules the main window's first paint needs; returns the key being read, if it is."""
    prefetch = prefetch_key(home) if home is not None else None
    # Plain imports, so that a frozen bundle's analysis sees them too.
    import journal.clients
    import journal.cues
    import journal.cues.model
    import journal.dates
    import journal.fields
    import journal.overview
    import journal.settings
    import journal.store  # noqa: F401

    return prefetch
