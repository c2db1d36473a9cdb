"""Rhythms as coaches say them, away periods and booked follow-ups (issue 14): silence that
is expected raises no warning sign, and the rhythm a coach agreed is the one Rapport reads."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from journal import clients, settings
from journal.cli.main import run
from journal.cues.api import all_cues
from journal.cues.history import History
from journal.errors import UserInputError
from journal.store.database import Journal, open_journal
from journal.values.away import Away
from journal.values.rhythm import cadence, rhythm_words
from tests.conftest import NOW
from tests.support.cue_histories import at, contact, cues, day, history, out, talk


def _away(h: History, *periods: tuple[int, int]) -> History:
    """`h` with away periods given as (days ago it began, days ago it ended)."""
    return dataclasses.replace(h, away=tuple(Away(day(-a), day(-b)) for a, b in periods))


# -- rhythms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days", "said"),
    [
        ("twice-a-week", 3.5, "twice a week"),
        ("Twice a week", 3.5, "twice a week"),
        ("weekly", 7, "weekly"),
        ("fortnightly", 14, "every two weeks"),
        ("monthly", 30, "monthly"),
        ("every 10 days", 10, "every 10 days"),
        ("3.5", 3.5, "twice a week"),
        (2.5, 2.5, "every 2.5 days"),
        (7, 7, "weekly"),
    ],
)
def test_a_rhythm_is_read_as_a_coach_says_it(typed: object, days: float, said: str) -> None:
    assert cadence(typed, "rhythm") == days
    assert rhythm_words(days) == said


def test_a_whole_rhythm_stays_whole_so_an_export_says_7() -> None:
    assert isinstance(cadence(7.0, "rhythm"), int)


@pytest.mark.parametrize("typed", ["0", "daily-ish", "400", float("nan"), True])
def test_a_rhythm_that_makes_no_sense_is_refused_naming_its_place(typed: object) -> None:
    with pytest.raises(UserInputError, match=r"^rhythm: "):
        cadence(typed, "rhythm")


def test_twice_a_week_is_neglected_after_five_days_not_after_seven() -> None:
    sessions = [talk(6 + 3.5 * k) for k in range(8)]
    assert "neglect" in cues(history(*sessions, cadence=3.5))  # type: ignore[arg-type]
    weekly = [talk(6 + 7 * k) for k in range(8)]
    assert "neglect" not in cues(history(*weekly, cadence=7))


def test_a_rhythm_of_three_and_a_half_days_imports_and_shows_in_swedish(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {"format": "rapport-journal", "version": 1, "clients": [
        {"name": "Maja", "cadence_days": 3.5}]}  # fmt: skip
    path = tmp_path / "maja.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert run(["import", str(path)]) == 0
    with open_journal(home, create=False):
        assert clients.find_client("Maja").cadence_days == 3.5
    assert rhythm_words(3.5, "sv") == "två gånger i veckan"
    capsys.readouterr()
    assert run(["rhythm", "Maja", "weekly"]) == 0
    assert capsys.readouterr().out == "Maja: weekly.\n"


# -- away periods -----------------------------------------------------------------------------


def _weekly_then_silent(silent_days: int) -> History:
    """Weekly sessions until `silent_days` ago, with two unanswered emails since."""
    sessions = [talk(silent_days + 7 * k) for k in range(8)]
    return history(*sessions, out(silent_days - 2), out(silent_days - 5), cadence=7)


def test_a_client_on_holiday_raises_no_neglect_unanswered_or_inconsistency() -> None:
    silent = _weekly_then_silent(20)
    assert {"neglect", "unanswered"} <= cues(silent).keys()
    on_holiday = _away(silent, (19, -3))
    found = cues(on_holiday)
    assert not {"neglect", "unanswered", "inconsistency"} & found.keys()


def test_the_reply_window_after_an_away_period_is_quiet_too() -> None:
    back_yesterday = _away(_weekly_then_silent(20), (19, 1))
    assert not {"neglect", "unanswered", "inconsistency"} & cues(back_yesterday).keys()


def test_days_away_do_not_count_toward_neglect_once_back() -> None:
    sessions = [talk(25 + 7 * k) for k in range(8)]
    h = _away(history(*sessions, cadence=7), (24, 10))  # away two weeks, back ten days ago
    assert "neglect" in cues(history(*sessions, cadence=7))
    assert "neglect" not in cues(h)  # 25 days since, 15 of them away: 10 < 10.5
    later = _away(history(*[talk(30 + 7 * k) for k in range(8)], cadence=7), (29, 15))
    assert "neglect" in cues(later)  # 30 days since, 15 away: 15 > 10.5


def test_a_gap_across_an_away_period_is_no_rhythm_swing() -> None:
    sessions = [talk(d) for d in (2, 9, 16, 40, 47, 70, 77)]
    assert "inconsistency" in cues(history(*sessions, cadence=7))
    away = _away(history(*sessions, cadence=7), (38, 18), (68, 49))
    assert "inconsistency" not in cues(away)


def test_a_booked_next_session_holds_off_neglect_until_its_day() -> None:
    booked = contact(20, "video", "two_way")
    booked = dataclasses.replace(booked, follow_up_on=day(3))
    sessions = [talk(27 + 7 * k) for k in range(8)]
    assert "neglect" not in cues(history(*sessions, booked, cadence=7))
    after = dataclasses.replace(booked, follow_up_on=day(-1))
    assert "neglect" in cues(history(*sessions, after, cadence=7))


def test_the_coach_s_own_vacation_quiets_every_client(journal: Journal) -> None:
    from journal.entries.capture import log_interaction

    for name in ("Ada", "Bo"):
        client = clients.create_client(name, cadence_days=7)
        log_interaction(client, at=at(30), channel="video", direction="two_way", summary="Talk")
    kinds = {(cue.client, cue.kind) for cue in all_cues(NOW)}
    assert {("Ada", "neglect"), ("Bo", "neglect")} <= kinds
    settings.set_value("away", [{"from": str(day(-28)), "to": str(day(0)), "note": "Vacation"}])
    assert not {cue.kind for cue in all_cues(NOW)} & {"neglect", "unanswered", "inconsistency"}


def test_away_periods_travel_through_the_cli_and_json(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_journal(home):
        clients.create_client("Maja Lindqvist")
    assert (
        run(["away", "Maja", "--from", "2026-04-10", "--to", "2026-04-24", "--note", "Leave"]) == 0
    )
    assert run(["away", "Maja", "--from", "2026-05-10", "--to", "2026-05-01"]) == 2
    assert "--from/--to: ends (2026-05-01) before it starts" in capsys.readouterr().err
    path = tmp_path / "export.json"
    assert run(["export", str(path)]) == 0
    (maja,) = json.loads(path.read_text(encoding="utf-8"))["clients"]
    assert maja["away"] == [{"from": "2026-04-10", "to": "2026-04-24", "note": "Leave"}]
    maja["away"][0]["to"] = "2026-04-01"
    maja["name"] = "Maja Two"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "rapport-journal", "version": 1, "clients": [maja]}))
    assert run(["import", str(bad)]) == 2
    assert "clients[0].away[0]: ends (2026-04-01) before it starts" in capsys.readouterr().err
