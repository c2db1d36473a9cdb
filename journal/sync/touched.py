"""What a sync changed here, as the `Changes` the app's views refresh by: only the touched
clients are re-read and their cues recomputed, not the whole journal after every edit that
arrives from another device."""

from __future__ import annotations

from collections.abc import Iterable

from journal.changes import EVERYTHING, Changes
from journal.store.migrations import MigrationDb

_WITH_CLIENT = {
    "interaction": "interactions",
    "commitment": "commitments",
    "cue_dismissal": "cue_states",
}


def changes_of(db: MigrationDb, touched: Iterable[tuple[str, str]]) -> Changes:
    """The Changes of the records a sync merged. A record that is gone now (deleted on
    another device) leaves no id to name, so then everything is re-read."""
    found: dict[str, list[int]] = {"clients": [], **{kind: [] for kind in _WITH_CLIENT.values()}}
    settings: list[str] = []
    for table, key in touched:
        if table == "setting":
            settings.append(key)
        elif table == "client":
            row = db.execute_sql("SELECT id FROM client WHERE uid = ?", (key,)).fetchone()
            if row is None:
                return EVERYTHING
            found["clients"].append(int(row[0]))
        elif table in _WITH_CLIENT:
            row = db.execute_sql(
                f"SELECT id, client_id FROM {table} WHERE uid = ?", (key,)
            ).fetchone()
            if row is None:
                return EVERYTHING
            kind = _WITH_CLIENT[table]
            # A hold is named by its client (cue states); a record by its own id and client.
            found[kind].append(int(row[1] if kind == "cue_states" else row[0]))
            found["clients"].append(int(row[1]))
    return Changes.of(
        clients=found["clients"],
        interactions=found["interactions"],
        commitments=found["commitments"],
        settings=settings,
        cue_states=found["cue_states"],
    )
