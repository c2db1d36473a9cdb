"""Warning signs: the cue engine the app, the CLI and the reports share.

The rules are pure: `engine.evaluate(history, thresholds, as_of)` over plain snapshots
(`history`), each rule in `rules_*` returning the facts of its sentence, worded in English or
Swedish by `wording`. `api` loads histories and thresholds from the journal, runs the rules
and leaves out what the coach dismissed or snoozed (`state`); `thresholds` defines the
settings that tune them.

May import journal.store, journal.values and journal.errors; never the app's services.
"""
