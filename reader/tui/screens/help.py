"""F1 / ? help: every key, read from the live bindings (so remapped keys show as remapped)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

LEGEND = (
    ("=", "verbatim match"),
    ("≈", "near match (edited copy); differing words emphasised"),
    ("~", "paraphrase; differing words emphasised"),
    ("◐", "partial: one side reports only part of what the other does"),
    ("²", "links to sentences on other rows (¹…⁹; ⁺ ten or more); r goes there"),
    ("+", "sentence only this article has: no link at all"),
    ("·", "boilerplate (site chrome), dimmed; b hides it"),
    ("↕", "moved: the right side sits elsewhere in its article"),
    ("⚑", "flagged sentence (space)"),
    ("✎", "sentence with a note (a writes or edits it)"),
)

NOTES_HELP = (
    "Flags and notes are saved as you make them, in the notes database of your data folder "
    "(READER_DATA_DIR overrides it). o or ctrl+n lists them all: enter goes to the sentence, "
    "e edits, d deletes, f filters by article, x exports Markdown and X JSON into the current "
    "folder. A note follows its sentence when the article is edited; a reworded sentence is "
    "marked changed, a deleted one orphaned (its note is kept)."
)

MOVED_HELP = (
    "A moved match is shown on its left sentence's row. m on it jumps to the row where "
    "the right article's own order would put it (next to the right sentence before it); "
    "m there jumps back."
)


LINKS_HELP = (
    "A sentence can report the same thing as several sentences of the other article (one that "
    "combines two facts, say). Each row shows one match; a small number beside a sentence counts "
    "its links to sentences on other rows, and the sentence takes the colour of its best link when "
    "its row has no match. r goes to the row of its next link (the focused column's sentence; the "
    "status line says which link, its kind and confidence); r again goes to the next, and after "
    "the last back to where you started. The number after a link's kind is reader's confidence "
    "(0 to 1) that the two sentences report the same thing.\n\n"
    "Two articles about different events share names and words sentence by sentence without "
    "reporting the same facts, so reader first judges whether the two report one event; when it "
    "judges not, only word-for-word lines are linked and the status line says so. e links the "
    "two as one event anyway (e again undoes it)."
)


def help_content(bindings: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in bindings), default=8) + 2
    parts: list[str | tuple[str, str]] = [("Keys", "bold underline"), "\n"]
    for keys, description in bindings:
        parts += [(keys.ljust(width), "bold"), description, "\n"]
    parts += ["\n", ("Marks", "bold underline"), "\n"]
    for mark, meaning in LEGEND:
        parts += [(f" {mark}  ", "bold"), meaning, "\n"]
    parts += ["\n", LINKS_HELP, "\n\n", MOVED_HELP, "\n\n", NOTES_HELP, "\n\n", ("ctrl+p opens the command palette; escape closes this help.", "dim")]
    return Content.assemble(*parts)


def binding_rows(app, screen) -> list[tuple[str, str]]:
    """(keys, description) per binding id, in declaration order, with the current keys."""
    rows: dict[str, tuple[list[str], str]] = {}
    for _key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if binding.system or not binding.description:
            continue
        ident = binding.id or binding.action
        keys, _ = rows.setdefault(ident, ([], binding.description))
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    # reader's own keys first; Textual's generic ones (focus, copy) after them
    ordered = sorted(rows.items(), key=lambda kv: not kv[0].startswith("reader."))
    return [(", ".join(keys), desc) for _ident, (keys, desc) in ordered]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="reader.help_close"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__(id="help")
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(help_content(self.rows), id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
