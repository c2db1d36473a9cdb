"""The recovery sheet in the app: saved as a PDF, then checked by typing the key's last group
back; Preferences says where the coach stands."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from journal import recovery_sheet
from journal.store.database import Journal
from ui.dialogs.recovery import RecoverySheetDialog
from ui.dialogs.settings import SettingsDialog


def test_the_sheet_is_saved_then_checked_by_its_last_group(
    qtbot, journal: Journal, tmp_path: Path
) -> None:
    dialog = RecoverySheetDialog(journal)
    qtbot.addWidget(dialog)
    assert "No recovery sheet" in dialog.state.text()
    dialog.check()
    assert "Save the sheet first" in dialog.message.text()

    out = tmp_path / "sheet.pdf"
    assert dialog.write_to(out)
    key = dialog.sheet.recovery_key
    assert key is not None
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert key[:9] in text
    assert "not yet checked" in dialog.state.text()

    dialog.typed.setText("QQQQ" if not key.endswith("QQQQ") else "ZZZZ")
    dialog.check()
    assert "not the last group" in dialog.message.text()
    assert recovery_sheet.sheet_checked_on(journal) is None

    dialog.typed.setText(key[-4:].lower())
    dialog.check()
    assert "matches" in dialog.message.text()
    assert "checked on" in dialog.state.text()


def test_preferences_show_whether_a_sheet_was_made(qtbot, journal: Journal) -> None:
    prefs = SettingsDialog(journal)
    qtbot.addWidget(prefs)
    assert "No recovery sheet" in prefs.sheet_state.text()
    recovery_sheet.record_made(journal)
    again = SettingsDialog(journal)
    qtbot.addWidget(again)
    assert "was made on" in again.sheet_state.text()
