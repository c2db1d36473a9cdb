"""The command line speaks the chosen language (issue 16): --lang, else the journal's
`language` setting, else the system's. Counts agree with their number in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal import i18n, settings
from journal.cli.common import counted_clients, counted_commitments, counted_interactions
from journal.cli.main import run
from journal.interchange.demo import demo_document
from journal.store.database import open_journal
from tests.conftest import NOW

# What these commands print in English; none of it may reach a Swedish coach.
ENGLISH = (
    "Imported",
    "Exported",
    "clients",
    "interaction",
    "commitment",
    "last contact",
    "next follow-up",
    "never",
    "you wrote",
    "Logged",
    "with ",
    "both ways",
    "it felt",
    "Nothing found",
    "already exists",
    "pass --force",
    "usage:",
    "the following arguments",
    "show this help",
    "Subject:",
    "answers:",
    "your passphrase",
    "Closing the loop",
    "fill in before sending",
)
# The help's own words and its placeholders (metavars), which its Swedish text names in Swedish.
HELP_ENGLISH = (
    "usage:",
    "show this help",
    "options",
    "positional arguments",
    "COMMAND",
    "FILE",
    "DIR",
    "CLIENT",
    "SUMMARY",
    "QUERY",
    "NAME",
    "WHEN",
    "DATE",
    "KIND",
    "RHYTHM",
    "BACKUP",
)
ENGLISH += HELP_ENGLISH


def rapport(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def no_english(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English in Swedish output: {found}\n{text}"


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(demo_document(NOW)), encoding="utf-8")
    return path


def test_import_clients_log_search_and_export_in_swedish(capsys, demo_file, tmp_path) -> None:
    code, out, err = rapport(capsys, "--lang", "sv", "import", str(demo_file))
    assert (code, err) == (0, "")
    assert out.startswith("Importerade 9 klienter, ") and " kontakter och " in out
    no_english(out)

    code, out, _ = rapport(capsys, "--lang", "sv", "clients")
    assert code == 0 and "senaste kontakt" in out and "öppna åtaganden" in out
    assert "aktiv" in out and "nästa uppföljning" in out
    no_english(out)

    code, out, _ = rapport(
        capsys, "--lang", "sv", "log", "priya", "Kort samtal", "--channel", "phone",
        "--direction", "two_way", "--at", "2026-03-02T10:00+01:00", "--feeling", "2",
    )  # fmt: skip
    assert code == 0
    assert out == (
        "Loggade telefon (båda hållen) med Dr. Priya Raman den 2 mar 2026 kl. 10:00; "
        "det kändes mycket bra.\n"
    )

    code, out, _ = rapport(capsys, "--lang", "sv", "search", "zebrafink")
    assert (code, out) == (0, "Inget hittades för 'zebrafink'.\n")

    target = tmp_path / "ut.json"
    code, out, _ = rapport(capsys, "--lang", "sv", "export", str(target))
    assert (code, out) == (0, f"Exporterade 9 klienter till {target}.\n")


def test_errors_usage_and_help_in_swedish(capsys, demo_file, tmp_path) -> None:
    target = tmp_path / "finns.json"
    target.write_text("{}", encoding="utf-8")
    code, _, err = rapport(capsys, "--lang", "sv", "export", str(target))
    assert (
        code == 2 and err == f"rapport: {target} finns redan; ange --force för att ersätta den.\n"
    )
    code, _, err = rapport(capsys, "--lang", "sv", "log", "Maja")
    assert code == 2 and "följande argument krävs: SAMMANFATTNING, --channel, --direction" in err
    no_english(err)
    code, _, err = rapport(capsys, "--lang", "sv", "log", "x", "y", "--channel", "fax")
    assert code == 2 and "ogiltigt val: 'fax'" in err
    with pytest.raises(SystemExit):
        run(["--lang", "sv", "log", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: rapport log")
    assert "visa den här hjälpen och avsluta" in out
    said = " ".join(out.split())  # argparse wraps the help to the terminal
    assert "hur det kändes, från -2 (mycket dåligt) till 2 (mycket bra)" in said
    no_english(out)


def test_without_lang_the_cli_speaks_the_journals_language(capsys, demo_file, home) -> None:
    assert rapport(capsys, "import", str(demo_file))[1].startswith("Imported 9 clients")
    journal = open_journal(home)
    assert settings.get("language") == ""  # follows the system by default
    settings.set_value("language", "sv")
    journal.close()
    code, out, _ = rapport(capsys, "clients")
    assert code == 0 and "senaste kontakt" in out
    no_english(out)
    code, out, _ = rapport(capsys, "--lang", "en", "clients")  # the flag wins
    assert "last contact" in out
    # the README's promise: each client's next follow-up, in words relative to today or a day
    maja = next(line for line in out.splitlines() if line.startswith("Maja"))
    assert "  next follow-up " in maja and "interactions, 1 open commitment" in maja


def test_the_language_setting_takes_empty_for_the_system(journal) -> None:
    assert settings.set_value("language", "") == ""
    assert settings.journal_language() == "en"  # conftest: the system speaks English
    settings.set_value("language", "sv")
    assert settings.journal_language() == "sv"
    with pytest.raises(Exception, match="Language: must be one of '', en, sv"):
        settings.set_value("language", "fr")


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", ("1 client", "1 interaction", "1 commitment"), ("2 clients", "2 interactions")),
        ("sv", ("1 klient", "1 kontakt", "1 åtagande"), ("2 klienter", "2 kontakter")),
    ],
)
def test_counts_agree_with_their_number(lang, one, two) -> None:
    i18n.use(lang)
    assert (counted_clients(1), counted_interactions(1), counted_commitments(1)) == one
    assert (counted_clients(2), counted_interactions(2)) == two
    assert counted_commitments(2) == ("2 commitments" if lang == "en" else "2 åtaganden")


COMMANDS = [
    "import",
    "export",
    "clients",
    "log",
    "search",
    "template",
    "report",
    "cues",
    "check",
    "backup",
    "backups",
    "recovery-sheet",
    "restore",
    "change-passphrase",
    "move-key",
    "rhythm",
    "away",
    "sync",
]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_is_swedish_down_to_its_placeholders(capsys, command) -> None:
    with pytest.raises(SystemExit):
        run(["--lang", "sv", *([command] if command else []), "--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: rapport")
    found = [word for word in HELP_ENGLISH if word in out]
    assert not found, f"English in the Swedish help: {found}\n{out}"


def test_templates_and_the_recovery_sheet_follow_the_global_lang(
    capsys, demo_file, monkeypatch
) -> None:
    """`rapport --lang sv template ...` once gave English: the sub-command's own --lang, absent,
    hid the global one. A passphrase journal's sheet once said "your passphrase"."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "a long enough passphrase for the test")
    rapport(capsys, "import", str(demo_file))
    code, out, err = rapport(capsys, "--lang", "sv", "template", "--list")
    assert code == 0 and "Knyta ihop säcken  (besvarar: unanswered)" in out
    no_english(out)
    code, out, err = rapport(
        capsys, "--lang", "sv", "template", "closing-the-loop", "--client", "maja"
    )
    assert code == 0 and out.startswith("Ämne: ") and "Hej Maja" in out
    assert err == "rapport: fyll i innan du skickar: [[signature]]\n"
    code, out, _ = rapport(
        capsys, "template", "closing-the-loop", "--client", "maja", "--lang", "sv"
    )
    assert out.startswith("Ämne: ")
    code, out, _ = rapport(capsys, "--lang", "sv", "recovery-sheet", "--text")
    assert code == 0 and "Återställningsnyckel: din lösenfras" in out
    no_english(out)
    code, _, err = rapport(capsys, "--lang", "sv", "rhythm", "tom", "ofta")
    assert code == 2 and err.startswith("rapport: RYTM: inte en rytm")


