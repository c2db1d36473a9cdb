"""Python dates and times to Qt's and back, field by field.

PySide6 converts them itself (`QDate(day)`, `toPython()`), but its stubs know neither way:
they offer no `QDate(date)` and say `toPython()` returns an object. These say what is meant.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    """A naive `moment` as the same wall-clock time in Qt's local time (to the millisecond)."""
    time = QTime(moment.hour, moment.minute, moment.second, moment.microsecond // 1000)
    return QDateTime(to_qdate(moment.date()), time)


def from_qdatetime(moment: QDateTime) -> dt.datetime:
    """The wall-clock time of `moment`, naive, as PySide6's `toPython()` gives it."""
    time = moment.time()
    return dt.datetime.combine(
        from_qdate(moment.date()),
        dt.time(time.hour(), time.minute(), time.second(), time.msec() * 1000),
    )
