"""The main window's Templates menu: new, edit, import and export templates without a client.

The message dialog's own "Templates" button does the same from inside a message; both go
through journal.templates.library and the one TemplateEditor.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from journal.errors import RapportError
from journal.i18n import _, ngettext
from journal.templates import library, text
from ui.dialogs.template.editor import TemplateEditor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SET_FILTER = "JSON (*.json)"
T = TypeVar("T")


def _open_editor(window: MainWindow, template: text.Template | None) -> None:
    editor = TemplateEditor(template, lang=library.default_language(), parent=window)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.accepted.connect(lambda: window.statusBar().showMessage(_("Template saved."), 8000))
    editor.open()


def new_template(window: MainWindow) -> None:
    """Templates > New template…: an empty template in the journal's language."""
    _open_editor(window, None)


def template_titles(lang: str) -> list[tuple[str, text.Template]]:
    """Each template as the chooser names it: its title, and whose version it is."""
    notes = {text.EDITED: _(" (your version)"), text.OWN: _(" (yours)")}
    return [(t.title + notes.get(t.origin, ""), t) for t in library.list_templates(lang)]


def edit_template(window: MainWindow) -> None:
    """Templates > Edit a template…: choose one, then edit it (a built-in is kept as yours)."""
    choices = template_titles(library.default_language())
    title, ok = QInputDialog.getItem(
        window, _("Edit a template"), _("Template:"), [t for t, _t in choices], 0, False
    )
    chosen = dict(choices).get(title)
    if ok and chosen is not None:
        _open_editor(window, chosen)


def _on_file(
    window: MainWindow,
    path: Path | None,
    ask: Callable[[], str],
    work: Callable[[Path], T],
    said: Callable[[T, Path], str],
) -> None:
    """Do `work` on `path` (asked for when None), then say what it did in the status bar; a
    problem is one line in a message box."""
    if path is None:
        name = ask()
        if not name:
            return
        path = Path(name)
    try:
        result = work(path)
    except (RapportError, OSError) as exc:
        QMessageBox.warning(window, _("Templates"), str(exc))
        return
    window.statusBar().showMessage(said(result, path), 10000)


def import_set(window: MainWindow, path: Path | None = None) -> None:
    """Templates > Import template set…: all or nothing, checked first."""

    def ask() -> str:
        title = _("Import template set")
        return QFileDialog.getOpenFileName(window, title, str(Path.home()), SET_FILTER)[0]

    def said(done: library.ImportSummary, _path: Path) -> str:
        return _(
            "Imported templates: {added} added, {replaced} replaced, {same} already the same."
        ).format(added=done.added, replaced=done.replaced, same=done.unchanged)

    _on_file(window, path, ask, library.import_set, said)


def export_set(window: MainWindow, path: Path | None = None) -> None:
    """Templates > Export template set…: every template, as JSON, to share or keep."""

    def ask() -> str:
        title = _("Export template set")
        return QFileDialog.getSaveFileName(window, title, "rapport-templates.json", SET_FILTER)[0]

    def said(count: int, target: Path) -> str:
        return ngettext(
            "Exported %(n)d template to %(file)s.", "Exported %(n)d templates to %(file)s.", count
        ) % {"n": count, "file": target.name}

    _on_file(window, path, ask, library.export_set, said)
