"""The message dialog: a template filled for one client, to edit, copy, mail and log as sent.

- editor.py: TemplateEditor (a template's own text) and the pattern highlighter.
- form.py: MessageForm, the message dialog's widgets laid out.
- dialog.py: TemplateDialog, which wires that form to journal.templates.

Modules here import journal/ and ui.commands; editor <- form <- dialog.
Nothing is re-exported: import the module that defines a name.
"""
