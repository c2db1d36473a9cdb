"""Each cue kind from a DOMAIN.md story, with a healthy twin that must stay silent (pure rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.cues.model import Severity
from tests.conftest import NOW
from tests.support.cue_histories import (
    at,
    contact,
    cues,
    evidence_ids,
    history,
    out,
    promise,
    reply,
    talk,
    weekly_sessions,
)

# -- a healthy relationship raises nothing ----------------------------------------------------


def test_a_healthy_relationship_raises_no_cue_at_all() -> None:
    h = history(
        *weekly_sessions(12, feeling=2),
        out(9, "email"),
        reply(8, "email", feeling=1),
        promises=(
            promise("client", due=-5, done=-6),
            promise("me", due=-12, done=-12),
            promise("client", due=6),
        ),
        cadence=7,
        preferred="video",
    )
    assert cues(h) == {}


def test_an_empty_history_raises_nothing() -> None:
    assert cues(history()) == {}


# -- unanswered -------------------------------------------------------------------------------


def test_unanswered_emails_grow_from_info_to_critical_with_closing_the_loop() -> None:
    first = reply(30, feeling=1)
    one = cues(history(first, out(20)))["unanswered"]
    two = cues(history(first, out(20), out(13)))["unanswered"]
    emails = (out(20), out(13), out(6))
    three = cues(history(first, *emails))["unanswered"]
    assert (one.severity, two.severity, three.severity) == (
        Severity.INFO,
        Severity.WARNING,
        Severity.CRITICAL,
    )
    assert one.template is None and two.template is None
    assert three.template == "closing-the-loop"
    assert evidence_ids(three) == [c.uid for c in emails]
    assert three.since == emails[0].at
    assert three.explanation == (
        "3 emails since 10 February without a reply; Ada last replied by email on 31 January."
    )


def test_once_the_loop_is_closed_the_cue_waits_for_the_client_instead_of_asking_again() -> None:
    """DOMAIN.md section 1: after the closing-the-loop message there is nothing more to send.
    The cue calms down at once, before that message's own reply window has passed."""
    first = reply(30, feeling=1)
    emails = (out(20), out(13), out(6))
    closing = out(0.1, template="closing-the-loop")
    cue = cues(history(first, *emails, closing))["unanswered"]
    assert cue.severity == Severity.INFO
    assert cue.template is None
    assert cue.explanation == (
        "3 emails since 10 February without a reply; you closed the loop on 2 March, "
        "so the next move is Ada's."
    )
    # Another message made from some other template changes nothing.
    other = cues(history(first, *emails, out(0.1, template="check-in")))["unanswered"]
    assert (other.severity, other.template) == (Severity.CRITICAL, "closing-the-loop")
    # A reply ends it all; and a closing message from before the last reply is history.
    assert "unanswered" not in cues(history(first, *emails, closing, reply(0.05, hour=11)))
    old_loop = history(out(40, template="closing-the-loop"), first, *emails)
    assert cues(old_loop)["unanswered"].template == "closing-the-loop"
    # The closing message is evidence from the start: a dismissal outlasts its reply window.
    assert evidence_ids(cue) == [*(c.uid for c in emails), closing.uid]


def test_once_the_loop_is_closed_no_other_contact_cue_asks_to_reach_out() -> None:
    """Neglect and channel mismatch would say "call her" or "reconnect": after closing the
    loop that is the client's move."""
    contacts = (out(24), talk(19, "phone"), out(17), talk(12, "phone"), out(10))
    open_loop = history(*contacts, cadence=4)
    assert {"neglect", "channel_mismatch", "unanswered"} <= cues(open_loop).keys()
    closed = history(*contacts, out(1, template="closing-the-loop"), cadence=4)
    found = cues(closed)
    assert "neglect" not in found and "channel_mismatch" not in found
    assert found["unanswered"].severity == Severity.INFO


def test_a_message_still_inside_its_reply_window_is_not_unanswered_yet() -> None:
    assert "unanswered" not in cues(history(reply(30), out(2)))
    assert "unanswered" in cues(history(reply(30), out(2)), reply_window_days=1)


def test_answered_messages_on_any_channel_raise_nothing() -> None:
    twin = history(out(20), reply(19), out(13), talk(12, "phone"), out(6), reply(5))
    assert "unanswered" not in cues(twin)


def test_a_late_reply_still_answers_the_messages_before_it() -> None:
    assert "unanswered" not in cues(history(out(20), out(13), reply(1)))


