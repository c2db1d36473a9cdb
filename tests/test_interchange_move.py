"""Moving a journal: the export carries everything but the key (dismissals, snoozes, settings,
per-client thresholds, own templates), and export, import elsewhere, export gives the same file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journal import recovery_sheet, settings
from journal.clients import find_client, update_client
from journal.cues.api import cues_for_client, set_client_threshold
from journal.cues.state import dismiss_cue, snooze_cue
from journal.errors import UserInputError
from journal.interchange import export, extras, importing
from journal.store.database import Journal, open_journal
from journal.store.models import Client, CueDismissal, Setting, UserTemplate
from journal.templates import library
from tests.conftest import NOW
from tests.test_cli import rapport

DAY = dt.timedelta(days=1)
MOMENTS = (NOW, NOW + 4 * DAY)  # while Greta's snooze holds, and after it ran out


def _cue(name: str, kind: str):
    return next(c for c in cues_for_client(find_client(name), NOW) if c.kind == kind)


def _shown() -> dict[tuple[str, dt.datetime], list[str]]:
    """Every client's cue kinds at each moment, as Today would show them."""
    return {
        (client.name, moment): sorted(c.kind for c in cues_for_client(client, moment))
        for client in Client.select()
        for moment in MOMENTS
    }


@pytest.fixture
def lived_in(demo_journal: Journal) -> Journal:
    """The demo journal as a coach has used it: a cue dismissed, one snoozed, settings changed,
    a client's threshold, an own template and an edited built-in, and a recovery sheet made."""
    dismiss_cue(_cue("Maja", "unanswered"))
    snooze_cue(_cue("Greta", "over_contact"), NOW + 3 * DAY)
    settings.set_values(
        {
            "my_name": "Eva Holm",
            "cue_mood_drop": 1.5,
            "language": "en",
            "away": [{"from": "2026-07-06", "to": "2026-07-24", "note": "Summer"}],
        }
    )
    update_client(find_client("Hannah"), away=[{"from": "2026-04-01", "to": "2026-04-14"}])
    set_client_threshold(find_client("Tom"), "cue_neglect_tolerance", 3.0)
    library.save_template(
        "check-in-after-holiday",
        "en",
        title="Check in after a holiday",
        subject="Welcome back, {client_first_name}",
        body="Hi {client_first_name},\n\nHow was the break?\n\n{signature}",
        answers=["neglect"],
    )
    library.save_template(
        "closing-the-loop",
        "en",
        title="Closing the loop",
        subject="Shall I close your file?",
        body="Hi {client_first_name}, my own words.\n\n{signature}",
        answers=["unanswered"],
    )
    recovery_sheet.record_made(demo_journal)
    return demo_journal


@pytest.fixture
def new_home(lived_in: Journal, tmp_path: Path) -> Iterator[Path]:
    """Export the lived-in journal, then open a fresh journal elsewhere (yields the export)."""
    first = tmp_path / "first.json"
    export.write_export(first)
    lived_in.close()
    fresh = open_journal(tmp_path / "new-home")
    yield first
    fresh.close()


def test_export_import_into_a_new_home_and_export_again_gives_the_same_file(
    lived_in: Journal, tmp_path: Path
) -> None:
    before = _shown()
    first = tmp_path / "first.json"
    export.write_export(first)
    lived_in.close()
    fresh = open_journal(tmp_path / "new-home")
    try:
        summary = importing.import_file(first)
        assert _shown() == before  # nothing dismissed or snoozed comes back
        assert "unanswered" not in _shown()[("Maja Lindqvist", NOW)]
        assert "over_contact" not in _shown()[("Greta Holm", NOW)]
        assert "over_contact" in _shown()[("Greta Holm", NOW + 4 * DAY)]
        assert settings.get("my_name") == "Eva Holm"
        assert settings.get("away")[0]["note"] == "Summer"
        assert find_client("Hannah").away == [
            {"from": "2026-04-01", "to": "2026-04-14", "note": ""}
        ]
        assert find_client("Tom").cue_settings == {"cue_neglect_tolerance": 3.0}
        assert "my own words" in library.get_template("closing-the-loop", "en").body
        assert library.get_template("check-in-after-holiday", "en").answers == ("neglect",)
        assert (summary.settings, summary.templates, summary.cue_states) == (4, 2, 2)
        again = tmp_path / "again.json"
        export.write_export(again)
        assert again.read_bytes() == first.read_bytes()
    finally:
        fresh.close()


def test_the_key_and_its_recovery_sheet_record_do_not_travel(new_home: Path) -> None:
    text = new_home.read_text(encoding="utf-8")
    assert "recovery_sheet" not in text
    importing.import_file(new_home)
    assert Setting.get_or_none(Setting.key == recovery_sheet.MADE) is None


