"""The article list: title, source, sentence count, and which article is left / right."""

from __future__ import annotations

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

    def show_articles(self, articles: list[Article], left: int, right: int) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(article_prompt(a, left=i == left, right=i == right), id=f"article-{i}")
            for i, a in enumerate(articles)
        )
        if articles:
            self.highlighted = highlighted if highlighted is not None and highlighted < len(articles) else left

    def mark(self, articles: list[Article], left: int, right: int) -> None:
        """Update the L/R tags without rebuilding the list."""
        for i, a in enumerate(articles):
            self.replace_option_prompt_at_index(i, article_prompt(a, left=i == left, right=i == right))
