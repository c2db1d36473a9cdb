"""A calm look that follows the system's light or dark scheme.

One palette per scheme, applied to the Fusion style so it looks the same on every platform;
the colours for cue severities live here too, so the client list, Today and the timeline
speak one visual language.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from journal.cues.model import Severity

# Muted, not alarming: the coach should notice, not panic.
_SEVERITY_LIGHT = {
    0: "#8fb996",  # nothing open: sage
    int(Severity.INFO): "#7a9cc6",  # slate blue
    int(Severity.WARNING): "#d9a441",  # amber
    int(Severity.CRITICAL): "#c8644f",  # terracotta
}
_SEVERITY_DARK = {
    0: "#6f9a77",
    int(Severity.INFO): "#7f9fcc",
    int(Severity.WARNING): "#d6a850",
    int(Severity.CRITICAL): "#d27766",
}
SEVERITY_WORDS = {0: "calm", 1: "note", 2: "attention", 3: "urgent"}


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def severity_color(severity: int) -> QColor:
    table = _SEVERITY_DARK if is_dark() else _SEVERITY_LIGHT
    return QColor(table.get(int(severity), table[0]))


def severity_word(severity: int) -> str:
    return SEVERITY_WORDS.get(int(severity), "calm")


_dot_cache: dict[tuple[int, bool, int], QIcon] = {}


def severity_dot(severity: int, size: int = 12) -> QIcon:
    """A small filled circle, cached; painted at device pixel ratio 2 so it is crisp on HiDPI."""
    key = (int(severity), is_dark(), size)
    icon = _dot_cache.get(key)
    if icon is None:
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(severity_color(severity))
        inset = size * 0.15
        painter.drawEllipse(inset, inset, size - 2 * inset, size - 2 * inset)
        painter.end()
        icon = QIcon(pixmap)
        _dot_cache[key] = icon
    return icon


def _palette(dark: bool) -> QPalette:
    if dark:
        window, base, alt, text, muted = "#23262b", "#1c1f23", "#262a30", "#e4e2dd", "#9a9ea6"
        button, highlight, link = "#2c3036", "#4f7a8a", "#8db8c8"
    else:
        window, base, alt, text, muted = "#f4f2ee", "#fcfbf9", "#f3f1ec", "#2d2f33", "#7b7f86"
        button, highlight, link = "#ebe8e2", "#5b8a9a", "#2f6b80"
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, window),
        (roles.Base, base),
        (roles.AlternateBase, alt),
        (roles.Text, text),
        (roles.WindowText, text),
        (roles.ButtonText, text),
        (roles.Button, button),
        (roles.ToolTipBase, base),
        (roles.ToolTipText, text),
        (roles.PlaceholderText, muted),
        (roles.Highlight, highlight),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, link),
        (roles.BrightText, "#ffffff"),
    ):
        p.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(muted))
    return p


def muted_color() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)


class _SchemeFollower(QObject):
    """Re-applies the palette when the system switches between light and dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply)

    def apply(self, *_args: object) -> None:
        _dot_cache.clear()
        self._app.setPalette(_palette(is_dark()))


def apply_style(app: QApplication, fusion_already: bool = False) -> None:
    """Fusion with the calm palette for the current scheme; follows later scheme changes.

    `fusion_already`: the app was made with Qt's `-style Fusion` option (see make_application).
    """
    if not fusion_already:
        app.setStyle("Fusion")
    if app.property("rapport_style_follower") is None:
        follower = _SchemeFollower(app)
        app.setProperty("rapport_style_follower", True)
        follower.apply()
