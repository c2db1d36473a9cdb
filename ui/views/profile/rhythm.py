"""The agreed rhythm and the away periods, as a coach sets them in the profile (and the coach's
own away periods in Preferences). The words and the checks are journal.values.rhythm's and
journal.values.away's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.errors import RapportError
from journal.i18n import _, language
from journal.values.away import away_periods, clean_away
from journal.values.dates import short_date
from journal.values.rhythm import MAX_DAYS, NAMED, rhythm_words
from ui.dialogs.qt_dates import from_qdate, to_qdate

OTHER = -1.0  # the combo's "every N days…" entry


class RhythmField(QWidget):
    """None agreed, twice a week, weekly, every two weeks, monthly, or every N days."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.setAccessibleName(_("Agreed rhythm"))
        self.choice.addItem(_("none agreed"), None)
        for days in NAMED.values():
            self.choice.addItem(rhythm_words(days, language()), float(days))
        self.choice.addItem(_("every N days…"), OTHER)
        self.days = QDoubleSpinBox()
        self.days.setAccessibleName(_("Agreed rhythm in days"))
        self.days.setRange(1, MAX_DAYS)
        self.days.setDecimals(2)  # as journal.values.rhythm keeps it: 3.25 stays 3.25
        self.days.setSingleStep(1)
        self.days.setPrefix(_("every "))
        self.days.setSuffix(_(" days"))
        self.days.setValue(10)
        self.days.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice, 1)
        layout.addWidget(self.days)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.days.valueChanged.connect(self.changed)

    def _chosen(self) -> None:
        self.days.setVisible(self.choice.currentData() == OTHER)
        self.changed.emit()

    def value(self) -> float | None:
        data = self.choice.currentData()
        if data == OTHER:
            return float(self.days.value())
        return None if data is None else float(data)

    def setValue(self, days: float | None) -> None:
        index = self.choice.findData(None if days is None else float(days))
        if index < 0:
            self.days.setValue(float(days or 10))
            index = self.choice.findData(OTHER)
        self.choice.setCurrentIndex(index)
        self.days.setVisible(self.choice.currentData() == OTHER)


class AwayEditor(QWidget):
    """A list of away periods with a row to add one; `periods()` in the stored JSON shape."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        """`name`: whose periods these are, for screen readers ("Your away periods")."""
        super().__init__(parent)
        self._periods: list[dict[str, str]] = []
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setToolTip(_("Select a period to remove it"))
        today = dt.date.today()
        self.start = QDateEdit(to_qdate(today))
        self.start.setAccessibleName(_("Away from"))
        self.end = QDateEdit(to_qdate(today + dt.timedelta(days=14)))
        self.end.setAccessibleName(_("Away until"))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Away note"))
        self.note.setPlaceholderText(_("holiday, leave, conference"))
        self.add_button = QPushButton(_("Add"))
        self.add_button.setAccessibleName(_("Add away period"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove away period"))
        self.remove_button.clicked.connect(self.remove)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        dates = QHBoxLayout()
        dates.addWidget(self.start, 1)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.end, 1)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(dates)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def periods(self) -> list[dict[str, str]]:
        return list(self._periods)

    def set_periods(self, periods: Any) -> None:
        self._periods = clean_away(periods or [], "away")
        self._show()

    def _show(self) -> None:
        self.list.clear()
        today = dt.date.today()
        for period in away_periods(self._periods):
            years = period.end.year != today.year or period.start.year != today.year
            span = (
                f"{short_date(period.start, language(), year=years)} – "
                f"{short_date(period.end, language(), year=years)}"
            )
            self.list.addItem(QListWidgetItem(f"{span} · {period.note}" if period.note else span))
        self.remove_button.setEnabled(bool(self._periods))
        rows = min(max(len(self._periods), 1), 3)  # as tall as its periods, up to three
        self.list.setFixedHeight(rows * self.list.fontMetrics().lineSpacing() + 10)

    def add(self) -> None:
        new = {
            "from": from_qdate(self.start.date()).isoformat(),
            "to": from_qdate(self.end.date()).isoformat(),
            "note": self.note.text().strip(),
        }
        try:
            self._periods = clean_away([*self._periods, new], "away")
        except RapportError as exc:
            reason = str(exc).split(": ", 1)[-1]  # the place is this form's own
            self.message.setText(reason[:1].upper() + reason[1:])
            self.message.show()
            return
        self.message.hide()
        self.note.clear()
        self._show()
        self.changed.emit()

    def remove(self) -> None:
        """The selected period, or the last one when none is selected."""
        row = self.list.currentRow()
        if row < 0:
            row = self.list.count() - 1
        if row < 0:
            return
        kept = away_periods(self._periods)
        del kept[row]
        self._periods = [period.as_json() for period in kept]
        self._show()
        self.changed.emit()
