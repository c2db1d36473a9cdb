"""`rapport template`: filled messages at the terminal, the list, and template sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal import settings
from journal.interchange.demo import demo_document
from journal.store.database import open_journal
from tests.conftest import NOW
from tests.test_cli import rapport


@pytest.fixture
def demo_home(capsys, tmp_path: Path, home: Path) -> Path:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(demo_document(NOW)), encoding="utf-8")
    assert rapport(capsys, "import", str(source))[0] == 0
    return home


def test_list_works_before_there_is_a_journal(capsys) -> None:
    code, out, err = rapport(capsys, "template", "--list", "--lang", "sv")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 8
    assert lines[0].startswith("closing-the-loop") and "Knyta ihop säcken" in lines[0]
    assert "(besvarar: over_contact)" in out  # --lang sv: the CLI speaks Swedish too


def test_a_filled_template_prints_subject_and_body_and_names_the_gaps(capsys, demo_home) -> None:
    code, out, err = rapport(
        capsys, "template", "closing-the-loop", "--client", "maja", "--lang", "sv"
    )
    assert code == 0
    assert out.startswith("Ämne: Jag knyter ihop säcken\n\nHej Maja!\n\nJag har inte hört")
    assert "om the leadership programme" in out
    assert err == "rapport: fyll i innan du skickar: [[signature]]\n"

    with open_journal(demo_home):
        settings.set_value("my_name", "Anna Berg")
    code, out, err = rapport(capsys, "template", "accountability-recap", "--client", "Priya")
    assert (code, err) == (0, "")
    assert "On your side:\n- Send the staff survey results (due 24 February 2026)" in out
    assert out.rstrip().endswith("Best wishes,\nAnna Berg")


def test_bad_requests_get_one_line_and_exit_code_2(capsys, demo_home) -> None:
    for argv, message in (
        (("template", "closing-the-lop"), "no template called 'closing-the-lop'"),
        (("template",), "Give one of: a template ID, --list"),
        (("template", "--list", "--client", "Maja"), "--client needs a template ID"),
        (("template", "closing-the-loop", "--client", "Nobody"), "No client called 'Nobody'"),
    ):
        code, out, err = rapport(capsys, *argv)
        assert code == 2, argv
        assert message in err and err.count("\n") == 1 and out == ""


def test_template_sets_export_and_import_from_the_terminal(capsys, demo_home, tmp_path) -> None:
    target = tmp_path / "set.json"
    assert rapport(capsys, "template", "--export", str(target))[:2] == (
        0,
        f"Exported 16 templates to {target}.\n",
    )
    code, _, err = rapport(capsys, "template", "--export", str(target))
    assert code == 2 and "already exists; pass --force" in err
    data = json.loads(target.read_text(encoding="utf-8"))
    data["templates"][0]["subject"] = "Closing the loop, kindly"
    target.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = rapport(capsys, "template", "--import", str(target))
    assert (code, out) == (0, "Imported templates: 0 added, 1 replaced, 15 already the same.\n")
    code, out, _ = rapport(capsys, "template", "--list", "--lang", "en")
    assert "closing-the-loop" in out.splitlines()[0] and "[edited]" in out.splitlines()[0]
