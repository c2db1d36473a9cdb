"""Import reads a file a client at a time (issue 15): memory does not grow with the file, a bad
record anywhere (or a kill midway) leaves the journal as it was, the file's members may come in
any order, and the streamed reading says what a whole-file read says."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from journal import settings
from journal.clients import create_client
from journal.errors import UserInputError
from journal.interchange import importing
from journal.store.database import open_journal
from journal.store.health import copy_problems, counts, problems_in, read_only
from journal.store.home import database_path
from journal.store.models import Client, Commitment, Interaction, database
from journal.values import documents
from tests.support.keyring_journal import keyring_env

CALL = {"at": "2026-01-05T10:00:00+00:00", "channel": "phone", "direction": "two_way"}


def _client(number: int, interactions: int) -> dict[str, Any]:
    return {
        "name": f"Client {number}",
        "notes": "A client of many sessions. " * 4,
        "interactions": [
            {**CALL, "summary": f"Session {i} with client {number}", "notes": "Talked. " * 20}
            for i in range(interactions)
        ],
        "commitments": [{"owner": "me", "text": "Send the notes", "due": "2026-01-09"}],
    }


def _document(clients: int, interactions: int = 60) -> dict[str, Any]:
    return {
        "format": "rapport-journal",
        "version": 1,
        "clients": [_client(n, interactions) for n in range(clients)],
    }


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _rows() -> list[list[tuple[Any, ...]]]:
    return [list(model.select().tuples()) for model in (Client, Interaction, Commitment)] + [
        database.execute_sql("SELECT count(*) FROM search_index").fetchall()
    ]


def _empty_journal() -> None:
    for model in (Commitment, Interaction, Client):
        model.delete().execute()


def _peak_of_import(path: Path) -> int:
    """The most Python memory an import of `path` held at once, in bytes."""
    _empty_journal()
    tracemalloc.start()
    try:
        importing.import_file(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_import_holds_a_client_at_a_time_not_the_file(journal, tmp_path, monkeypatch) -> None:
    """A file four times the size takes about the memory of the smaller one: what is held
    across the file is the ids and names it must keep unique, not its records."""
    monkeypatch.setattr(documents, "CHUNK", 16 * 1024)  # both files are many pieces long
    small = _write(tmp_path / "small.json", _document(clients=10))
    big = _write(tmp_path / "big.json", _document(clients=40))
    assert big.stat().st_size > 3.5 * small.stat().st_size
    assert small.stat().st_size > 8 * documents.CHUNK
    _peak_of_import(small)  # the first import warms caches (statements, imports)
    small_peak, big_peak = _peak_of_import(small), _peak_of_import(big)
    assert Client.select().count() == 40
    assert big_peak < 1.5 * small_peak, (small_peak, big_peak)
    assert big_peak < big.stat().st_size  # a whole-file read alone would hold more


def test_a_bad_record_at_the_end_of_a_big_file_leaves_the_journal_as_it_was(
    journal, tmp_path
) -> None:
    create_client("Seed")
    settings.set_value("cue_dread_streak", 3)
    before = _rows()
    document = _document(clients=30)
    document["settings"] = {"cue_dread_streak": 5}
    document["clients"][-1]["interactions"][-1]["at"] = "the day after tomorrow"
    path = _write(tmp_path / "late.json", document)
    with pytest.raises(UserInputError, match=r"^clients\[29\]\.interactions\[59\]\.at: not a"):
        importing.import_file(path)
    assert _rows() == before  # the 29 clients before it were written, and rolled back
    assert settings.get("cue_dread_streak") == 3


def test_the_members_of_a_file_may_come_in_any_order(journal, tmp_path) -> None:
    """A hand-made file may put its records first and its header and settings after them."""
    document = {
        "clients": [_client(0, 2)],
        "settings": {"cue_dread_streak": 5},
        "templates": [],
        "version": 1,
        "format": "rapport-journal",
    }
    summary = importing.import_file(_write(tmp_path / "any-order.json", document))
    assert (summary.clients, summary.interactions, summary.settings) == (1, 2, 1)
    assert settings.get("cue_dread_streak") == 5


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ({"version": 1}, "format: must be 'rapport-journal'"),
        ({"format": "rapport-journal"}, "version: this Rapport reads version 1 (got None)"),
        ({"version": 2, "format": "rapport-journal"}, "version: this Rapport reads version 1"),
    ],
)
def test_a_header_after_the_records_is_still_checked(
    journal, tmp_path, header: dict[str, Any], message: str
) -> None:
    create_client("Seed")
    before = _rows()
    path = _write(tmp_path / "late-header.json", {"clients": [_client(0, 2)], **header})
    with pytest.raises(UserInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        importing.import_file(path)
    assert _rows() == before


def test_checking_a_file_needs_no_journal_and_names_the_same_place(tmp_path) -> None:
    document = _document(clients=3, interactions=5)
    document["clients"][2]["commitments"][0]["owner"] = "someone"
    path = _write(tmp_path / "bad.json", document)
    with pytest.raises(UserInputError, match=r"^clients\[2\]\.commitments\[0\]\.owner: "):
        importing.check_file(path)
    importing.check_file(_write(tmp_path / "good.json", _document(clients=3, interactions=5)))


def test_a_cli_import_of_a_file_with_a_late_header_makes_no_journal(tmp_path, capsys) -> None:
    from journal.cli.main import run

    path = _write(tmp_path / "bad.json", {"clients": [_client(0, 2)], "version": 7})
    fresh = tmp_path / "new-home"
    assert run(["--home", str(fresh), "import", str(path)]) == 2
    assert "version: this Rapport reads version 1 (got 7)" in capsys.readouterr().err
    assert not fresh.exists()


def test_a_cli_import_backs_up_the_journal_as_it_was_and_only_for_a_good_file(
    home, tmp_path, capsys
) -> None:
    """The backup is made once the whole file has passed, before the import is kept: a file
    refused at its last record makes none, and a good file's holds the journal before it."""
    from journal.cli.main import run
    from journal.store.home import backups_dir

    assert (
        run(["log", "Seed", "first", "--channel", "email", "--direction", "out", "--new-client"])
        == 0
    )
    with open_journal(home, create=False) as journal:
        held = counts(journal.db.connection())
    document = _document(clients=5, interactions=10)
    document["clients"][-1]["interactions"][-1]["channel"] = "pigeon"
    assert run(["import", str(_write(tmp_path / "bad.json", document))]) == 2
    assert "clients[4].interactions[9].channel" in capsys.readouterr().err
    assert list(backups_dir(home).glob("rapport-*-before-import.db")) == []
    assert run(["import", str(_write(tmp_path / "good.json", _document(clients=5)))]) == 0
    [before] = backups_dir(home).glob("rapport-*-before-import.db")
    assert str(before) in capsys.readouterr().out
    with open_journal(home, create=False) as journal:
        assert counts(journal.db.connection())["client"] == held["client"] + 5
        assert copy_problems(before, journal.key, held, held) == []


