"""The terminal interface: one module per command group (clients and interactions in
main, cues, reports, templates), `common` for what they share (the parser, the Qt commands
handed in, opening the journal, JSON output) and the guard that turns every failure into one
line. The groups import common, never main, so there is no import circle.

The outermost layer of journal/: it may import any of journal/, and no journal module
imports it.
"""