def test_the_cli_moves_a_journal_and_says_what_came_along(
    lived_in: Journal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, again = tmp_path / "first.json", tmp_path / "again.json"
    lived_in.close()
    assert rapport(capsys, "export", str(first))[0] == 0
    other = str(tmp_path / "elsewhere")
    code, out, err = rapport(capsys, "--home", other, "import", str(first))
    assert (code, err) == (0, "")
    assert "With them: 4 settings, 2 templates and 2 dismissed or snoozed cues." in out
    assert rapport(capsys, "--home", other, "export", str(again))[0] == 0
    assert again.read_bytes() == first.read_bytes()


def test_a_file_from_before_these_fields_still_imports(journal: Journal) -> None:
    settings.set_value("my_name", "Kept")
    old = {"format": "rapport-journal", "version": 1, "clients": [{"name": "Old Friend"}]}
    summary = importing.import_data(old)
    assert summary.carried() == ""
    assert settings.get("my_name") == "Kept"
    assert find_client("Old Friend").name == "Old Friend"


def test_the_files_settings_apply_over_the_journals_others_stay(journal: Journal) -> None:
    settings.set_values({"my_name": "Here", "signature": "Warmly, Here"})
    importing.import_data(
        {"format": "rapport-journal", "version": 1, "settings": {"my_name": "There"}}
    )
    assert (settings.get("my_name"), settings.get("signature")) == ("There", "Warmly, Here")


def _moved_document(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _maja(doc: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in doc["clients"] if c["name"] == "Maja Lindqvist")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["settings"].update(cue_mood_drop="a lot"),
            "settings.cue_mood_drop: must be a number",
        ),
        (
            lambda d: d["settings"].update(cue_mood_drop=40),
            "settings.cue_mood_drop: must be at most 4",
        ),
        (
            lambda d: d["settings"].update(language="fr"),
            "settings.language: must be one of",
        ),
        (
            lambda d: d["settings"].update(recovery_sheet_made="2026-03-02 abc"),
            "settings.recovery_sheet_made: is not a setting of this Rapport",
        ),
        (lambda d: d.update(settings=[1]), "settings: must be an object"),
        (
            lambda d: d["settings"]["away"][0].update(to="2026-07-01"),
            "settings.away[0]",
        ),
        (
            lambda d: d["templates"][1].update(body="Hi {first_name}"),
            "templates[1].body: unknown placeholder {first_name}",
        ),
        (lambda d: d["templates"][0].update(lang="fr"), "templates[0].lang: must be one of"),
        (
            lambda d: _maja(d)["cue_states"][0].update(kind="gloom"),
            "cue_states[0].kind: must be one of",
        ),
        (
            lambda d: _maja(d)["cue_states"][0].update(evidence_key="everything"),
            "cue_states[0].evidence_key: must look like",
        ),
        (
            lambda d: _maja(d)["cue_states"][0].update(snoozed_until="2026-03-09T09:00"),
            "cue_states[0].snoozed_until: needs a UTC offset",
        ),
        (
            lambda d: _maja(d)["cue_states"][0].update(forever=True),
            "cue_states[0].forever: is not a field",
        ),
    ],
)
def test_a_bad_value_is_refused_naming_its_place_and_nothing_is_imported(
    new_home: Path, change: Any, message: str
) -> None:
    doc = _moved_document(new_home)
    change(doc)
    with pytest.raises(UserInputError, match=message.replace("[", r"\[").replace("{", r"\{")):
        importing.import_data(copy.deepcopy(doc))
    _assert_nothing_imported()


@pytest.mark.parametrize("text", ["NaN", "Infinity"])
def test_a_setting_that_is_not_a_number_is_refused(new_home: Path, text: str) -> None:
    """JSON readers let NaN through; stored, it would stop every client's cues."""
    raw = new_home.read_text(encoding="utf-8")
    assert '"cue_mood_drop": 1.5' in raw
    new_home.write_text(raw.replace('"cue_mood_drop": 1.5', f'"cue_mood_drop": {text}'))
    with pytest.raises(UserInputError, match=r"^settings\.cue_mood_drop: must be a number"):
        importing.import_file(new_home)
    _assert_nothing_imported()


def test_an_import_that_dies_midway_leaves_nothing(
    new_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after the settings, templates and the first client's records were written."""

    def die(client_id: int, states: list[dict[str, Any]]) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr(extras, "store_cue_states", die)
    with pytest.raises(RuntimeError, match="killed"):
        importing.import_file(new_home)
    _assert_nothing_imported()


def _assert_nothing_imported() -> None:
    assert Client.select().count() == 0
    assert UserTemplate.select().count() == 0
    assert CueDismissal.select().count() == 0
    assert settings.stored() == {}
