"""Templates: the bundled library, filling from the journal, the user's versions and sets."""

from __future__ import annotations

import datetime as dt
import json
import locale
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from journal import settings
from journal.cues.api import cues_for_client
from journal.cues.model import KINDS, Cue, EvidenceRef, Severity
from journal.errors import UserInputError
from journal.store.home import database_path
from journal.store.models import Client, Interaction
from journal.templates import filling, library, text
from journal.values import dates
from tests.conftest import NOW

GAP = re.compile(r"\[\[([a-z_]+)\]\]")


def _client(name: str) -> Client:
    return Client.get(Client.name == name)


def _cue(kind: str, client: Client, template: str | None, evidence: tuple[str, ...] = ()) -> Cue:
    return Cue(
        kind,
        client.id,
        client.name,
        Severity.WARNING,
        NOW - dt.timedelta(days=5),
        tuple(EvidenceRef("interaction", uid) for uid in evidence),
        "Four emails without a reply.",
        template,
    )


def test_the_library_has_every_template_in_both_languages_answering_real_cue_kinds() -> None:
    bundled = library.builtin_templates()
    assert set(bundled) == {(t, lang) for t in library.BUILTIN_IDS for lang in ("en", "sv")}
    for template in bundled.values():
        assert set(template.answers) <= set(KINDS)
        assert template.title and template.subject and template.body
    answered = {kind for t in bundled.values() for kind in t.answers}
    # every cue has words to go with it, but conduct: the work it asks for is the coach's own
    assert answered == set(KINDS) - {"conduct"}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_template_fills_for_every_demo_client_leaving_only_marked_gaps(
    demo_journal, lang: str
) -> None:
    settings.set_value("my_name", "Anna Berg")
    for client in Client.select():
        for template in library.list_templates(lang):
            filled = filling.render(template, client, NOW)
            message = f"{filled.subject}\n{filled.body}"
            assert "{" not in message and "}" not in message, (client.name, template.id)
            assert GAP.findall(message) == [g for g in GAP.findall(message) if g in filled.gaps]
            assert set(filled.gaps) == set(GAP.findall(message))
            assert set(filled.gaps) <= set(text.PLACEHOLDERS)
            # What the journal knows is never left as a gap.
            assert not {"client_first_name", "client_name", "signature"} & set(filled.gaps)


def test_closing_the_loop_is_the_short_one_paragraph_message(demo_journal) -> None:
    settings.set_value("my_name", "Anna Berg")
    maja = _client("Maja Lindqvist")
    filled = filling.render(library.get_template("closing-the-loop", "en"), maja, NOW)
    assert filled.subject == "Closing the loop"
    assert filled.gaps == ()
    greeting, message, goodbye = filled.body.split("\n\n")
    assert greeting == "Hi Maja,"
    assert message.startswith(
        "I haven't heard back from you about the leadership programme, so I assume you went "
        "another direction or your priorities changed."
    )
    assert goodbye == "Best wishes,\nAnna Berg"

    swedish = filling.render(library.get_template("closing-the-loop", "sv"), maja, NOW)
    assert swedish.subject == "Jag knyter ihop säcken"
    assert swedish.body.startswith("Hej Maja!\n\nJag har inte hört något från dig om")


def test_unknown_values_are_marked_for_the_user_never_silently_blank(demo_journal) -> None:
    greta = _client("Greta Holm")  # no commitments, no settings yet
    filled = filling.render(library.get_template("accountability-recap", "en"), greta, NOW)
    assert "[[open_commitments]]" in filled.body
    assert "Best wishes,\n[[signature]]" in filled.body
    assert filled.gaps == ("open_commitments", "signature")

    unfilled = filling.fill(library.get_template("closing-the-loop", "en"), {})
    assert unfilled.gaps == ("client_first_name", "project", "signature")


