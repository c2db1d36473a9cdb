"""`rapport cues [--client NAME] [--as-of WHEN] [--json]` from a terminal's point of view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.cli import run
from journal.cues.model import KINDS
from journal.demo import demo_document
from tests.conftest import NOW

AS_OF = NOW.isoformat()


def rapport(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_home(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(demo_document(NOW)), encoding="utf-8")
    assert rapport(capsys, "import", str(source))[0] == 0


def test_cues_lists_the_warning_signs_worst_first(capsys, demo_home) -> None:
    code, out, err = rapport(capsys, "cues", "--as-of", AS_OF)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("critical  Maja Lindqvist")
    assert "unanswered" in lines[0] and "[template: closing-the-loop]" in lines[0]
    assert not any("Sofia" in line or "Liam" in line for line in lines)
    severities = [line.split()[0] for line in lines]
    order = {"critical": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=order.__getitem__)


def test_cues_json_has_exactly_the_public_fields_and_resolvable_evidence(
    capsys, demo_home, tmp_path
) -> None:
    code, out, _ = rapport(capsys, "cues", "--as-of", AS_OF, "--json")
    assert code == 0
    cues = json.loads(out)
    assert cues
    fields = {"kind", "client", "severity", "since", "evidence", "explanation", "template"}
    export = tmp_path / "export.json"
    assert rapport(capsys, "export", str(export))[0] == 0
    clients = {c["name"]: c for c in json.loads(export.read_text(encoding="utf-8"))["clients"]}
    for cue in cues:
        assert set(cue) == fields
        assert cue["kind"] in KINDS
        assert cue["severity"] in ("info", "warning", "critical")
        known = {("interaction", i["id"]) for i in clients[cue["client"]]["interactions"]}
        known |= {("commitment", m["id"]) for m in clients[cue["client"]]["commitments"]}
        assert {(ref["type"], ref["id"]) for ref in cue["evidence"]} <= known


def test_cues_for_one_client_by_part_of_the_name(capsys, demo_home) -> None:
    code, out, _ = rapport(capsys, "cues", "--client", "greta", "--as-of", AS_OF, "--json")
    assert code == 0
    assert [(c["client"], c["kind"]) for c in json.loads(out)] == [("Greta Holm", "over_contact")]


def test_a_healthy_client_has_a_calm_answer(capsys, demo_home) -> None:
    code, out, _ = rapport(capsys, "cues", "--client", "Sofia", "--as-of", "2026-03-02")
    assert code == 0
    assert out.startswith("No warning signs for Sofia Alvarez as of 2026-03-02 23:59")


def test_a_day_alone_means_the_end_of_that_day(capsys, demo_home) -> None:
    """Greta's flood started on 17 February; on the 16th there was nothing to see."""
    before = json.loads(
        rapport(capsys, "cues", "--client", "Greta", "--as-of", "2026-02-16", "--json")[1]
    )
    assert before == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("cues", "--as-of", "last tuesday"), "--as-of: not a date and time"),
        (("cues", "--client", "Nobody"), "No client called 'Nobody'"),
        (("cues", "--client", "a"), "matches several clients"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(capsys, demo_home, argv, message) -> None:
    code, out, err = rapport(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_no_journal_yet_is_a_clear_error(capsys) -> None:
    code, _, err = rapport(capsys, "cues")
    assert code == 1
    assert "There is no journal" in err and err.count("\n") == 1
