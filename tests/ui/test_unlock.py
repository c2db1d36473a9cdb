"""Unlock at start: a kind line after a wrong passphrase, the journal untouched; cancel quits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from journal.store.database import open_journal
from journal.store.secrets import PassphrasePurpose
from ui import app as app_module
from ui.dialogs.unlock import UnlockDialog


def test_create_refuses_short_and_mismatched_passphrases(qtbot):
    dialog = UnlockDialog(PassphrasePurpose.CREATE)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, "short")
    dialog.accept()
    assert "at least 8" in dialog.message.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "a long passphrase")
    qtbot.keyClicks(dialog.repeat, "a long passphrasf")
    dialog.accept()
    assert "differ" in dialog.message.text()
    assert dialog.result() != dialog.DialogCode.Accepted


@pytest.fixture
def locked_home(home, no_keyring, monkeypatch):
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "the right passphrase")
    open_journal(home).close()
    monkeypatch.delenv("RAPPORT_PASSPHRASE")
    return home


def _answer(texts: list[str], seen: list[str]) -> None:
    """Type into each unlock dialog as it appears, noting the message it shows."""

    def step() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, UnlockDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(10, step)
            return
        seen.append(dialog.message.text())
        text = texts.pop(0)
        if text:
            dialog.passphrase.setText(text)
            dialog.accept()
        else:
            dialog.reject()
        if texts:
            QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)


def test_wrong_then_right_passphrase_opens_with_a_kind_word_between(qtbot, locked_home):
    seen: list[str] = []
    _answer(["wrong guess here", "the right passphrase"], seen)
    journal = app_module.open_for_app(locked_home, None, None)
    journal.close()
    assert seen[0] == ""
    assert "does not unlock the journal" in seen[1]


def test_cancel_quits_quietly(qtbot, locked_home):
    seen: list[str] = []
    _answer([""], seen)
    with pytest.raises(app_module.Cancelled):
        app_module.open_for_app(locked_home, None, None)