def test_commitments_and_dates_read_naturally_in_each_language(demo_journal) -> None:
    priya = _client("Dr. Priya Raman")
    values = filling.context_values(priya, "sv", NOW)
    assert values["client_first_name"] == "Priya"
    assert values["open_commitments"] == (
        "Från din sida:\n- Send the staff survey results (senast 24 februari 2026)\n\n"
        "Från min sida:\n- Draft the session outline (senast 5 mars 2026)"
    )
    assert values["last_contact_date"] == "21 februari 2026"
    english = filling.context_values(priya, "en", NOW)
    assert english["my_commitments"] == "- Draft the session outline (due 5 March 2026)"
    assert english["client_commitments"] == "- Send the staff survey results (due 24 February 2026)"
    assert english["preferred_channel"] == "email"
    assert english["today"] == "2 March 2026"


# Locales whose month names are not English: the app's own process has one on such a machine
# (QApplication calls setlocale(LC_ALL, "")). .ci/run makes sv_SE.UTF-8 where it is missing.
FOREIGN_LOCALES = ("sv_SE.UTF-8", "sv_SE.utf8", "sv_SE", "de_DE.UTF-8", "de_DE.utf8", "de_DE")


@pytest.fixture
def foreign_process_locale() -> Iterator[str]:
    """The process's dates in Swedish (or German) for the test, set back afterwards."""
    before = locale.setlocale(locale.LC_TIME)
    for name in FOREIGN_LOCALES:
        try:
            chosen = locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        break
    else:
        pytest.skip(
            "no Swedish or German locale can be set here (`locale -a`); on Debian as root: "
            "localedef -i sv_SE -f UTF-8 sv_SE.UTF-8"
        )
    try:
        yield chosen
    finally:
        locale.setlocale(locale.LC_TIME, before)


def test_dates_use_the_language_table_not_the_process_locale(
    demo_journal, foreign_process_locale: str
) -> None:
    # The process itself now writes month names in another language...
    assert f"{dt.date(2026, 10, 31):%B}".lower() == "oktober", foreign_process_locale
    # ...yet what the coach sends and reads stays in the journal's language.
    assert dates.format_date(dt.date(2026, 10, 31), "en") == "31 October 2026"
    assert dates.format_date(dt.date(2026, 3, 2), "sv") == "2 mars 2026"
    english = [dates.format_date(dt.date(2026, m, 1), "en").split()[1] for m in range(1, 13)]
    assert english == [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]  # fmt: skip
    swedish = [dates.format_date(dt.date(2026, m, 1), "sv").split()[1] for m in range(1, 13)]
    assert swedish[0] == "januari" and swedish[4] == "maj" and swedish[11] == "december"

    priya = _client("Dr. Priya Raman")
    filled = filling.context_values(priya, "en", NOW)
    assert filled["today"] == "2 March 2026"
    assert filled["my_commitments"] == "- Draft the session outline (due 5 March 2026)"
    assert filling.context_values(priya, "sv", NOW)["last_contact_date"] == "21 februari 2026"
    maja = _client("Maja Lindqvist")
    assert cues_for_client(maja, NOW, lang="en")[0].explanation.startswith(
        "4 emails since 5 February"
    )


def test_switch_channel_offers_the_channel_that_gets_through(demo_journal) -> None:
    priya = _client("Dr. Priya Raman")  # emails ignored, calls work
    switch = library.get_template("switch-channel", "en")
    assert "Would a short phone call suit you better?" in filling.render(switch, priya, NOW).body
    assert (
        "ett kort telefonsamtal"
        in filling.render(library.get_template("switch-channel", "sv"), priya, NOW).body
    )
    # A cue's own evidence wins over the history: here a video call got through.
    video = Interaction.create(
        client=priya,
        at=NOW - dt.timedelta(days=1),
        channel="video",
        direction="two_way",
        summary="Video call",
    )
    cue = _cue("channel_mismatch", priya, "switch-channel", (video.uid,))
    assert "a short video call" in filling.render(switch, priya, NOW, cue).body


