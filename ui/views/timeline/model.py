"""The timeline's item model: entries and cue marks, newest first, and what the view shows
about them (folds, highlighted evidence, words a search marked)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from journal.cues.model import Cue, Severity
from journal.i18n import _, language
from journal.search import HIGHLIGHT_END, HIGHLIGHT_START
from journal.timeline import CueMark, Entry, TimelineItem
from journal.values.dates import format_date, time_of_day
from ui.style import severity_word
from ui.views.timeline.glyphs import DIRECTION_TEXT, FEELING_WORDS, channel_word

Index = QModelIndex | QPersistentModelIndex

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class TimelineModel(QAbstractListModel):
    """Entries and cue marks, newest first, plus what the view shows about them."""

    cueChosen = Signal(object)  # the cue whose evidence is shown, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[TimelineItem] = []
        self.bands: dict[str, Severity] = {}
        self.expanded: set[int] = set()
        self.highlighted: set[str] = set()
        self.selected_cue: Cue | None = None
        self.language = language()  # for dates in words (set by the view)
        self.marked: dict[int, tuple[str, ...]] = {}  # entry id -> words a search hit found
        self._row_of_id: dict[int, int] = {}

    def reset(self, items: list[TimelineItem], bands: dict[str, Severity]) -> None:
        self.beginResetModel()
        self.items = items
        self.bands = bands
        self._row_of_id = {
            item.id: row for row, item in enumerate(items) if isinstance(item, Entry)
        }
        self.expanded &= set(self._row_of_id)
        self.marked = {k: v for k, v in self.marked.items() if k in self._row_of_id}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            band = self.bands.get(item.uid) if isinstance(item, Entry) else None
            if band is None:
                return describe(item, self.language)
            return _("{entry} (evidence of a cue, {severity})").format(
                entry=describe(item, self.language), severity=severity_word(band)
            )
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(item, CueMark):
            return item.cue.explanation
        return None

    def row_of_interaction(self, interaction_id: int) -> int | None:
        return self._row_of_id.get(interaction_id)

    def rows_of_uids(self, uids: set[str]) -> list[int]:
        return [
            row
            for row, item in enumerate(self.items)
            if isinstance(item, Entry) and item.uid in uids
        ]

    def toggle_expanded(self, row: int) -> None:
        item = self.items[row]
        if isinstance(item, Entry):
            self.expanded ^= {item.id}
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def unfold(self, row: int, terms: Sequence[str] = ()) -> None:
        """Open an entry's notes, marking `terms` in them (a search hit's words)."""
        item = self.items[row]
        if isinstance(item, Entry):
            self.expanded.add(item.id)
            self.marked = {item.id: tuple(terms)} if terms else {}
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def show_evidence(self, cue: Cue | None) -> None:
        self.selected_cue = cue
        self.highlighted = (
            {ref.id for ref in cue.evidence if ref.type == "interaction"} if cue else set()
        )
        if self.items:
            self.dataChanged.emit(self.index(0), self.index(len(self.items) - 1))
        self.cueChosen.emit(cue)


def describe(item: TimelineItem, lang: str = "en") -> str:
    """A plain sentence for screen readers and copy."""
    if isinstance(item, CueMark):
        return _("Cue, {severity}: {sentence}").format(
            severity=severity_word(item.cue.severity), sentence=item.cue.explanation
        )
    feeling = (
        _(", felt {feeling}").format(feeling=_(FEELING_WORDS[item.feeling]))
        if item.feeling is not None
        else ""
    )
    local = item.at.astimezone()  # the system's rules for that moment (summer time kept)
    return (
        f"{format_date(local.date(), lang)} {time_of_day(local)}, {channel_word(item.channel)}, "
        f"{_(DIRECTION_TEXT[item.direction]).lstrip('→←⇄ ')}: {item.summary}{feeling}"
    )


def marked_words(text: str) -> list[str]:
    """The words a search marked in a hit's title or snippet, each once."""
    found = re.findall(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}", text)
    return list(dict.fromkeys(word.strip() for word in found if word.strip()))


def same_cue(a: Cue, b: Cue) -> bool:
    return (a.kind, a.client_id, a.evidence) == (b.kind, b.client_id, b.evidence)
