"""A demo journal whose clients act out the stories in DOMAIN.md, relative to "now".

Built as an interchange document and loaded through the normal import, so the demo also
exercises the real path a user's data takes.
"""

from __future__ import annotations

import datetime as dt

from journal.interchange.demo_clients import Record, demo_clients
from journal.interchange.document import FORMAT, VERSION
from journal.interchange.importing import import_data
from journal.store.models import Client


def demo_document(now: dt.datetime) -> Record:
    """The demo journal as a rapport-journal v1 document; `now` must be timezone-aware."""
    return {"format": FORMAT, "version": VERSION, "clients": demo_clients(now.astimezone())}


def populate_demo(now: dt.datetime | None = None) -> bool:
    """Fill an empty journal with the demo clients; a journal with clients is left alone."""
    if Client.select().exists():
        return False
    import_data(demo_document(now or dt.datetime.now().astimezone()))
    return True
