"""What an acceptance walk-through found on the timeline: whole cue sentences, headers that
never overlap, search hits opened with their words in sight, focus kept after Dismiss."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QUndoStack
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from journal.clients import find_client
from journal.cues.model import Cue
from journal.entries.capture import log_interaction
from journal.search import search
from journal.store.database import Journal
from journal.store.models import Client, Interaction
from journal.timeline import CueMark, Entry
from tests.conftest import NOW
from tests.ui.test_timeline import unanswered_cue
from ui.views.timeline.glyphs import FEELING_WORDS
from ui.views.timeline.view import TimelineView

LONG = (
    "4 emails since 5 February without a reply; Maja last replied by email on 2 February, "
    "so the thread may simply have gone quiet on her side"
)


@pytest.fixture
def maja(demo_journal: Journal) -> Client:
    return find_client("Maja Lindqvist")


def long_cue(client: Client) -> Cue:
    return dataclasses.replace(unanswered_cue(client), explanation=LONG)


def call_with_notes(client: Client, days_ago: int, notes: str) -> Interaction:
    return log_interaction(
        client,
        at=NOW - dt.timedelta(days=days_ago),
        channel="phone",
        direction="two_way",
        summary="A call",
        notes=notes,
    )


def make_view(qtbot: QtBot, stack: QUndoStack, maja: Client, width: int) -> TimelineView:
    def cues(client: Client, as_of: dt.datetime) -> list[Cue]:
        return [long_cue(client)] if client.id == maja.id else []

    view = TimelineView(clock=lambda: NOW, cue_source=cues, undo_stack=stack)
    qtbot.addWidget(view)
    view.resize(width, 900)
    view.show()
    qtbot.waitExposed(view)
    view.set_client(maja.id)
    return view


def cue_row(view: TimelineView) -> int:
    return next(r for r, i in enumerate(view.model.items) if isinstance(i, CueMark))


@pytest.mark.parametrize("width", [420, 700, 1400])
def test_a_cue_band_shows_its_whole_sentence_and_the_link_stays_clickable(
    qtbot: QtBot, stack: QUndoStack, maja: Client, width: int
) -> None:
    view = make_view(qtbot, stack, maja, width)
    row = cue_row(view)
    rect = view.list.visualRect(view.model.index(row))
    font = view.list.font()
    layout = view.delegate._cue_layout(rect, font, view.model.items[row].cue)
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    needed = QFontMetrics(bold).boundingRect(
        0, 0, layout.text.width(), 100000, Qt.TextFlag.TextWordWrap, LONG
    )
    # The whole sentence fits in its rectangle, which lies inside the row: nothing elided.
    assert needed.height() <= layout.text.height()
    assert rect.contains(layout.text) and rect.contains(layout.link)
    assert not layout.link.intersects(layout.text)
    if width < 1000:  # the row grew to several lines
        assert rect.height() > 2 * QFontMetrics(bold).height() + 20
        assert layout.link.top() >= layout.text.bottom()  # the link on a line of its own
    with qtbot.waitSignal(view.cueActivated):
        qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=layout.link.center())


def test_a_cue_band_grows_when_the_timeline_narrows(
    qtbot: QtBot, stack: QUndoStack, maja: Client
) -> None:
    view = make_view(qtbot, stack, maja, 1400)
    row = cue_row(view)
    wide = view.list.visualRect(view.model.index(row)).height()
    view.resize(420, 900)
    qtbot.waitUntil(lambda: view.list.visualRect(view.model.index(row)).height() > wide)


class RecordingPainter(QPainter):
    """Remembers where text went, so overlaps can be checked without reading pixels."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.texts: list[tuple[QRect, str]] = []

    def drawText(self, *args) -> None:
        if len(args) == 3 and isinstance(args[0], (QRect, QRectF)):
            self.texts.append((QRectF(args[0]).toRect(), str(args[2])))
        super().drawText(*args)


