"""The article list: title, source, sentence count, and which article is left / right."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.model import Article


def article_prompt(article: Article, *, left: bool, right: bool) -> Content:
    """Two lines built from plain text (article titles are untrusted: never markup)."""
    tag = ("L" if left else " ") + ("R" if right else " ")
    tag_style = "bold reverse" if (left or right) else ""
    title = article.title or "(untitled)"
    return Content.assemble(
        (tag, tag_style),
        " ",
        (title, "bold"),
        "\n   ",
        (f"{article.source or 'unknown source'} · {len(article.sentences)} sentences", "dim"),
    )


class ArticleList(OptionList):
    """OptionList of articles; the screen decides what choosing one means."""

    _marked: tuple[int, int] = (-1, -1)

    _measured_width: int = -1

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # Measure the options inside the screen's layout pass, as soon as the width is
        # known, rather than while painting (which asks for a second layout and paint).
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.scrollable_content_region.width
        if self.options and width != self._measured_width:
            self._clear_caches()
            self._update_lines()
            self._measured_width = width
        return changed

    def _on_resize(self, event: events.Resize) -> None:
        # OptionList clears its caches and repaints on every Resize (a message after the
        # layout pass, so after the first frame). Measured already for this width: skip it.
        if self.scrollable_content_region.width == self._measured_width:
            event.prevent_default()

    def show_articles(self, articles: list[Article], left: int, right: int) -> None:
        highlighted = self.highlighted
        self._marked = (left, right)
        self._measured_width = -1
        self.clear_options()
        self.add_options(
            Option(article_prompt(a, left=i == left, right=i == right), id=f"article-{i}")
            for i, a in enumerate(articles)
        )
        if articles:
            self.highlighted = highlighted if highlighted is not None and highlighted < len(articles) else left

    def mark(self, articles: list[Article], left: int, right: int) -> None:
        """Update the L/R tags without rebuilding the list (only the options that change)."""
        if (left, right) == self._marked:
            return
        for i in set(self._marked) | {left, right}:
            if 0 <= i < len(articles) and i < self.option_count:
                a = articles[i]
                self.replace_option_prompt_at_index(i, article_prompt(a, left=i == left, right=i == right))
        self._marked = (left, right)
