"""The capture dialog: a new interaction, or an edit of one, in seconds and never lost.

- widgets.py: the form's own widgets (feeling steps, emotion chips, an optional date).
- fields.py: the one mapping between an interaction's fields, the widgets and a draft's JSON.
- form.py: CaptureForm, the fields laid out and read and written through that mapping.
- drafts.py: the bar that offers an unsaved draft back.
- dialog.py: CaptureDialog (drafts, autosave, undoable save) and dialog_for_pending_draft.

Modules here import journal/, ui.background, ui.commands and ui.views.timeline.glyphs;
within the package, widgets <- fields <- form <- dialog, and drafts <- dialog.
Nothing is re-exported: import the module that defines a name.
"""
