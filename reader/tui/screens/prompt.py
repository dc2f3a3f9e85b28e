"""A one-line question with an answer field: "Export notes to:" with a sensible default path.

Enter (or the OK button) answers with the text typed; escape (or Cancel) answers None. The
question and the default are shown as ``Content``/plain values, never markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class PathPrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reader.prompt_cancel")]
    AUTO_FOCUS = "#prompt-input"

    def __init__(self, question: str, default: str, ok: str = "OK") -> None:
        super().__init__(id="prompt")
        self.question = question
        self.default = default
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Static(Content(self.question), id="prompt-question", markup=False)
            yield Input(value=self.default, id="prompt-input", select_on_focus=False)
            with Horizontal(id="prompt-buttons"):
                yield Static(Content.styled("enter: " + self.ok.lower() + " · escape: cancel", "dim"),
                             id="prompt-hint", markup=False)
                yield Button(self.ok, id="prompt-ok", variant="primary")
                yield Button("Cancel", id="prompt-cancel")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._answer()

    @on(Button.Pressed, "#prompt-ok")
    def _ok(self) -> None:
        self._answer()

    @on(Button.Pressed, "#prompt-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def _answer(self) -> None:
        value = self.query_one(Input).value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
