"""How wide the client list's columns are: each as wide as its words, in the language spoken.

Fixed pixel widths fit English only: Swedish "möjlig klient" and "för 13 dagar sedan" were cut
off even at 1280x800. The list's own module keeps the model and the selection.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTableView

from journal.values.dates import relative_day
from journal.values.vocabulary import STATUSES
from ui.views.timeline.glyphs import status_word

NAME_CHARS = 24
"""Names up to this long show whole in the client list at any window size."""
COLUMNS_IN_ORDER = HEALTH, NAME, STATUS, LAST, NEXT = range(5)
"""The list's columns (ClientListModel names them the same)."""


def _frame(table: QTableView) -> int:
    return 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()


def fit_names(table: QTableView, names: list[str], widen_only: bool = False) -> None:
    """The name column as wide as the longest name, within NAME_CHARS characters; the list
    never gets narrower than the health and the name. `widen_only`: `names` are a few changed
    clients' (after a save), so the column may grow for them but keeps the width it has:
    measuring every client's name on each save grew with the journal."""
    metrics = table.fontMetrics()
    cap = metrics.horizontalAdvance("n" * NAME_CHARS)  # a little over a typical letter
    floor = metrics.horizontalAdvance("Client name")
    widest = max((metrics.horizontalAdvance(name) for name in names), default=floor)
    width = min(max(widest, floor), cap) + 2 * metrics.horizontalAdvance("  ") + 8
    header = table.horizontalHeader()
    if widen_only:
        width = max(width, header.sectionSize(NAME))
    header.resizeSection(NAME, width)
    table.setMinimumWidth(header.sectionSize(HEALTH) + width + _frame(table))


def fit_words(table: QTableView) -> None:
    """Status and last contact as wide as their usual words in the language spoken."""
    metrics = table.fontMetrics()
    pad = 2 * metrics.horizontalAdvance("  ") + 8
    today = dt.date.today()
    status = max(metrics.horizontalAdvance(status_word(word)) for word in STATUSES)
    ago = metrics.horizontalAdvance(relative_day(today - dt.timedelta(days=13), today))
    header = table.horizontalHeader()
    header.resizeSection(STATUS, max(72, status + pad))
    header.resizeSection(LAST, max(96, ago + pad))


def wanted_width(table: QTableView) -> int:
    """The width that shows every column whole."""
    header = table.horizontalHeader()
    return sum(header.sectionSize(c) for c in range(header.count())) + _frame(table)
