"""Local days and clock times follow the zone's rules for each moment, not today's offset.

The machine runs in Europe/Stockholm and "now" is a November day, taken as the app takes it
(`datetime.now().astimezone()`: a fixed +01:00). A July call at 10:00+02:00 must still read
10:00, and a contact just after or before midnight must keep its own day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.clients import create_client
from journal.entries.capture import log_interaction
from journal.overview import today_agenda
from journal.reports import client_report, practice
from journal.templates import filling
from journal.values.dates import format_date
from tests.conftest import set_machine_zone

ROOT = Path(__file__).resolve().parents[1]
SUMMER = dt.timezone(dt.timedelta(hours=2))  # Stockholm's offset in July
WINTER = dt.timezone(dt.timedelta(hours=1))  # and in November
CALL = dt.datetime(2026, 7, 14, 10, 0, tzinfo=SUMMER)


@pytest.fixture
def stockholm() -> Iterator[dt.datetime]:
    """The machine in Stockholm; yields a November "now" as the app's clock reads it."""
    before = set_machine_zone("Europe/Stockholm")
    try:
        now = dt.datetime(2026, 11, 20, 12, 0).astimezone()
        assert now.utcoffset() == dt.timedelta(hours=1)  # today's fixed offset, as in the app
        yield now
    finally:
        set_machine_zone(before)


def test_client_report_prints_a_summer_call_at_its_own_clock_time(journal, stockholm):
    client = create_client("Maja Lindqvist")
    log_interaction(client, at=CALL, channel="phone", direction="in", summary="Summer call")
    report = client_report.build_client_report(client, stockholm)
    [entry] = [i for i in report.interactions if i.summary == "Summer call"]
    assert f"{entry.at:%Y-%m-%d %H:%M}" == "2026-07-14 10:00"


def test_client_report_text_says_10_00(qapp, journal, stockholm):
    from ui.reports import PageSize
    from ui.reports.layouts import client_layout

    client = create_client("Maja Lindqvist")
    log_interaction(client, at=CALL, channel="phone", direction="in", summary="Summer call")
    report = client_report.build_client_report(client, stockholm)
    html = client_layout(report, PageSize.A4).html
    assert "14 Jul 2026 10:00" in html  # the day in words, the clock of that summer day
    assert "09:00" not in html


def test_last_contact_just_after_midnight_in_summer_keeps_its_day(journal, stockholm):
    client = create_client("Tom Becker")
    late = dt.datetime(2026, 7, 15, 0, 30, tzinfo=SUMMER)  # 23:30 on the 14th at +01:00
    log_interaction(client, at=late, channel="phone", direction="in", summary="Late call")

    overview = practice.build_practice_overview(stockholm)
    [row] = overview.rows
    assert row.last_contact is not None
    assert row.last_contact.date() == dt.date(2026, 7, 15)
    values = filling.context_values(client, "en", stockholm)
    assert values["last_contact_date"] == format_date(dt.date(2026, 7, 15), "en")


def test_last_contact_at_23_30_in_winter_seen_in_summer_is_that_day(journal):
    """The other way round: a summer "now", a winter call at 23:30 local time."""
    before = set_machine_zone("Europe/Stockholm")
    try:
        now = dt.datetime(2026, 7, 20, 12, 0).astimezone()  # +02:00
        client = create_client("Greta Holm")
        late = dt.datetime(2026, 2, 10, 23, 30, tzinfo=WINTER)
        log_interaction(client, at=late, channel="phone", direction="in", summary="Late call")
        [row] = practice.build_practice_overview(now).rows
        assert row.last_contact is not None
        assert (row.last_contact.date(), f"{row.last_contact:%H:%M}") == (
            dt.date(2026, 2, 10),
            "23:30",
        )
    finally:
        set_machine_zone(before)


def test_a_follow_up_answered_just_after_midnight_is_not_on_the_agenda(journal, stockholm):
    """A contact on the follow-up day itself (00:30 local) answers it, even seen in winter."""
    client = create_client("Victor Hale")
    log_interaction(
        client,
        at=CALL,
        channel="phone",
        direction="in",
        summary="Talk about the offer",
        follow_up_on=dt.date(2026, 7, 15),
    )
    answer = dt.datetime(2026, 7, 15, 0, 30, tzinfo=SUMMER)
    log_interaction(client, at=answer, channel="email", direction="out", summary="Offer notes")
    agenda = today_agenda(stockholm, [])
    assert [i for i in agenda if i.kind == "follow_up"] == []


def test_main_window_client_list_shows_the_summer_contact_time(qtbot, journal, stockholm):
    from ui.background import wait_for_background
    from ui.main_window import MainWindow
    from ui.views.client_list import ClientListModel

    client = create_client("Sofia Alvarez")
    late = dt.datetime(2026, 7, 15, 0, 30, tzinfo=SUMMER)
    log_interaction(client, at=late, channel="video", direction="in", summary="Session")
    win = MainWindow(journal, clock=lambda: stockholm, restore_geometry=False)
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: win.cues is not None, timeout=10000)  # the complete rows too
        index = win.client_list.model.index(0, ClientListModel.LAST)
        tip = win.client_list.model.data(index, role=3)  # Qt.ToolTipRole
        assert tip == "Last contact 15 Jul 2026, 00:30"
    finally:
        win.close()
        wait_for_background()


def test_timeline_shows_a_summer_call_at_10_00(qapp, journal, stockholm):
    from journal.timeline import entries_of
    from ui.views.timeline.model import TimelineModel

    client = create_client("Jonas Ek")
    log_interaction(client, at=CALL, channel="phone", direction="in", summary="Summer call")
    model = TimelineModel()
    model.reset(list(entries_of(client.id)), {})
    assert model.index(0).data() == "14 July 2026 10:00, phone, from client: Summer call"


STRFTIME_NON_PORTABLE = re.compile(r"%[-#][A-Za-z]")  # glibc's %-d, Windows' %#d


def test_no_platform_specific_strftime_flags_in_the_source():
    """%-d works on Linux and macOS but raises ValueError on Windows (inside a paint)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("journal", "ui")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STRFTIME_NON_PORTABLE.search(line)
    ]
    assert offenders == []
