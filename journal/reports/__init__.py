"""The data of each PDF report, assembled from the journal without Qt: what is printed, not how.

`client_report` (private: the whole story), `accountability` (for the client: commitments
only) and `practice` (every current client at a glance), each a plain frozen type built from
the journal; `period` is the period and header they share, `chart` the feeling chart's data
(the timeline draws it on screen too). The renderer in ui/reports only lays these out, so the
CLI, the app and tests share one truth.

May import journal.store, journal.values, journal.entries, journal.cues, journal.templates,
journal.overview, journal.settings and journal.errors; never the CLI, Qt or ui.
"""
