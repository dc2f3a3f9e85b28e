"""A citation of a sentence: its words with where they come from (``y`` in the pair view)."""

from __future__ import annotations

from reader.corpus.sanitize import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article


def citation(article: Article, text: str) -> str:
    """“Sentence.” — Outlet, “Title”, 2024-05-10. https://…  (the parts the article has)."""
    where = [one_line(article.source, 120)] if article.source else []
    if article.title:
        where.append(f"“{one_line(article.title, 300)}”")
    if article.date:
        where.append(one_line(article.date, 40))
    out = f"“{one_line(text, 4000)}”"
    if where:
        out += " — " + ", ".join(where) + "."
    if article.url:
        out += " " + one_line(article.url, 2000)
    return out
