"""The conduct cue: the coach's own self-check trending the wrong way with one client."""

from __future__ import annotations

import datetime as dt

from journal import settings
from journal.clients import find_client
from journal.cues.api import cues_for_client
from journal.cues.engine import evaluate
from journal.cues.model import Severity
from journal.cues.thresholds import Thresholds
from journal.entries.capture import log_interaction
from journal.store.database import Journal
from tests.conftest import NOW
from tests.support.cue_histories import cues, evidence_ids, history, talk

ASKED = "asked_before_advising"


def sessions(*answers: bool | None, key: str = ASKED) -> list:
    """Weekly sessions, oldest first, each with one self-check answer (None: no self-check)."""
    n = len(answers)
    return [
        talk(2 + 7 * (n - 1 - k), feeling=1, self_check=None if a is None else {key: a})
        for k, a in enumerate(answers)
    ]


def test_advising_without_asking_in_3_of_the_last_5_sessions_is_conduct() -> None:
    contacts = sessions(True, False, True, False, False)
    cue = cues(history(*contacts, name="Victor Hale"))["conduct"]
    assert cue.template is None
    assert cue.severity == Severity.INFO
    assert evidence_ids(cue) == [contacts[i].uid for i in (1, 3, 4)]
    assert cue.since == contacts[1].at
    assert cue.explanation == (
        "The question to work on with Victor is “Did I ask before advising?”: you advised "
        "without asking in 3 of the last 5 sessions, since 7 February."
    )


def test_two_of_five_is_no_pattern_and_older_answers_fall_out_of_the_window() -> None:
    assert "conduct" not in cues(history(*sessions(True, False, True, True, False)))
    # three slips long ago, then five sessions with only two: the window has moved on
    assert "conduct" not in cues(history(*sessions(False, False, False, True, True, False, True)))


def test_answers_the_right_way_raise_nothing() -> None:
    right = {key: True for key in ("asked_before_advising", "full_attention", "kept_my_word")}
    h = history(*[talk(2 + 7 * k, feeling=1, self_check=right) for k in range(8)])
    assert cues(h) == {}


def test_sessions_without_a_self_check_neither_add_nor_clear() -> None:
    h = history(*sessions(False, None, False, None, None, True, None, False, None))
    cue = cues(h)["conduct"]
    assert len(cue.evidence) == 3
    assert "3 of the last 4 sessions" in cue.explanation


def test_every_slip_in_the_window_is_a_warning_and_the_worst_question_is_named() -> None:
    attention = sessions(False, False, False, False, key="full_attention")
    h = history(*attention, *sessions(False, True, False, False, key="kept_my_word"))
    cue = cues(h)["conduct"]
    assert cue.severity == Severity.WARNING
    assert "“Did I give full attention?”" in cue.explanation
    assert evidence_ids(cue) == [c.uid for c in attention]


def test_the_thresholds_are_settings() -> None:
    h = history(*sessions(True, False, True, True, False))
    assert "conduct" in cues(h, conduct_min=2)
    assert "conduct" not in cues(history(*sessions(False, False, False)), conduct_window=2)


def test_the_explanation_is_in_swedish_when_asked() -> None:
    h = history(*sessions(True, False, True, False, False), name="Victor Hale")
    (cue,) = evaluate(h, Thresholds.default(), NOW, "sv")
    assert cue.explanation == (
        "Frågan att arbeta med i kontakten med Victor är ”Frågade jag innan jag gav råd?”: "
        "du gav råd utan att fråga vid 3 av de 5 senaste tillfällena, sedan 7 februari."
    )


def test_a_slip_now_and_then_on_each_question_stays_silent() -> None:
    keys = ("asked_before_advising", "full_attention", "opinion_only_when_asked")
    contacts = [
        talk(2 + 7 * k, feeling=1, self_check={key: k % 3 != n for n, key in enumerate(keys)})
        for k in range(10)
    ]
    assert cues(history(*contacts)) == {}


def test_the_journal_carries_the_self_check_into_the_cue(demo_journal: Journal) -> None:
    sofia = find_client("Sofia")
    before = {c.kind for c in cues_for_client(sofia, NOW)}
    logged = []
    for k, answer in enumerate((False, True, False, False)):
        logged.append(
            log_interaction(
                sofia,
                at=NOW - dt.timedelta(days=1 + k, hours=1),
                channel="video",
                direction="two_way",
                summary="Session",
                self_check={ASKED: answer, "full_attention": True},
            )
        )
    found = {c.kind: c for c in cues_for_client(sofia, NOW)}
    assert "conduct" not in before and "conduct" in found
    assert {ref.id for ref in found["conduct"].evidence} == {logged[i].uid for i in (0, 2, 3)}
    settings.set_value("cue_conduct_min", 4)
    assert "conduct" not in {c.kind for c in cues_for_client(sofia, NOW)}
