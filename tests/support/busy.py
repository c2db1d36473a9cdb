"""Another writer holding the journal's write lock on a thread of its own, as
interchange.import_data does for a whole import (or another Rapport, or a terminal import)."""

from __future__ import annotations

import threading

from journal.clients import create_client
from journal.store.database import release_thread_connection
from journal.store.models import database


class OtherWriter:
    """`with OtherWriter():` the journal is held (one client, "Imported Irene", written but
    not committed) until the block ends; then the writer commits and closes its connection."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        try:
            with database.atomic():
                create_client("Imported Irene")
                self.holding.set()
                self.release.wait(30)
        finally:
            release_thread_connection()

    def __enter__(self) -> OtherWriter:
        self.thread.start()
        assert self.holding.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join(30)
