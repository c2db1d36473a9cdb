"""Rows that need no window: writes, search, cues, import and export.

Writes are timed on a working copy of the cached journal with their commit, and compared
with the same write on the small journal in the same run. Search is compared with the raw
FTS5 query on the same connection; every term is checked to occur in the data first.
Import is timed from the file in a fresh process, against json.load plus executemany of the
same rows into the same schema (its search triggers included); export against a raw
SELECT dump. Their peak memory is compared with the reference size's (suite.REFERENCE).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import threading
from pathlib import Path
from typing import Any

from peewee import OperationalError

from journal.errors import RapportError
from tests.benchmarks.generate import bulk_document, open_locked
from tests.benchmarks.suite import (
    REFERENCE,
    SIZES,
    Row,
    Sample,
    absolute,
    against_floor,
    busiest_client_id,
    cached_home,
    run_child,
    sample,
    working_copy,
)

AS_OF = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
QUERIES = ("se", "session notes")
"""A two-letter prefix, as typed, and two whole words; both occur in the generated notes."""
SEARCH_CAP_S = 60.0
RAW_SEARCH = (
    "SELECT kind, ref_id, client_id, highlight(search_index, 0, '[', ']'), "
    "snippet(search_index, 1, '[', ']', '…', 16) FROM search_index "
    "WHERE search_index MATCH ? ORDER BY bm25(search_index, 4.0, 1.0) LIMIT ?"
)


def write_costs(home: Path, runs: int) -> dict[str, Sample]:
    """An edit, a tick and a delete, each on a different record, commit included."""
    from journal.entries.capture import delete_interaction, update_interaction
    from journal.store.models import Commitment, Interaction

    journal = open_locked(home)
    try:
        rng = random.Random(7)
        ids = [i.id for i in Interaction.select(Interaction.id)]
        picked = iter(rng.sample(ids, 2 * runs))
        commitments = list(Commitment.select())
        ticks = iter(rng.sample(commitments, runs))  # ticked done, or back to open
        counter = itertools.count()
        return {
            "edit": sample(
                lambda: update_interaction(
                    Interaction.get_by_id(next(picked)), summary=f"Edited {next(counter)}"
                ),
                runs,
            ),
            "tick": sample(lambda: _tick(next(ticks)), runs),
            "delete": sample(lambda: delete_interaction(Interaction.get_by_id(next(picked))), runs),
        }
    finally:
        journal.close()


def _tick(commitment: Any) -> None:
    from journal.entries.commitments import set_done

    set_done(commitment, AS_OF.date() if commitment.done_on is None else None)


def write_rows(size: str, scratch: Path, runs: int) -> list[Row]:
    small = write_costs(working_copy("small", scratch), runs)
    here = small if size == "small" else write_costs(working_copy(size, scratch), runs)
    return [
        against_floor(f"{kind} at {size} vs small", here[kind], small[kind], "small", 2.0)
        for kind in ("edit", "tick", "delete")
    ]


def search_and_cue_rows(size: str, scratch: Path, runs: int) -> list[Row]:
    from journal.cues.api import all_cues, with_fresh_cues
    from journal.entries.capture import log_interaction
    from journal.search import match_expression, search
    from journal.store.models import Client, database

    rows = []
    journal = open_locked(working_copy(size, scratch))
    try:
        connection = database.connection()
        for query in QUERIES:
            expression = match_expression(query)  # the very terms the product searches for
            if not connection.execute(RAW_SEARCH, (expression, 1)).fetchall():
                raise SystemExit(f"the search term {query!r} does not occur in the data")
            raw = sample(
                lambda e=expression: connection.execute(RAW_SEARCH, (e, 200)).fetchall(), runs
            )
            ours, note = _capped(lambda q=query: search(q, limit=200), connection, runs)
            row = against_floor(f"search {query!r} in-process", ours, raw, "raw FTS5", 1.5)
            row.note = note
            rows.append(row)
        known = all_cues(AS_OF)
        busiest = Client.get_by_id(busiest_client_id())
        minutes = itertools.count(1)

        def save_then_cues() -> None:
            log_interaction(
                busiest,
                at=AS_OF - dt.timedelta(minutes=next(minutes)),
                channel="email",
                direction="out",
                summary="Benchmark note",
                awaits_reply=True,
            )
            known[:] = with_fresh_cues(known, frozenset({busiest.id}), AS_OF)

        one = sample(save_then_cues, runs)
        rows.append(absolute("one client's cues after a save, save included", one, 5.0))
    finally:
        journal.close()
    return rows


def _capped(action: Any, connection: Any, runs: int) -> tuple[Sample, str]:
    """`sample(action)`, but a run past SEARCH_CAP_S is interrupted (sqlite3 `interrupt`) and
    counted as SEARCH_CAP_S: a lower bound, said in the note."""
    watchdog: list[threading.Timer] = []

    def guarded() -> None:
        watchdog[:] = [threading.Timer(SEARCH_CAP_S, connection.interrupt)]
        watchdog[0].start()
        try:
            action()
        except (RapportError, OperationalError) as exc:
            raise _GaveUp from exc
        finally:
            watchdog[0].cancel()

    try:
        return sample(guarded, runs), ""
    except _GaveUp:
        return Sample([SEARCH_CAP_S * 1000]), f"interrupted after {SEARCH_CAP_S:g} s: a lower bound"


class _GaveUp(Exception):
    pass


def all_cues_row(size: str, runs: int) -> Row:
    """The issue's target is for the career journal; a stress run measures that one too."""
    from journal.cues.api import all_cues

    at = "small" if size == "small" else "career"
    journal = open_locked(cached_home(at))
    try:
        return absolute(f"all cues at {at}", sample(lambda: all_cues(AS_OF), runs), 500.0)
    finally:
        journal.close()


