"""Message templates for the hard conversations: `text` (the format, its placeholders and
checks, the shared-set file), `library` (the bundled templates, the coach's versions and own
ones, lookup, sharing) and `filling` (a template filled for a client and logged as sent).

May import journal.store, journal.values, journal.entries, journal.settings, journal.errors
and journal.cues.model; nothing here imports the CLI or the reports.
"""
