"""`rapport sync`: set up, join with the recovery key, sync now, status (also as JSON), leave;
bad input in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.cli.main import run

CALL = ("--channel", "phone", "--direction", "two_way")


def rapport(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_up_join_sync_and_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop, folder = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "Sync"
    code, _, err = rapport(
        capsys, "--home", str(laptop), "log", "Maja", "Kick-off", "--new-client", *CALL
    )
    assert code == 0, err
    code, out, err = rapport(capsys, "--home", str(laptop), "sync", "--folder", str(folder))
    assert code == 0, err
    assert "Sync is set up through" in out
    code, out, _ = rapport(capsys, "--home", str(laptop), "recovery-sheet", "--text")
    key = next(line for line in out.splitlines() if line.startswith("Recovery key:"))
    monkeypatch.setenv("RAPPORT_RECOVERY_KEY", key.split(":", 1)[1].strip())
    code, out, err = rapport(capsys, "--home", str(desktop), "sync", "--folder", str(folder))
    assert (code, err) == (0, "")
    assert "Joined the journal synced in" in out
    monkeypatch.delenv("RAPPORT_RECOVERY_KEY")
    code, out, _ = rapport(capsys, "--home", str(desktop), "clients", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Maja"]
    rapport(capsys, "--home", str(desktop), "log", "Maja", "Follow-up call", *CALL)
    code, out, err = rapport(capsys, "--home", str(desktop), "sync")
    assert (code, out.strip()) == (0, "Synced: sent 1 change, merged 0 changes.")
    code, out, _ = rapport(capsys, "--home", str(laptop), "sync")
    # The laptop sends that a recovery sheet was made; it merges the desktop's new call.
    assert out.strip() == "Synced: sent 1 change, merged 1 change."
    code, out, _ = rapport(capsys, "--home", str(laptop), "sync", "--status", "--json")
    status = json.loads(out)
    assert status["folder"] == str(folder.resolve()) and status["pending"] == 0
    assert len(status["devices"]) == 1 and status["last_sync"] > 0
    code, out, _ = rapport(capsys, "--home", str(laptop), "sync", "--status")
    assert "Last sync:" in out and "0 changes wait to be sent" in out
    code, out, _ = rapport(capsys, "--home", str(desktop), "sync", "--leave")
    assert code == 0 and "no longer syncs" in out
    code, out, _ = rapport(capsys, "--home", str(desktop), "sync", "--status")
    assert "Sync is not set up" in out


def test_mistakes_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    home = tmp_path / "home"
    rapport(capsys, "--home", str(home), "log", "Maja", "Kick-off", "--new-client", *CALL)
    code, _, err = rapport(capsys, "--home", str(home), "sync")
    assert code == 2 and "does not sync yet" in err and len(err.splitlines()) == 1
    code, _, err = rapport(capsys, "--home", str(home), "sync", "--json")
    assert code == 2 and "--json goes with --status" in err
    folder = tmp_path / "Sync"
    rapport(capsys, "--home", str(home), "sync", "--folder", str(folder))
    folder.rename(tmp_path / "gone")
    code, _, err = rapport(capsys, "--home", str(home), "sync")
    assert code == 1 and "is not there" in err and "nothing was lost" in err
    assert len(err.splitlines()) == 1
    code, _, err = rapport(
        capsys, "--home", str(tmp_path / "new"), "sync", "--folder", str(tmp_path / "gone")
    )
    assert code == 2 and "RAPPORT_RECOVERY_KEY" in err


def test_a_passphrase_journal_is_joined_with_its_passphrase(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "correct horse battery staple")
    laptop, desktop, folder = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "Sync"
    rapport(capsys, "--home", str(laptop), "log", "Maja", "Kick-off", "--new-client", *CALL)
    assert rapport(capsys, "--home", str(laptop), "sync", "--folder", str(folder))[0] == 0
    code, out, err = rapport(capsys, "--home", str(desktop), "sync", "--folder", str(folder))
    assert (code, err) == (0, "") and "Joined" in out
    code, out, _ = rapport(capsys, "--home", str(desktop), "clients", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Maja"]
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "another journal's passphrase")
    code, _, err = rapport(
        capsys, "--home", str(tmp_path / "third"), "sync", "--folder", str(folder)
    )
    assert code == 2 and "does not open the journal synced" in err
    assert not (tmp_path / "third" / "journal.db").exists()


def test_a_device_whose_passphrase_changed_still_syncs(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_keyring: None,
) -> None:
    """The sync key comes from the journal's key; a new passphrase on one device must not cut
    it off from the others (before the fix: "holds the sync files of another journal")."""
    laptop, desktop, folder = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "Sync"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "the first long passphrase")
    assert (
        rapport(capsys, "--home", str(laptop), "log", "Maja", "Kick-off", "--new-client", *CALL)[0]
        == 0
    )
    assert rapport(capsys, "--home", str(laptop), "sync", "--folder", str(folder))[0] == 0
    assert rapport(capsys, "--home", str(desktop), "sync", "--folder", str(folder))[0] == 0
    monkeypatch.setenv("RAPPORT_NEW_PASSPHRASE", "the second long passphrase")
    assert rapport(capsys, "--home", str(laptop), "change-passphrase")[0] == 0
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "the second long passphrase")
    rapport(capsys, "--home", str(laptop), "log", "Maja", "After the change", *CALL)
    code, out, err = rapport(capsys, "--home", str(laptop), "sync")
    assert (code, err, out.strip()) == (0, "", "Synced: sent 1 change, merged 0 changes.")
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "the first long passphrase")
    code, out, err = rapport(capsys, "--home", str(desktop), "sync")
    assert (code, out.strip()) == (0, "Synced: sent 0 changes, merged 1 change."), err
    code, out, _ = rapport(capsys, "--home", str(desktop), "clients", "--json")
    assert json.loads(out)[0]["interactions"] == 2
