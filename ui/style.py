"""A calm look that follows the system's light or dark scheme.

One palette per scheme, applied to the Fusion style so it looks the same on every platform;
the colours for cue severities live here too, so the client list, Today and the timeline
speak one visual language.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QLabel

from journal.i18n import N_, _
from journal.overview import NO_CUE

# Muted, not alarming: the coach should notice, not panic.
# By journal.cues.model.Severity's values (a test holds them to it).
_SEVERITY_LIGHT = {
    NO_CUE: "#8fb996",  # nothing open: sage
    1: "#7a9cc6",  # slate blue
    2: "#d9a441",  # amber
    3: "#ad4f3b",  # terracotta, dark enough for "overdue" in words (4.5:1)
}
_SEVERITY_DARK = {
    NO_CUE: "#6f9a77",
    1: "#7f9fcc",
    2: "#d6a850",
    3: "#d27766",
}
TIMELINE_MIN_WIDTH = 380  # the centre's width: a cue sentence and an entry's header stay readable
SEVERITY_WORDS = {0: N_("calm"), 1: N_("note"), 2: N_("attention"), 3: N_("urgent")}


def severity_color(severity: int) -> QColor:
    table = _SEVERITY_DARK if dark_palette() else _SEVERITY_LIGHT
    return QColor(table.get(int(severity), table[0]))


def problem_label() -> QLabel:
    """The one line that says what to fix in a form or dialog: hidden until there is one, in
    the urgent colour of the scheme (contrast-checked in light and dark)."""
    label = QLabel()
    label.setAccessibleName(_("Problem"))
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {severity_color(3).name()};")
    label.hide()
    return label


def severity_word(severity: int) -> str:
    return _(SEVERITY_WORDS.get(int(severity), SEVERITY_WORDS[0]))


_dot_cache: dict[tuple[int, bool, int], QIcon] = {}


def severity_shape(rect: QRectF, severity: int) -> QPainterPath:
    """The filled shape of a cue's severity in `rect`, the same on screen and on paper (the
    chart's markers print on grey-scale printers): a note a dot, attention a triangle, urgent
    a diamond. Only geometry, so a worker thread may call it."""
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    path = QPainterPath()
    top, bottom, middle = QPointF(box.center().x(), box.top()), box.bottom(), box.center().y()
    if int(severity) <= 1:
        inset = side * 0.15
        path.addEllipse(box.adjusted(inset, inset, -inset, -inset))
    elif int(severity) == 2:
        path.addPolygon(
            QPolygonF([top, QPointF(box.right(), bottom), QPointF(box.left(), bottom), top])
        )
    else:
        corners = [QPointF(box.right(), middle), QPointF(box.center().x(), bottom)]
        path.addPolygon(QPolygonF([top, *corners, QPointF(box.left(), middle), top]))
    return path


def paint_severity(painter: QPainter, rect: QRectF, severity: int) -> None:
    """A severity's mark in `rect`: its colour, and a shape of its own so it reads without
    colour too: calm a ring, and the shapes of `severity_shape` for the cues' levels."""
    level = int(severity) if int(severity) in SEVERITY_WORDS else NO_CUE
    colour = severity_color(level)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if level == NO_CUE:
        side = min(rect.width(), rect.height())
        box = QRectF(0, 0, side, side)
        box.moveCenter(rect.center())
        width = max(side / 6, 1.5)
        painter.setPen(QPen(colour, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(width / 2, width / 2, -width / 2, -width / 2))
    else:
        painter.fillPath(severity_shape(rect, level), colour)
    painter.restore()


def severity_dot(severity: int, size: int = 12) -> QIcon:
    """The severity's mark as an icon, cached; painted at device pixel ratio 2 so it is crisp
    on HiDPI."""
    key = (int(severity), dark_palette(), size)
    icon = _dot_cache.get(key)
    if icon is None:
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_severity(painter, QRectF(0, 0, size, size), severity)
        painter.end()
        icon = QIcon(pixmap)
        _dot_cache[key] = icon
    return icon


def scheme_palette(dark: bool) -> QPalette:
    """The palette for the light or the dark scheme. Muted text and selected rows are held to
    WCAG AA's 4.5:1 on every background they sit on (tests/ui/test_contrast.py)."""
    if dark:
        window, base, alt, text, muted = "#23262b", "#1c1f23", "#262a30", "#e4e2dd", "#9a9ea6"
        button, highlight, link = "#2c3036", "#4a7483", "#8db8c8"
    else:
        window, base, alt, text, muted = "#f4f2ee", "#fcfbf9", "#f3f1ec", "#2d2f33", "#63676e"
        button, highlight, link = "#ebe8e2", "#4a7585", "#2f6b80"
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


def relative_luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance: the sRGB channels made linear, weighted as the eye sees."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2's contrast ratio, 1 to 21; AA asks 4.5 for text."""
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def match_mark(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """A search match's background and its ink: soft yellow, or a dark amber in the dark
    scheme, with whichever of the palette's text and base colours reads best on it, so a
    match in a selected row is not white on pale yellow."""
    palette = palette or QApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    mark = QColor("#6b5a2a" if base.lightness() < 128 else "#f6e3a1")
    inks = (palette.color(QPalette.ColorRole.Text), base)
    return mark, max(inks, key=lambda ink: contrast(ink, mark))


class _SchemeFollower(QObject):
    """Applies the palette for the system's scheme, and again when the system switches
    between light and dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self.dark: bool | None = None
        # Read before our own palette replaces it: where the platform names no scheme, its
        # palette tells.
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        self._platform_palette_dark = window.lightness() < 128
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply)

    def system_is_dark(self) -> bool:
        """The system's scheme; where the platform names none, its own palette tells."""
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        return self._platform_palette_dark

    def apply(self, *_args: object) -> None:
        dark = self.system_is_dark()
        if dark != self.dark:
            self.use(dark)

    def use(self, dark: bool) -> None:
        _dot_cache.clear()
        self.dark = dark
        self._app.setPalette(scheme_palette(dark))


def _follower() -> _SchemeFollower | None:
    app = QApplication.instance()
    follower = app.property("rapport_style_follower") if app is not None else None
    return follower if isinstance(follower, _SchemeFollower) else None


def dark_palette() -> bool:
    """Whether the palette in use is the dark one."""
    follower = _follower()
    return follower is not None and bool(follower.dark)


def apply_style(app: QApplication) -> None:
    """Fusion with the calm palette for the system's scheme; follows later scheme changes."""
    app.setStyle("Fusion")
    if _follower() is None:
        follower = _SchemeFollower(app)
        app.setProperty("rapport_style_follower", follower)
        follower.apply()
