"""Input that cannot be stored sanely is refused in one line that names its place; the
journal is left exactly as it was (issue 13, item 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journal.cli.common import Outer
from journal.cli.main import run
from journal.clients import create_client
from journal.errors import JournalWriteFailed, UserInputError
from journal.interchange import importing
from journal.store.database import open_journal
from journal.store.home import journal_home
from journal.store.models import Client, Commitment, Interaction, database

CALL = {"at": "2026-03-02T10:00+01:00", "channel": "email", "direction": "out", "summary": "s"}


def rapport(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv), Outer(extra={"report": lambda args: 0}))
    out, err = capsys.readouterr()
    return code, out, err


def rows() -> list[Any]:
    """Every stored client, interaction and commitment of the open journal."""
    return [list(model.select().tuples()) for model in (Client, Interaction, Commitment)]


def dump() -> list[Any]:
    """`rows()` of the journal in RAPPORT_HOME, opened for the purpose."""
    with open_journal(journal_home(None), create=False):
        return rows()


@pytest.fixture
def seeded(capsys: pytest.CaptureFixture[str]) -> list[Any]:
    assert rapport(capsys, "log", "Maja", "first", "--channel", "email", "--direction", "out",
                   "--new-client")[0] == 0  # fmt: skip
    return dump()


def _doc(*clients: dict[str, Any]) -> str:
    return json.dumps({"format": "rapport-journal", "version": 1, "clients": list(clients)})


HOSTILE_FILES = [
    ("[" * 100_000, "nest more than 16 levels deep"),
    ('{"a":' * 50 + "1" + "}" * 50, "nest more than 16 levels deep"),
    (_doc({"name": "Ann", "interactions": [{**CALL, "summary": "\ud800"}]}),
     "clients[0].interactions[0].summary: is not valid Unicode"),
    (_doc({"name": "Ann", "interactions": [{**CALL, "emotions": ["ok", "\udc80"]}]}),
     "clients[0].interactions[0].emotions[1]: is not valid Unicode"),
    (_doc({"name": "Ann", "\ud800": 1}), "clients[0] (a field name): is not valid Unicode"),
    (_doc({"name": "A\u0000nn"}), "clients[0].name: contains a NUL character"),
    (_doc({"name": "Ann", "interactions": [{**CALL, "at": "0001-01-01T00:00+14:00"}]}),
     "clients[0].interactions[0].at: use a date from 1900 to 2199 (got 0001-01-01)"),
    (_doc({"name": "Ann", "interactions": [{**CALL, "at": "9999-12-31T23:59-14:00"}]}),
     "clients[0].interactions[0].at: use a date from 1900 to 2199"),
    (_doc({"name": "Ann", "commitments": [{"owner": "me", "text": "t", "due": "1899-12-31"}]}),
     "clients[0].commitments[0].due: use a date from 1900 to 2199"),
    (_doc({"name": "Ann", "commitments": [{"owner": "me", "text": "t",
                                           "from_interaction": ["x"]}]}),
     "clients[0].commitments[0].from_interaction: no interaction of this client has id"),
    ('{"format": "rapport-journal", "version": 1, "version": 2}',
     "the field 'version' appears twice in one object"),
    ('{"format": "rapport-journal", "version": ' + "9" * 5000 + "}", "a number too long"),
    (_doc({"name": "A" * 201}), "clients[0].name: is too long (201 characters; at most 200)"),
    (_doc({"name": "Ann", "fit": 10**400}), "clients[0].fit: must be from 1 to 5 (got 1000"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "message"), HOSTILE_FILES)
def test_a_hostile_import_file_is_one_line_naming_the_place(
    capsys, tmp_path, seeded, content: str, message: str
) -> None:
    before = dump()
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8", errors="surrogatepass")  # \ud800 as JSON escapes
    code, out, err = rapport(capsys, "import", str(bad))
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1 and len(err) < 200
    assert dump() == before


def test_an_endless_or_odd_file_is_refused_at_once(capsys, tmp_path, seeded) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in ("/dev/zero", str(fifo), str(tmp_path)):
        code, _, err = rapport(capsys, "import", path)
        assert code == 2 and err == (
            f"rapport: {path}: not a regular file (a folder, a device or a pipe); give a JSON "
            "file.\n"
        )
        code, _, err = rapport(capsys, "template", "--import", path)
        assert code == 2 and "not a regular file" in err


def test_a_file_larger_than_any_journal_is_refused_unread(capsys, tmp_path, seeded) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: nothing is written to the disk
        handle.truncate(128 * 1024 * 1024 + 1)  # the documented limit, plus one
    code, _, err = rapport(capsys, "import", str(huge))
    assert code == 2 and err == (
        f"rapport: {huge}: larger than 128 MB, more than a Rapport file holds; check that this "
        "is the right file.\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--at", "0001-01-01T00:00+14:00"], "--at: use a date from 1900 to 2199 (got 0001-01-01)"),
        (["--at", "0001-01-01T00:00"], "--at: use a date from 1900 to 2199"),
        (["--at", "9999-12-31T23:59-14:00"], "--at: use a date from 1900 to 2199"),
        (["--follow-up", "9999-12-31"], "--follow-up: use a date from 1900 to 2199"),
        (["--notes", "a\udc80b"], "argument 9 ('a\\x80b', after --notes) is not valid UTF-8"),
        (["--emotion", "\ud800"], "argument 9 ('\\ud800', after --emotion) is not valid UTF-8"),
        (["--notes", "a\x00b"], "argument 9 ('a\\x00b', after --notes) holds a NUL character"),
        (["--notes", "n" * 1_000_001], "notes: is too long (1,000,001 characters"),
    ],
)
def test_a_hostile_log_argument_is_one_line_and_nothing_is_saved(
    capsys, seeded, argv: list[str], message: str
) -> None:
    before = dump()
    code, out, err = rapport(capsys, "log", "Maja", "x", "--channel", "email",
                             "--direction", "out", *argv)  # fmt: skip
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1 and len(err) < 200
    assert dump() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--overview", "--out", "r.pdf", "--from", "0001-01-01"], "--from: use a date"),
        (["report", "--overview", "--out", "r.pdf", "--to", "9999-12-31"], "--to: use a date"),
        (["cues", "--as-of", "0001-01-01T00:00+14:00"], "--as-of: use a date from 1900"),
        (["cues", "--client", "Maja", "--snooze", "neglect", "--until", "99999999d"],
         "--until: '99999999d' is too far ahead"),
        (["cues", "--client", "Maja", "--snooze", "neglect", "--until", "0001-01-01"],
         "--until: use a date from 1900"),
        (["search", "first", "--limit", "99999999999999999999999"], "--limit: must be from 1"),
        (["search", "\udcff"], "argument 2 ('\\xff') is not valid UTF-8"),
        (["template", "x" * 100_000], "There is no template called 'xxxxxxxx"),
        (["cues", "--client", "Maja", "--set", "cue_reply_window_days=" + "9" * 5000],
         "must be a whole number from 1 to 60, not '9999"),
        (["--home", "a\x00b", "clients"], "argument 2 ('a\\x00b', after --home) holds a NUL"),
    ],
)  # fmt: skip
def test_other_hostile_arguments_are_one_short_line(
    capsys, seeded, argv: list[str], message: str
) -> None:
    before = dump()
    code, out, err = rapport(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1 and len(err) < 250
    assert dump() == before


def test_invalid_utf8_bytes_in_a_real_argument_are_named(home: Path) -> None:
    env = {
        **os.environ,
        "RAPPORT_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "RAPPORT_PASSPHRASE": "subprocess passphrase",
    }
    argv: list[str | bytes] = [sys.executable, "-m", "ui", "log", b"Ma\xffja", "hello"]
    argv += ["--channel", "email", "--direction", "out", "--new-client"]
    done = subprocess.run(argv, capture_output=True, env=env, timeout=60)
    assert done.returncode == 2
    assert done.stderr == (
        b"rapport: argument 2 ('Ma\\xffja') is not valid UTF-8; retype it, or set the terminal "
        b"to UTF-8.\n"
    )
    assert not (home / "journal.db").exists()  # refused before a journal was made


@pytest.mark.parametrize("text", ["\udc80", "a\ud800b", "nul\x00"])
def test_the_services_refuse_text_that_cannot_be_stored(journal, text: str) -> None:
    with pytest.raises(UserInputError, match=r"^name: "):
        create_client(text)
    assert rows() == [[], [], []]


def test_an_import_on_a_full_disk_is_one_line_and_writes_nothing(journal) -> None:
    create_client("Seed")
    before = rows()
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages + 8}")  # the disk fills midway
    many = [{**CALL, "summary": "s" * 400} for _ in range(200)]
    with pytest.raises(JournalWriteFailed) as failed:
        importing.import_data(json.loads(_doc({"name": "Big", "interactions": many})))
    assert str(failed.value) == (
        "The journal could not be saved: the disk is full; nothing was changed. Free some "
        "space and try again."
    )
    assert rows() == before
    database.execute_sql("PRAGMA max_page_count = 1073741823")
    assert importing.import_data(json.loads(_doc({"name": "Big"}))).clients == 1  # usable
