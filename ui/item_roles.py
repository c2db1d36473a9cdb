"""Qt's item data roles as the plain ints Qt hands a model's data().

The client list compares roles with these rather than with Qt.ItemDataRole. The first use of
anything in the Qt namespace makes PySide6 build all of its ~90 enums (~15-20 ms), and the
window's first paint does without them; tests/ui/test_first_paint.py holds these to Qt's own
values.
"""

from __future__ import annotations

DISPLAY = 0
DECORATION = 1
TOOL_TIP = 3
FONT = 6
ACCESSIBLE_TEXT = 11
USER = 0x0100
