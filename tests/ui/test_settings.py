"""Preferences: built from the schema, saved on OK, untouched on Cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialogButtonBox, QLineEdit, QSpinBox

from journal import settings
from journal.settings import SettingSpec
from ui.dialogs.settings import SettingsDialog


@pytest.fixture
def dialog(qtbot, journal):
    widget = SettingsDialog(journal)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _ok(dialog, qtbot):
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_typed_name_signature_and_language_are_saved_on_ok(dialog, qtbot):
    qtbot.keyClicks(dialog.editors["my_name"].widget, "Alex Morgan")
    signature = dialog.editors["signature"].widget
    qtbot.keyClicks(signature, "Warmly,")
    qtbot.keyClick(signature, Qt.Key.Key_Return)
    qtbot.keyClicks(signature, "Alex")
    language = dialog.editors["language"].widget
    language.setCurrentIndex(language.findData("sv"))
    _ok(dialog, qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get("my_name") == "Alex Morgan"
    assert settings.get("signature") == "Warmly,\nAlex"
    assert settings.get("language") == "sv"


def test_cancel_saves_nothing(dialog, qtbot):
    qtbot.keyClicks(dialog.editors["my_name"].widget, "Someone")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert settings.get("my_name") == ""


def test_restore_defaults_then_ok(dialog, qtbot, journal):
    settings.set_value("my_name", "Old Name")
    again = SettingsDialog(journal)
    qtbot.addWidget(again)
    assert again.editors["my_name"].get() == "Old Name"
    again.restore_defaults()
    again.accept()
    assert settings.get("my_name") == ""


def test_journal_folder_is_shown_read_only(dialog, journal):
    assert dialog.path_field.text() == str(journal.home)
    assert dialog.path_field.isReadOnly()
    assert dialog.open_folder.accessibleName()


def test_a_new_schema_entry_appears_with_its_bounds(qtbot, journal, monkeypatch):
    extra = SettingSpec(
        "quiet_days",
        14,
        int,
        "Quiet days",
        "Days without contact.",
        group="Cues",
        minimum=1,
        maximum=90,
    )
    monkeypatch.setattr(settings, "SCHEMA", [*settings.SCHEMA, extra])
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    box = dialog.editors["quiet_days"].widget
    assert isinstance(box, QSpinBox)
    assert (box.minimum(), box.maximum(), box.value()) == (1, 90, 14)
    box.setValue(30)
    dialog.accept()
    assert settings.get("quiet_days") == 30


def test_every_editor_has_an_accessible_name(dialog):
    for editor in dialog.editors.values():
        assert editor.widget.accessibleName()
    own_fields = [
        w
        for w in dialog.findChildren(QLineEdit)
        if not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))  # their inner editors
    ]
    assert own_fields and all(w.accessibleName() for w in own_fields)


def test_scrolling_the_preferences_never_changes_a_threshold(dialog):
    from tests.ui.test_profile import _wheel

    box = dialog.editors["cue_lookback_days"].widget
    before = box.value()
    _wheel(box, steps=-3)
    assert box.value() == before


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_recovery_sheet_state_is_not_cut_in_half(qtbot, journal, lang):
    """Beside its button the wrapped state got one button's height: both lines were cut."""
    from ui.views.language import apply_language

    apply_language(lang)
    try:
        dialog = SettingsDialog(journal)
        qtbot.addWidget(dialog)
        dialog.resize(560, 720)
        dialog.show()
        qtbot.wait(20)  # layouts settle; nothing is awaited
        label = dialog.sheet_state
        assert label.text()
        assert label.height() >= label.heightForWidth(label.width())
    finally:
        apply_language("en")


def test_the_dread_words_read_in_swedish_and_are_stored_by_their_keys(qtbot, journal):
    """In Swedish the field showed "dread, drained, exhausted, resentful"."""
    from ui.views.language import apply_language

    apply_language("sv")
    try:
        dialog = SettingsDialog(journal)
        qtbot.addWidget(dialog)
        field = dialog.editors["cue_dread_words"].widget
        assert field.text() == "obehag, utmattad, slutkörd, bitter"
        field.setText("obehag, utmattad, ledsen")
        _ok(dialog, qtbot)
        assert settings.get("cue_dread_words") == "dread, drained, ledsen"
    finally:
        apply_language("en")
