"""The command line: exit codes 0/1/2, one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli.main import run
from journal.interchange.demo import demo_document
from tests.conftest import NOW, set_machine_zone


def rapport(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(demo_document(NOW)), encoding="utf-8")
    return path


def test_log_then_list_then_search(capsys) -> None:
    code, out, err = rapport(
        capsys,
        "log",
        "Maja Lindqvist",
        "Sent the proposal",
        "--channel",
        "email",
        "--direction",
        "out",
        "--awaits-reply",
        "--new-client",
        "--at",
        "2026-03-02T10:00+01:00",
        "--feeling",
        "1",
        "--emotion",
        "hopeful",
    )
    assert (code, err) == (0, "")
    assert out.startswith("Logged email (to the client) with Maja Lindqvist on 2 Mar 2026 at ")
    assert out.rstrip().endswith("; it felt good.")  # the app's word for +1, not "(1)"
    code, out, _ = rapport(capsys, "clients", "--json")
    (row,) = json.loads(out)
    assert row["name"] == "Maja Lindqvist"
    assert row["last_contact"] is None  # only the coach wrote: no contact from the client yet
    assert row["last_reached_out"] == "2026-03-02T09:00:00+00:00"
    code, out, _ = rapport(capsys, "clients")
    assert "last contact never (you wrote 2 Mar 2026)" in out
    assert out.rstrip().endswith("1 interaction, 0 open commitments")  # counted as spoken
    code, out, _ = rapport(capsys, "search", "proposal")
    assert code == 0 and "Maja Lindqvist" in out and "[proposal]" in out


def test_log_finds_a_client_by_part_of_the_name(capsys, demo_file) -> None:
    assert rapport(capsys, "import", str(demo_file))[0] == 0
    code, out, _ = rapport(
        capsys, "log", "priya", "Quick call", "--channel", "phone", "--direction", "two_way"
    )
    assert code == 0 and "Dr. Priya Raman" in out


def test_import_reports_counts_and_export_round_trips(capsys, demo_file, tmp_path) -> None:
    code, out, _ = rapport(capsys, "import", str(demo_file))
    assert code == 0 and out.startswith("Imported 9 clients")
    target = tmp_path / "out.json"
    assert rapport(capsys, "export", str(target))[0] == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported["clients"]) == 9 and exported["format"] == "rapport-journal"
    code, _, err = rapport(capsys, "export", str(target))
    assert code == 2 and "--force" in err


def test_search_json(capsys, demo_file) -> None:
    rapport(capsys, "import", str(demo_file))
    code, out, _ = rapport(capsys, "search", "proposal", "--json")
    hits = json.loads(out)
    assert code == 0 and hits and all(h["client"] == "Maja Lindqvist" for h in hits)
    assert {"kind", "id", "client", "when", "text", "snippet"} <= hits[0].keys()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "X", "hi", "--channel", "fax", "--direction", "out"], "invalid choice: 'fax'"),
        (["log", "X", "hi", "--channel", "email"], "--direction"),
        (
            [
                "log",
                "X",
                "hi",
                "--channel",
                "email",
                "--direction",
                "out",
                "--feeling",
                "7",
                "--new-client",
            ],
            "--feeling: must be from -2 to 2",
        ),
        (
            [
                "log",
                "X",
                "hi",
                "--channel",
                "email",
                "--direction",
                "out",
                "--at",
                "someday",
                "--new-client",
            ],
            "--at: not a date and time",
        ),
        (["log", "Nobody", "hi", "--channel", "email", "--direction", "out"], "No client called"),
        (["search", "!!!"], "Type at least one letter"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["--demo", "clients"], "--demo opens the app"),
        (["import", "/no/such/file.json"], "no such file"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv: list[str], message: str) -> None:
    rapport(
        capsys, "log", "Someone", "seed", "--channel", "email", "--direction", "out", "--new-client"
    )
    code, _out, err = rapport(capsys, *argv)
    assert code == 2, err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("rapport: ")


def _document(*clients: dict[str, object]) -> str:
    return json.dumps({"format": "rapport-journal", "version": 1, "clients": list(clients)})


_CALL = {"at": "2026-01-01T10:00Z", "channel": "email", "direction": "out"}
FINE_THEN_BROKEN = _document(
    {"name": "Fine"},
    {
        "name": "Broken",
        "interactions": [
            {**_CALL, "summary": "ok"},
            {**_CALL, "at": "next week", "summary": "bad"},
        ],
    },
)


def test_a_bad_import_names_the_place_and_changes_nothing(capsys, tmp_path) -> None:
    rapport(capsys, "log", "Seed", "x", "--channel", "email", "--direction", "out", "--new-client")
    bad = tmp_path / "bad.json"
    bad.write_text(FINE_THEN_BROKEN)
    code, _, err = rapport(capsys, "import", str(bad))
    assert code == 2
    assert "clients[1].interactions[1].at: not a date" in err
    code, out, _ = rapport(capsys, "clients", "--json")
    assert [row["name"] for row in json.loads(out)] == ["Seed"]  # "Fine" was not kept either


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON (line 1, column 2"),
        ('{"format": "something-else", "version": 1}', "format: must be 'rapport-journal'"),
        ('{"format": "rapport-journal", "version": 2}', "this Rapport reads version 1"),
        (FINE_THEN_BROKEN, "clients[1].interactions[1].at: not a date"),
        (_document({"name": "Ann"}, {"name": "ann"}), "clients[1].name: a client named 'ann'"),
        (
            _document(
                {
                    "name": "Ann",
                    "interactions": [
                        {**_CALL, "id": "x1", "summary": "a"},
                        {**_CALL, "id": "x1", "summary": "b"},
                    ],
                }
            ),
            "clients[0].interactions[1].id: the id 'x1' is used twice",
        ),
    ],
)
def test_a_rejected_import_creates_no_journal(capsys, tmp_path, content, message) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    fresh = tmp_path / "new-home"
    code, out, err = rapport(capsys, "--home", str(fresh), "import", str(bad))
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
    assert not fresh.exists()  # no folder, no key, no empty journal to trip over later
    # a good file then makes the journal in that home
    good = tmp_path / "good.json"
    good.write_text(_document())
    assert rapport(capsys, "--home", str(fresh), "import", str(good))[0] == 0
    assert (fresh / "journal.db").exists()


def test_an_import_that_clashes_with_the_journal_changes_nothing(capsys, demo_file) -> None:
    assert rapport(capsys, "import", str(demo_file))[0] == 0
    before = rapport(capsys, "clients", "--json")[1]
    code, out, err = rapport(capsys, "import", str(demo_file))
    assert code == 2 and out == ""
    assert "a client named" in err and "already exists" in err and err.count("\n") == 1
    assert rapport(capsys, "clients", "--json")[1] == before


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/deeper/out.json", "The folder {tmp}/missing/deeper does not exist; create it"),
        ("a file/out.json", "{tmp}/a file is a file, not a folder; pick another place."),
        ("a folder", "{tmp}/a folder is a folder; give a file name, e.g. {tmp}/a folder/"),
    ],
)
def test_export_to_a_place_that_cannot_hold_the_file_is_one_line(
    capsys, tmp_path, where, message
) -> None:
    rapport(capsys, "log", "A", "x", "--channel", "email", "--direction", "out", "--new-client")
    (tmp_path / "a file").write_text("not a folder")
    (tmp_path / "a folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    for force in ((), ("--force",)):
        code, out, err = rapport(capsys, "export", str(tmp_path / where), *force)
        assert code == 2 and out == ""
        assert message.format(tmp=tmp_path) in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no folder made on the way
    assert list((tmp_path / "a folder").iterdir()) == []


def test_commands_that_read_do_not_create_a_journal(capsys, home) -> None:
    code, _, err = rapport(capsys, "clients")
    assert code == 1 and "no journal" in err.lower()
    assert not (home / "journal.db").exists()


def test_wrong_passphrase_is_exit_1_and_one_line(capsys, no_keyring, monkeypatch) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "the right passphrase")
    rapport(capsys, "log", "A", "x", "--channel", "email", "--direction", "out", "--new-client")
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "the wrong passphrase")
    code, _, err = rapport(capsys, "clients")
    assert code == 1
    assert "wrong passphrase" in err and err.count("\n") == 1


def test_home_flag_overrides_rapport_home(capsys, tmp_path) -> None:
    other = tmp_path / "elsewhere"
    rapport(
        capsys,
        "log",
        "A",
        "x",
        "--channel",
        "email",
        "--direction",
        "out",
        "--new-client",
        "--home",
        str(other),
    )
    assert (other / "journal.db").exists()
    code, out, _ = rapport(capsys, "--home", str(other), "clients", "--json")
    assert code == 0 and len(json.loads(out)) == 1


def _entry_point(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", *argv], capture_output=True, text=True, env=env, timeout=60
    )


def test_the_installed_entry_point_never_shows_a_traceback(home: Path) -> None:
    env = {
        **os.environ,
        "RAPPORT_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "RAPPORT_PASSPHRASE": "subprocess passphrase",
    }
    ok = _entry_point(
        "log",
        "Zoe",
        "Intro call",
        "--channel",
        "phone",
        "--direction",
        "two_way",
        "--new-client",
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    bad = _entry_point(
        "log",
        "Zoe",
        "x",
        "--channel",
        "email",
        "--direction",
        "out",
        "--follow-up",
        "tomorrow-ish",
        env=env,
    )
    assert bad.returncode == 2
    locked = _entry_point("clients", env={**env, "RAPPORT_PASSPHRASE": "wrong wrong wrong"})
    assert locked.returncode == 1
    for result in (bad, locked):
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1
    assert "hmac check failed" not in locked.stderr  # SQLCipher's own log stays quiet


def test_version_matches_the_package_metadata(capsys) -> None:
    """One place holds the version: journal.__version__, which pyproject.toml reads (so the
    installed package's metadata says the same) and `rapport --version` prints."""
    import importlib.metadata
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    assert "version" not in declared["project"] and "version" in declared["project"]["dynamic"]
    assert declared["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "journal.__version__"}
    expected = importlib.metadata.version("rapport")
    with pytest.raises(SystemExit) as stopped:
        run(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"rapport {expected}"


def _log_summer_call(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """A call typed with a local time and no offset, on a summer day."""
    return rapport(
        capsys,
        "log",
        "Ann",
        "Summer call",
        "--channel",
        "phone",
        "--direction",
        "two_way",
        "--new-client",
        "--at",
        "2026-07-01T10:00",
    )


def test_a_local_time_is_read_by_the_rules_of_its_own_day(capsys) -> None:
    """The machine is in Stockholm (conftest): summer time in July, whatever today is."""
    code, out, _ = _log_summer_call(capsys)
    assert code == 0 and "on 1 Jul 2026 at 10:00" in out
    _, out, _ = rapport(capsys, "clients", "--json")
    assert json.loads(out)[0]["last_contact"] == "2026-07-01T08:00:00+00:00"  # CEST is UTC+2


def test_a_time_that_summer_time_skipped_is_refused(capsys) -> None:
    code, _, err = rapport(
        capsys,
        "log",
        "Ann",
        "x",
        "--channel",
        "phone",
        "--direction",
        "in",
        "--new-client",
        "--at",
        "2026-03-29T02:30",
    )
    assert code == 2 and "does not exist" in err


def test_a_posix_tz_rule_without_an_iana_name_still_works(capsys) -> None:
    """TZ may hold a rule ("CET-1CEST,M3.5.0,M10.5.0/3") rather than a zone name."""
    before = set_machine_zone("CET-1CEST,M3.5.0,M10.5.0/3")
    try:
        code, _, err = _log_summer_call(capsys)
        assert code == 0, err
        _, out, _ = rapport(capsys, "clients", "--json")
        assert json.loads(out)[0]["last_contact"] == "2026-07-01T08:00:00+00:00"
        code, _, err = rapport(capsys, "cues", "--client", "Ann")
        assert code == 0, err
    finally:
        set_machine_zone(before)


def test_escape_sequences_in_the_coach_s_words_are_shown_not_obeyed(capsys) -> None:
    """A name or summary from an imported file could clear the screen or retitle the window."""
    clear, title = "\x1b[2J", "\x1b]0;pwned\x07"
    code, out, err = rapport(
        capsys, "log", f"Eve{clear}", f"Call{title}", "--channel", "phone",
        "--direction", "two_way", "--new-client",
    )  # fmt: skip
    assert code == 0 and "\x1b" not in out + err and "\x07" not in out + err
    assert "Eve\\x1b[2J" in out
    code, out, _ = rapport(capsys, "clients")
    assert "\x1b" not in out and "Eve\\x1b[2J" in out
    code, _, err = rapport(
        capsys, "log", f"Nobody{clear}", "Call", "--channel", "phone", "--direction", "in"
    )
    assert code != 0 and "\x1b" not in err and "Nobody\\x1b[2J" in err
