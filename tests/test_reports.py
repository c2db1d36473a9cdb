"""Report data: what each report says, assembled from the journal without Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from journal import clients
from journal.entries.capture import log_interaction
from journal.entries.commitments import add_commitment
from journal.errors import UserInputError
from journal.reports import accountability, client_report, practice
from journal.reports.chart import chart_data
from tests.conftest import NOW

PRIVATE_FIELDS = {"notes", "feeling", "feelings", "emotions", "cues", "cue", "self_check", "chart"}


def _field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_the_accountability_list_cannot_carry_private_things():
    carried = _field_names(accountability.AccountabilityList) | _field_names(
        accountability.AccountabilityItem
    )
    assert not carried & PRIVATE_FIELDS
    # The client report, by contrast, does carry them: the check above is not vacuous.
    assert {"cues", "chart"} <= _field_names(client_report.ClientReport)


def test_client_report_tells_majas_story_with_cues_and_evidence(demo_journal):
    maja = clients.find_client("Maja")
    report = client_report.build_client_report(maja, NOW)
    assert report.profile.name == "Maja Lindqvist"
    assert len(report.interactions) == 6
    assert [i.at for i in report.interactions] == sorted(i.at for i in report.interactions)
    kinds = {c.kind for c in report.cues}
    assert "unanswered" in kinds
    unanswered = next(c for c in report.cues if c.kind == "unanswered")
    assert any("case study" in e.text for e in unanswered.evidence)
    assert [c.state for c in report.commitments] == ["overdue"]
    assert len(report.chart.feelings) == 4  # two of the six interactions recorded no feeling
    assert sum(b.count for b in report.chart.contacts) == 6


def test_a_cues_evidence_reads_in_date_order(demo_journal):
    """Channel mismatch lists the ignored emails, then the calls that got through; on paper
    the coach follows it by date."""
    priya = clients.find_client("Priya")
    report = client_report.build_client_report(priya, NOW)
    mismatch = next(c for c in report.cues if c.kind == "channel_mismatch")
    days = [e.day for e in mismatch.evidence]
    assert len({e.type for e in mismatch.evidence}) == 1 and len(days) >= 4
    assert days == sorted(days)


def test_period_bounds_the_interactions(demo_journal):
    maja = clients.find_client("Maja")
    start = (NOW - dt.timedelta(days=20)).date()
    report = client_report.build_client_report(maja, NOW, start=start)
    assert report.context.period.start == start
    assert all(i.at.date() >= start for i in report.interactions)
    assert len(report.interactions) == 3


def test_a_period_that_ends_before_it_starts_is_refused(demo_journal):
    maja = clients.find_client("Maja")
    with pytest.raises(UserInputError, match="swap"):
        client_report.build_client_report(
            maja, NOW, start=dt.date(2026, 3, 1), end=dt.date(2026, 1, 1)
        )


def test_self_check_answers_are_summed_per_question(journal):
    client = clients.create_client("Ada Berg")
    for answer in (True, True, False):
        log_interaction(
            client,
            at=NOW - dt.timedelta(days=2),
            channel="video",
            direction="two_way",
            summary="Session",
            self_check={"asked_before_advising": answer},
        )
    report = client_report.build_client_report(client, NOW, cues=lambda c, m: [])
    line = next(x for x in report.self_check if x.key == "asked_before_advising")
    assert (line.yes, line.no) == (2, 1)
    assert report.self_checked == 3


def test_accountability_list_shows_open_and_recently_done_only(journal):
    client = clients.create_client("Ada Berg")
    add_commitment(client, "client", "Open item", due=dt.date(2026, 3, 10))
    done_recently = add_commitment(client, "me", "Done lately", due=dt.date(2026, 2, 20))
    done_long_ago = add_commitment(client, "me", "Done long ago", due=dt.date(2025, 10, 1))
    done_recently.done_on = dt.date(2026, 2, 25)
    done_recently.save()
    done_long_ago.done_on = dt.date(2025, 10, 2)
    done_long_ago.save()
    listing = accountability.build_accountability_list(client, NOW)
    assert [i.text for i in listing.items] == ["Open item", "Done lately"]
    assert listing.items[1].state == "done_late"


def test_overview_lists_current_clients_worst_first(demo_journal):
    overview = practice.build_practice_overview(NOW)
    names = [r.name for r in overview.rows]
    assert "Liam O'Connor" not in names  # paused
    assert "Maja Lindqvist" in names  # a prospect still needs the coach
    assert [r.severity for r in overview.rows] == sorted(
        (r.severity for r in overview.rows), reverse=True
    )
    sofia = next(r for r in overview.rows if r.name == "Sofia Alvarez")
    assert sofia.due_soon == 1
    assert dict(overview.cue_counts).keys() >= {"unanswered", "dread", "over_contact"}
    assert sum(n for _, n in overview.cue_counts) >= 1


def test_chart_data_bins_feelings_and_keeps_a_cue_that_began_earlier():
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    moments = [
        SimpleNamespace(at=start + dt.timedelta(days=d), feeling=f)
        for d, f in ((1, 2), (2, None), (20, -1), (40, 0))
    ]
    cue = SimpleNamespace(kind="dread", severity=2, since=start - dt.timedelta(days=5))
    data = chart_data(moments, [cue], start, start + dt.timedelta(days=42))
    assert [p.feeling for p in data.feelings] == [2, -1, 0]
    assert sum(b.count for b in data.contacts) == 4
    assert data.contacts[0].count == 2
    assert len(data.contacts) == 6
    assert data.cues[0].kind == "dread"
    assert data.fraction(data.cues[0].at) == 0.0


def test_a_long_period_keeps_the_bars_few():
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    data = chart_data([], [], start, start + dt.timedelta(days=5 * 365))
    assert len(data.contacts) <= 30
    assert data.is_empty