def document_file(size: str) -> Path:
    """The generated journal as an import file, cached beside the journal."""
    path = cached_home(size) / "bench-document.json"
    if not path.exists():
        clients, interactions = SIZES[size]
        path.write_text(json.dumps(bulk_document(clients, interactions)), "utf-8")
    return path


def _seconds_and_peak(args: list[str], runs: int) -> tuple[Sample, Sample]:
    children = [run_child(["-m", "tests.benchmarks.child", *a]) for a in _numbered(args, runs)]
    return (
        Sample([c.figure("seconds") * 1000 for c in children]),
        Sample([c.peak_mib for c in children]),
    )


def _numbered(args: list[str], runs: int) -> list[list[str]]:
    """`args` once per run, with `{n}` in a path made unique so every import starts fresh."""
    return [[a.replace("{n}", str(n)) for a in args] for n in range(runs)]


def interchange_rows(size: str, scratch: Path, runs: int) -> list[Row]:
    rows = []
    peaks: dict[str, dict[str, Sample]] = {}
    for at in dict.fromkeys((size, REFERENCE[size])):
        home, file = cached_home(at), document_file(at)
        into = str(scratch / f"import-{at}-{{n}}")
        imported, imported_peak = _seconds_and_peak(["import", str(file), into], runs)
        exported, exported_peak = _seconds_and_peak(
            ["export", str(home), str(scratch / "export.json")], runs
        )
        peaks[at] = {"import": imported_peak, "export": exported_peak}
        if at != size:
            continue
        raw_into = str(scratch / f"raw-{at}-{{n}}")
        raw, _ = _seconds_and_peak(["raw-import", str(file), str(home), raw_into], runs)
        dump, _ = _seconds_and_peak(["dump", str(home), str(scratch / "dump.jsonl")], runs)
        rows.append(
            against_floor(
                f"import at {size} (from the file)", imported, raw, "raw executemany", 1.5
            )
        )
        rows.append(against_floor(f"export at {size}", exported, dump, "raw SELECT dump", 1.5))
    reference = REFERENCE[size]
    for kind in ("import", "export"):
        rows.append(
            against_floor(
                f"{kind} peak memory at {size} vs {reference}",
                peaks[size][kind],
                peaks[reference][kind],
                reference,
                2.0,
                unit="MiB",
            )
        )
    return rows
