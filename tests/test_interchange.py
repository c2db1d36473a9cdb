"""The JSON interchange format: precise errors, all-or-nothing import, lossless round trip."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.entries.capture import SELF_CHECK_QUESTIONS
from journal.errors import UserInputError
from journal.interchange import export, importing
from journal.store.models import Client, Commitment, Interaction
from journal.values.vocabulary import CHANNELS, DIRECTIONS, OWNERS, STATUSES

GOOD: dict[str, Any] = {
    "format": "rapport-journal",
    "version": 1,
    "clients": [
        {"name": "Anna Berg", "email": "anna@example.com", "cadence_days": 7},
        {
            "name": "Björn Åström",
            "interactions": [
                {
                    "at": "2026-03-02T10:00:00+01:00",
                    "channel": "email",
                    "direction": "out",
                    "summary": "Sent the proposal",
                    "awaits_reply": True,
                },
                {
                    "at": "2026-03-04T09:00:00+01:00",
                    "channel": "phone",
                    "direction": "two_way",
                    "summary": "Call",
                    "feeling": -1,
                    "emotions": ["dread"],
                },
            ],
            "commitments": [{"owner": "client", "text": "Send the budget", "due": "2026-03-10"}],
        },
    ],
}


def _with(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def test_a_good_file_imports_everything(journal) -> None:
    summary = importing.import_data(GOOD)
    assert (summary.clients, summary.interactions, summary.commitments) == (2, 2, 1)
    bjorn = Client.get(Client.name == "Björn Åström")
    first = bjorn.interactions.order_by(Interaction.at).first()
    assert first.at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    assert first.awaits_reply is True


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ["clients", 1, "interactions", 1, "at"],
            "last Tuesday",
            "clients[1].interactions[1].at: not a date",
        ),
        (
            ["clients", 1, "interactions", 0, "at"],
            "2026-03-02T10:00:00",
            "clients[1].interactions[0].at: needs a UTC offset",
        ),
        (
            ["clients", 1, "interactions", 0, "channel"],
            "fax",
            "clients[1].interactions[0].channel: must be one of",
        ),
        (
            ["clients", 1, "interactions", 1, "feeling"],
            5,
            "clients[1].interactions[1].feeling: must be from -2 to 2",
        ),
        (["clients", 1, "commitments", 0, "owner"], "boss", "clients[1].commitments[0].owner"),
        (
            ["clients", 1, "commitments", 0, "due"],
            "soon",
            "clients[1].commitments[0].due: not a date",
        ),
        (["clients", 0, "name"], "", "clients[0].name: must not be empty"),
        (
            ["clients", 0, "cadence_days"],
            "sometimes",
            "clients[0].cadence_days: not a rhythm",
        ),
        (["clients", 0, "status"], "lost", "clients[0].status"),
        (["clients", 0, "shoe_size"], 42, "clients[0].shoe_size: is not a field"),
        (["clients", 1, "name"], "anna berg", "clients[1].name: a client named"),
        (["format"], "something-else", "format: must be 'rapport-journal'"),
        (["version"], True, "version: this Rapport reads version 1"),
        (
            ["clients", 1, "interactions", 0, "at"],
            "0001-01-01T00:00:00+01:00",
            "clients[1].interactions[0].at: use a date from 1900 to 2199",
        ),
        (["clients", 0, "fit"], "²", "clients[0].fit: must be a whole number"),
        (
            ["clients", 1, "interactions", 0, "template"],
            "Closing the loop",
            "clients[1].interactions[0].template: 'Closing the loop' is not a template id",
        ),
        (
            ["clients", 0, "cue_settings"],
            {"no_such_threshold": 3},
            "clients[0].cue_settings.no_such_threshold",
        ),
        (["version"], 2, "version: this Rapport reads version 1"),
    ],
)
def test_one_bad_record_rejects_the_file_and_names_the_place(
    journal, path: list[Any], value: Any, message: str
) -> None:
    importing.import_data(
        {"format": "rapport-journal", "version": 1, "clients": [{"name": "Already Here"}]}
    )
    with pytest.raises(UserInputError) as caught:
        importing.import_data(_with(path, value))
    assert message in str(caught.value)
    assert [c.name for c in Client.select()] == ["Already Here"]
    assert Interaction.select().count() == 0


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("key", ["cue_reply_window_days", "cue_over_contact_factor"])
def test_a_threshold_that_is_not_a_number_is_refused_naming_its_place(
    journal, tmp_path, text: str, key: str
) -> None:
    """JSON lets NaN and Infinity through; stored, one would stop every client's cues."""
    source = tmp_path / "thresholds.json"
    source.write_text(
        '{"format": "rapport-journal", "version": 1, "clients": '
        f'[{{"name": "Nora", "cue_settings": {{"{key}": {text}}}}}]}}',
        encoding="utf-8",
    )
    with pytest.raises(UserInputError, match=rf"clients\[0\]\.cue_settings\.{key}: .*number"):
        importing.import_file(source)
    assert Client.select().count() == 0


