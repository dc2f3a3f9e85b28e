"""The find bar (key ``/``): a line to type what to look for, over the status line.

Enter (or ↓) goes to the next hit, shift+enter (or ↑: most terminals send shift+enter as enter) to
the previous (F3 / shift+F3 once the bar is closed),
escape closes it. The search itself is the screen's (``MainScreen.find_text``): the sentences of
the pair on screen through the row model, and every other article of the story.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    BINDINGS = [
        Binding("shift+enter,up", "step(-1)", "Previous hit", show=False),
        Binding("down", "step(1)", "Next hit", show=False),
        Binding("escape", "close", "Close", show=False),
    ]
    DEFAULT_CSS = """
    FindBar {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    FindBar:focus {
        border: none;
    }
    """

    class Step(Message):
        """Go to the next (1) or previous (-1) hit of ``query``."""

        def __init__(self, query: str, direction: int) -> None:
            super().__init__()
            self.query = query
            self.direction = direction

    class Closed(Message):
        """The bar was closed (escape)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="find in the story: enter or ↓ next · ↑ previous · escape close", **kwargs)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(self.value, 1))

    def action_step(self, direction: int) -> None:
        self.post_message(self.Step(self.value, direction))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
