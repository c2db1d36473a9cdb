"""Sync between devices through a folder another engine replicates (Syncthing, a cloud folder,
a network share): Rapport's own change files and merge on top of it.

- `clock`: the hybrid logical clock that orders changes across devices.
- `merge`: pure field-by-field merge rules (last writer wins; notes and summaries keep every
  concurrent version with a visible marker; deletes as tombstones).
- `tables`: which tables and columns travel, the triggers that put every local write into
  an outbox, and reading and writing rows by stable id.
- `records`: sync's own record of each row's merged state, and showing it in the tables.
- `sealing`: the key derived from the journal's key, and authenticated encryption of files.
- `folder`: the files in the folder (one writer per file), read robustly.
- `engine`: one sync: capture, write, read, merge, show.
- `compaction`: snapshots, and removing files every device has read.
- `service`: set up, join, sync now (with the ack), status and leave.
- `wording`: where sync stands, in words, for the CLI and the app.
- `touched`: what a sync changed here, as the Changes the app's views refresh by.

May import journal.store, journal.errors, journal.i18n, journal.values and journal.changes;
nothing else of the journal. journal.cli and the app's ui/ use it; nothing else of journal/
imports it.
"""
