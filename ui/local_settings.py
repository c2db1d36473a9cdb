"""The one plain file Rapport keeps outside the journal: the window's geometry and the colour
scheme the last session saw. Nothing about clients ever goes here.

An INI file in the user's config folder on every platform (not the registry or a plist), so
it is a plain, inspectable file.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings


def local_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Rapport", "Rapport")
