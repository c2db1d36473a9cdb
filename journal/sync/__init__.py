"""Sync between devices through a folder another engine replicates (Syncthing, a cloud folder,
a network share): Rapport's own change files and merge on top of it.

- `clock`: the hybrid logical clock that orders changes across devices.
- `merge`: pure field-by-field merge rules (last writer wins; notes and summaries keep every
  concurrent version with a visible marker; deletes as tombstones).
- `tables`: which tables and columns travel, the triggers that put every local write into
  an outbox, and reading and writing rows by stable id.
- `sealing`: the key derived from the journal's key, and authenticated encryption of files.
- `folder`: the files in the folder (one writer per file), read robustly.
- `engine`: one sync: capture, write, read, merge, acknowledge, compact.
- `setup`: set up, join, status and leave.

May import journal.store, journal.errors, journal.i18n and journal.values; nothing else of the
journal.
"""
