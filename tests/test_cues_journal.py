"""The cue engine over a real journal: the demo stories, dismiss and snooze, thresholds."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from journal import settings
from journal.clients import create_client, find_client
from journal.cues.api import all_cues, cues_for_client, set_client_threshold, thresholds_for
from journal.cues.engine import evaluate
from journal.cues.history import history_of
from journal.cues.model import Severity
from journal.cues.state import dismiss_cue, restore_cues, snooze_cue
from journal.entries.capture import log_interaction
from journal.entries.commitments import add_commitment
from journal.errors import UserInputError
from journal.interchange.importing import import_data
from journal.store.database import Journal
from journal.store.models import Client
from journal.values.names import first_name
from tests.conftest import NOW

DAY = dt.timedelta(days=1)

EXPECTED = {
    "Maja Lindqvist": ("unanswered", Severity.CRITICAL, "closing-the-loop"),
    "Dr. Priya Raman": ("channel_mismatch", Severity.WARNING, "switch-channel"),
    "Tom Becker": ("neglect", Severity.WARNING, "reconnect-after-lapse"),
    "Greta Holm": ("over_contact", Severity.WARNING, "set-boundaries"),
    "Victor Hale": ("dread", Severity.WARNING, "let-go-referral"),
    "Hannah Fischer": ("inconsistency", Severity.WARNING, "reconnect-after-lapse"),
    "Jonas Ek": ("mood_decline", Severity.WARNING, None),
}


def _by_client(cues: list) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for cue in cues:
        out.setdefault(cue.client, {})[cue.kind] = cue
    return out


def test_each_demo_story_shows_its_cue_and_the_healthy_and_paused_clients_none(
    demo_journal: Journal,
) -> None:
    found = _by_client(all_cues(NOW))
    for name, (kind, severity, template) in EXPECTED.items():
        cue = found[name][kind]
        assert (cue.severity, cue.template) == (severity, template), name
    assert "missed_deadlines" in found["Tom Becker"]  # his own deadlines slipped too
    assert "Sofia Alvarez" not in found
    assert "Liam O'Connor" not in found


def test_every_demo_cue_reads_as_one_sentence_naming_the_client(demo_journal: Journal) -> None:
    for cue in all_cues(NOW):
        text = cue.explanation
        assert text.endswith(".") and text.replace("Dr. ", "Dr ").count(". ") == 0, text
        assert text[0].isupper() or text[0].isdigit(), text
        first = first_name(cue.client)
        if cue.kind != "unanswered" or "replied" in text:
            assert first in text, text


def test_all_cues_is_worst_first_and_agrees_with_each_clients_cues(demo_journal: Journal) -> None:
    everything = all_cues(NOW)
    assert [c.severity for c in everything] == sorted(
        (c.severity for c in everything), reverse=True
    )
    one_by_one = [c for client in Client.select() for c in cues_for_client(client, NOW)]
    assert sorted(everything, key=repr) == sorted(one_by_one, key=repr)


def test_evidence_points_at_this_clients_own_records(demo_journal: Journal) -> None:
    for cue in all_cues(NOW):
        client = Client.get_by_id(cue.client_id)
        interactions = {i.uid for i in client.interactions}
        commitments = {m.uid for m in client.commitments}
        assert cue.evidence
        for ref in cue.evidence:
            assert ref.id in (interactions if ref.type == "interaction" else commitments)


def test_the_past_has_its_own_cues(demo_journal: Journal) -> None:
    """Ten days ago Greta had not started writing and Maja's emails were still few."""
    earlier = _by_client(all_cues(NOW - 10 * DAY))
    assert "over_contact" not in earlier.get("Greta Holm", {})
    assert earlier["Maja Lindqvist"]["unanswered"].severity == Severity.WARNING


# -- dismiss and snooze -----------------------------------------------------------------------


def _cue(client: Client, kind: str, as_of: dt.datetime = NOW):
    return next(c for c in cues_for_client(client, as_of) if c.kind == kind)


def test_a_dismissed_cue_stays_away_until_new_evidence_arrives(demo_journal: Journal) -> None:
    maja = find_client("Maja")
    dismiss_cue(_cue(maja, "unanswered"))
    assert "unanswered" not in {c.kind for c in cues_for_client(maja, NOW)}
    assert ("Maja Lindqvist", "unanswered") not in {(c.client, c.kind) for c in all_cues(NOW)}
    assert "missed_deadlines" in {c.kind for c in cues_for_client(maja, NOW)}  # others stay
    log_interaction(
        maja,
        at=NOW - 4 * DAY,
        channel="email",
        direction="out",
        summary="One more try",
        awaits_reply=True,
    )
    back = _cue(maja, "unanswered")
    assert back.explanation.startswith("5 emails")


def test_a_dismissed_cue_comes_back_when_it_gets_worse(journal: Journal) -> None:
    ada = create_client("Ada Quiet", cadence_days=7)
    log_interaction(ada, at=NOW - 12 * DAY, channel="video", direction="two_way", summary="Session")
    dismissed = _cue(ada, "neglect")
    assert dismissed.severity == Severity.INFO
    dismiss_cue(dismissed)
    assert cues_for_client(ada, NOW + 2 * DAY) == []  # longer, but no worse
    assert _cue(ada, "neglect", NOW + 20 * DAY).severity == Severity.WARNING


def test_a_snoozed_cue_returns_at_its_moment(demo_journal: Journal) -> None:
    greta = find_client("Greta")
    snooze_cue(_cue(greta, "over_contact"), NOW + 3 * DAY)
    assert cues_for_client(greta, NOW) == []
    assert cues_for_client(greta, NOW + 2 * DAY) == []
    assert [c.kind for c in cues_for_client(greta, NOW + 4 * DAY)] == ["over_contact"]


