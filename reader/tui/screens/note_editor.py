"""The note editor: a modal with the sentence (plain text) over a multi-line text area.

ctrl+s or Save saves through the caller's ``save`` callback, which commits to the store
before returning; escape or Cancel closes without saving. If saving fails the editor stays
open with the text as typed and the message shown. F1 (the app's binding) opens help on top.
The sentence, title and source are untrusted: they are shown as ``Content``, never markup.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

EDITOR_BINDINGS = [
    # Not a priority binding: it must queue behind the keys typed before it (a fast typist
    # or a paste would otherwise save before the last characters reached the text area).
    Binding("ctrl+s", "save", "Save", id="reader.note_save"),
    Binding("escape", "cancel", "Cancel", id="reader.note_cancel"),
    # A modal screen hides the app's bindings: help is bound here again (F1 only: ? is text).
    Binding("f1", "app.help", "Help", id="reader.note_help"),
]


class NoteEditor(ModalScreen[bool]):
    """Dismissed with True when the note was saved, False when cancelled."""

    BINDINGS = EDITOR_BINDINGS

    def __init__(self, title: str, source: str, sentence: str, note: str, save: Callable[[str], object]) -> None:
        super().__init__(id="note-editor")
        self.article_title = title
        self.article_source = source
        self.sentence = sentence
        self.initial = note
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(
                Content.assemble(
                    ("Note on a sentence in ", "dim"),
                    (self.article_title or "(untitled)", "bold"),
                    (" · ", "dim"),
                    (self.article_source or "unknown source", "dim"),
                ),
                id="note-article",
                markup=False,
            )
            yield Static(Content(self.sentence), id="note-sentence", markup=False)
            yield TextArea(self.initial, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="note-error", markup=False)
            with Horizontal(id="note-buttons"):
                yield Static(
                    Content.styled("ctrl+s save · escape cancel · F1 help", "dim"), id="note-hint", markup=False
                )
                yield Button("Save", id="note-save", variant="primary")
                yield Button("Cancel", id="note-cancel")

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Keep the buttons and the hint on screen: on a short terminal (80x24) the sentence
        and the text area give up lines, never the Save and Cancel buttons."""
        height = self.app.size.height
        short = height < 32
        self.query_one("#note-sentence").styles.max_height = 3 if short else 8
        # borders 2, article 2, sentence 3-8 + 1, buttons 1 + 3, of 90% of the screen
        self.query_one(TextArea).styles.height = max(3, min(12, int(height * 0.9) - (12 if short else 17)))

    def on_mount(self) -> None:
        self._fit()
        self.query_one("#note-dialog").border_title = "Edit note" if self.initial.strip() else "New note"
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        from reader.notes.store import NotesError

        try:
            self._save(self.text)
        except NotesError as exc:
            error = self.query_one("#note-error", Static)
            error.update(Content(str(exc)))
            error.display = True
            self.notify(str(exc), markup=False, severity="error", timeout=10)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#note-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#note-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
