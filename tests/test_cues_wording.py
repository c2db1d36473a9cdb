"""Cue explanations in the app's language: English as it always was, Swedish as a coach writes.

The rules state facts (journal.cues.messages); `render` says them. These tests read the
sentences a coach would read, in both languages, from the same stories as test_cues_rules.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from journal import i18n, settings
from journal.cli.main import run
from journal.clients import find_client
from journal.cues import messages, wording
from journal.cues.api import all_cues, cues_for_client
from journal.cues.engine import evaluate
from journal.cues.history import History
from journal.cues.model import KINDS, Cue
from journal.cues.speaker import Speaker
from journal.cues.thresholds import Thresholds
from journal.interchange.demo import demo_document
from journal.store.database import Journal, open_journal
from journal.values.dates import every_n_days
from journal.values.names import first_name
from tests.conftest import NOW
from tests.support.cue_histories import at, history, out, promise, reply, talk, weekly_sessions


def explained(h: History, lang: str, as_of: dt.datetime = NOW) -> dict[str, str]:
    return {c.kind: c.explanation for c in evaluate(h, Thresholds.default(), as_of, lang)}


def both(h: History, kind: str) -> tuple[str, str]:
    return explained(h, "en")[kind], explained(h, "sv")[kind]


# -- every kind, from the stories test_cues_rules tells, in both languages -------------------


def test_unanswered_emails_in_both_languages() -> None:
    h = history(reply(30, feeling=1), out(20), out(13), out(6))
    assert both(h, "unanswered") == (
        "3 emails since 10 February without a reply; Ada last replied by email on 31 January.",
        "3 mejl sedan 10 februari utan svar; Ada svarade senast via mejl den 31 januari.",
    )


def test_a_closed_loop_hands_the_next_move_to_the_client_in_both_languages() -> None:
    h = history(reply(30), out(20), out(13), out(6), out(1, template="closing-the-loop"))
    assert both(h, "unanswered") == (
        "3 emails since 10 February without a reply; you closed the loop on 1 March, "
        "so the next move is Ada's.",
        "3 mejl sedan 10 februari utan svar; du knöt ihop säcken den 1 mars, "
        "så nu är det upp till Ada att höra av sig.",
    )


@pytest.mark.parametrize(
    ("last", "english", "swedish"),
    [
        (
            talk(21, "phone"),
            "the last call got through on 9 February.",
            "det senaste samtalet gick fram den 9 februari.",
        ),
        (
            talk(21, "video"),
            "the last video call got through on 9 February.",
            "det senaste videosamtalet gick fram den 9 februari.",
        ),
        (
            talk(21, "meeting"),
            "you last met in person on 9 February.",
            "ni sågs senast den 9 februari.",
        ),
        (
            talk(21, "email"),
            "your last email exchange was on 9 February.",
            "er senaste mejlväxling var den 9 februari.",
        ),
        (
            reply(21, "message"),
            "Ada last replied by message on 9 February.",
            "Ada svarade senast via sms den 9 februari.",
        ),
        (
            reply(21, "phone"),
            "Ada last replied by phone on 9 February.",
            "Ada svarade senast per telefon den 9 februari.",
        ),
    ],
)
def test_the_last_contact_that_got_through_is_named(last, english, swedish) -> None:
    en, sv = both(history(last, out(5)), "unanswered")
    assert en.endswith(english) and sv.endswith(swedish)


def test_nothing_back_yet_and_one_email_singular() -> None:
    en, sv = both(history(out(5)), "unanswered")
    assert en == "1 email since 25 February without a reply; nothing has come back from Ada yet."
    assert sv == "1 mejl sedan 25 februari utan svar; Ada har inte hört av sig ännu."


def test_mixed_channels_are_counted_with_swedish_plurals() -> None:
    h = history(talk(30, "phone"), out(20), out(15, "phone"), out(13), out(6), out(5, "meeting"))
    assert explained(h, "sv")["unanswered"].startswith(
        "3 mejl, 1 möte och 1 samtal sedan 10 februari utan svar;"
    )
    assert explained(h, "en")["unanswered"].startswith(
        "3 emails, 1 meeting and 1 call since 10 February without a reply;"
    )


def test_channel_mismatch_in_both_languages() -> None:
    emails = (out(33), out(26), out(14), out(4))
    calls = (talk(21, "phone"), talk(9, "phone"))
    h = history(talk(40, "meeting"), *emails, *calls, preferred="email")
    assert both(h, "channel_mismatch") == (
        "4 emails to Ada since 28 January got no reply in time, while 2 calls got through; "
        "try a phone call (the profile still says email).",
        "4 mejl till Ada sedan 28 januari har inte fått något svar i tid, "
        "medan 2 samtal gick fram; prova ett telefonsamtal (i profilen står fortfarande mejl).",
    )


def test_channel_mismatch_suggests_meeting_when_meetings_happen() -> None:
    h = history(out(33), out(26), out(14), out(4), talk(21, "meeting"))
    en, sv = both(h, "channel_mismatch")
    assert en.endswith("while 1 meeting got through; try meeting in person.")
    assert sv.endswith("medan 1 möte blev av; prova att ses.")


def test_neglect_against_an_agreed_rhythm_in_both_languages() -> None:
    calls = [talk(d, "phone") for d in (36, 32, 28, 24, 13)]
    assert both(history(*calls, cadence=4), "neglect") == (
        "No real contact with Ada for 13 days (last on 17 February), "
        "against the agreed rhythm (every 4 days).",
        "Ingen riktig kontakt med Ada på 13 dagar (senast den 17 februari), "
        "fast ni har kommit överens om kontakt var 4:e dag.",
    )


def test_neglect_against_the_usual_rhythm_in_both_languages() -> None:
    en, sv = both(history(*[talk(40 + 7 * k) for k in range(6)]), "neglect")
    assert en.endswith("while the usual rhythm is about every 7 days.")
    assert sv.endswith("medan den vanliga rytmen är ungefär var 7:e dag.")


def test_over_contact_in_both_languages() -> None:
    flood = [reply(13 - k, hour=8 + k % 10) for k in range(13)]
    h = history(talk(45), talk(38), talk(14, "meeting"), *flood, cadence=7)
    assert both(h, "over_contact") == (
        "13 messages from Ada in the last 14 days (since 17 February), "
        "about 6 times what the agreed rhythm (weekly) would bring.",
        "13 meddelanden från Ada de senaste 14 dagarna (sedan 17 februari), "
        "ungefär 6 gånger så många som kontakt varje vecka skulle ge.",
    )


def test_over_contact_without_an_earlier_rhythm() -> None:
    en, sv = both(history(*[reply(12 - k) for k in range(12)]), "over_contact")
    assert en.endswith("with no earlier rhythm to compare.")
    assert sv.endswith("och ingen tidigare rytm att jämföra med.")


def test_dread_in_both_languages() -> None:
    bad = (
        talk(45, "meeting", feeling=-1, emotions=("drained",)),
        talk(31, "meeting", feeling=-2, emotions=("dread",)),
        talk(17, "meeting", feeling=-2, emotions=("dread", "drained")),
        talk(3, "meeting", feeling=-2, emotions=("dread",)),
    )
    assert both(history(talk(60, "meeting", feeling=0), *bad), "dread") == (
        "The last 4 interactions with Ada felt bad (dread, drained), since 16 January.",
        "De senaste 4 kontakterna med Ada har känts tunga (obehag, utmattad), sedan 16 januari.",
    )


def test_mood_decline_in_both_languages() -> None:
    sessions = [talk(42 - 7 * k, feeling=f) for k, f in enumerate((2, 2, 1, 1, 0, 0, -1))]
    en, sv = both(history(*sessions, cadence=7), "mood_decline")
    assert en == (
        "How your contacts with Ada felt went down from good to neutral over the last 6, "
        "since 26 January."
    )
    assert sv == (
        "Känslan i kontakterna med Ada har sjunkit från bra till neutral "
        "under de senaste 6 gångerna, sedan 26 januari."
    )


@pytest.mark.parametrize(
    ("due", "english", "swedish"),
    [
        (
            (-10,),
            "Ada has not done “Task 0”, due 20 February.",
            "Ada har inte gjort ”Task 0”, som skulle ha varit klart den 20 februari.",
        ),
        (
            (-10, -3),
            "Ada has 2 commitments past due: “Task 0” (due 20 February) "
            "and “Task 1” (due 27 February).",
            "Ada har 2 försenade åtaganden: ”Task 0” (senast 20 februari) "
            "och ”Task 1” (senast 27 februari).",
        ),
        (
            (-40, -10, -3),
            "Ada has 3 commitments past due since 21 January, the oldest “Task 0”.",
            "Ada har 3 försenade åtaganden sedan 21 januari, det äldsta ”Task 0”.",
        ),
    ],
)
def test_missed_deadlines_one_two_and_many(due, english, swedish) -> None:
    promises = tuple(promise("client", due=d, text=f"Task {k}") for k, d in enumerate(due))
    assert both(history(talk(5), promises=promises), "missed_deadlines") == (english, swedish)


def test_inconsistency_missed_and_late_in_both_languages() -> None:
    late = promise("me", due=-25, done=-16, text="Send the reading list")
    missed = promise("me", due=-9, text="Written feedback on the pitch deck")
    h = history(*weekly_sessions(5), promises=(late, missed), cadence=7)
    assert both(h, "inconsistency") == (
        "Your own word slipped with Ada: “Written feedback on the pitch deck” is 9 days overdue "
        "and “Send the reading list” came 9 days late.",
        "Du har inte hållit allt du lovat Ada: ”Written feedback on the pitch deck” skulle ha "
        "varit klart för 9 dagar sedan och ”Send the reading list” blev klart 9 dagar för sent.",
    )


def test_inconsistency_counts_in_both_languages() -> None:
    late = tuple(promise("me", due=-d - 5, done=-d) for d in (10, 20))
    only_late = history(*weekly_sessions(5), promises=late, cadence=7)
    assert both(only_late, "inconsistency") == (
        "Your own word slipped with Ada: 2 of your commitments came late in the last 60 days.",
        "Du har inte hållit allt du lovat Ada: "
        "2 av dina åtaganden blev klara för sent de senaste 60 dagarna.",
    )
    with_missed = history(promises=(*late, promise("me", due=-1, text="Call back")))
    en, sv = both(with_missed, "inconsistency")
    assert en.endswith("“Call back” is 1 day overdue and 2 others came late in the last 60 days.")
    assert sv.endswith(
        "”Call back” skulle ha varit klart för 1 dag sedan "
        "och 2 andra blev klara för sent de senaste 60 dagarna."
    )


def test_a_swinging_rhythm_in_both_languages() -> None:
    swinging = [talk(d) for d in (55, 34, 27, 6, 1)]
    assert both(history(*swinging, cadence=7), "inconsistency") == (
        "Your contact rhythm swings with Ada: contact gaps of 21 and 21 days against the agreed "
        "rhythm (weekly).",
        "Kontaktrytmen med Ada svänger: det har gått 21 och 21 dagar mellan kontakterna, "
        "fast ni har kommit överens om kontakt varje vecka.",
    )


# -- the pieces: dates, rhythms, plurals --------------------------------------------------------


def test_dates_drop_the_current_year_and_follow_the_coachs_zone() -> None:
    sv = Speaker(NOW, "sv")
    assert sv.day(dt.date(2026, 3, 2)) == "2 mars"
    assert sv.day(dt.date(2025, 12, 24)) == "24 december 2025"
    late_evening_utc = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 in Stockholm
    assert sv.day(late_evening_utc) == "2 mars"
    assert Speaker(NOW, "en").day(late_evening_utc) == "2 March"


def test_dates_from_another_year_keep_it_in_a_sentence() -> None:
    h = history(out(100), out(93))
    as_of = at(0) + dt.timedelta(days=-40)  # 21 January 2026; the emails went in November
    assert explained(h, "sv", as_of)["unanswered"] == (
        "2 mejl sedan 22 november 2025 utan svar; Ada har inte hört av sig ännu."
    )


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "varje dag"),
        (2, "varannan dag"),
        (3, "var 3:e dag"),
        (11, "var 11:e dag"),
        (12, "var 12:e dag"),
        (21, "var 21:a dag"),
        (22, "var 22:a dag"),
        (30, "var 30:e dag"),
    ],
)
def test_swedish_rhythms_read_as_spoken(days, words) -> None:
    assert every_n_days(days, "sv") == words == Speaker(NOW, "sv").every(days)


def test_swedish_counts_agree_with_their_number() -> None:
    sv = Speaker(NOW, "sv")
    assert [sv.noun("email", n) for n in (1, 3)] == ["1 mejl", "3 mejl"]
    assert [sv.noun("meeting", n) for n in (1, 2)] == ["1 möte", "2 möten"]
    assert [sv.days(n) for n in (1, 2)] == ["1 dag", "2 dagar"]
    en = Speaker(NOW, "en")
    assert [en.noun("phone", n) for n in (1, 2)] == ["1 call", "2 calls"]
    assert [en.days(n) for n in (1, 2)] == ["1 day", "2 days"]


# -- every kind renders in both languages, and the language is a pure input -------------------

SAMPLES: dict[str, messages.Message] = {
    "unanswered": messages.Unanswered("Ada", ("email", "email"), at(10), None),
    "channel_mismatch": messages.ChannelMismatch("Ada", "email", 3, at(20), "phone", 2, True),
    "neglect": messages.Neglect("Ada", 20, at(20), 7, None),
    "inconsistency": messages.Inconsistency("Ada", (("Call back", 3),), (), 60, (), 7),
    "missed_deadlines": messages.MissedDeadlines("Ada", (("Send it", dt.date(2026, 2, 20)),)),
    "over_contact": messages.OverContact("Ada", 12, 14, at(13), 4.2, None),
    "dread": messages.Dread("Ada", 3, at(30), ()),
    "mood_decline": messages.MoodDecline("Ada", 1.5, -0.5, 6, at(40)),
    "conduct": messages.Conduct("Ada", "asked_before_advising", 3, 5, at(30)),
}


def test_every_kind_has_a_sentence_in_each_language() -> None:
    assert set(SAMPLES) == set(KINDS)
    english_words = (" since ", " days", " with Ada", " the ", " and ", "without")
    for kind, message in SAMPLES.items():
        en, sv = wording.render(message, "en", NOW), wording.render(message, "sv", NOW)
        assert message.key == kind
        for text in (en, sv):
            assert text.endswith(".") and ". " not in text and text[0] == text[0].upper(), text
            assert "Ada" in text or kind == "unanswered", text
        assert not any(word in sv for word in english_words), sv


def test_an_unknown_language_falls_back_to_english() -> None:
    message = SAMPLES["neglect"]
    assert wording.render(message, "fi", NOW) == wording.render(message, "en", NOW)


def test_evaluate_is_english_unless_asked_and_the_language_changes_only_the_words() -> None:
    h = history(reply(30, feeling=1), out(20), out(13), out(6), promises=(promise("me", -9),))
    english = evaluate(h, Thresholds.default(), NOW)
    swedish = evaluate(h, Thresholds.default(), NOW, "sv")
    assert english == evaluate(h, Thresholds.default(), NOW, "en")
    assert [c.explanation for c in english] != [c.explanation for c in swedish]

    def facts(cues: list[Cue]) -> list[tuple[object, ...]]:
        return [(c.kind, c.severity, c.since, c.evidence, c.template) for c in cues]

    assert facts(english) == facts(swedish)


# -- the journal's language setting -----------------------------------------------------------


def test_the_engine_speaks_the_language_the_process_speaks(demo_journal: Journal) -> None:
    """The app and the CLI speak the journal's setting (or --lang) from the moment it opens;
    cue sentences follow, so a window in Swedish never shows an English cue."""
    maja = find_client("Maja")
    assert cues_for_client(maja, NOW)[0].explanation.startswith("4 emails since 5 February")
    i18n.use("sv")
    assert cues_for_client(maja, NOW)[0].explanation == (
        "4 mejl sedan 5 februari utan svar; Maja svarade senast via mejl den 3 februari."
    )
    assert cues_for_client(maja, NOW, lang="en")[0].explanation.startswith("4 emails")
    assert all_cues(NOW, lang="en") != all_cues(NOW)


def test_every_swedish_demo_cue_reads_as_one_sentence_naming_the_client(
    demo_journal: Journal,
) -> None:
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    found = all_cues(NOW)
    assert {c.kind for c in found} == set(KINDS)
    for cue in found:
        text = cue.explanation
        assert text.endswith(".") and text.replace("Dr. ", "Dr ").count(". ") == 0, text
        assert text[0].isupper() or text[0].isdigit(), text
        first = first_name(cue.client)
        if cue.kind != "unanswered" or "svarade" in text:
            assert first in text, text
        assert " since " not in text and " days" not in text, text


def test_cues_json_follows_the_language_setting(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "demo.json"
    source.write_text(json.dumps(demo_document(NOW)), encoding="utf-8")
    assert run(["import", str(source)]) == 0

    def explanations() -> list[str]:
        capsys.readouterr()
        assert run(["cues", "--client", "Maja", "--as-of", NOW.isoformat(), "--json"]) == 0
        return [c["explanation"] for c in json.loads(capsys.readouterr().out)]

    assert explanations()[0].startswith("4 emails since 5 February without a reply")
    journal = open_journal(home)
    settings.set_value("language", "sv")
    i18n.use("sv")  # as the app and the CLI do once the journal opens
    journal.close()
    assert explanations()[0].startswith("4 mejl sedan 5 februari utan svar")


def test_days_read_the_same_everywhere_in_the_app() -> None:
    from journal.values.dates import day_label

    today = dt.date(2026, 3, 2)
    assert day_label(dt.date(2026, 2, 18), today) == "Wed 18 Feb"
    assert day_label(dt.date(2025, 12, 22), today) == "Mon 22 Dec 2025"
    assert day_label(dt.date(2026, 2, 18), today, weekday=False) == "18 Feb"