def test_outgoing_notes_that_need_no_reply_do_not_count() -> None:
    sent = contact(20, "email", "out", awaits=False)
    assert "unanswered" not in cues(history(reply(30), sent))


@pytest.mark.parametrize(
    ("last", "ending"),
    [
        (talk(21, "phone"), "the last call got through on 9 February."),
        (talk(21, "meeting"), "you last met in person on 9 February."),
        (talk(21, "email"), "your last email exchange was on 9 February."),
        (reply(21, "message"), "Ada last replied by message on 9 February."),
    ],
)
def test_the_explanation_names_the_last_contact_that_got_through(last, ending) -> None:
    assert cues(history(last, out(5)))["unanswered"].explanation.endswith(ending)


# -- channel mismatch -------------------------------------------------------------------------


def test_emails_ignored_while_calls_get_through_suggests_switching_channel() -> None:
    emails = (out(33), out(26), out(14), out(4))
    calls = (talk(21, "phone"), talk(9, "phone"))
    cue = cues(history(talk(40, "meeting"), *emails, *calls, preferred="email"))["channel_mismatch"]
    assert cue.template == "switch-channel"
    assert cue.severity == Severity.WARNING
    assert set(evidence_ids(cue)) == {c.uid for c in emails + calls}
    assert cue.since == emails[0].at
    assert "4 emails to Ada since 28 January got no reply in time, while 2 calls got through" in (
        cue.explanation
    )
    assert "try a phone call" in cue.explanation
    assert "the profile still says email" in cue.explanation


def test_emails_answered_by_email_are_no_channel_mismatch() -> None:
    twin = history(
        out(33), reply(32), out(26), talk(21, "phone"), out(14), reply(13), talk(9, "phone"), out(4)
    )
    assert "channel_mismatch" not in cues(twin)


def test_ignored_emails_with_no_other_channel_working_are_only_unanswered() -> None:
    found = cues(history(talk(30), out(25), out(18), out(11), out(5)))
    assert "channel_mismatch" not in found
    assert found["unanswered"].severity == Severity.CRITICAL


# -- neglect ----------------------------------------------------------------------------------


def test_missing_the_agreed_cadence_is_neglect_with_reconnect_template() -> None:
    calls = [talk(d, "phone") for d in (36, 32, 28, 24, 13)]
    cue = cues(history(*calls, cadence=4))["neglect"]
    assert cue.template == "reconnect-after-lapse"
    assert cue.severity == Severity.WARNING
    assert evidence_ids(cue) == [calls[-1].uid]
    assert cue.explanation == (
        "No real contact with Ada for 13 days (last on 17 February), "
        "against the agreed rhythm (every 4 days)."
    )


def test_keeping_the_cadence_is_not_neglect() -> None:
    twin = history(*[talk(d, "phone") for d in (21, 17, 13, 9, 5, 1)], cadence=4)
    assert "neglect" not in cues(twin)


def test_outgoing_attempts_are_not_real_contact() -> None:
    h = history(talk(20, "phone"), contact(3, "email", "out"), cadence=7)
    cue = cues(h)["neglect"]
    assert "for 20 days" in cue.explanation


def test_neglect_grows_with_the_gap() -> None:
    severities = [cues(history(talk(gap), cadence=7))["neglect"].severity for gap in (12, 25, 50)]
    assert severities == [Severity.INFO, Severity.WARNING, Severity.CRITICAL]


def test_without_an_agreed_cadence_the_usual_rhythm_counts_and_agree_rhythm_is_suggested() -> None:
    h = history(*[talk(40 + 7 * k) for k in range(6)])
    cue = cues(h)["neglect"]
    assert cue.template == "agree-rhythm"
    assert "usual rhythm is about every 7 days" in cue.explanation
    assert "neglect" not in cues(history(*[talk(3 + 7 * k) for k in range(6)]))


def test_too_little_history_has_no_usual_rhythm_to_neglect() -> None:
    assert "neglect" not in cues(history(talk(60), talk(50)))


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_a_paused_or_closed_client_is_never_neglected(status: str) -> None:
    assert "neglect" not in cues(history(talk(70, "phone"), cadence=14, status=status))


def test_a_closed_client_raises_nothing_at_all() -> None:
    h = history(
        reply(30), out(20), out(13), out(6), promises=(promise("client", due=-9),), status="closed"
    )
    assert cues(h) == {}


