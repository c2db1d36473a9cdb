"""The JSON interchange format: `document` (its name, version and fields), `export`, `importing`
(all or nothing, a client record at a time, each checked by `records`; `merging` for clients
the journal holds) and the demo journal, which is built as a document (`demo_clients`) and
loaded through the same import (`demo`).

May import journal.store, journal.values, journal.entries, journal.clients, journal.settings,
journal.templates, journal.cues (thresholds, cue states) and journal.errors.
"""