def test_the_journals_swedish_names_the_templates_and_file_problems(
    capsys, demo_file, home, tmp_path
) -> None:
    """With the journal's language sv and no --lang, `template --list` named each template by
    its English version; a file problem said the system's English ("Not a directory")."""
    rapport(capsys, "import", str(demo_file))
    journal = open_journal(home)
    settings.set_value("language", "sv")
    journal.close()
    code, out, _ = rapport(capsys, "template", "--list")
    assert code == 0 and "closing-the-loop       en,sv  Knyta ihop säcken  (besvarar:" in out
    no_english(out)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = rapport(capsys, "backup", "--to", str(blocker / "backups"))
    assert code == 1 and err.startswith("rapport: inte en mapp: "), err


def test_an_offered_emotion_typed_in_swedish_is_stored_as_its_chip(
    capsys, demo_file, tmp_path
) -> None:
    """`--emotion obehag` was stored as a new word "obehag", which the dread cue (and the
    English app) did not know as "dread"; the help's examples were English."""
    from journal.values.vocabulary import emotion_key

    assert emotion_key("obehag", "sv") == "dread" and emotion_key("trött", "sv") == "trött"
    rapport(capsys, "import", str(demo_file))
    code, _, _ = rapport(
        capsys, "--lang", "sv", "log", "victor", "Tungt samtal", "--channel", "phone",
        "--direction", "two_way", "--emotion", "obehag", "--emotion", "trött",
    )  # fmt: skip
    assert code == 0
    with pytest.raises(SystemExit):
        run(["--lang", "sv", "log", "--help"])
    assert "t.ex. obehag, utmattad, lugn" in capsys.readouterr().out
    target = tmp_path / "out.json"
    assert rapport(capsys, "export", str(target))[0] == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    logged = [
        item
        for client in document["clients"]
        for item in client["interactions"]
        if item["summary"] == "Tungt samtal"
    ]
    assert [item["emotions"] for item in logged] == [["dread", "trött"]]