# -- over-contact -----------------------------------------------------------------------------


def test_a_dozen_messages_in_two_weeks_against_a_weekly_rhythm_is_over_contact() -> None:
    flood = [reply(13 - k, hour=8 + k % 10) for k in range(13)]
    h = history(talk(45), talk(38), talk(14, "meeting"), *flood, cadence=7)
    cue = cues(h)["over_contact"]
    assert cue.template == "set-boundaries"
    assert cue.severity == Severity.WARNING
    assert evidence_ids(cue) == [c.uid for c in flood]
    assert cue.explanation.startswith(
        "13 messages from Ada in the last 14 days (since 17 February)"
    )
    assert "about 6 times" in cue.explanation


def test_a_client_who_always_writes_often_is_not_over_contact() -> None:
    usual = [reply(k / 1.5, hour=9 + (k % 8)) for k in range(150)]  # every 16 hours for 100 days
    assert "over_contact" not in cues(history(*usual))


def test_a_new_client_flooding_the_inbox_is_over_contact() -> None:
    cue = cues(history(*[reply(12 - k) for k in range(12)]))["over_contact"]
    assert "with no earlier rhythm to compare" in cue.explanation


def test_a_few_messages_are_never_over_contact() -> None:
    assert "over_contact" not in cues(history(*[reply(k) for k in range(1, 6)], cadence=30))


# -- dread ------------------------------------------------------------------------------------


def test_interactions_that_keep_feeling_bad_raise_dread_with_let_go_template() -> None:
    bad = (
        talk(45, "meeting", feeling=-1, emotions=("drained",)),
        talk(31, "meeting", feeling=-2, emotions=("dread",)),
        talk(17, "meeting", feeling=-2, emotions=("dread", "drained")),
        talk(3, "meeting", feeling=-2, emotions=("dread",)),
    )
    cue = cues(history(talk(60, "meeting", feeling=0), *bad))["dread"]
    assert cue.template == "let-go-referral"
    assert cue.severity == Severity.WARNING
    assert evidence_ids(cue) == [c.uid for c in bad]
    assert cue.explanation == (
        "The last 4 interactions with Ada felt bad (dread, drained), since 16 January."
    )


def test_a_good_interaction_breaks_the_streak() -> None:
    twin = history(
        talk(30, feeling=-2), talk(20, feeling=-2), talk(10, feeling=1), talk(3, feeling=-1)
    )
    assert "dread" not in cues(twin)


def test_unrated_interactions_neither_break_nor_extend_a_streak() -> None:
    h = history(talk(30, feeling=-1), reply(25), talk(20, feeling=-1), talk(10, feeling=-2))
    assert len(cues(h)["dread"].evidence) == 3


def test_a_dread_word_alone_makes_an_interaction_bad_and_words_are_settings() -> None:
    h = history(*[talk(d, feeling=0, emotions=("Dread",)) for d in (20, 10, 3)])
    assert "dread" in cues(h)
    own = history(*[talk(d, feeling=0, emotions=("stuck",)) for d in (20, 10, 3)])
    assert "dread" not in cues(own)
    assert "dread" in cues(own, dread_words="stuck, heavy")


def test_a_long_streak_is_critical() -> None:
    h = history(*[talk(d, feeling=-1) for d in (50, 40, 30, 20, 10)])
    assert cues(h)["dread"].severity == Severity.CRITICAL


# -- mood decline -----------------------------------------------------------------------------


def test_a_falling_feeling_trend_is_mood_decline_even_without_a_bad_streak() -> None:
    sessions = [talk(42 - 7 * k, feeling=f) for k, f in enumerate((2, 2, 1, 1, 0, 0, -1))]
    cue = cues(history(*sessions, cadence=7))["mood_decline"]
    assert "dread" not in cues(history(*sessions, cadence=7))
    assert evidence_ids(cue) == [c.uid for c in sessions[1:]]
    assert cue.explanation == (
        "How your contacts with Ada felt went down from good to neutral over the last 6, "
        "since 26 January."
    )
    assert cue.severity == Severity.WARNING  # the latest felt bad


def test_steady_or_rising_feelings_raise_no_mood_decline() -> None:
    steady = [talk(40 - 7 * k, feeling=f) for k, f in enumerate((1, 2, 1, 2, 1, 2))]
    rising = [talk(40 - 7 * k, feeling=f) for k, f in enumerate((-1, 0, 0, 1, 1, 2))]
    assert "mood_decline" not in cues(history(*steady))
    assert "mood_decline" not in cues(history(*rising))


