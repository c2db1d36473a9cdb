"""The labelled corpus (tests/support/cue_corpus.py): every story raises its cue, no healthy
look-alike raises any, and every slow decline is warned of in time."""

from __future__ import annotations

from tests.support.cue_corpus import LEAD_TARGET_DAYS, measure


def test_every_story_fires_no_look_alike_does_and_declines_are_seen_in_time() -> None:
    figures = measure()
    missed = {kind: (hit, seen) for kind, (hit, seen) in figures.recall.items() if hit < seen}
    assert not missed, f"stories that did not raise their cue: {missed}"
    assert not figures.false_alarms, f"healthy clients with cues: {figures.false_alarms}"
    late = {
        name: leads
        for name, leads in figures.lead_days.items()
        if any(lead is None or lead < LEAD_TARGET_DAYS for lead in leads)
    }
    assert not late, f"declines warned of too late: {late}"
    assert len(figures.recall) == 8 and figures.healthy >= 70 and len(figures.lead_days) == 3
