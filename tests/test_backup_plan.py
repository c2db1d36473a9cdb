"""Rapport's automatic backups: which are kept (a pure rule over dates, tried on many), where
they go (the home's backups/ and the coach's second folder), what a failing second folder
says (once), and that a backup killed midway leaves nothing that counts."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal import backup_plan, clients
from journal import settings as journal_settings
from journal.backup_plan import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    SecondFolderNews,
    back_up,
    backup_before,
    kept,
    rotate,
)
from journal.cli.main import run
from journal.errors import JournalWriteFailed, UserInputError
from journal.store.backups import list_backups
from journal.store.database import Journal
from journal.store.health import copy_problems, counts
from journal.store.home import backups_dir

NOW = dt.datetime(2026, 3, 2, 12, 0)
PLENTY = 10**15  # bytes of room: the disk share never binds

moments = st.lists(
    st.datetimes(min_value=NOW - dt.timedelta(days=900), max_value=NOW), max_size=120
)


def _newest_per(made: list[dt.datetime], bucket, count: int) -> set[dt.datetime]:
    newest: dict[object, dt.datetime] = {}
    for moment in made:
        key = bucket(moment)
        newest[key] = max(newest.get(key, moment), moment)
    return {newest[key] for key in sorted(newest, reverse=True)[:count]}


@settings(max_examples=300, deadline=None)
@given(moments)
def test_rotation_keeps_the_recent_the_daily_weekly_monthly_and_the_newest(made) -> None:
    backups = [(moment, 1000) for moment in made]
    keep = kept(backups, NOW, PLENTY)
    kept_moments = {made[i] for i in keep}
    if made:
        assert max(made) in kept_moments
    assert {m for m in made if NOW - m < dt.timedelta(hours=24)} <= kept_moments
    assert _newest_per(made, lambda m: m.date(), KEEP_DAILY) <= kept_moments
    assert _newest_per(made, lambda m: m.isocalendar()[:2], KEEP_WEEKLY) <= kept_moments
    assert _newest_per(made, lambda m: (m.year, m.month), KEEP_MONTHLY) <= kept_moments
    older = [i for i in keep if NOW - made[i] >= dt.timedelta(hours=24)]
    assert len(older) <= 1 + KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    again = [backups[i] for i in sorted(keep)]
    assert kept(again, NOW, PLENTY) == set(range(len(again)))  # a second run deletes nothing


@settings(max_examples=300, deadline=None)
@given(moments, st.lists(st.integers(1, 10**6), min_size=120, max_size=120), st.integers(0, 10**7))
def test_rotation_never_takes_more_than_its_share_of_the_disk(made, sizes, room) -> None:
    backups = list(zip(made, sizes, strict=False))
    keep = kept(backups, NOW, room)
    if backups:
        newest = max(range(len(backups)), key=lambda i: backups[i][0])
        assert newest in keep  # the newest verified one stays, whatever its size
    if len(keep) > 1:
        assert sum(backups[i][1] for i in keep) <= backup_plan.DISK_SHARE * room
    by_age = sorted(range(len(backups)), key=lambda i: backups[i][0], reverse=True)
    unlimited = kept(backups, NOW, PLENTY)
    # Only the oldest go for room: what is kept is the newest part of what time alone keeps.
    assert keep == set([i for i in by_age if i in unlimited][: len(keep)])
    again = [backups[i] for i in sorted(keep)]
    assert kept(again, NOW, room) == set(range(len(again)))


def test_a_year_of_daily_backups_thins_to_about_two_dozen() -> None:
    made = [NOW - dt.timedelta(days=n, hours=1) for n in range(400)]
    keep = sorted((made[i] for i in kept([(m, 1) for m in made], NOW, PLENTY)), reverse=True)
    assert keep[:KEEP_DAILY] == made[:KEEP_DAILY]
    assert len(keep) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert keep[-1].date() == dt.date(2025, 4, 30)  # the newest of the twelfth month back


def _own(folder: Path, moment: dt.datetime, why: str = "") -> Path:
    path = folder / f"rapport-{moment:%Y%m%d-%H%M%S}{'-' if why else ''}{why}.db"
    path.write_bytes(b"x" * 100)
    return path


def test_rotation_deletes_only_rapport_s_own_copies(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    own = [_own(folder, NOW - dt.timedelta(days=n)) for n in range(60)]
    others = [
        folder / "before-schema-9-20240101-000000.db",  # an older Rapport's migration copy
        folder / "journal-from-laptop.db",
        folder / "rapport-the-coach-s-own.db",
        folder / "rapport-20240101-000000.db.partial",  # a copy under way in another process
        folder / "rapport-20240101-000000.db.unverified",
        folder / "rapport-20240101-000000.db.partial-journal",
    ]
    for path in others:
        path.write_bytes(b"y")
    gone = rotate(folder, NOW)
    assert len(gone) > 30 and own[0] not in gone
    assert all(path.exists() for path in others)
    assert sorted(p for p in folder.iterdir() if p in own) == sorted(set(own) - set(gone))
    assert rotate(folder, NOW) == []


def test_what_a_killed_backup_left_goes_a_day_later(tmp_path: Path) -> None:
    leftovers = [
        tmp_path / "rapport-20260101-000000.db.partial",
        tmp_path / "rapport-x.db.unverified",
    ]
    for path in leftovers:
        path.write_bytes(b"half")
    rotate(tmp_path)
    assert all(path.exists() for path in leftovers)  # it may be under way elsewhere
    day_old = (dt.datetime.now() - dt.timedelta(hours=25)).timestamp()
    for path in leftovers:
        os.utime(path, (day_old, day_old))
    rotate(tmp_path)
    assert not any(path.exists() for path in leftovers)


@pytest.fixture
def filled(journal: Journal) -> Journal:
    for name in ("Ada", "Bo", "Cy"):
        clients.create_client(name, notes="x" * 3000)
    return journal


def _holds_the_journal(copy: Path, journal: Journal) -> bool:
    now = counts(journal.db.connection())
    return copy_problems(copy, journal._key, now, now) == []


def test_a_backup_goes_to_the_home_and_the_second_folder_both_verified(
    filled: Journal, tmp_path: Path
) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    (drive / "holiday-photos.db").write_bytes(b"not ours")
    journal_settings.set_value("backup_folder", str(drive))
    outcome = back_up(filled, "daily")
    assert outcome.problem == "" and outcome.second is not None
    assert outcome.home.parent == backups_dir(filled.home) and outcome.second.parent == drive
    assert outcome.home.name.endswith("-daily.db") and outcome.second.name.startswith("rapport-")
    for copy in (outcome.home, outcome.second):
        assert _holds_the_journal(copy, filled)
        assert not copy.read_bytes().startswith(b"SQLite format 3")
    listed = [b.path for b in list_backups(filled.home, drive)]
    assert sorted(listed) == sorted([outcome.home, outcome.second])  # not the photos


def test_a_missing_second_folder_is_said_once_per_episode(filled: Journal, tmp_path: Path) -> None:
    drive = tmp_path / "unplugged"
    journal_settings.set_value("backup_folder", str(drive))
    news = SecondFolderNews()
    said = []
    for _attempt in range(3):
        outcome = back_up(filled)
        assert _holds_the_journal(outcome.home, filled)  # the home's copy still counts
        said.append(news.news(outcome))
    assert said[0].startswith(f"No backup could be written to {drive}: the folder is not there")
    assert "check the drive" in said[0]
    assert said[1:] == ["", ""]
    assert not drive.exists()  # never made where a drive should be
    drive.mkdir()
    assert news.news(back_up(filled)) == f"Backups reach {drive} again."
    assert news.news(back_up(filled)) == ""
    for path in drive.iterdir():
        path.unlink()
    drive.rmdir()
    assert news.news(back_up(filled)).startswith("No backup could be written")


def test_a_backup_killed_while_it_is_checked_leaves_nothing_that_counts(
    filled: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(*_args: object) -> list[str]:
        raise SystemExit(137)

    monkeypatch.setattr("journal.store.database.copy_problems", killed)
    folder = backups_dir(filled.home)
    with pytest.raises(SystemExit):
        filled.verified_backup(folder)
    assert list_backups(filled.home) == []
    assert list(folder.glob("rapport-*.db")) == []


def test_a_relative_second_folder_is_refused_by_name(journal: Journal) -> None:
    with pytest.raises(UserInputError, match=r"^Second backup folder: give the folder's full path"):
        journal_settings.set_value("backup_folder", "Dropbox/Rapport")
    assert journal_settings.set_value("backup_folder", "  ") == ""
    assert journal_settings.set_value("backup_folder", "~/Backups") == str(
        Path("~/Backups").expanduser()
    )


@pytest.fixture
def passphrase_home(home: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A passphrase journal with one client and one interaction, made from the terminal."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "a long enough passphrase")
    logged = ["log", "Ada", "First call", "--channel", "phone", "--direction", "two_way"]
    assert run([*logged, "--new-client"]) == 0
    return home


def test_an_import_is_backed_up_first(passphrase_home: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "more.json"
    source.write_text(
        json.dumps({"format": "rapport-journal", "version": 1, "clients": [{"name": "Bo"}]})
    )
    capsys.readouterr()
    assert run(["import", str(source)]) == 0
    out = capsys.readouterr().out
    [before] = backups_dir(passphrase_home).glob("rapport-*-before-import.db")
    assert str(before) in out
    one_client = {"client": 1, "interaction": 1, "commitment": 0}
    assert copy_problems(before, "a long enough passphrase", one_client, one_client) == []


def test_backup_and_backups_cover_the_second_folder(
    passphrase_home: Path, tmp_path: Path, capsys
) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    from journal.store.database import open_journal

    with open_journal(passphrase_home, create=False):
        journal_settings.set_value("backup_folder", str(drive))
    capsys.readouterr()
    assert run(["backup"]) == 0
    home_copy, drive_copy = capsys.readouterr().out.split()
    assert Path(drive_copy).parent == drive
    assert run(["backups", "--json"]) == 0
    places = {row["place"] for row in json.loads(capsys.readouterr().out)}
    assert places == {home_copy, drive_copy}
    Path(drive_copy).unlink()
    drive.rmdir()
    assert run(["backup"]) == 0  # the home's copy counts; the drive is said, in one line
    out, err = capsys.readouterr()
    assert len(out.split()) == 1 and Path(out.strip()).exists()
    assert err.count("\n") == 1 and f"No backup could be written to {drive}" in err


def test_a_backup_that_fails_midway_leaves_no_half_file_and_stops_the_import(
    filled: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> int:
        raise JournalWriteFailed("The journal could not be saved: the disk is full.")

    monkeypatch.setattr("journal.store.backups.schema_version", full)  # after the export
    with pytest.raises(JournalWriteFailed) as failed:
        backup_before(filled, "import")
    assert str(failed.value) == (
        "The import did not start: the backup before it failed (The journal could not be "
        "saved: the disk is full). The journal was not changed."
    )
    assert list(backups_dir(filled.home).iterdir()) == []