def test_missing_required_interaction_field_is_named(journal) -> None:
    doc = copy.deepcopy(GOOD)
    del doc["clients"][1]["interactions"][0]["summary"]
    with pytest.raises(
        UserInputError, match=r"clients\[1\]\.interactions\[0\]\.summary: is required"
    ):
        importing.import_data(doc)
    assert Client.select().count() == 0


def test_a_file_that_is_not_json_gets_a_clear_message(journal, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "rapport-journal", ', encoding="utf-8")
    with pytest.raises(UserInputError, match="not valid JSON"):
        importing.import_file(bad)


def test_optional_fields_may_be_left_out(journal) -> None:
    importing.import_data(
        {
            "format": "rapport-journal",
            "version": 1,
            "clients": [
                {
                    "name": "Minimal",
                    "interactions": [
                        {
                            "at": "2026-01-01T08:00:00Z",
                            "channel": "video",
                            "direction": "in",
                            "summary": "Hi",
                        }
                    ],
                }
            ],
        }
    )
    only = Interaction.get()
    assert (only.feeling, only.emotions, only.awaits_reply, only.notes) == (None, [], False, "")


# --- round trip -------------------------------------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
_day = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
_offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
_moment = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    # Interactions are what happened: never more than a day ahead (journal.entries.capture).
    st.datetimes(min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2025, 12, 30)),
    _offsets,
)
_interaction = st.fixed_dictionaries(
    {
        "at": _moment.map(lambda m: m.isoformat()),
        "channel": st.sampled_from(CHANNELS),
        "direction": st.sampled_from(DIRECTIONS),
        "summary": _text.filter(lambda s: s.strip() == s and s),
    },
    optional={
        "notes": _text,
        "feeling": st.one_of(st.none(), st.integers(-2, 2)),
        "emotions": st.lists(
            st.sampled_from(["dread", "drained", "energised", "glädje", "焦虑"]), max_size=3
        ),
        "awaits_reply": st.booleans(),
        "follow_up_on": st.one_of(st.none(), _day.map(dt.date.isoformat)),
        "self_check": st.one_of(
            st.none(),
            st.dictionaries(st.sampled_from([k for k, _ in SELF_CHECK_QUESTIONS]), st.booleans()),
        ),
        "template": st.sampled_from(["", "closing-the-loop", "my-own-check-in"]),
    },
)
_commitment = st.fixed_dictionaries(
    {"owner": st.sampled_from(OWNERS), "text": _text.filter(lambda s: s.strip() == s and s)},
    optional={
        "due": st.one_of(st.none(), _day.map(dt.date.isoformat)),
        "done_on": st.one_of(st.none(), _day.map(dt.date.isoformat)),
    },
)
_client = st.fixed_dictionaries(
    {"name": st.text(st.characters(categories=("L", "N")), min_size=1, max_size=20)},
    optional={
        "email": _text,
        "phone": _text,
        "project": _text,
        "notes": _text,
        "preferred_channel": st.one_of(st.none(), st.sampled_from(CHANNELS)),
        "cadence_days": st.one_of(st.none(), st.integers(1, 365)),
        "status": st.sampled_from(STATUSES),
        "fit": st.one_of(st.none(), st.integers(1, 5)),
        "interactions": st.lists(_interaction, max_size=4),
        "commitments": st.lists(_commitment, max_size=3),
    },
)
_journal = st.lists(_client, max_size=4, unique_by=lambda c: c["name"].casefold())


