"""Issue 16: no wheel changes a field the coach has not clicked into, anywhere in the app, and
a date can be typed as digits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journal.clients import find_client
from tests.conftest import NOW
from ui.background import wait_for_background
from ui.dialogs.calm_fields import is_field


def wheel(widget: QWidget, steps: int) -> None:
    """A wheel turn over the middle of `widget`, as the mouse sends it."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value(field: QWidget) -> object:
    if isinstance(field, QComboBox):
        return field.currentIndex()
    if isinstance(field, QAbstractSpinBox):
        return field.text()
    assert isinstance(field, QAbstractSlider)
    return field.value()


def fields_in(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if is_field(w)]


@pytest.fixture
def every_window(qtbot, window, demo_journal) -> Iterator[list[QWidget]]:
    """The main window with a client open, Preferences, capture, a template and a report:
    every window a field lives in."""
    from ui.dialogs.capture.dialog import CaptureDialog
    from ui.dialogs.settings import SettingsDialog
    from ui.dialogs.template.dialog import TemplateDialog
    from ui.reports.dialog import export_report

    maja = find_client("Maja").id
    window.open_client(maja)
    window.profile.thresholds.toggle.setChecked(True)
    opened: list[QWidget] = [window]
    for dialog in (
        SettingsDialog(demo_journal),
        CaptureDialog(window.undo_stack, maja, clock=lambda: NOW, offer_drafts=False),
        TemplateDialog(maja, as_of=NOW),
    ):
        qtbot.addWidget(dialog)
        opened.append(dialog)
    report = export_report(None, "client", maja, clock=lambda: NOW, opener=lambda _p: None)
    assert report is not None
    opened.append(report)
    for each in opened:
        each.show()
    yield opened
    report.close()
    wait_for_background()


def test_no_wheel_changes_an_unfocused_field_in_any_window(every_window, qtbot) -> None:
    fields = [field for root in every_window for field in fields_in(root)]
    kinds = {type(field) for field in fields}
    # Every kind of field the app has is among them: the check reaches them all.
    assert {QComboBox, QSpinBox, QDateEdit, QDateTimeEdit} <= kinds, kinds
    changed = []
    for field in fields:
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus, field.accessibleName()
        if field.hasFocus():
            continue
        before = value(field)
        wheel(field, -1)
        wheel(field, 1)  # one of the two moves it, whichever end it sits at
        if value(field) != before:
            changed.append(field.accessibleName() or type(field).__name__)
    assert changed == []


@pytest.mark.parametrize("kind", [QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QSlider])
def test_each_kind_of_field_scrolls_the_form_until_it_is_clicked_into(qtbot, kind) -> None:
    """A field built anywhere, later, by anyone, is covered: over it the wheel scrolls the
    form; once clicked into, the wheel changes it."""
    form = QWidget()
    rows = QVBoxLayout(form)
    field = kind()
    if isinstance(field, QComboBox):
        field.addItems(["one", "two", "three"])
        field.setCurrentIndex(1)
    elif isinstance(field, (QSpinBox, QDoubleSpinBox, QSlider)):
        field.setRange(0, 100)
        field.setValue(50)
    elif isinstance(field, QDateEdit):
        field.setDate(QDate(2026, 3, 15))
    rows.addWidget(field)
    rows.addSpacing(2000)  # a form taller than its window
    area = QScrollArea()
    area.setWidget(form)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    before = value(field)
    wheel(field, -1)
    assert value(field) == before
    assert area.verticalScrollBar().value() > 0  # the form scrolled instead
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    wheel(field, -1)
    assert value(field) != before


@pytest.fixture
def date_field(qtbot) -> QDateEdit:
    field = QDateEdit(QDate(2026, 3, 2))
    field.setDisplayFormat("d MMM yyyy")  # as every date field in the app shows days
    field.setCalendarPopup(True)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.setCurrentSectionIndex(0)
    return field


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("25 2 2026", "25 Feb 2026"),
        ("25/2/2027", "25 Feb 2027"),
        ("7 11 2026", "7 Nov 2026"),
        ("1612", "16 Dec 2026"),
        ("9 Feb 2026", "9 Feb 2026"),  # the month by name still works
        ("31 4", "30 Apr 2026"),  # April has no 31st: its last day
    ],
)
def test_a_date_can_be_typed_as_digits(date_field, qtbot, typed, shown) -> None:
    qtbot.keyClicks(date_field, typed)
    assert date_field.text() == shown


def test_the_capture_dialog_takes_a_typed_earlier_day(qtbot, demo_journal, stack) -> None:
    """With a maximum of tomorrow, typing 25 over "2 Mar" was refused (25 Mar lies ahead)."""
    from ui.dialogs.capture.dialog import CaptureDialog

    dialog = CaptureDialog(stack, find_client("Maja").id, clock=lambda: NOW, offer_drafts=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.when.setDateTime(QDateTime(QDate(2026, 3, 2), QTime(11, 0)))
    dialog.when.setFocus()
    qtbot.waitUntil(dialog.when.hasFocus)
    dialog.when.setCurrentSectionIndex(0)
    qtbot.keyClicks(dialog.when, "25 2 2026 10:30")
    assert dialog.when.text() == "25 Feb 2026  10:30"
    dialog.done(0)  # closed as it is: a close would ask whether to keep the change
