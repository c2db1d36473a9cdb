"""`rapport cues [--client NAME] [--as-of WHEN] [--json]` from a terminal's point of view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.cli.main import run
from journal.cues.model import KINDS
from journal.interchange.demo import demo_document
from journal.settings import CUE_SETTINGS
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
    assert out.startswith("No warning signs for Sofia Alvarez as of 2 Mar 2026, 23:59")


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
        (("cues", "--client", ""), "--client: give a client name"),
        (("cues", "--client", "  ", "--json"), "--client: give a client name"),
        (("cues", "--client", "", "--all"), "--client: give a client name"),
        (("cues", "--client", "", "--dismiss", "dread"), "--client: give a client name"),
        (("cues", "--client", "", "--thresholds"), "--client: give a client name"),
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


# --- dismiss, snooze and --all ------------------------------------------------------------------


def test_dismiss_hides_the_cue_until_asked_for_with_all(capsys, demo_home) -> None:
    code, out, err = rapport(
        capsys, "cues", "--as-of", AS_OF, "--dismiss", "unanswered", "--client", "Maja"
    )
    assert code == 0 and err == ""
    assert out.startswith("Dismissed (Maja Lindqvist, unanswered): 4 emails")
    assert out.rstrip().endswith("It comes back if something new happens.")
    listed = rapport(capsys, "cues", "--as-of", AS_OF, "--client", "Maja")[1].splitlines()
    assert [line.split()[3] for line in listed] == ["missed_deadlines"]
    everything = rapport(capsys, "cues", "--as-of", AS_OF, "--client", "Maja", "--all")[1]
    unanswered = next(line for line in everything.splitlines() if "unanswered" in line)
    assert unanswered.endswith("[template: closing-the-loop]  [dismissed]")
    assert "[dismissed]" not in everything.replace(unanswered, "")


def test_snooze_lasts_until_its_moment(capsys, demo_home) -> None:
    code, out, _ = rapport(
        capsys, "cues", "--as-of", AS_OF, "--snooze", "neglect", "--client", "Tom", "--until", "1w"
    )
    assert code == 0
    assert out.startswith("Snoozed until 9 Mar 2026, 12:00 (Tom Becker, neglect): No real contact")

    def kinds(as_of: str) -> list[str]:
        found = rapport(capsys, "cues", "--as-of", as_of, "--client", "Tom", "--json")[1]
        return [c["kind"] for c in json.loads(found)]

    assert "neglect" not in kinds("2026-03-09T11:59+01:00")
    assert "neglect" in kinds("2026-03-09T12:01+01:00")
    text = rapport(capsys, "cues", "--as-of", AS_OF, "--client", "Tom", "--all")[1]
    assert "[snoozed until 9 Mar 2026, 12:00]" in text


def test_json_gains_a_state_field_only_with_all(capsys, demo_home) -> None:
    rapport(capsys, "cues", "--as-of", AS_OF, "--dismiss", "dread", "--client", "Victor")
    plain = json.loads(rapport(capsys, "cues", "--as-of", AS_OF, "--json")[1])
    assert all("state" not in cue for cue in plain)
    assert ("Victor Hale", "dread") not in {(c["client"], c["kind"]) for c in plain}
    full = json.loads(rapport(capsys, "cues", "--as-of", AS_OF, "--json", "--all")[1])
    states = {(c["client"], c["kind"]): c["state"] for c in full}
    assert states[("Victor Hale", "dread")] == "dismissed"
    assert set(states.values()) == {"open", "dismissed"}
    assert len(full) == len(plain) + 1
    for cue in full:
        assert set(cue) == {
            "kind",
            "client",
            "severity",
            "since",
            "evidence",
            "explanation",
            "template",
            "state",
        }


def test_a_dismissed_cue_comes_back_with_news(capsys, demo_home) -> None:
    rapport(capsys, "cues", "--as-of", AS_OF, "--dismiss", "unanswered", "--client", "Maja")
    later = "2026-03-06T12:00+01:00"  # past the reply window of a new email on the 2nd

    def kinds() -> list[str]:
        found = rapport(capsys, "cues", "--as-of", later, "--client", "Maja", "--json")[1]
        return [c["kind"] for c in json.loads(found)]

    assert "unanswered" not in kinds()  # days pass, nothing new: it stays away
    code, _, _ = rapport(
        capsys,
        "log",
        "Maja",
        "One more try: which option?",
        "--channel",
        "email",
        "--direction",
        "out",
        "--at",
        "2026-03-02T11:00+01:00",
        "--awaits-reply",
    )
    assert code == 0
    assert "unanswered" in kinds()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--dismiss", "silence", "--client", "Maja"), "--dismiss: no cue kind 'silence'"),
        (("--dismiss", "dread"), "--dismiss needs --client NAME"),
        (("--dismiss", "dread", "--client", "Sofia"), "Sofia Alvarez has no open dread cue"),
        (("--snooze", "dread", "--client", "Victor"), "--snooze needs --until WHEN"),
        (("--snooze", "dread", "--client", "Victor", "--until", "2026-03-01"), "is not after"),
        (("--snooze", "dread", "--client", "Victor", "--until", "soon"), "'soon' is not a date"),
        (("--until", "2w"), "--until goes with --snooze"),
        (("--dismiss", "dread", "--client", "Victor", "--all"), "--all lists cues"),
        (("--dismiss", "dread", "--snooze", "dread", "--client", "Victor"), "not allowed with"),
    ],
)
def test_bad_put_away_input_is_one_line_with_exit_code_2(capsys, demo_home, argv, message) -> None:
    code, out, err = rapport(capsys, "cues", "--as-of", AS_OF, *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
    # nothing was put away
    everything = rapport(capsys, "cues", "--as-of", AS_OF, "--all")[1]
    assert "[dismissed]" not in everything and "[snoozed" not in everything


# -- one client's own thresholds ----------------------------------------------------------------


def _maja_kinds(capsys) -> dict[str, str]:
    out = rapport(capsys, "cues", "--as-of", AS_OF, "--client", "Maja", "--json")[1]
    return {c["kind"]: c["severity"] for c in json.loads(out)}


def test_set_gives_one_client_their_own_threshold_and_the_cues_follow(capsys, demo_home) -> None:
    assert _maja_kinds(capsys)["unanswered"] == "critical"
    code, out, err = rapport(
        capsys, "cues", "--client", "Maja", "--set", "cue_reply_window_days=30"
    )
    assert (code, err) == (0, "")
    assert out == "Maja Lindqvist: cue_reply_window_days is now 30 (global 3).\n"
    assert "unanswered" not in _maja_kinds(capsys)
    greta = rapport(capsys, "cues", "--client", "Greta", "--thresholds")[1]
    assert "Greta Holm: 0 of their own" in greta  # nobody else changed
    code, out, _ = rapport(capsys, "cues", "--client", "Maja", "--reset", "cue_reply_window_days")
    assert out == "Maja Lindqvist: cue_reply_window_days follows the global setting again (3).\n"
    assert _maja_kinds(capsys)["unanswered"] == "critical"


def test_thresholds_lists_every_one_marking_the_clients_own(capsys, demo_home) -> None:
    rapport(
        capsys,
        "cues",
        "--client",
        "Maja",
        "--set",
        "closing_loop_after=6",  # the cue_ prefix may be left out
        "--set",
        "cue_neglect_tolerance=2,5",
    )
    code, out, _ = rapport(capsys, "cues", "--client", "Maja", "--thresholds")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == (
        "Thresholds for Maja Lindqvist: 2 of their own (*), the rest as set globally."
    )
    own = [line for line in lines[1:] if line.startswith("*")]
    assert [line.split()[1:3] for line in own] == [
        ["cue_closing_loop_after", "6"],
        ["cue_neglect_tolerance", "2.5"],
    ]
    assert own[0].endswith("[own; global 3]")
    reply = next(line for line in lines if "cue_reply_window_days" in line)
    assert reply.split()[:2] == ["cue_reply_window_days", "3"] and "[own" not in reply
    assert len(lines) == 1 + len(CUE_SETTINGS)

    rows = json.loads(rapport(capsys, "cues", "--client", "Maja", "--thresholds", "--json")[1])
    by_key = {row["key"]: row for row in rows}
    assert set(rows[0]) == {"key", "label", "value", "global", "overridden"}
    assert by_key["cue_closing_loop_after"] == {
        "key": "cue_closing_loop_after",
        "label": "Unanswered before closing the loop",
        "value": 6,
        "global": 3,
        "overridden": True,
    }
    assert by_key["cue_reply_window_days"]["overridden"] is False


def test_a_changed_global_setting_shows_through_where_the_client_has_none(
    capsys, demo_home
) -> None:
    import argparse

    from journal import settings
    from journal.cli.common import opened

    with opened(argparse.Namespace(home=None, demo=False), create=False):  # as Preferences
        settings.set_value("cue_reply_window_days", 5)
    rows = json.loads(rapport(capsys, "cues", "--client", "Maja", "--thresholds", "--json")[1])
    reply = next(row for row in rows if row["key"] == "cue_reply_window_days")
    assert (reply["value"], reply["global"], reply["overridden"]) == (5, 5, False)


def test_reset_all_clears_every_own_value_in_one_go(capsys, demo_home) -> None:
    rapport(capsys, "cues", "--client", "Maja", "--set", "dread_streak=5", "--set", "mood_window=8")
    code, out, _ = rapport(capsys, "cues", "--client", "Maja", "--reset", "all")
    assert code == 0
    assert out.splitlines() == [
        "Maja Lindqvist: cue_dread_streak follows the global setting again (3).",
        "Maja Lindqvist: cue_mood_window follows the global setting again (6).",
    ]
    out = rapport(capsys, "cues", "--client", "Maja", "--reset", "all")[1]
    assert out == ("Maja Lindqvist had no own thresholds; every one follows the global settings.\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--set", "cue_reply_window_days=0"), "cue_reply_window_days: Reply window (days) must "),
        (("--set", "cue_reply_window_days=0"), "a whole number from 1 to 60, not '0'"),
        (("--set", "cue_reply_window_days=soon"), "from 1 to 60, not 'soon'"),
        (("--set", "cue_neglect_tolerance=nan"), "a number from 1 to 10, not 'nan'"),
        (("--set", "cue_reply_window=5"), "no warning-sign setting called 'cue_reply_window'"),
        (("--set", "cue_reply_window_days"), "write KEY=VALUE"),
        (("--reset", "silence"), "no warning-sign setting called 'silence'"),
        (("--set", "dread_streak=4", "--reset", "dread_streak"), "named twice"),
    ],
)
def test_bad_threshold_input_is_one_line_exit_2_and_changes_nothing(
    capsys, demo_home, argv, message
) -> None:
    # a good change goes first: all or nothing means it is not stored either
    code, out, err = rapport(capsys, "cues", "--client", "Maja", "--set", "mood_window=9", *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
    rows = json.loads(rapport(capsys, "cues", "--client", "Maja", "--thresholds", "--json")[1])
    assert not any(row["overridden"] for row in rows)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--set", "dread_streak=4"), "--set needs --client NAME"),
        (("--thresholds",), "--thresholds needs --client NAME"),
        (("--client", "Maja", "--reset", "all", "--all"), "--all goes with listing cues"),
        (("--client", "Maja", "--thresholds", "--dismiss", "dread"), "--dismiss goes with"),
        (("--client", "Nobody", "--thresholds"), "No client called 'Nobody'"),
    ],
)
def test_threshold_flags_need_one_client_and_stand_alone(capsys, demo_home, argv, message) -> None:
    code, out, err = rapport(capsys, "cues", *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize("when", ["0001-01-01", "0001-01-01T00:00+05:00", "9999-12-31"])
def test_an_as_of_far_outside_any_journal_is_one_line(capsys, when: str) -> None:
    from journal.cli.main import run

    run(["log", "Ann", "x", "--channel", "email", "--direction", "out", "--new-client"])
    capsys.readouterr()
    assert run(["cues", "--as-of", when]) == 2
    err = capsys.readouterr().err
    assert "--as-of" in err and err.count("\n") == 1
