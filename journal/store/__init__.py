"""Where a journal lives and how it is kept: its home folder, its key (keyring or passphrase)
and the record of it, opening it with SQLCipher, the models, the schema's migrations, atomic
file writes and the lookup of bundled resources.

May import journal.errors and journal.values; nothing else of the journal.
"""
