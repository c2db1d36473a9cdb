"""The timeline as a coach uses it: newest first, cues in place, evidence, edit and delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from journal.clients import find_client
from journal.cues.model import Cue, EvidenceRef, Severity
from journal.entries.capture import interactions_of
from journal.store.database import Journal
from journal.store.models import Client
from journal.timeline import CueMark, Entry, entries_of, place_cues
from tests.conftest import NOW
from tests.support.window_changes import follow_stack
from ui.views.timeline.model import ITEM_ROLE
from ui.views.timeline.view import TimelineView


def unanswered_cue(client: Client) -> Cue:
    """What the cue engine says about Maja: her last emails went unanswered."""
    waiting = [e for e in entries_of(client.id) if e.awaits_reply]
    return Cue(
        kind="unanswered",
        client_id=client.id,
        client=client.name,
        severity=Severity.CRITICAL,
        since=waiting[-1].at,
        evidence=tuple(EvidenceRef("interaction", e.uid) for e in waiting),
        explanation=f"{len(waiting)} emails without reply since {waiting[-1].at:%-d %B}",
        template="closing-the-loop",
    )


@pytest.fixture
def swedish_after() -> Iterator[None]:
    """A test that switches the app to Swedish leaves it in English."""
    from ui.views.language import apply_language

    yield
    apply_language("en")


@pytest.fixture
def maja(demo_journal: Journal) -> Client:
    return find_client("Maja Lindqvist")


@pytest.fixture
def view(qtbot: QtBot, maja: Client, stack: QUndoStack) -> TimelineView:
    def cues(client: Client, as_of: dt.datetime) -> list[Cue]:
        assert as_of == NOW
        return [unanswered_cue(client)] if client.id == maja.id else []

    timeline = TimelineView(clock=lambda: NOW, cue_source=cues, undo_stack=stack)
    follow_stack(stack, timeline)
    qtbot.addWidget(timeline)
    timeline.resize(700, 900)
    timeline.show()
    qtbot.waitExposed(timeline)
    return timeline


def click_row(qtbot: QtBot, view: TimelineView, row: int, *, double: bool = False, x: int = 60):
    rect = view.list.visualRect(view.model.index(row))
    pos = rect.center()
    pos.setX(x if x >= 0 else rect.right() + x)
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    click(view.list.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def cue_row(view: TimelineView) -> int:
    return next(r for r, i in enumerate(view.model.items) if isinstance(i, CueMark))


def test_entries_come_newest_first_with_the_cue_where_it_began(
    view: TimelineView, maja: Client, qtmodeltester
) -> None:
    view.set_client(maja.id)
    qtmodeltester.check(view.model)
    items = view.model.items
    entries = [i for i in items if isinstance(i, Entry)]
    assert [e.summary for e in entries] == [i.summary for i in interactions_of(maja)]
    row = cue_row(view)
    first_unanswered = items[row + 1]
    assert isinstance(first_unanswered, Entry) and first_unanswered.summary == (
        "Sent the proposal with three options"
    )
    assert all(isinstance(i, Entry) for i in items[:row])  # the later, unanswered emails
    assert "4 emails without reply" in view.model.index(row).data()


def test_place_cues_puts_an_ongoing_gap_at_the_top_and_an_old_cue_at_the_bottom(
    maja: Client,
) -> None:
    entries = entries_of(maja.id)
    gap = unanswered_cue(maja).__class__(**{**unanswered_cue(maja).__dict__, "since": NOW})
    ancient = unanswered_cue(maja).__class__(
        **{**unanswered_cue(maja).__dict__, "since": NOW - dt.timedelta(days=400)}
    )
    items = place_cues(entries, [gap, ancient])
    assert items[0] == CueMark(gap) and items[-1] == CueMark(ancient)
    assert len(items) == len(entries) + 2


def test_clicking_a_cue_highlights_its_evidence_and_its_link_emits_it(
    qtbot: QtBot, view: TimelineView, maja: Client
) -> None:
    view.set_client(maja.id)
    row = cue_row(view)
    click_row(qtbot, view, row)
    cue = view.model.items[row].cue
    assert view.model.highlighted == {ref.id for ref in cue.evidence}
    highlighted = [
        e.summary
        for e in view.model.items
        if isinstance(e, Entry) and e.uid in view.model.highlighted
    ]
    assert len(highlighted) == 4 and "Thanks for the call" not in " ".join(highlighted)

    with qtbot.waitSignal(view.cueActivated) as signal:
        click_row(qtbot, view, row, x=-30)  # the "Write: Closing the loop" link at the right
    assert signal.args[0] == cue and signal.args[0].template == "closing-the-loop"

    click_row(qtbot, view, row)  # a second click on the cue clears the highlight
    assert view.model.highlighted == set()


def test_a_plain_click_on_a_cue_does_not_open_the_template(
    qtbot: QtBot, view: TimelineView, maja: Client
) -> None:
    view.set_client(maja.id)
    row = cue_row(view)
    with qtbot.assertNotEmitted(view.cueActivated):
        click_row(qtbot, view, row)
    # The click landed on the cue: it is chosen and its evidence lit, only the template stays shut.
    assert view.list.currentIndex().row() == row
    assert view.model.highlighted == {ref.id for ref in view.model.items[row].cue.evidence}


def test_clicking_an_entry_unfolds_its_notes_and_double_click_asks_to_edit_it(
    qtbot: QtBot, view: TimelineView, maja: Client
) -> None:
    view.set_client(maja.id)
    last = len(view.model.items) - 1  # the first call, which has notes
    entry = view.model.items[last]
    folded = view.list.visualRect(view.model.index(last)).height()
    click_row(qtbot, view, last)
    assert entry.id in view.model.expanded
    assert view.list.visualRect(view.model.index(last)).height() > folded
    with qtbot.waitSignal(view.editRequested) as signal:
        click_row(qtbot, view, last, double=True)
    assert signal.args == [entry.id]


def test_delete_key_deletes_undoably_and_the_timeline_follows_the_stack(
    qtbot: QtBot, view: TimelineView, maja: Client
) -> None:
    view.set_client(maja.id)
    stack = view._stack
    assert stack is not None
    before = len(interactions_of(maja))
    view.scroll_to_interaction(interactions_of(maja)[0].id)
    target = view.list.currentIndex().data(ITEM_ROLE)
    with qtbot.waitSignal(view.said) as said:
        qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert len(interactions_of(maja)) == before - 1
    assert view.model.row_of_interaction(target.id) is None  # gone from the screen too
    assert said.args == [
        "Deleted “Shared a short case study that fits her…”. Ctrl+Z brings it back."
    ]
    # The keyboard stays in the list, on the entry that took its place.
    now_current = view.list.currentIndex().data(ITEM_ROLE)
    assert now_current is not None and now_current.id != target.id
    stack.undo()
    assert len(interactions_of(maja)) == before
    assert view.model.row_of_interaction(target.id) is not None
    assert interactions_of(maja)[0].uid == target.uid


def test_scroll_to_interaction_selects_it(view: TimelineView, maja: Client) -> None:
    view.set_client(maja.id)
    oldest = interactions_of(maja)[-1]
    view.scroll_to_interaction(oldest.id)
    assert view.list.currentIndex().data(ITEM_ROLE).id == oldest.id


def test_a_client_without_history_gets_a_kind_hint(view: TimelineView, journal: Journal) -> None:
    from journal.clients import create_client

    fresh = create_client("New Prospect")
    view.set_client(fresh.id)
    assert view.model.rowCount() == 0
    assert "Nothing recorded with New Prospect yet" in view.notice.text()
    view.set_client(None)
    assert "Pick a client" in view.notice.text()


def test_the_write_link_names_the_template_as_the_template_list_does(
    view: TimelineView, maja: Client, swedish_after: None
) -> None:
    from dataclasses import replace

    from journal.templates.library import get_template
    from ui.views.language import apply_language
    from ui.views.timeline.painter import link_text

    cue = replace(unanswered_cue(maja), template="let-go-referral")
    view.set_client(maja.id)
    assert link_text(cue) == f"Write: {get_template('let-go-referral', 'en').title}  ›"
    apply_language("sv")  # one language in a line: never "Write: Avsluta och …"
    view.refresh()
    assert link_text(cue) == f"Skriv: {get_template('let-go-referral', 'sv').title}  ›"


def test_dates_follow_the_apps_language_not_the_process_locale(
    view: TimelineView, maja: Client, swedish_after: None
) -> None:
    from journal.values.dates import MONTHS
    from ui.views.language import apply_language

    apply_language("sv")
    view.set_client(maja.id)
    entry = next(i for i in view.model.items if not hasattr(i, "cue"))
    local = entry.at.astimezone()
    month = MONTHS["sv"][local.month - 1]
    assert view.model.language == "sv"
    assert (
        view.model.index(view.model.row_of_interaction(entry.id))
        .data()
        .startswith(f"{local.day} {month} {local.year} {local:%H:%M}, ")
    )
