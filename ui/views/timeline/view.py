"""The client timeline, the centre of the app: entries newest first, cues drawn where they begin.

TimelineView composes the model, the painter and the chart strip. Clicking a cue highlights
its evidence entries; its "write" link (or Enter, or a double click) emits `cueActivated(cue)`
so the shell can open the template. Double-click or Enter on an entry emits
`editRequested(id)`; Delete pushes an undoable delete on the shell's stack. A cue's context
menu (right click, the Menu key, Shift+F10) and the bar above the list while a cue is chosen
offer Dismiss and Snooze (ui/views/cue_actions.py), undoable on the shell's stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journal.cues.api import cues_for_client
from journal.cues.model import Cue
from journal.errors import RapportError
from journal.i18n import _, language, ngettext
from journal.search import SearchHit
from journal.store.models import Client
from journal.timeline import (
    CueMark,
    Entry,
    TimelineItem,
    client_by_id,
    commitments_made_in,
    entries_of,
    evidence_bands,
    place_cues,
)
from ui.commands import DeleteInteractionCommand, push_applied
from ui.views.cue_actions import CueActionBar, CueActions, HeldNote, is_menu_key
from ui.views.timeline.chart_strip import FeelingStrip
from ui.views.timeline.model import ITEM_ROLE, TimelineModel, marked_words, same_cue
from ui.views.timeline.painter import TimelineDelegate, link_text, load_template_titles

Clock = Callable[[], dt.datetime]
CueSource = Callable[[Client, dt.datetime], list[Cue]]


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def default_cue_source(client: Client, as_of: dt.datetime) -> list[Cue]:
    return cues_for_client(client, as_of)


class _List(QListView):
    """The list itself: clicks on cue links, keys for edit and delete."""

    def __init__(self, timeline: TimelineView) -> None:
        super().__init__(timeline)
        self._timeline = timeline

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            self._timeline._clicked(index.row(), event.position().toPoint())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self._timeline._activated(index.row())
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._timeline._activated(index.row())
        elif index.isValid() and event.key() == Qt.Key.Key_Space:
            self._timeline._clicked(index.row(), None)
        elif index.isValid() and event.matches(QKeySequence.StandardKey.Delete):
            self._timeline.delete_current()
        elif index.isValid() and is_menu_key(event):
            self._timeline._context_menu(self.visualRect(index).center())
        else:
            super().keyPressEvent(event)


class TimelineView(QWidget):
    """One client's history; the shell calls set_client and listens to the two signals."""

    cueActivated = Signal(object)  # the Cue whose template the coach wants to write
    editRequested = Signal(int)  # an interaction id
    said = Signal(str)  # a short confirmation for the window's status bar

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = _now,
        cue_source: CueSource = default_cue_source,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._cue_source = cue_source
        self._stack: QUndoStack | None = None
        self.client_id: int | None = None
        self.cues: list[Cue] = []
        self._stale = False
        self.setAccessibleName(_("Client timeline"))

        self.chart = FeelingStrip(self)
        self.notice = QLabel()
        self.notice.setAccessibleName(_("Timeline notice"))
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("color: palette(placeholder-text); padding: 24px;")

        self.model = TimelineModel(self)
        self.list = _List(self)
        self.list.setAccessibleName(_("Interactions and cues, newest first"))
        self.delegate = TimelineDelegate(self.list)
        self.delegate.model = self.model
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(200)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMouseTracking(True)
        self.list.viewport().setAutoFillBackground(False)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.cue_actions = CueActions(self, clock, lambda: self._stack, self.refresh)
        self.cue_actions.focus_home = self.list
        self.cue_bar = CueActionBar(self.cue_actions, self)
        self.model.cueChosen.connect(self.cue_bar.set_cue)
        self.cue_note = HeldNote(self.cue_actions, self)

        layout.addWidget(self.chart)
        layout.addWidget(self.cue_note)
        layout.addWidget(self.cue_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.list, 1)

        self.edit_action = QAction(_("&Edit interaction…"), self)
        self.edit_action.triggered.connect(self._edit_current)
        self.delete_action = QAction(_("&Delete interaction"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        if undo_stack is not None:
            self.set_undo_stack(undo_stack)
        self.set_client(None)

    # --- public ---------------------------------------------------------------------------

    def set_undo_stack(self, stack: QUndoStack) -> None:
        """The shell's stack: deletes go on it."""
        self._stack = stack

    def set_client(self, client_id: int | None) -> None:
        if client_id != self.client_id:
            self.cue_note.hide()  # the note was about the previous client's cue
        self.client_id = client_id
        self.model.expanded.clear()
        self.model.marked.clear()
        self.model.show_evidence(None)
        self.refresh()
        self.list.scrollToTop()

    def refresh(self, cues: list[Cue] | None = None, entries: list[Entry] | None = None) -> None:
        """Reload the client's history, keeping scroll position, selection and folds, with
        `cues` (this client's, computed elsewhere) or with cues computed here, and with its
        `entries` when they were read elsewhere (ui.cue_refresh reads them on a worker)."""
        scroll = self.list.verticalScrollBar().value()
        current = self.list.currentIndex().data(ITEM_ROLE)
        if self.client_id is None:
            self._show([], [], _("Pick a client to see their timeline."))
            return
        try:
            client = client_by_id(self.client_id)
            entries = entries_of(client.id) if entries is None else entries
            self.cues = list(cues if cues is not None else self._cue_source(client, self._clock()))
            self.model.language = language()
            if any(cue.template for cue in self.cues):  # only then is a "Write: …" link shown
                load_template_titles()
        except RapportError as exc:
            self.client_id = None
            self._show([], [], str(exc))
            return
        empty = _("Nothing recorded with {name} yet. Press Ctrl+N after your next call.").format(
            name=client.name
        )
        self._show(entries, self.cues, "" if entries or self.cues else empty)
        selected = self.model.selected_cue
        if selected is not None:
            still = next((c for c in self.cues if same_cue(c, selected)), None)
            self.model.show_evidence(still)
        self._restore_current(current)
        self.list.verticalScrollBar().setValue(scroll)

    def scroll_to_interaction(self, interaction_id: int) -> None:
        row = self.model.row_of_interaction(interaction_id)
        if row is None:
            return
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def show_search_hit(self, hit: SearchHit) -> None:
        """Open a search hit: the entry selected, its notes unfolded, the found words marked."""
        row = self.model.row_of_interaction(hit.ref_id)
        if row is None:
            return
        self.model.unfold(row, marked_words(hit.title + " " + hit.snippet))
        self.list.doItemsLayout()
        self.scroll_to_interaction(hit.ref_id)

    def show_cue(self, cue: Cue) -> None:
        """Highlight a cue's evidence and bring the first of it into view."""
        self.model.show_evidence(cue)
        rows = self.model.rows_of_uids(self.model.highlighted)
        cue_row = next(
            (
                r
                for r, item in enumerate(self.model.items)
                if isinstance(item, CueMark) and same_cue(item.cue, cue)
            ),
            None,
        )
        target = cue_row if cue_row is not None else (rows[0] if rows else None)
        if target is not None:
            self.list.scrollTo(self.model.index(target), QAbstractItemView.ScrollHint.EnsureVisible)
        if rows:
            self.list.scrollTo(
                self.model.index(rows[0]), QAbstractItemView.ScrollHint.EnsureVisible
            )

    # --- internals ------------------------------------------------------------------------

    def _show(self, entries: list[Entry], cues: list[Cue], notice: str) -> None:
        self.model.reset(place_cues(entries, cues), evidence_bands(cues))
        self.chart.set_history(entries, cues, self._clock())
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.list.setVisible(not notice)

    def _restore_current(self, item: TimelineItem | None) -> None:
        if isinstance(item, Entry):
            row = self.model.row_of_interaction(item.id)
            if row is not None:
                self.list.setCurrentIndex(self.model.index(row))

    def cues_changed(
        self,
        clients: frozenset[int] | None,
        cues: list[Cue],
        read: tuple[int, list[Entry]] | None = None,
    ) -> None:
        """The window recomputed the cues of `clients` (None: every client's) after a change:
        refresh with them if the client shown is one, with the entries `read` with them off
        the UI thread when they are this client's. A hidden timeline refreshes when it is
        shown again."""
        if self.client_id is None or (clients is not None and self.client_id not in clients):
            return
        if self.isVisible():
            entries = read[1] if read is not None and read[0] == self.client_id else None
            self.refresh([cue for cue in cues if cue.client_id == self.client_id], entries)
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _item(self, row: int) -> TimelineItem | None:
        return self.model.items[row] if 0 <= row < len(self.model.items) else None

    def _clicked(self, row: int, pos: Any) -> None:
        item = self._item(row)
        if isinstance(item, CueMark):
            link = self.delegate.link_rect(
                self.list.visualRect(self.model.index(row)), self.list.font(), item.cue
            )
            if pos is not None and link is not None and link.contains(pos):
                self.show_cue(item.cue)
                self.cueActivated.emit(item.cue)
                return
            same = self.model.selected_cue is not None and same_cue(
                self.model.selected_cue, item.cue
            )
            if same:
                self.model.show_evidence(None)
            else:
                self.show_cue(item.cue)
        elif isinstance(item, Entry):
            self.model.toggle_expanded(row)
            self.list.doItemsLayout()
            self.list.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.EnsureVisible)

    def _activated(self, row: int) -> None:
        item = self._item(row)
        if isinstance(item, CueMark):
            self.show_cue(item.cue)
            if item.cue.template:
                self.cueActivated.emit(item.cue)
        elif isinstance(item, Entry):
            self.editRequested.emit(item.id)

    def _current_entry(self) -> Entry | None:
        item = self.list.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Entry) else None

    def _edit_current(self) -> None:
        entry = self._current_entry()
        if entry is not None:
            self.editRequested.emit(entry.id)

    def delete_current(self) -> None:
        """Delete the selected interaction, undoably; without the shell's stack, nothing happens."""
        entry = self._current_entry()
        if entry is None or self._stack is None:
            return
        row = self.list.currentIndex().row()
        try:
            promises = len(commitments_made_in(entry.id))
            with_promises = self.ask_about_promises(promises) if promises else False
            if with_promises is None:
                return
            command = DeleteInteractionCommand(entry.id, with_promises)
            push_applied(self._stack, command)
        except RapportError as exc:
            self.notice.setText(str(exc))
            self.notice.show()
            return
        # Said, and the keyboard stays in the list: on the entry that took its place.
        n = len(command.promise_ids)
        said = (
            ngettext(
                "Deleted “%(label)s” and its %(n)d promise. Ctrl+Z brings them back.",
                "Deleted “%(label)s” and its %(n)d promises. Ctrl+Z brings them back.",
                n,
            )
            if command.with_promises
            else _("Deleted “%(label)s”. Ctrl+Z brings it back.")
        )
        self.said.emit(said % {"label": command.label, "n": n})
        self._select_entry_near(row)

    def ask_about_promises(self, count: int) -> bool | None:
        """Whether the promises made in the interaction go with it; None: delete nothing."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete interaction"),
            ngettext(
                "%(n)d promise was made in this interaction. Delete it too, or keep it? Either "
                "way, Ctrl+Z brings back what was deleted.",
                "%(n)d promises were made in this interaction. Delete them too, or keep them? "
                "Either way, Ctrl+Z brings back what was deleted.",
                count,
            )
            % {"n": count},
            QMessageBox.StandardButton.Cancel,
            self,
        )
        together = box.addButton(
            ngettext("Delete with its %(n)d promise", "Delete with its %(n)d promises", count)
            % {"n": count},
            QMessageBox.ButtonRole.DestructiveRole,
        )
        keep = box.addButton(_("Keep the promises"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep)
        box.exec()
        chosen = box.clickedButton()
        return True if chosen is together else False if chosen is keep else None

    def _select_entry_near(self, row: int) -> None:
        items = self.model.items
        after = (r for r in range(row, len(items)) if isinstance(items[r], Entry))
        before = (r for r in range(min(row, len(items)) - 1, -1, -1) if isinstance(items[r], Entry))
        target = next(after, None)
        if target is None:
            target = next(before, None)
        if target is not None:
            self.list.setCurrentIndex(self.model.index(target))

    def _context_menu(self, pos: Any) -> None:
        index = self.list.indexAt(pos)
        item = index.data(ITEM_ROLE)
        if isinstance(item, CueMark):
            self._cue_context_menu(index, item.cue, pos)
            return
        if not isinstance(item, Entry):
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        self.delete_action.setEnabled(self._stack is not None)
        menu.addAction(self.delete_action)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _cue_context_menu(self, index: QModelIndex, cue: Cue, pos: Any) -> None:
        """Write from the template, Dismiss, Snooze: the cue is chosen first, evidence lit."""
        self.list.setCurrentIndex(index)
        self.show_cue(cue)
        first = []
        if cue.template:
            write = QAction(link_text(cue).rstrip(" ›") + "…")
            write.triggered.connect(lambda: self.cueActivated.emit(cue))
            first.append(write)
        self.cue_actions.show_menu(cue, self.list.viewport().mapToGlobal(pos), first)
