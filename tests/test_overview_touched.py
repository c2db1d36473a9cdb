"""After a change, the list's rows and Today's lines are read for the touched clients only and
put among the rest: the coach sees the same as after reading the whole journal again."""

from __future__ import annotations

import datetime as dt

from journal.cues.api import all_cues, with_fresh_cues
from journal.entries.capture import log_interaction
from journal.overview import client_rows, today_agenda, with_lines_of, with_rows_of
from journal.store.models import Client
from tests.conftest import NOW


def _busiest() -> Client:
    return max(Client.select(), key=lambda c: c.interactions.count())


def test_touched_clients_read_alone_give_what_a_full_read_gives(demo_journal):
    zone = NOW.tzinfo
    cues = all_cues(NOW)
    rows, agenda = client_rows(zone), today_agenda(NOW, cues, zone=zone)
    client = _busiest()
    log_interaction(
        client,
        at=NOW - dt.timedelta(hours=1),
        channel="email",
        direction="out",
        summary="Agenda for Thursday",
        awaits_reply=True,
        follow_up_on=NOW.date() + dt.timedelta(days=1),
    )
    touched = frozenset({client.id})
    cues = with_fresh_cues(cues, touched, NOW)

    fresh_rows = client_rows(zone, only=touched)
    fresh_lines = today_agenda(NOW, cues, zone=zone, only=touched)

    assert [r.id for r in fresh_rows] == [client.id]
    assert sorted(with_rows_of(rows, fresh_rows, touched), key=lambda r: r.id) == sorted(
        client_rows(zone), key=lambda r: r.id
    )
    merged = with_lines_of(agenda, fresh_lines, touched, NOW.date())
    assert merged == today_agenda(NOW, cues, zone=zone)
    assert any(line.title == "Follow up: Agenda for Thursday" for line in merged)


def test_a_deleted_client_leaves_the_list_and_today(demo_journal):
    zone = NOW.tzinfo
    cues = all_cues(NOW)
    rows, agenda = client_rows(zone), today_agenda(NOW, cues, zone=zone)
    client = _busiest()
    gone = frozenset({client.id})
    client.delete_instance(recursive=True)
    cues = with_fresh_cues(cues, gone, NOW)

    kept = with_rows_of(rows, client_rows(zone, only=gone), gone)
    lines = with_lines_of(agenda, today_agenda(NOW, cues, zone=zone, only=gone), gone, NOW.date())

    assert client.id not in {r.id for r in kept}
    assert client.id not in {line.client_id for line in lines}
    assert len(kept) == len(rows) - 1


def test_fresh_cues_take_their_places_among_the_known_as_a_full_recompute_orders_them(
    demo_journal,
):
    known = all_cues(NOW)
    client = _busiest()
    for hours in (1, 2, 3, 4):  # enough unanswered emails to change its cues' severity
        log_interaction(
            client,
            at=NOW - dt.timedelta(days=30, hours=hours),
            channel="email",
            direction="out",
            summary="Checking in",
            awaits_reply=True,
        )
    assert with_fresh_cues(known, {client.id}, NOW) == all_cues(NOW)
