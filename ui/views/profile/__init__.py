"""The client's profile panel: one room per section.

- panel.py: ProfilePanel, the profile form, composing the two sections below.
- thresholds.py: ThresholdsSection, this client's own warning-sign thresholds.
- commitments.py: CommitmentsSection (open promises, ticked and added) and TickCommitment.

Modules here import journal/, ui.commands, ui.style and ui.views.cue_actions; panel imports
the two sections, which import nothing else here. Nothing is re-exported.
"""
