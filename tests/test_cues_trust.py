"""Warning signs a coach can trust (issue 14): healthy look-alikes raise nothing, and doing
what a cue asks never raises a new alarm."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given

from journal import clients
from journal.cli.main import run
from journal.cues.engine import evaluate
from journal.cues.history import Contact, History
from journal.entries.capture import log_interaction
from journal.errors import UserInputError
from journal.overview import client_rows
from journal.store.database import Journal
from tests.support.cue_histories import contact, cues, history, out, reply, talk
from tests.test_cues_properties import BASE, DEFAULTS, QUICK, histories
from ui.views.client_list import ClientListModel


def test_a_client_who_answers_every_email_by_phoning_back_raises_nothing() -> None:
    weeks = []
    for k in range(10):
        weeks += [out(3 + 7 * k), contact(2 + 7 * k, "phone", "in")]
    assert cues(history(*weeks, cadence=7, preferred="email")) == {}


def test_a_client_who_answers_by_text_message_raises_nothing() -> None:
    weeks = []
    for k in range(10):
        weeks += [out(4 + 7 * k), reply(3 + 7 * k, "message"), talk(2 + 7 * k)]
    assert cues(history(*weeks, cadence=7, preferred="email")) == {}


def test_uneasy_follow_ups_to_a_silent_prospect_are_not_dread_or_mood_decline() -> None:
    earlier = [talk(40 + 7 * k, feeling=1) for k in range(4)]
    follow_ups = [out(d, feeling=-1, emotions=("uneasy",)) for d in (30, 23, 16, 9)]
    found = cues(history(*earlier, *follow_ups, status="prospect"))
    assert "dread" not in found and "mood_decline" not in found
    assert "unanswered" in found


def test_dread_about_the_client_still_counts() -> None:
    sessions = [talk(2 + 7 * k, feeling=-1, emotions=("drained",)) for k in range(4)]
    assert "dread" in cues(history(*sessions, cadence=7))


def test_the_call_that_ends_a_neglect_raises_no_rhythm_swing_of_its_own() -> None:
    """Before: one swing long ago and the neglect now; the pattern shows while the gap is
    open. After the overdue call: neglect is gone and the pattern is no new warning."""
    before = history(talk(60), talk(57), talk(35), talk(32), talk(29), talk(12), cadence=3)
    found = cues(before)
    assert {"neglect", "inconsistency"} <= found.keys()
    after = dataclasses.replace(before, contacts=(*before.contacts, talk(0, hour=9)))
    again = cues(after)
    assert "neglect" not in again
    assert set(again) <= set(found) and len(again) < len(found)


@QUICK
@given(histories())
def test_logging_a_conversation_now_never_adds_to_the_cues(base: History) -> None:
    """What a neglect, unanswered or channel cue asks for is contact: once the coach has it,
    the client has no more cues than before, and no kind appears that was not there."""
    before = evaluate(base, DEFAULTS, BASE)
    call = Contact("now", BASE - dt.timedelta(minutes=1), "phone", "two_way")
    after = evaluate(dataclasses.replace(base, contacts=(*base.contacts, call)), DEFAULTS, BASE)
    assert len(after) <= len(before)


def test_last_contact_is_from_or_with_the_client_and_reaching_out_shows_beside_it(
    journal: Journal,
) -> None:
    maja = clients.create_client("Maja Lindqvist")
    now = dt.datetime.now().astimezone()
    for days, channel, direction in ((28, "video", "two_way"), (2, "email", "out")):
        log_interaction(
            maja,
            at=now - dt.timedelta(days=days),
            channel=channel,
            direction=direction,
            summary="Session" if direction == "two_way" else "Checking in",
            awaits_reply=direction == "out",
        )
    for complete in (True, False):
        (row,) = client_rows(complete=complete)
        assert row.last_contact is not None
        assert (now - row.last_contact).days == 28
    (row,) = client_rows()
    assert row.reached_out_since is not None and (now - row.reached_out_since).days == 2
    model = ClientListModel()
    model.set_rows([row], now.date())
    shown = model.data(model.index(0, model.LAST))
    assert shown.endswith("· you wrote 2 days ago") and not shown.startswith("2 days")


def test_an_interaction_more_than_a_day_ahead_is_refused_everywhere(
    journal: Journal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maja = clients.create_client("Maja Lindqvist")
    ahead = dt.datetime.now().astimezone() + dt.timedelta(days=3)
    with pytest.raises(UserInputError, match="more than a day in the future"):
        log_interaction(maja, at=ahead, channel="video", direction="two_way", summary="Planned")
    tonight = dt.datetime.now().astimezone() + dt.timedelta(hours=6)
    log_interaction(maja, at=tonight, channel="video", direction="two_way", summary="Tonight")

    code = run(
        [
            "log",
            "Maja",
            "Next session",
            "--channel",
            "video",
            "--direction",
            "two_way",
            "--at",
            "2030-01-01T10:00",
        ]
    )
    assert code == 2
    assert capsys.readouterr().err.startswith("rapport: --at: is more than a day in the future")

    document = {
        "format": "rapport-journal",
        "version": 1,
        "clients": [
            {
                "name": "Bo",
                "interactions": [
                    {
                        "at": "2030-01-01T10:00:00+01:00",
                        "channel": "email",
                        "direction": "out",
                        "summary": "x",
                    }
                ],
            }
        ],
    }
    path = tmp_path / "future.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert run(["import", str(path)]) == 2
    assert "clients[0].interactions[0].at: is more than a day" in capsys.readouterr().err
    assert run(["clients", "--json"]) == 0  # the CLI's own look at the journal it imported into
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == ["Maja Lindqvist"]


def test_the_channel_ignored_most_is_the_one_named() -> None:
    """Two channels both go unanswered: the cue names the one with more ignored messages,
    however many replies came through elsewhere."""
    emails = [out(d) for d in (40, 35, 30)]
    texts = [out(d, "message") for d in (38, 33, 28, 23, 18)]
    calls = [talk(d, "phone") for d in (10, 6, 2)]
    cue = cues(history(talk(45), *emails, *texts, *calls))["channel_mismatch"]
    assert "5 messages to Ada" in cue.explanation
