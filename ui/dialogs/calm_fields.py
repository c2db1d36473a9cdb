"""Fields change only when the coach means it, everywhere in the app.

One filter on the application sees every field as it is built, so a drop-down, number or date
field added anywhere later is covered without a call of its own:

- The wheel changes a field only once the coach has clicked or tabbed into it. Over any other
  field it scrolls the form around it, as the coach meant: a wheel over the status box once
  paused a client, unseen, and the profile saved it.
- A date is typed as digits: "25 2 2026" or "2522026" in "2 Mar 2026" gives 25 Feb 2026.
  Qt's own date fields took no digits for a month shown by name, inserted digits beside the
  old ones once the cursor sat in a section, and refused days past a maximum; typing a date
  did nothing, and only the arrow keys worked.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QScrollBar,
    QWidget,
)

SEPARATORS = frozenset(" /.-,")


def is_field(widget: QObject) -> bool:
    """A widget whose value the wheel would change: a spin box or date field, a drop-down,
    a slider or dial (a scroll bar is no field: the wheel is what it is for)."""
    if isinstance(widget, QScrollBar):
        return False
    return isinstance(widget, (QAbstractSpinBox, QComboBox, QAbstractSlider))


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


class _CalmFields(QObject):
    """The application's filter: the wheel over unfocused fields, and months typed as digits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edit: QDateTimeEdit | None = None  # the date field digits are typed into
        self._digits = ""  # typed so far into its current section
        self._advanced = False  # a full section just moved on: a separator typed next is eaten

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and is_field(watched):
            assert isinstance(watched, QWidget)
            # Focus by click or Tab only: with "wheel focus" a wheel would focus, then change it.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and is_field(watched):
            assert isinstance(watched, QWidget) and isinstance(event, QWheelEvent)
            if not watched.hasFocus():
                self._scroll_instead(watched, event)
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QDateTimeEdit):
            assert isinstance(event, QKeyEvent)
            return self._typed(watched, event)
        return False

    @staticmethod
    def _scroll_instead(field: QWidget, event: QWheelEvent) -> None:
        """The wheel goes to the scroll area around the field, if there is one."""
        area = _scroll_area_of(field)
        if area is None:
            return
        viewport = area.viewport()
        at = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        passed = QWheelEvent(
            at,
            event.globalPosition(),
            QPoint(event.pixelDelta()),
            QPoint(event.angleDelta()),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
        )
        QApplication.sendEvent(viewport, passed)

    # --- dates typed as digits ------------------------------------------------------------
    def _typed(self, edit: QDateTimeEdit, event: QKeyEvent) -> bool:
        """Digits overwrite the section under the cursor and move on once it is full; a
        separator moves on too, unless a full section just did."""
        text = event.text()
        if edit is not self._edit:
            self._edit, self._digits, self._advanced = edit, "", False
        section = edit.currentSection()
        if text and text in SEPARATORS and (self._digits or self._advanced):
            if not self._advanced:
                _next_section(edit)
            self._digits, self._advanced = "", False
            return True
        self._advanced = False
        if not (len(text) == 1 and text.isdigit() and section in LIMITS):
            self._digits = ""
            return False  # arrows, letters of a month's name, Backspace: Qt's own way
        digits = self._digits + text
        width, top = LIMITS[section]
        if int(digits) > top:
            digits = text
        self._digits = digits
        if section != QDateTimeEdit.Section.YearSection or len(digits) == width:
            _set_section(edit, section, int(digits))
        if len(digits) == width or int(digits) * 10 > top:
            self._digits = ""
            self._advanced = _next_section(edit)
        else:
            _select_section(edit)
        return True


Section = QDateTimeEdit.Section
LIMITS = {  # digits a section takes, and its largest value
    Section.DaySection: (2, 31),
    Section.MonthSection: (2, 12),
    Section.YearSection: (4, 9999),
    Section.HourSection: (2, 23),
    Section.MinuteSection: (2, 59),
}


def _set_section(edit: QDateTimeEdit, section: QDateTimeEdit.Section, number: int) -> None:
    """One section set, the others kept; a day the month lacks becomes its last (31 typed in
    April: the 30th), and a zero typed alone waits for the next digit."""
    day, time = edit.date(), edit.time()
    year, month, date, hour, minute = day.year(), day.month(), day.day(), time.hour(), time.minute()
    if section == Section.DaySection:
        date = number
    elif section == Section.MonthSection:
        month = number
    elif section == Section.YearSection:
        year = number
    elif section == Section.HourSection:
        hour = number
    else:
        minute = number
    if (section in (Section.DaySection, Section.MonthSection) and number == 0) or year < 100:
        return
    date = min(date, QDate(year, month, 1).daysInMonth())
    index = edit.currentSectionIndex()
    if section in (Section.HourSection, Section.MinuteSection):
        edit.setTime(QTime(hour, minute))
    else:  # the date alone: through a QDateTime a zone's offset could shift the day
        edit.setDate(QDate(year, month, date))
    edit.setCurrentSectionIndex(index)
    _select_section(edit)


def _next_section(edit: QDateTimeEdit) -> bool:
    index = edit.currentSectionIndex() + 1
    if index >= edit.sectionCount():
        return False
    edit.setCurrentSectionIndex(index)
    _select_section(edit)
    return True


def _select_section(edit: QDateTimeEdit) -> None:
    """Select the current section's text, so what is typed next replaces it (Qt's section
    switch leaves only a cursor, and letters typed then were refused)."""
    text, offset, start = edit.text(), 0, 0
    for index in range(edit.currentSectionIndex() + 1):
        shown = edit.sectionText(edit.sectionAt(index))
        start = text.find(shown, offset)
        offset = start + len(shown)
    if start >= 0:
        edit.lineEdit().setSelection(start, offset - start)


def calm_fields(app: QApplication) -> None:
    """Install the filter on the application, once."""
    if app.property("rapport_calm_fields") is None:
        guard = _CalmFields(app)
        app.setProperty("rapport_calm_fields", guard)
        app.installEventFilter(guard)
