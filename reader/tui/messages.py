"""Messages the App sends its screens (instead of calling whatever method a screen happens to
have): a screen that shows notes or articles handles the ones it cares about."""

from __future__ import annotations

from textual.message import Message


class NotesChanged(Message):
    """Flags or notes changed (here, on another screen, or in another reader): show them anew."""


class ArticleLoaded(Message):
    """Listed article ``index`` was read (or failed) while the user waited for it."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