def test_a_cue_opens_its_own_suggestion_or_one_that_answers_its_kind(demo_journal) -> None:
    maja = _client("Maja Lindqvist")
    assert library.template_for_cue(_cue("unanswered", maja, "closing-the-loop"), "sv").id == (
        "closing-the-loop"
    )
    assert library.template_for_cue(_cue("over_contact", maja, None), "en").id == ("set-boundaries")
    assert library.template_for_cue(_cue("dread", maja, "gone-template"), "en").id == (
        "let-go-referral"
    )


def test_placeholder_syntax_is_checked_with_a_one_line_message() -> None:
    with pytest.raises(UserInputError, match=r"body: unknown placeholder \{projekt\}") as info:
        text.check_text("Hej {projekt}", "body")
    assert "\n" not in str(info.value) and "{project}" in str(info.value)
    with pytest.raises(UserInputError, match="a lone '}'"):
        text.check_text("oops }", "body")
    text.check_text("Literal {{braces}} are fine", "body")
    gaps: list[str] = []
    assert text.fill_text("{{x}} {my_name}", {"my_name": "Anna"}, gaps) == "{x} Anna"


def test_an_edited_built_in_is_kept_as_my_version_until_restored(demo_journal) -> None:
    original = library.get_template("closing-the-loop", "en")
    mine = library.save_template(
        "closing-the-loop",
        "en",
        title=original.title,
        subject="Closing the loop 🙂",
        body=original.body.replace("Best wishes", "Warmly"),
        answers=original.answers,
    )
    assert mine.origin == text.EDITED
    reread = library.get_template("closing-the-loop", "en")
    assert reread.subject == "Closing the loop 🙂" and "Warmly," in reread.body
    assert [t.origin for t in library.list_templates("en") if t.id == "closing-the-loop"] == [
        text.EDITED
    ]
    assert library.get_template("closing-the-loop", "sv").origin == text.BUILT_IN

    assert library.restore_original("closing-the-loop", "en") == original
    assert library.get_template("closing-the-loop", "en") == original


def test_saving_a_built_ins_own_text_stores_nothing(demo_journal) -> None:
    original = library.get_template("set-boundaries", "sv")
    saved = library.save_template(
        original.id,
        "sv",
        title=original.title,
        subject=original.subject,
        body=original.body + "\n\n",
        answers=list(original.answers),
    )
    assert saved.origin == text.BUILT_IN
    assert not [t for t in library.list_templates() if t.origin != text.BUILT_IN]


def test_my_own_templates_are_checked_at_save_and_can_be_deleted(demo_journal) -> None:
    new_id = library.new_template_id("Uppföljning efter mötet", "sv")
    assert new_id == "uppfoljning-efter-motet"
    with pytest.raises(UserInputError, match=r"unknown placeholder \{projekt\}"):
        library.save_template(
            new_id,
            "sv",
            title="Uppföljning",
            subject="Om {projekt}",
            body="Hej {client_first_name}!",
            answers=["neglect"],
        )
    with pytest.raises(UserInputError, match="'snooze' is not a cue kind"):
        library.save_template(
            new_id, "sv", title="Uppföljning", subject="Hej", body="Hej", answers=["snooze"]
        )
    assert library.get_template_or_none(new_id, "sv") is None  # nothing half-saved

    saved = library.save_template(
        new_id,
        "sv",
        title="Uppföljning",
        subject="Efter mötet om {project}",
        body="Hej {client_first_name}!\n\nTack för i dag.",
        answers=["neglect"],
    )
    assert saved.origin == text.OWN
    assert library.suggested_for("neglect", "sv")[-1].id == new_id
    with pytest.raises(UserInputError, match="no English version; it exists in Svenska"):
        library.get_template(new_id, "en")
    assert library.new_template_id("Uppföljning efter mötet", "sv") == new_id + "-2"
    with pytest.raises(UserInputError, match="built in; use restore original"):
        library.delete_template("closing-the-loop", "en")
    library.delete_template(new_id, "sv")
    assert library.get_template_or_none(new_id, "sv") is None


