"""w: every file that was skipped (with its one-line reason) and every article's warnings.

Paths, reasons and warnings come from untrusted file names and contents: the text is
built as ``Content`` from plain strings (never markup), one line per entry.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.corpus.errors import one_line


def problems_content(skipped: list[str], warnings: list[str]) -> Content:
    parts: list[str | tuple[str, str]] = []
    parts += [(f"Skipped ({len(skipped)})", "bold underline"), "\n"]
    if skipped:
        for line in skipped:
            parts += [("✗ ", "bold"), one_line(line, 600), "\n"]
    else:
        parts += [("nothing was skipped", "dim"), "\n"]
    parts += ["\n", (f"Warnings ({len(warnings)})", "bold underline"), "\n"]
    if warnings:
        for line in warnings:
            parts += [("! ", "bold"), one_line(line, 600), "\n"]
    else:
        parts += [("no warnings", "dim"), "\n"]
    parts += ["\n", ("Articles not loaded yet are checked when shown. escape closes this list.", "dim")]
    return Content.assemble(*parts)


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,w,q", "dismiss", "Close problems", id="reader.problems_close"),
    ]

    def __init__(self, skipped: list[str], warnings: list[str]) -> None:
        super().__init__(id="problems")
        self.skipped = list(skipped)
        self.warnings = list(warnings)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-body") as body:
            body.border_title = Content("Problems")
            yield Static(problems_content(self.skipped, self.warnings), id="problems-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
