"""Rapport's domain: the encrypted journal, its services and the cue engine, in rooms:
values (the fixed words and value rules), store (home, key, database, models), entries (what
a coach writes down), cues, templates, reports (their data), interchange (the JSON format and
the demo) and cli; the services by use case (clients, overview, timeline, search, settings)
sit here at the top.

Plain Python: nothing in journal/ imports Qt or ui/, and only journal.cli imports journal.cli.
"""

__version__ = "0.1.0"