def _normalise(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """What a document means, independent of key order and UTC offset notation."""
    out = []
    for client in sorted(doc["clients"], key=lambda c: c["name"]):
        interactions = sorted(
            (
                {
                    "at": dt.datetime.fromisoformat(i["at"]).timestamp(),
                    "channel": i["channel"],
                    "direction": i["direction"],
                    "summary": i["summary"],
                    "notes": i.get("notes", ""),
                    "feeling": i.get("feeling"),
                    "emotions": [e for e in i.get("emotions", []) if e.strip()],
                    "awaits_reply": i.get("awaits_reply", False),
                    "follow_up_on": i.get("follow_up_on"),
                    "self_check": i.get("self_check"),
                    "template": i.get("template", ""),
                }
                for i in client.get("interactions", [])
            ),
            key=json.dumps,
        )
        commitments = sorted(
            (
                {
                    "owner": m["owner"],
                    "text": m["text"],
                    "due": m.get("due"),
                    "done_on": m.get("done_on"),
                }
                for m in client.get("commitments", [])
            ),
            key=json.dumps,
        )
        out.append(
            {
                "name": client["name"],
                "email": client.get("email", ""),
                "phone": client.get("phone", ""),
                "project": client.get("project", ""),
                "notes": client.get("notes", ""),
                "preferred_channel": client.get("preferred_channel"),
                "cadence_days": client.get("cadence_days"),
                "status": client.get("status", "active"),
                "fit": client.get("fit"),
                "interactions": interactions,
                "commitments": commitments,
            }
        )
    return out


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(clients=_journal)
def test_export_then_import_gives_back_the_same_journal(journal, tmp_path, clients) -> None:
    for model in (Commitment, Interaction, Client):
        model.delete().execute()
    doc = {"format": "rapport-journal", "version": 1, "clients": clients}
    importing.import_data(doc)
    exported = export.export_journal()
    assert _normalise(exported) == _normalise(doc)

    # And the export itself survives a second trip field for field, ids included.
    path = tmp_path / "journal.json"
    export.write_export(path)
    for model in (Commitment, Interaction, Client):
        model.delete().execute()
    importing.import_file(path)
    assert export.export_journal() == json.loads(path.read_text(encoding="utf-8"))


def test_commitments_keep_the_interaction_they_came_from(journal) -> None:
    importing.import_data(
        {
            "format": "rapport-journal",
            "version": 1,
            "clients": [
                {
                    "name": "Linked",
                    "interactions": [
                        {
                            "id": "call-1",
                            "at": "2026-01-01T08:00:00Z",
                            "channel": "phone",
                            "direction": "two_way",
                            "summary": "Call",
                        }
                    ],
                    "commitments": [
                        {"owner": "me", "text": "Send notes", "from_interaction": "call-1"}
                    ],
                }
            ],
        }
    )
    exported = export.export_journal()
    assert exported["clients"][0]["commitments"][0]["from_interaction"] == "call-1"
    with pytest.raises(UserInputError, match=r"from_interaction: no interaction"):
        importing.import_data(
            {
                "format": "rapport-journal",
                "version": 1,
                "clients": [
                    {
                        "name": "Other",
                        "commitments": [{"owner": "me", "text": "x", "from_interaction": "nope"}],
                    }
                ],
            }
        )


def test_a_junk_threshold_stored_by_an_older_rapport_is_left_out_of_cues_and_exports(
    journal, tmp_path
) -> None:
    """A NaN once passed the check; such a journal still computes cues and exports JSON."""
    importing.import_data(
        {"format": "rapport-journal", "version": 1, "clients": [{"name": "Nora"}]}
    )
    Client.update(
        cue_settings={"cue_reply_window_days": float("nan"), "cue_dread_streak": 4}
    ).execute()
    target = tmp_path / "out.json"
    export.write_export(target)
    [nora] = json.loads(target.read_text(encoding="utf-8"))["clients"]  # strict JSON: no NaN
    assert nora["cue_settings"] == {"cue_dread_streak": 4}


def test_the_streamed_export_reads_back_as_the_whole_document(demo_journal, tmp_path) -> None:
    """write_export writes a client at a time (flat memory at any size, issue 15); the file
    reads back as the whole document, and each record is one line."""
    import json

    from journal.interchange.export import export_journal, write_export

    path = tmp_path / "streamed.json"
    count = write_export(path)
    whole = export_journal()
    assert count == len(whole["clients"]) > 0
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == whole
    first = whole["clients"][0]["interactions"][0]  # each record reads as one line
    lines = [line.strip().rstrip(",") for line in text.splitlines()]
    assert json.dumps(first, ensure_ascii=False) in lines


NASTY_TEXT = 'He said "no" \\ then \n left\t\x1b\x7f \u2028 é 🙂 }, {"id": x'


def test_an_interaction_line_is_what_the_json_encoder_writes(journal, tmp_path) -> None:
    """Interactions are written straight from their rows (issue 15: export at the speed of a
    raw dump); every line is still exactly the standard encoder's text of its record."""
    importing.import_data(
        {
            "format": "rapport-journal",
            "version": 1,
            "clients": [
                {
                    "name": NASTY_TEXT,
                    "interactions": [
                        {
                            "at": "2026-01-01T08:00:00.250000+01:00",
                            "channel": "email",
                            "direction": "out",
                            "summary": NASTY_TEXT,
                            "notes": NASTY_TEXT,
                            "feeling": -2,
                            "emotions": ["drained", "proud"],
                            "awaits_reply": True,
                            "follow_up_on": "2026-01-09",
                            "self_check": {"asked_before_advising": False},
                            "template": "closing-loop",
                            "updated_at": "2026-01-02T10:00:00Z",
                        },
                        {
                            "at": "2026-01-03T09:00Z",
                            "channel": "phone",
                            "direction": "in",
                            "summary": "x",
                        },
                    ],
                }
            ],
        }
    )
    path = tmp_path / "out.json"
    export.write_export(path)
    [client] = json.loads(path.read_text(encoding="utf-8"))["clients"]
    text = path.read_text(encoding="utf-8")
    lines = {line.strip().rstrip(",") for line in text.split("\n")}  # not at U+2028
    for record in client["interactions"]:
        assert json.dumps(record, ensure_ascii=False) in lines
    first, second = client["interactions"]
    assert first["at"] == "2026-01-01T07:00:00.250000+00:00"
    assert first["summary"] == first["notes"] == NASTY_TEXT
    assert (first["template"], first["updated_at"]) == ("closing-loop", "2026-01-02T10:00:00+00:00")
    assert "template" not in second and second["emotions"] == [] and second["feeling"] is None


def test_the_cli_import_checks_each_record_once(home, tmp_path, monkeypatch, capsys) -> None:
    """Into a journal, each record is checked once, as it is written (issue 15: validating
    twice was a sixth of the import). A new journal is made only for a file that passed the
    same check, made first without one."""
    import json

    from journal.cli.main import run
    from journal.interchange import records

    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    cleaned = []
    real = records.clean_interaction

    def counting(values, where=""):
        cleaned.append(where)
        return real(values, where)

    monkeypatch.setattr(records, "clean_interaction", counting)
    each = sum(len(c.get("interactions", [])) for c in GOOD["clients"])
    assert run(["import", str(path)]) == 0  # a new journal: checked, then written
    assert len(cleaned) == 2 * each and len(set(cleaned)) == each
    cleaned.clear()
    renamed = copy.deepcopy(GOOD)
    for client in renamed["clients"]:
        client["name"] += " II"
    path.write_text(json.dumps(renamed), encoding="utf-8")
    assert run(["import", str(path)]) == 0  # into the journal: once
    assert len(cleaned) == len(set(cleaned)) == each
    capsys.readouterr()
    assert run(["import", str(path)]) == 2  # the same file again: its names are taken
    assert "clients[0].name: a client named" in capsys.readouterr().err