def test_a_dip_that_still_feels_good_or_is_already_recovering_is_no_decline() -> None:
    still_good = [talk(40 - 7 * k, feeling=f) for k, f in enumerate((2, 2, 2, 1, 1, 1))]
    recovering = [talk(40 - 7 * k, feeling=f) for k, f in enumerate((2, 1, 1, -1, 0, 1))]
    assert "mood_decline" not in cues(history(*still_good))
    assert "mood_decline" not in cues(history(*recovering))


def test_a_dip_to_this_clients_usual_level_is_noise_not_decline() -> None:
    usual = [talk(200 - 7 * k, feeling=f) for k, f in enumerate((0, 1, 0, 0, 1, 0, 0, 1))]
    dip = [talk(40 - 7 * k, feeling=f) for k, f in enumerate((1, 2, 1, 0, 0, 0))]
    assert "mood_decline" in cues(history(*dip))
    assert "mood_decline" not in cues(history(*usual, *dip))


def test_a_mood_that_fell_and_stayed_low_is_still_a_decline() -> None:
    usual = [talk(120 - 7 * k, feeling=f) for k, f in enumerate((2, 1, 2, 2, 1, 2, 2, 1))]
    low = [talk(40 - 7 * k, feeling=f) for k, f in enumerate((0, 0, -1, 0, 0, 0))]
    cue = cues(history(*usual, *low))["mood_decline"]
    assert "went down from very good to neutral over the last 6" in cue.explanation
    assert cue.severity == Severity.WARNING


def test_four_ratings_are_too_few_for_a_trend() -> None:
    few = [talk(30 - 7 * k, feeling=f) for k, f in enumerate((2, 1, 1, -1))]
    assert "mood_decline" not in cues(history(*few))


def test_a_bad_streak_says_it_already_so_mood_decline_stays_quiet() -> None:
    sessions = [talk(60 - 10 * k, feeling=f) for k, f in enumerate((2, 1, 0, -1, -2, -2))]
    found = cues(history(*sessions))
    assert "dread" in found and "mood_decline" not in found


# -- missed deadlines -------------------------------------------------------------------------


def test_the_clients_commitments_past_due_are_missed_deadlines() -> None:
    missed = (
        promise("client", due=-10, text="Share the new site schedule"),
        promise("client", due=-3, text="Book the team workshop room"),
    )
    h = history(talk(5), promises=(*missed, promise("me", due=-8, done=-8)))
    cue = cues(h)["missed_deadlines"]
    assert cue.template == "accountability-recap"
    assert cue.severity == Severity.WARNING
    assert evidence_ids(cue) == [p.uid for p in missed]
    assert cue.since == dt.datetime(2026, 2, 21, tzinfo=NOW.tzinfo)
    assert cue.explanation == (
        "Ada has 2 commitments past due: “Share the new site schedule” (due 20 February) "
        "and “Book the team workshop room” (due 27 February)."
    )


def test_kept_or_future_commitments_are_not_missed() -> None:
    twin = history(
        talk(5),
        promises=(
            promise("client", due=-5, done=-6),
            promise("client", due=-3, done=-1),
            promise("client", due=0),
            promise("client", due=7),
        ),
    )
    assert "missed_deadlines" not in cues(twin)


def test_done_after_the_as_of_moment_still_counts_as_missed_then() -> None:
    h = history(promises=(promise("client", due=-10, done=2),))
    assert "missed_deadlines" in cues(h)
    assert "missed_deadlines" not in cues(h, as_of=NOW + dt.timedelta(days=3))


def test_grace_days_delay_a_missed_deadline() -> None:
    h = history(promises=(promise("client", due=-2),))
    assert "missed_deadlines" in cues(h)
    assert "missed_deadlines" not in cues(h, deadline_grace_days=3)


def test_many_or_old_missed_deadlines_are_critical() -> None:
    many = history(promises=tuple(promise("client", due=-d) for d in (2, 3, 4)))
    old = history(promises=(promise("client", due=-30),))
    assert cues(many)["missed_deadlines"].severity == Severity.CRITICAL
    assert cues(old)["missed_deadlines"].severity == Severity.CRITICAL


# -- inconsistency ----------------------------------------------------------------------------


