"""The client timeline: one room per part, each importable on its own.

- model.py: the item model (entries and cue marks, folds, highlighted evidence).
- painter.py: the item delegate that paints entries and cue bands.
- chart_strip.py: the feeling chart above the list, painted off the UI thread.
- glyphs.py: channel glyphs and feeling words and colours (also used by the capture dialog).
- view.py: TimelineView, which composes them for the window.

Modules here import journal/, ui.style, ui.commands and ui/views (cue_actions,
feeling_chart); within the package, glyphs <- model <- painter <- view, and
chart_strip <- view. Nothing is re-exported: import the module that defines a name.
"""
