"""Render Rapport's icon set from its one drawing, resources/icons/rapport.svg.

    python packaging/make_icons.py

Writes resources/icons/rapport-N.png for every size in SIZES with Qt's own SVG renderer
(QtSvg ships with PySide6-Essentials), so nothing beyond Rapport's own dependencies is
needed. The PNGs are committed: the window icon, the .desktop file's icon theme and the
bundle use them, and tests/test_packaging.py checks they are in step with the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "rapport.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int, svg: Path = SVG) -> QImage:
    """The icon drawn at size x size pixels on a transparent ground."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a drawing Qt can read; fix the SVG.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_path(size: int) -> Path:
    return ICONS / f"rapport-{size}.png"


def main() -> int:
    for size in SIZES:
        if not render(size).save(str(png_path(size))):
            print(f"make_icons: could not write {png_path(size)}", file=sys.stderr)
            return 1
    print(f"Wrote {len(SIZES)} PNGs to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
