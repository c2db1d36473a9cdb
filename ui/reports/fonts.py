"""Fonts for reports: the system's sans-serif, then the bundled fallbacks (Devanagari, then
CJK and more), then names.

Qt silently draws nothing (or an empty box) for a character no font has. A report must not
lose what the coach typed, so `printable` swaps such a character for its Unicode name in
brackets ("[thumbs up sign]"), and drops the invisible joiners and modifiers of emoji
sequences that would otherwise show as boxes.
"""

from __future__ import annotations

import threading
import unicodedata

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QTextLayout

from journal.store.resources import resource_path

FALLBACK_FILE = "RapportFallback.ttf"
SCRIPT_FILES = ("NotoSansDevanagari-Regular.ttf",)
"""Fonts for scripts the fallback draws without shaping (Devanagari's conjuncts and vowel
signs came out as boxes): tried before the fallback, so Qt shapes them with OpenType."""
BASE_POINT_SIZE = 9.5

_lock = threading.Lock()
_fallback_families: list[str] | None = None
_coverage: dict[str, bool] = {}
_base_font: QFont | None = None

# Characters that only shape their neighbours (ZWJ, variation selectors, skin tones, tags):
# harmless when a font handles them, empty boxes when it does not.
_MODIFIERS = (
    {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
)


def ensure_fonts() -> list[str]:
    """Register the bundled fallback fonts once; returns their family names, in the order
    they are tried.

    Call from the GUI thread before handing work to a thread (the CLI and ReportJob do).
    """
    global _fallback_families
    with _lock:
        if _fallback_families is None:
            _fallback_families = [
                family for name in (*SCRIPT_FILES, FALLBACK_FILE) for family in _register(name)
            ]
        return list(_fallback_families)


def _register(name: str) -> list[str]:
    try:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    except FileNotFoundError:
        font_id = -1
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def report_font(point_size: float = BASE_POINT_SIZE) -> QFont:
    """The body font of every report: system sans-serif first, then the fallback."""
    global _base_font
    with _lock:
        base = _base_font
    if base is None:
        general = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        base = QFont()
        # The family the system font resolves to, not its alias ("Sans Serif"): behind an
        # alias Qt took a bundled script font for some punctuation, splitting words in the
        # PDF's text.
        families = [QFontInfo(general).family(), *ensure_fonts()]
        base.setFamilies(list(dict.fromkeys(f for f in families if f)))
        base.setStyleHint(QFont.StyleHint.SansSerif)
        # No "fi"/"fl" ligatures: they extract as one odd character, so searching the PDF for
        # "confidential" would miss it.
        for tag in ("liga", "clig"):
            base.setFeature(QFont.Tag(tag), 0)
        with _lock:
            _base_font = base
    font = QFont(base)
    font.setPointSizeF(point_size)
    return font


def _has_glyph(char: str, font: QFont) -> bool:
    layout = QTextLayout(char, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    return bool(runs) and all(index != 0 for run in runs for index in run.glyphIndexes())


def printable(text: str, font: QFont | None = None) -> str:
    """The text with every character no font can draw replaced by its name in brackets."""
    if text.isascii():
        return text
    font = font or report_font()
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code < 0x250 or char in "\n\t":
            out.append(char)
            continue
        with _lock:
            known = _coverage.get(char)
        if known is None:
            known = _has_glyph(char, font)
            with _lock:
                _coverage[char] = known
        if known:
            out.append(char)
        elif code not in _MODIFIERS:
            out.append(f"[{unicodedata.name(char, f'U+{code:04X}').lower()}]")
    return "".join(out)
