"""What a coach writes down: interactions (capture), the commitments made in them, the drafts
that keep unsaved typing, and the exact snapshots that let every write be undone.

May import journal.store, journal.values and journal.errors.
"""
