"""The terminal interface: one module per command group (clients and interactions in
main, cues, reports, templates), the guard that turns every failure into one line.

The outermost layer of journal/: it may import any of journal/, and no journal module
imports it.
"""
