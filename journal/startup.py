"""What the app's start does before Qt loads: the same for `rapport` and the startup benchmark.

Two things gain from coming first:
- the journal's key is read in a forked helper (journal.key_prefetch), which must fork
  before Qt exists in the process;
- the journal's own modules are imported. Once PySide6 is loaded, its import hook reads the
  source of every module imported after it (looking for `from __feature__ import ...`);
  these modules never use Qt, and loaded first they skip that, ~10 ms of the start.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from journal.key_prefetch import KeyPrefetch, prefetch_key

# What the main window's first paint needs from the journal (ui.app and ui.main_window import
# these at their top).
FIRST_PAINT_MODULES = (
    "journal.store",
    "journal.overview",
    "journal.clients",
    "journal.cues",
    "journal.cues.model",
    "journal.settings",
    "journal.fields",
    "journal.dates",
)


def prepare(home: Path | None) -> KeyPrefetch | None:
    """Start reading `home`'s key (None: no journal to read yet) and load the journal's
    modules; returns the key being read, if it is."""
    prefetch = prefetch_key(home) if home is not None else None
    for name in FIRST_PAINT_MODULES:
        importlib.import_module(name)
    return prefetch