def test_a_cli_import_whose_backup_meets_a_full_disk_says_nothing_was_imported(
    home, tmp_path, capsys, monkeypatch
) -> None:
    """The backup made inside the import fails on a full disk: the coach is told, in one line,
    that the import did not happen, and the journal is as it was."""
    from journal.cli.main import run
    from journal.store.home import backups_dir

    assert (
        run(["log", "Seed", "first", "--channel", "email", "--direction", "out", "--new-client"])
        == 0
    )
    capsys.readouterr()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("journal.store.backups.os.fsync", full)
    assert run(["import", str(_write(tmp_path / "good.json", _document(clients=2)))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "The import did not start" in err and "The journal was not changed." in err
    monkeypatch.undo()
    with open_journal(home, create=False) as journal:
        assert counts(journal.db.connection())["client"] == 1
    assert list(backups_dir(home).glob("rapport-*")) == []


HOSTILE = [
    "",
    "{",
    "[1, 2]",
    '{"format": "rapport-journal"} extra',
    '{"format": "rapport-journal",}',
    '{"a": 1 "b": 2}',
    '{"a" 1}',
    '{"clients": [{"name": "A"} {"name": "B"}]}',
    '{"clients": [{"name": "A"},]}',
    '{"clients": [1, 2, 3}',
    '{\n  "clients": [\n    {"name": "A", "name": "B"}\n  ]\n}',
    '{"clients": [], "clients": []}',
    '{\n\n  "clients": [\n    {"name": "unterminated\n  ]\n}',
    '\ufeff{"format": "rapport-journal"}',
    '{"version": ' + "9" * 5000 + "}",
    '{"clients": [' + "[" * 40 + "]" * 40 + "]}",
    '{"clients": [{"name": "nul\\u0000"}]}',
    '{"clients": [{"\\ud800": 1}]}',
]


@pytest.mark.parametrize("content", HOSTILE)
def test_a_file_read_a_piece_at_a_time_is_refused_as_a_whole_read_refuses_it(
    tmp_path, monkeypatch, content: str
) -> None:
    """Read in pieces of a few characters, so every value is cut somewhere; the message (the
    line and column of a JSON error included) is the one a whole-file read gives."""
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8")
    expected = _refusal(lambda: _whole_members(path))
    monkeypatch.setattr(documents, "CHUNK", 3)
    assert _refusal(lambda: list(documents.stream_members(path, "clients"))) == expected


def _whole_members(path: Path) -> list[documents.Member]:
    data = documents.read_json(path)
    documents.check_document(data)
    return list(documents.document_members(data, "clients"))


def _refusal(read: Any) -> str:
    with pytest.raises(UserInputError) as refused:
        read()
    return str(refused.value)


def test_a_file_read_a_piece_at_a_time_gives_what_a_whole_read_gives(tmp_path, monkeypatch) -> None:
    document = {
        "format": "rapport-journal",
        "clients": [_client(0, 3), {"name": "Åsa 🙂 \u2028", "fit": 1e2}, {"name": "B"}],
        "version": 1,
        "settings": {"language": "sv"},
        "templates": [],
    }
    path = tmp_path / "good.json"
    path.write_text(json.dumps(document, indent=3, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(documents, "CHUNK", 5)
    assert list(documents.stream_members(path, "clients")) == list(
        documents.document_members(document, "clients")
    )


def test_not_utf8_is_refused_at_its_byte_when_read_in_pieces(tmp_path, monkeypatch) -> None:
    path = tmp_path / "latin1.json"
    good = '{"clients": [{"name": "Åsa"}, {"name": "Bj'.encode()
    path.write_bytes(good + b'\xf6rn"}]}')
    monkeypatch.setattr(documents, "CHUNK", 4)
    expected = _refusal(lambda: documents.read_json(path))
    assert f"not UTF-8 text (byte {len(good) + 1})" in expected
    assert _refusal(lambda: list(documents.stream_members(path, "clients"))) == expected


KILLED_IMPORT = """
import sys
from pathlib import Path
from journal.interchange import importing
from journal.store.database import open_journal

real = importing._write_client
written = []

def write_then_wait(*args):
    counted = real(*args)
    written.append(1)
    if len(written) == 20:  # midway: twenty clients written, not yet committed
        print("midway", flush=True)
        sys.stdin.readline()  # held here until killed
    return counted

importing._write_client = write_then_wait
with open_journal(Path(sys.argv[1]), create=False):
    importing.import_file(Path(sys.argv[2]))
print("finished", flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_an_import_killed_midway_leaves_the_journal_as_it_was(
    keyring_journal: Path, keyring_file: Path, tmp_path: Path
) -> None:
    home = keyring_journal
    path = _write(tmp_path / "big.json", _document(clients=40, interactions=50))
    [hex_key] = json.loads(keyring_file.read_text("utf-8")).values()
    key = f"x'{hex_key}'"
    conn = read_only(database_path(home), key)
    held = counts(conn)
    conn.close()
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(home), str(path)],
        env=keyring_env(keyring_file),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == "midway\n"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(30)
    conn = read_only(database_path(home), key)
    try:
        assert problems_in(conn, quick=True) == []
        assert counts(conn) == held
    finally:
        conn.close()
