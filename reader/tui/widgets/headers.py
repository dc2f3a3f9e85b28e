"""The two column headers over the comparison (title, source, sentence count), in one widget.

One widget rather than a container of two ``Static``s: fewer nodes to style, lay out and
paint at start-up. Titles are untrusted text: built as ``Content``, never markup.
"""

from __future__ import annotations

from reader.corpus.errors import plural
from reader.corpus.sanitize import one_line

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

from reader.corpus.model import Article

SCROLLBAR = 1  # the comparison's scrollbar: the right header stops above it


def web_url(article: Article | None) -> str | None:
    """The article's web address when it has one that a browser may open (http or https)."""
    from reader.corpus.formats import is_url

    url = article.url if article is not None else None
    return url if url and is_url(url) else None


def header_content(article: Article | None, side: str) -> Content:
    if article is None:
        return Content("")
    source = article.source or "unknown source"
    parts: list[str | tuple[str, str]] = [
        ("◀ " if side == "left" else "▶ ", "bold"),
        (article.title or "(untitled)", "bold"),
        "\n  ",
        (f"{source} · {plural(len(article.sentences), 'sentence')}",
         "dim italic" if article.source_guessed else "dim"),
    ]
    url = web_url(article)
    if url:
        host = url.split("//", 1)[1].split("/", 1)[0]
        parts += [(" · ", "dim"), (f"↗ {one_line(host, 60)}", "dim underline")]
    return Content.assemble(*parts)


class HeaderBar(Widget):
    """Left and right headers side by side; the focused column's header is highlighted."""

    COMPONENT_CLASSES = {"headers--focused", "headers--unfocused"}
    DEFAULT_CSS = """
    HeaderBar {
        height: 2;
        & > .headers--unfocused { color: $text-muted; }
        & > .headers--focused { color: $text; background: $accent 20%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._sides: dict[str, Content] = {"left": Content("loading articles…"), "right": Content("")}
        self._focused = "left"
        self._urls: dict[str, str | None] = {"left": None, "right": None}

    @property
    def focused_side(self) -> str:
        return self._focused

    def text(self, side: str) -> str:
        return self._sides[side].plain

    def show(self, left: Content, right: Content, urls: tuple[str | None, str | None] = (None, None)) -> None:
        self._sides = {"left": left, "right": right}
        self._urls = {"left": urls[0], "right": urls[1]}
        self.refresh()  # fixed size: never a layout pass

    def on_click(self, event) -> None:
        """A click on a header whose article has a web address opens it in the browser."""
        width = max(0, self.size.width - SCROLLBAR)
        side = "left" if event.x < width // 2 else "right"
        url = self._urls.get(side)
        if url:
            self.app.open_url(url)

    def focus_side(self, side: str) -> None:
        if side != self._focused:
            self._focused = side
            self.refresh()

    def _cell(self, content: Content, width: int, focused: bool) -> list[Content]:
        """Two lines of exactly ``width`` cells: one space of padding each side, ellipsis if long."""
        style = self.get_visual_style("headers--focused" if focused else "headers--unfocused")
        inner = max(0, width - 2)
        lines = content.split("\n", allow_blank=True)[:2]
        lines += [Content("")] * (2 - len(lines))
        pad = " " if width >= 2 else ""
        return [
            Content.assemble(pad, line.truncate(inner, ellipsis=True, pad=True), pad).stylize_before(style)
            for line in lines
        ]

    def render(self) -> RenderResult:
        width = max(0, self.size.width - SCROLLBAR)
        lw = width // 2
        rw = width - lw
        left = self._cell(self._sides["left"], lw, self._focused == "left")
        right = self._cell(self._sides["right"], rw, self._focused == "right")
        return Content("\n").join(Content.assemble(a, b) for a, b in zip(left, right))