def test_a_snooze_needs_a_time_zone(demo_journal: Journal) -> None:
    cue = _cue(find_client("Greta"), "over_contact")
    with pytest.raises(UserInputError, match="time zone"):
        snooze_cue(cue, dt.datetime(2026, 3, 9, 9, 0))


def test_restoring_brings_dismissed_cues_back(demo_journal: Journal) -> None:
    victor = find_client("Victor")
    dismiss_cue(_cue(victor, "dread"))
    assert restore_cues(victor) == 1
    assert [c.kind for c in cues_for_client(victor, NOW)] == ["dread", "conduct"]


# -- thresholds -------------------------------------------------------------------------------


def test_thresholds_are_settings_in_their_own_group_with_valid_defaults(journal: Journal) -> None:
    specs = [s for s in settings.SCHEMA if s.key.startswith("cue_")]
    assert len(specs) >= 10
    assert {s.group for s in specs} == {"Warning signs"}
    for spec in specs:
        assert spec.clean(spec.default) == spec.default
    assert settings.get("cue_reply_window_days") == 3


def test_a_global_threshold_changes_every_clients_cues(demo_journal: Journal) -> None:
    settings.set_value("cue_reply_window_days", 30)
    assert "unanswered" not in {c.kind for c in cues_for_client(find_client("Maja"), NOW)}
    settings.set_value("cue_reply_window_days", 10)
    assert _cue(find_client("Maja"), "unanswered").explanation.startswith("3 emails")


def test_a_client_override_beats_the_global_value(demo_journal: Journal) -> None:
    maja = find_client("Maja")
    set_client_threshold(maja, "cue_closing_loop_after", 6)
    cue = _cue(find_client("Maja"), "unanswered")
    assert (cue.severity, cue.template) == (Severity.WARNING, None)
    assert thresholds_for(find_client("Priya")).closing_loop_after == 3
    set_client_threshold(maja, "cue_closing_loop_after", None)
    assert _cue(find_client("Maja"), "unanswered").template == "closing-the-loop"


def test_a_bad_override_is_refused_with_the_settings_name(demo_journal: Journal) -> None:
    maja = find_client("Maja")
    with pytest.raises(UserInputError, match="Reply window"):
        set_client_threshold(maja, "cue_reply_window_days", 0)
    with pytest.raises(UserInputError, match="no warning-sign setting"):
        set_client_threshold(maja, "reply_window", 5)


def test_junk_stored_overrides_fall_back_to_the_global_value(journal: Journal) -> None:
    """Import refuses bad thresholds now, but a journal written before that (or a setting a
    later Rapport retired) may still hold junk: the global value must still protect."""
    from journal.store.models import Client

    client = create_client("Older Journal")
    Client.update(cue_settings={"cue_reply_window_days": "soon", "colour": "red"}).where(
        Client.id == client.id
    ).execute()
    assert thresholds_for(find_client("Older Journal")).reply_window_days == 3


def test_junk_overrides_in_an_imported_file_are_refused_with_their_place(
    journal: Journal,
) -> None:
    from journal.errors import UserInputError

    with pytest.raises(UserInputError, match=r"clients\[0\]\.cue_settings\.cue_reply_window_days"):
        import_data(
            {
                "format": "rapport-journal",
                "version": 1,
                "clients": [
                    {"name": "Imported", "cue_settings": {"cue_reply_window_days": "soon"}}
                ],
            }
        )


# -- the loading horizon ----------------------------------------------------------------------


def test_a_client_quiet_for_most_of_a_year_is_still_seen(journal: Journal) -> None:
    ada = create_client("Ada Away", cadence_days=14)
    for k in range(5):
        log_interaction(
            ada, at=NOW - (300 + 14 * k) * DAY, channel="phone", direction="two_way", summary="Call"
        )
    cue = _cue(ada, "neglect")
    assert cue.severity == Severity.CRITICAL and "300 days" in cue.explanation
    assert [c.kind for c in all_cues(NOW)] == ["neglect"]


def test_loading_a_horizon_gives_the_same_cues_as_the_whole_history(journal: Journal) -> None:
    from tests.benchmarks.generate import bulk_document

    import_data(bulk_document(clients=25, interactions=4000, seed=7, now=NOW))
    whole = []
    for client in Client.select():
        history = history_of(client, NOW, days=100_000)
        whole.extend(evaluate(history, thresholds_for(client), NOW))
    assert len(whole) > 10
    same_zone = all_cues(NOW, zone=NOW.tzinfo)  # evaluate reads days in as_of's own zone
    assert sorted(same_zone, key=repr) == sorted(whole, key=repr)


def test_a_commitment_made_in_a_session_is_evidence(journal: Journal) -> None:
    ada = create_client("Ada Promise")
    talk = log_interaction(
        ada, at=NOW - 20 * DAY, channel="video", direction="two_way", summary="Session"
    )
    promise = add_commitment(
        ada, "client", "Send the plan", due=(NOW - 9 * DAY).date(), interaction=talk
    )
    cue = _cue(ada, "missed_deadlines")
    assert [ref.id for ref in cue.evidence] == [promise.uid]


@pytest.mark.parametrize(
    "first", ["journal.cues.thresholds", "journal.settings", "journal.cues.api"]
)
def test_the_thresholds_and_the_settings_schema_load_in_either_order(first: str) -> None:
    """Each builds on SettingSpec; whichever a process loads first (the profile panel asks the
    cues for their thresholds, a CLI command the settings), both are whole."""
    code = (
        f"import {first}\n"
        "from journal.settings import CUE_SETTINGS\n"
        "from journal.settings import SCHEMA\n"
        "print(all(spec in SCHEMA for spec in CUE_SETTINGS), len(CUE_SETTINGS) > 10)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