def test_my_templates_are_stored_encrypted_inside_the_journal(demo_journal, home: Path) -> None:
    library.save_template(
        "secret-words",
        "en",
        title="Secret",
        subject="Hello",
        body="Xylophone-marmalade-7731",
        answers=[],
    )
    demo_journal.close()
    raw = database_path(home).read_bytes()
    assert b"Xylophone-marmalade-7731" not in raw
    assert not list(home.rglob("*.txt"))  # no plaintext copy beside the journal


def test_a_template_set_travels_and_imports_all_or_nothing(demo_journal, tmp_path: Path) -> None:
    library.save_template(
        "thanks",
        "en",
        title="Thanks",
        subject="Thank you, {client_first_name}",
        body="It was good to talk today.\n\n{signature}",
        answers=[],
    )
    target = tmp_path / "set.json"
    assert library.export_set(target) == 17
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "rapport-templates" and data["version"] == 1
    assert "Hej {client_first_name}!" in target.read_text(encoding="utf-8")  # readable UTF-8

    library.delete_template("thanks", "en")
    for item in data["templates"]:
        if item["id"] == "agree-rhythm" and item["lang"] == "sv":
            item["body"] = item["body"].replace("två gånger", "en gång")
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = library.import_set(target)
    assert summary == library.ImportSummary(added=1, replaced=1, unchanged=15)
    assert "en gång i veckan" in library.get_template("agree-rhythm", "sv").body
    assert library.get_template("thanks", "en").origin == text.OWN

    data["templates"].append({**data["templates"][0], "id": "broken", "body": "Hi {nmae}"})
    data["templates"][0]["body"] = "Changed, but must not be saved"
    target.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserInputError, match=r"templates\[17\]\.body: unknown placeholder"):
        library.import_set(target)
    assert library.get_template("closing-the-loop", "en").body.startswith("Hi {client_")


def test_a_file_that_is_not_a_template_set_is_refused_clearly(journal, tmp_path: Path) -> None:
    wrong = tmp_path / "journal.json"
    wrong.write_text('{"format": "rapport-journal", "version": 1}', encoding="utf-8")
    with pytest.raises(UserInputError, match="not a Rapport template set"):
        library.import_set(wrong)
    with pytest.raises(UserInputError, match="no such file"):
        library.import_set(tmp_path / "missing.json")


def test_mailto_keeps_swedish_letters_emoji_and_line_breaks() -> None:
    subject = "Läget för åtaganden 🙂 & nästa steg?"
    body = "Hej Åsa!\n\nTack för i dag 🌱. 50% klart, #3 + #4 kvar.\n\nVänliga hälsningar"
    url = filling.mailto_url("åsa.öberg@exempel.se", subject, body)
    assert url.isascii() and " " not in url and "+" not in url
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "åsa.öberg@exempel.se"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]


def test_log_as_sent_starts_the_unanswered_clock(demo_journal) -> None:
    maja = _client("Maja Lindqvist")
    interaction = filling.log_sent(maja, "Closing the loop", "Hi Maja,\n\n…", NOW)
    stored = Interaction.get_by_id(interaction.id)
    assert (stored.direction, stored.channel, stored.awaits_reply) == ("out", "email", True)
    assert stored.summary == "Closing the loop" and stored.notes == "Hi Maja,\n\n…"
    assert stored.at == NOW


def test_a_journal_from_before_templates_gains_the_table(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.store import migrations
    from journal.store.database import open_journal
    from tests.test_migrations import PASSPHRASE, _old_journal

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    _old_journal(home, version=migrations.STEPS.index(migrations._user_templates))
    with open_journal(home):
        library.save_template(
            "after-upgrade", "en", title="After", subject="Hi", body="Hi", answers=[]
        )
        assert library.get_template("after-upgrade", "en").origin == text.OWN