@pytest.mark.parametrize("width", [300, 340, 380, 700])
def test_the_feeling_at_the_right_of_a_header_never_overlaps_the_direction(
    qtbot: QtBot, stack: QUndoStack, maja: Client, width: int
) -> None:
    log_interaction(
        maja,
        at=NOW - dt.timedelta(hours=1),
        channel="meeting",
        direction="two_way",
        summary="Long walk and talk",
        feeling=2,
    )
    view = make_view(qtbot, stack, maja, 700)
    row = next(r for r, i in enumerate(view.model.items) if isinstance(i, Entry))
    entry = view.model.items[row]
    assert entry.feeling == 2
    option = QStyleOptionViewItem()
    view.delegate.initStyleOption(option, view.model.index(row))
    option.font = view.list.font()
    option.palette = view.list.palette()
    option.rect = QRect(0, 0, width, 90)
    image = QImage(width, 90, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    view.delegate.paint(painter, option, view.model.index(row))
    painter.end()
    word = FEELING_WORDS[2]
    feeling = next(rect for rect, text in painter.texts if text == word)
    small = QFont(option.font)
    small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
    metrics = QFontMetrics(small)
    header = [
        (rect, text)
        for rect, text in painter.texts
        if text != word and abs(rect.top() - feeling.top()) < 3 and text
    ]
    assert header  # the date at least
    for rect, text in header:
        drawn_right = rect.left() + min(rect.width(), metrics.horizontalAdvance(text))
        assert drawn_right < feeling.left() - 10, (text, width)
        assert metrics.horizontalAdvance(text) <= rect.width() + 1  # elided, not cut


def test_opening_a_search_hit_unfolds_the_notes_and_marks_the_words(
    qtbot: QtBot, stack: QUndoStack, maja: Client
) -> None:
    target = call_with_notes(maja, 400, "We spoke about her sabbatical plans and the lease.")
    view = make_view(qtbot, stack, maja, 700)
    hit = next(h for h in search("sabbatical") if h.ref_id == target.id)
    view.show_search_hit(hit)
    row = view.model.row_of_interaction(target.id)
    assert view.list.currentIndex().row() == row
    assert target.id in view.model.expanded  # the notes are open, not "▸ notes"
    assert view.model.marked[target.id] == ("sabbatical",)
    rect = view.list.visualRect(view.model.index(row))
    assert view.list.viewport().rect().intersects(rect)
    document = view.delegate._notes_document(
        view.model.items[row], view.list.font(), view.delegate._text_width(rect.width())
    )
    assert rect.height() > document.size().height()  # the row makes room for the notes
    marked = [
        fragment
        for block in _blocks(document)
        for fragment in _fragments(block)
        if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush
    ]
    assert [f.text().lower() for f in marked] == ["sabbatical"]


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def _fragments(block):
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def test_the_window_opens_a_search_hit_with_its_notes_unfolded(
    qtbot: QtBot, demo_journal: Journal, maja: Client
) -> None:
    from ui.background import wait_for_background
    from ui.main_window import MainWindow

    target = call_with_notes(maja, 3, "She mentioned a sabbatical next spring.")
    win = MainWindow(demo_journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.show()
    try:
        hit = next(h for h in search("sabbatical") if h.ref_id == target.id)
        win.open_search_hit(hit)
        assert target.id in win.timeline.model.expanded
    finally:
        win.close()
        wait_for_background()


def test_after_dismiss_the_keyboard_stays_on_the_timeline(
    qtbot: QtBot, demo_journal: Journal, maja: Client
) -> None:
    from ui.background import wait_for_background
    from ui.main_window import MainWindow

    win = MainWindow(demo_journal, clock=lambda: NOW, restore_geometry=False)
    qtbot.addWidget(win)
    win.resize(1360, 820)
    win.show()
    qtbot.waitExposed(win)
    try:
        qtbot.waitUntil(lambda: win.cues is not None, timeout=10000)
        win.open_client(maja.id)
        timeline = win.timeline
        row = next(
            r
            for r, i in enumerate(timeline.model.items)
            if isinstance(i, CueMark) and i.cue.kind == "unanswered"
        )
        timeline.show_cue(timeline.model.items[row].cue)
        assert timeline.cue_bar.isVisible()
        timeline.cue_bar.dismiss_button.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is timeline.cue_bar.dismiss_button)
        qtbot.keyClick(timeline.cue_bar.dismiss_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not timeline.cue_bar.isVisible(), timeout=10000)
        wait_for_background()
        QApplication.processEvents()
        assert QApplication.focusWidget() is timeline.list
    finally:
        win.close()
        wait_for_background()
