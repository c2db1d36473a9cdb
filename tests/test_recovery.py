"""The recovery key and sheet, restore on this machine and a new one, and key changes: a
journal moves with only a backup file and the recovery key, and nothing that fails changes
the journal that was there."""

from __future__ import annotations

import hashlib
import string
from pathlib import Path

import keyring
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from journal import clients, recovery_sheet
from journal.cli.common import Outer
from journal.cli.main import run
from journal.errors import UserInputError, WrongKey
from journal.store.database import open_journal
from journal.store.home import backups_dir, database_path, key_record_path
from journal.store.key_record import load_key_record
from journal.store.recovery import format_recovery_key, parse_recovery_key
from journal.store.secrets import PassphrasePurpose
from journal.store.switch import INTENT_NAME, staged_path
from tests.support.keyrings import MemoryKeyring
from ui.entry import _recovery_sheet

HEX = "00ff" * 16
PASSPHRASE = "a long enough passphrase"


def _tree_digest(home: Path) -> dict[str, str]:
    return {
        str(path.relative_to(home)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(home.rglob("*"))
        if path.is_file()
    }


def _sheet_key(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(["recovery-sheet", "--text"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Recovery")]
    return lines[0].removeprefix("Recovery key:").strip()


def _names(home: Path) -> list[str]:
    with open_journal(home, create=False):
        return sorted(client.name for client in clients.list_clients())


def _backup(capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(["backup"]) == 0
    return Path(capsys.readouterr().out.strip())


@pytest.fixture
def locked(home: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A passphrase journal with one client (RAPPORT_PASSPHRASE is set to its passphrase)."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    with open_journal(home):
        clients.create_client("Maja")
    return home


@pytest.fixture
def kept(home: Path) -> Path:
    """A keyring journal with one client, as the app makes one."""
    with open_journal(home):
        clients.create_client("Maja Lindqvist")
    return home


# The key as a person copies it


def test_the_key_reads_back_as_printed_without_separators_and_in_any_case() -> None:
    printed = format_recovery_key(HEX)
    assert len(printed.split("-")) == 14 and all(len(g) == 4 for g in printed.split("-"))
    for typed in (printed, printed.replace("-", ""), printed.lower(), " ".join(printed.split("-"))):
        assert parse_recovery_key(typed) == HEX


def test_digits_typed_for_look_alike_letters_are_read_as_the_letters() -> None:
    printed = format_recovery_key(HEX)
    typed = printed.replace("O", "0").replace("I", "1").replace("B", "8")
    assert parse_recovery_key(typed) == HEX


@settings(max_examples=300, deadline=None)
@given(
    key=st.binary(min_size=32, max_size=32),
    at=st.integers(min_value=0, max_value=55),
    letter=st.sampled_from(string.ascii_uppercase + "234567"),
)
def test_any_one_character_typo_is_caught(key: bytes, at: int, letter: str) -> None:
    letters = format_recovery_key(key.hex()).replace("-", "")
    if letters[at] == letter:
        return
    typo = letters[:at] + letter + letters[at + 1 :]
    with pytest.raises(UserInputError, match=r"typo|not a recovery key"):
        parse_recovery_key(typo)


def test_a_short_key_is_refused_naming_the_place() -> None:
    with pytest.raises(UserInputError, match=r"^RAPPORT_RECOVERY_KEY: a recovery key has 56"):
        parse_recovery_key("ABCD-EFGH")


# The sheet


def test_the_sheet_prints_the_key_and_counts_as_made(kept: Path, capsys) -> None:
    printed = _sheet_key(capsys)
    assert len(printed) == 69
    with open_journal(kept, create=False) as journal:
        assert recovery_sheet.sheet_made_on(journal) is not None
        assert recovery_sheet.sheet_checked_on(journal) is None
        sheet = recovery_sheet.sheet_for(journal)
        assert not recovery_sheet.record_checked(journal, "ZZZZ", sheet)
        assert recovery_sheet.record_checked(journal, printed[-4:].lower(), sheet)
        assert recovery_sheet.sheet_checked_on(journal) is not None


def test_a_passphrase_journal_s_sheet_says_the_passphrase_is_the_key(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert _sheet_key(capsys) == "your passphrase"


def test_the_sheet_is_a_one_page_pdf(qapp, kept: Path, tmp_path: Path, capsys) -> None:
    outer = Outer(extra={"recovery-sheet": _recovery_sheet})
    out = tmp_path / "sheet.pdf"
    assert run(["recovery-sheet", "--out", str(out)], outer) == 0
    pages = PdfReader(out).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert "Recovery key" in text and "rapport restore" in text
    assert run(["recovery-sheet", "--out", str(out)], outer) == 2
    assert "--force" in capsys.readouterr().err


# Restore on a new machine


def test_a_journal_moves_to_a_new_machine_with_a_backup_and_the_recovery_key(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    printed = _sheet_key(capsys)
    backup = _backup(capsys)
    carried = tmp_path / "usb" / backup.name
    carried.parent.mkdir()
    carried.write_bytes(backup.read_bytes())

    new_home, new_keyring = tmp_path / "new-machine", MemoryKeyring()
    keyring.set_keyring(new_keyring)
    monkeypatch.setenv("RAPPORT_HOME", str(new_home))
    assert run(["restore", str(carried)]) == 1  # the new keyring has never seen the key
    assert "No key at hand opens the backup" in capsys.readouterr().err
    assert not database_path(new_home).exists()

    monkeypatch.setenv("RAPPORT_RECOVERY_KEY", printed.replace("-", " ").lower())
    assert run(["restore", str(carried)]) == 0
    monkeypatch.delenv("RAPPORT_RECOVERY_KEY")
    record = load_key_record(new_home)
    assert record is not None and record.mode == "keyring"
    assert new_keyring.get_password("Rapport", record.account)
    assert _names(new_home) == ["Maja Lindqvist"]


def test_a_typo_in_the_recovery_key_is_refused_before_anything_changes(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    printed = _sheet_key(capsys)
    backup = _backup(capsys)
    keyring.set_keyring(MemoryKeyring())
    new_home = tmp_path / "new"
    monkeypatch.setenv("RAPPORT_HOME", str(new_home))
    wrong = ("A" if printed[0] != "A" else "B") + printed[1:]
    monkeypatch.setenv("RAPPORT_RECOVERY_KEY", wrong)
    assert run(["restore", str(backup)]) == 2
    assert "typo" in capsys.readouterr().err
    assert not database_path(new_home).exists()


# Restore on this machine


def test_restore_sets_the_journal_aside_and_puts_the_backup_in_its_place(
    kept: Path, capsys
) -> None:
    backup = _backup(capsys)
    with open_journal(kept, create=False):
        clients.create_client("Bo after the backup")
    assert run(["restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "is kept in" in out
    assert _names(kept) == ["Maja Lindqvist"]
    aside = next((kept / "set-aside").iterdir())
    assert _names(aside) == ["Bo after the backup", "Maja Lindqvist"]


def test_a_damaged_backup_is_refused_and_nothing_is_changed(kept: Path, capsys) -> None:
    backup = _backup(capsys)
    data = bytearray(backup.read_bytes())
    data[len(data) - 2000 : len(data) - 1980] = bytes(20)
    backup.write_bytes(bytes(data))
    before = _tree_digest(kept)
    assert run(["restore", str(backup)]) == 1
    assert "did not check out" in capsys.readouterr().err
    assert _tree_digest(kept) == before


def test_a_missing_backup_is_named(kept: Path, tmp_path: Path, capsys) -> None:
    assert run(["restore", str(tmp_path / "nope.db")]) == 2
    assert "there is no backup file there" in capsys.readouterr().err


def test_a_switch_killed_after_its_commit_point_is_finished_by_the_next_open(
    kept: Path, capsys
) -> None:
    backup = _backup(capsys)
    with open_journal(kept, create=False):
        clients.create_client("Bo")
    record = load_key_record(kept)
    assert record is not None
    staged_path(kept).write_bytes(backup.read_bytes())
    # The intent is written, the journal half moved: as a kill inside finish_switch leaves it.
    (kept / INTENT_NAME).write_text(
        '{"aside": "killed", "record": ' + record.to_json() + "}", encoding="utf-8"
    )
    (kept / "set-aside" / "killed").mkdir(parents=True)
    database_path(kept).rename(kept / "set-aside" / "killed" / "journal.db")
    assert _names(kept) == ["Maja Lindqvist"]
    assert not (kept / INTENT_NAME).exists()
    assert _names(kept / "set-aside" / "killed") == ["Bo", "Maja Lindqvist"]


def test_a_switch_killed_before_its_commit_point_leaves_the_journal(kept: Path, capsys) -> None:
    backup = _backup(capsys)
    staged_path(kept).write_bytes(backup.read_bytes())  # staged, but no intent yet
    with open_journal(kept, create=False):
        clients.create_client("Bo")
    assert _names(kept) == ["Bo", "Maja Lindqvist"]


# A key that is gone


def test_a_key_missing_from_the_keyring_is_put_back_from_the_recovery_key(
    kept: Path, isolated_environment: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    printed = _sheet_key(capsys)
    isolated_environment.secrets.clear()
    assert run(["clients"]) == 1
    assert "RAPPORT_RECOVERY_KEY" in capsys.readouterr().err
    monkeypatch.setenv("RAPPORT_RECOVERY_KEY", printed)
    assert run(["clients"]) == 0
    assert "put back in the keyring" in capsys.readouterr().err
    monkeypatch.delenv("RAPPORT_RECOVERY_KEY")
    assert run(["clients"]) == 0


def test_a_lost_key_record_asks_for_the_recovery_key_not_a_passphrase_it_never_had(
    kept: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    printed = _sheet_key(capsys)
    key_record_path(kept).unlink()
    before = _tree_digest(kept)
    assert run(["clients"]) == 1
    err = capsys.readouterr().err
    assert "key.json is missing" in err and "RAPPORT_RECOVERY_KEY" in err
    assert _tree_digest(kept) == before
    monkeypatch.setenv("RAPPORT_RECOVERY_KEY", printed)
    assert run(["clients"]) == 0
    record = load_key_record(kept)
    assert record is not None and record.mode == "keyring"


# New keys


def test_a_new_passphrase_locks_the_journal_and_the_old_one_opens_only_the_backup(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("RAPPORT_NEW_PASSPHRASE", "another long passphrase")
    assert run(["change-passphrase"]) == 0
    out = capsys.readouterr().out
    assert "new passphrase" in out and "new recovery sheet" in out
    with pytest.raises(WrongKey):
        open_journal(locked, create=False)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "another long passphrase")
    assert _names(locked) == ["Maja"]
    backup = next(backups_dir(locked).glob("rapport-*.db"))
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    fresh = locked.parent / "check-old"
    monkeypatch.setenv("RAPPORT_HOME", str(fresh))
    assert run(["restore", str(backup)]) == 0
    assert _names(fresh) == ["Maja"]


def test_a_too_short_new_passphrase_changes_nothing(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = _tree_digest(locked)
    monkeypatch.setenv("RAPPORT_NEW_PASSPHRASE", "short")
    assert run(["change-passphrase"]) == 2
    assert "at least 8" in capsys.readouterr().err
    assert _tree_digest(locked) == before


def test_the_key_moves_to_a_passphrase_and_back_to_the_keyring(
    kept: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    old_sheet = _sheet_key(capsys)
    monkeypatch.setenv("RAPPORT_NEW_PASSPHRASE", PASSPHRASE)
    assert run(["move-key", "--to", "passphrase"]) == 0
    record = load_key_record(kept)
    assert record is not None and record.mode == "passphrase"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert _names(kept) == ["Maja Lindqvist"]
    assert run(["move-key", "--to", "keyring"]) == 0
    monkeypatch.delenv("RAPPORT_PASSPHRASE")
    record = load_key_record(kept)
    assert record is not None and record.mode == "keyring"
    assert _names(kept) == ["Maja Lindqvist"]
    capsys.readouterr()
    new_sheet = _sheet_key(capsys)
    assert new_sheet != old_sheet
    with open_journal(kept, create=False) as journal:
        assert recovery_sheet.sheet_checked_on(journal) is None


def test_moving_to_the_keyring_with_no_keyring_changes_nothing(
    locked: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = _tree_digest(locked)
    assert run(["move-key", "--to", "keyring"]) == 1
    assert "No system keyring" in capsys.readouterr().err
    assert {k: v for k, v in _tree_digest(locked).items() if not k.startswith("backups")} == before
    assert _names(locked) == ["Maja"]


def test_the_app_asks_for_the_recovery_key_when_the_keyring_lost_it(
    kept: Path, isolated_environment: MemoryKeyring, capsys
) -> None:
    printed = _sheet_key(capsys)
    isolated_environment.secrets.clear()
    asked: list[PassphrasePurpose] = []

    def ask(purpose: PassphrasePurpose) -> str:
        asked.append(purpose)
        return printed

    with open_journal(kept, ask, create=False) as journal:
        assert any("put back in the keyring" in warning for warning in journal.warnings)
    assert asked == [PassphrasePurpose.RECOVER]
    assert _names(kept) == ["Maja Lindqvist"]  # from the keyring again, nothing asked


def test_a_backup_no_key_opens_is_refused_in_one_line(tmp_path: Path) -> None:
    """SQLCipher's own log of the failed decrypt never reaches the coach's terminal."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "RAPPORT_HOME": str(tmp_path / "h"), "RAPPORT_PASSPHRASE": "rightright"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    made = [sys.executable, "-m", "ui", "log", "Ada", "First call", "--channel", "phone"]
    made += ["--direction", "two_way", "--new-client"]
    subprocess.run(made, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "ui", "backup"], env=env, check=True, capture_output=True)
    [backup] = (tmp_path / "h" / "backups").glob("rapport-*.db")
    env.update(RAPPORT_HOME=str(tmp_path / "new"), RAPPORT_PASSPHRASE="wrongwrong")
    refused = subprocess.run(
        [sys.executable, "-m", "ui", "restore", str(backup)],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1 and "ERROR" not in refused.stderr, refused.stderr
