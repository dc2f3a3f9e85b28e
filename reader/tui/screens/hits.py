"""Hits of a find in the story's other articles (key F4): one line per sentence, with its outlet;
enter shows that article beside the left one, at that sentence."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.errors import plural
from reader.corpus.sanitize import one_line
from reader.tui.widgets.keybar import KeyBar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article


class HitList(OptionList, inherit_bindings=False):
    BINDINGS = [b for b in OptionList.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")] + [
        Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False)]


class HitsScreen(ModalScreen["tuple[Article, int] | None"]):
    BINDINGS = [
        Binding("enter", "open", "Show beside the left article", id="reader.hits_open"),
        Binding("escape", "close", "Back", id="reader.hits_close"),
    ]
    AUTO_FOCUS = "#hits"

    def __init__(self, query: str, hits: list[tuple[Article, int]]) -> None:
        super().__init__(id="hits-screen")
        self.query_text = query
        self.hits = hits

    def compose(self) -> ComposeResult:
        with Vertical(id="fact-dialog") as dialog:
            dialog.border_title = Content(one_line(f"“{self.query_text}” in {plural(len(self.hits), 'other sentence')}",
                                                   90))
            options = []
            for k, (article, sid) in enumerate(self.hits):
                head = Content.assemble((one_line(article.source or "unknown", 40), "bold"), (" · ", "dim"),
                                        (one_line(article.title or "(untitled)", 80), "dim"), (f"  #{sid}", "dim"))
                options.append(Option(Content.assemble(head, "\n", Content(article.sentences[sid].text), "\n"),
                                      id=f"hit-{k}"))
            yield HitList(*options, id="hits")
        yield KeyBar(id="hits-keys")

    def action_open(self) -> None:
        k = self.query_one(HitList).highlighted
        if k is not None and 0 <= k < len(self.hits):
            self.dismiss(self.hits[k])

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_close(self) -> None:
        self.dismiss(None)
