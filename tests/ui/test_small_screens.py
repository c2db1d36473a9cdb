"""Issue 16: at 1280x800 commitments read "Tom: Share th…" and the profile was cut off, search
squeezed every column, at 1024 pixels wide the client names collapsed to "…", and with the
self-check open the capture dialog was too tall for a 768-pixel screen.

Each test builds the window on the demo journal at both small sizes and checks what a coach
would see. With RAPPORT_TEST_SCREENSHOTS set to a folder, each saves what it checked there as
a PNG (for the README's screenshots, and for a person to look at).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QListView, QScrollArea, QStyle, QWidget

from journal.clients import find_client
from tests.conftest import NOW
from ui.views.client_columns import NAME_CHARS
from ui.views.client_list import ClientListModel
from ui.views.search import SEARCH_MIN_WIDTH

SIZES = [(1024, 768), (1280, 800)]
CHROME = 80  # a title bar and a desktop's panel: what a 768-pixel screen keeps for itself


def settle(_window: QWidget) -> None:
    for _ in range(3):
        QApplication.processEvents()


def shoot(widget: QWidget, name: str, size: tuple[int, int]) -> None:
    folder = os.environ.get("RAPPORT_TEST_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for view in widget.findChildren(QListView):  # lists lay out again a moment after a
            view.doItemsLayout()  # resize: the picture shows them as they settle
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / f"{name}-{size[0]}x{size[1]}.png"))


@pytest.fixture(params=SIZES, ids=["1024x768", "1280x800"])
def sized(request, window, qapp):
    if os.environ.get("RAPPORT_TEST_SCREENSHOTS"):
        from ui.style import apply_style

        apply_style(qapp)  # pictures in the app's own look (Fusion and its palette)
    window.resize(*request.param)
    settle(window)
    return window, request.param


def test_client_names_show_whole(sized) -> None:
    window, size = sized
    shoot(window, "today", size)
    table = window.client_list.table
    header = table.horizontalHeader()
    column = ClientListModel.NAME
    right = table.columnViewportPosition(column) + header.sectionSize(column)
    assert table.columnViewportPosition(column) >= 0 and right <= table.viewport().width()
    metrics = table.fontMetrics()
    model = window.client_list.proxy
    names = [model.index(row, column).data() for row in range(model.rowCount())]
    assert "Dr. Priya Raman" in names
    for name in names:
        assert len(name) <= NAME_CHARS
        shown = metrics.elidedText(
            name, Qt.TextElideMode.ElideRight, header.sectionSize(column) - 8
        )
        assert shown == name


def test_a_long_name_still_shows_whole(sized, qtbot) -> None:
    """Names up to NAME_CHARS characters: the list never gets narrower than health and name."""
    from journal.clients import create_client

    window, _size = sized
    long_name = "Annika Östergren-Bååth"[:NAME_CHARS]
    create_client(long_name)
    window.journal_changed()
    qtbot.waitUntil(lambda: window.client_list.model.row_of(find_client(long_name).id) >= 0)
    settle(window)
    table = window.client_list.table
    width = table.horizontalHeader().sectionSize(ClientListModel.NAME)
    assert table.fontMetrics().horizontalAdvance(long_name) <= width - 8
    right = table.columnViewportPosition(ClientListModel.NAME) + width
    assert right <= table.viewport().width()


def test_commitments_and_the_profile_are_not_cut_off(sized) -> None:
    window, size = sized
    assert window.open_client(find_client("Tom").id)
    window.timeline.chart.wait_for_chart()  # painted by a worker
    settle(window)
    shoot(window, "client", size)
    profile = window.profile
    area = profile.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    # Every field of the profile is inside what the panel shows: nothing runs off the right.
    assert area.viewport().width() >= profile.minimumSizeHint().width()
    tree = profile.commitment_tree
    assert tree.topLevelItemCount() == 2
    indicator = tree.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
    width = tree.header().sectionSize(0) - indicator
    for number in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(number)
        text = item.text(0)
        assert text.startswith("Tom: ")
        needed = tree.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text
        )
        assert needed.height() <= tree.visualItemRect(item).height(), text


def test_search_opens_beside_a_readable_client_page(sized, qtbot) -> None:
    window, size = sized
    assert window.open_client(find_client("Maja").id)
    window.show_search()
    qtbot.keyClicks(window.search.query_edit, "options")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    window.timeline.chart.wait_for_chart()
    settle(window)
    shoot(window, "search", size)
    assert window.width() == size[0]  # the window did not grow past the screen
    assert window.search_dock.width() >= SEARCH_MIN_WIDTH
    assert window.timeline.width() >= window.timeline.minimumWidth()
    area = window.profile.parentWidget().parentWidget()
    assert area.viewport().width() >= window.profile.minimumSizeHint().width()
    window.search.dismissed.emit()  # Escape
    settle(window)
    assert window.left_panel.isVisible()  # the client list is back


def test_the_capture_dialog_with_the_self_check_fits_a_768_pixel_screen(sized, qtbot) -> None:
    from ui.dialogs.capture.dialog import CaptureDialog

    window, size = sized
    dialog = CaptureDialog(
        window.undo_stack,
        find_client("Maja").id,
        clock=lambda: NOW,
        offer_drafts=False,
        parent=window,
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.self_check_toggle.setChecked(True)
    settle(window)
    shoot(dialog, "capture", size)
    assert dialog.self_check_box.isVisible()
    assert dialog.sizeHint().height() <= 768 - CHROME
    assert dialog.height() <= 768 - CHROME
    dialog.done(0)  # closed as it is


def test_in_swedish_the_client_list_shows_status_and_last_contact_whole(sized) -> None:
    """Fixed column widths fit English: Swedish "möjlig klient" and "för 13 dagar sedan" read
    "möjlig kl…" and "för 13 dagar …" even at 1280 pixels, and widening them must not push the
    next follow-up out of sight on Today."""
    from ui.views.language import switch_language

    window, size = sized
    try:
        switch_language(window, "sv")
        window.resize(*size)
        settle(window)
        table = window.client_list.table
        model = window.client_list.proxy
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        for column in (ClientListModel.STATUS, ClientListModel.LAST):
            words = [model.index(row, column).data() for row in range(model.rowCount())]
            assert "möjlig klient" in words or "för 13 dagar sedan" in words
            for word in words:
                if "·" in word:  # "… · du skrev …" may elide: its tooltip says it all
                    continue
                assert metrics.horizontalAdvance(word) <= header.sectionSize(column) - 8, word
        if size[0] >= 1280:
            column = ClientListModel.NEXT
            right = table.columnViewportPosition(column) + metrics.horizontalAdvance("om 5 dagar")
            assert right <= table.viewport().width()
    finally:
        switch_language(window, "en")