def test_my_own_missed_and_late_commitments_are_inconsistency() -> None:
    late = promise("me", due=-25, done=-16, text="Send the reading list")
    missed = promise("me", due=-9, text="Written feedback on the pitch deck")
    h = history(*weekly_sessions(5), promises=(late, missed), cadence=7)
    cue = cues(h)["inconsistency"]
    assert cue.template == "reconnect-after-lapse"
    assert cue.severity == Severity.WARNING
    assert evidence_ids(cue) == [late.uid, missed.uid]
    assert cue.explanation == (
        "Your own word slipped with Ada: “Written feedback on the pitch deck” is 9 days overdue "
        "and “Send the reading list” came 9 days late."
    )


def test_several_late_commitments_are_counted_in_the_look_back() -> None:
    late = tuple(promise("me", due=-d - 5, done=-d) for d in (10, 20))
    only_late = cues(history(*weekly_sessions(5), promises=late, cadence=7))["inconsistency"]
    assert only_late.explanation == (
        "Your own word slipped with Ada: 2 of your commitments came late in the last 60 days."
    )
    both = cues(history(promises=(*late, promise("me", due=-3, text="Call back"))))
    assert both["inconsistency"].explanation.endswith(
        "“Call back” is 3 days overdue and 2 others came late in the last 60 days."
    )


def test_commitments_kept_on_time_are_consistent() -> None:
    twin = history(
        *weekly_sessions(5),
        promises=(
            promise("me", due=-12, done=-13),
            promise("me", due=-3, done=-3),
            promise("me", due=4),
        ),
        cadence=7,
    )
    assert "inconsistency" not in cues(twin)


def test_a_late_promise_long_ago_is_forgiven() -> None:
    h = history(*weekly_sessions(5), promises=(promise("me", due=-200, done=-190),), cadence=7)
    assert "inconsistency" not in cues(h)


def test_a_rhythm_that_keeps_swinging_from_the_agreed_one_is_inconsistency() -> None:
    swinging = [talk(d) for d in (55, 34, 27, 6, 1)]  # gaps of 21 and 21 days against 7
    cue = cues(history(*swinging, cadence=7))["inconsistency"]
    assert cue.explanation == (
        "Your contact rhythm swings with Ada: contact gaps of 21 and 21 days against the agreed "
        "rhythm (weekly)."
    )
    assert "inconsistency" not in cues(history(*[talk(d) for d in (34, 27, 6, 1)], cadence=7))


# -- the as-of moment -------------------------------------------------------------------------


def test_interactions_after_the_as_of_moment_have_not_happened_yet() -> None:
    h = history(reply(30), out(20), out(13), out(6), reply(-2))
    assert "unanswered" in cues(h)
    assert "unanswered" not in cues(h, as_of=NOW + dt.timedelta(days=3))


def test_cues_are_worst_first() -> None:
    h = history(
        talk(60, feeling=1),
        out(25),
        out(18),
        out(11),
        out(5),
        promises=(promise("client", due=-2),),
    )
    from journal.cues.engine import evaluate
    from journal.cues.thresholds import Thresholds

    found = evaluate(h, Thresholds.default(), NOW)
    assert [c.severity for c in found] == sorted((c.severity for c in found), reverse=True)
    assert found[0].kind == "unanswered"


def test_as_of_must_carry_a_time_zone() -> None:
    from journal.cues.engine import evaluate
    from journal.cues.thresholds import Thresholds

    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(history(), Thresholds.default(), at(0).replace(tzinfo=None))


def test_dread_words_count_in_either_language() -> None:
    """A Swedish coach's list ("obehag, slutkörd") counts the chip "dread" and an English word
    typed; the English default counts "utmattad" typed in Swedish (stored as "drained")."""
    chips = history(*[talk(d, feeling=0, emotions=("dread",)) for d in (20, 10, 3)])
    assert "dread" in cues(chips, dread_words="obehag, slutkörd")
    typed = history(*[talk(d, feeling=0, emotions=("exhausted",)) for d in (20, 10, 3)])
    assert "dread" in cues(typed, dread_words="obehag, slutkörd")
    swedish = history(*[talk(d, feeling=0, emotions=("slutkörd",)) for d in (20, 10, 3)])
    assert "dread" in cues(swedish)  # the default list: dread, drained, exhausted, resentful
    other = history(*[talk(d, feeling=0, emotions=("lugn",)) for d in (20, 10, 3)])
    assert "dread" not in cues(other, dread_words="obehag, slutkörd")
