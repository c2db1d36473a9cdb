"""The bar that offers an unsaved draft back, and what it says.

Drafts themselves live in the journal (journal.entries.drafts, encrypted); this is only how
the capture dialog shows one. CaptureDialog decides when to offer, restore or discard.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from journal.entries.drafts import SavedDraft
from journal.i18n import _, ngettext
from journal.values.dates import short_date, time_of_day


class DraftBar(QFrame):
    """A line of text above the form, with Restore and Discard beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: palette(alternate-base); border-radius: 6px; }")
        bar = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(_("Restore draft"))
        self.restore_button.setAccessibleName(_("Restore the unsaved draft"))
        self.discard_button = QPushButton(_("Discard it"))
        self.discard_button.setAccessibleName(_("Discard the unsaved draft"))
        bar.addWidget(self.label, 1)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.discard_button)
        self.hide()


def offer_text(draft: SavedDraft, others: int, lang: str) -> str:
    """What the bar says of a new entry's draft (and how many more wait after it)."""
    when = _moment(draft.updated_at.astimezone(), lang)
    what = (draft.payload.get("summary") or draft.payload.get("notes") or "").strip()
    what = (what[:60] + "…") if len(what) > 60 else what
    more = (
        ngettext(" ({n} more after this)", " ({n} more after this)", others).format(n=others)
        if others
        else ""
    )
    return _("An unsaved entry from {when} was kept: “{what}”{more}.").format(
        when=when, what=what or _("untitled"), more=more
    )


def restored_text(draft: SavedDraft, lang: str) -> str:
    """What the bar says once an edit's own unfinished changes are back in the form."""
    when = _moment(draft.updated_at.astimezone(), lang)
    return _(
        "Your unsaved changes from {when} are back. Discard them to start from the saved entry."
    ).format(when=when)


def _moment(when: dt.datetime, lang: str) -> str:
    """ "4 Mar, 10:00": when a draft was kept, in the journal's language."""
    return f"{short_date(when.date(), lang, year=False)}, {time_of_day(when)}"
