"""Plain data types for articles and their sentences.

Data flows one way: path -> Article -> Comparison -> rows on screen.
Nothing here imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Sentence:
    """One sentence of an article.

    ``start``/``end`` are character offsets into ``Article.text`` (the sanitised full
    text), so ``article.text[s.start:s.end] == s.text`` always holds.
    """

    id: int
    text: str
    paragraph: int
    start: int
    end: int
    boilerplate: bool = False


@dataclass(slots=True)
class Article:
    """A loaded article: metadata, the sanitised full text, paragraphs and sentences.

    ``paragraphs`` holds ``(start, end)`` offsets into ``text``; paragraph 0 is the
    title line. ``sentences`` cover every non-blank character of ``text`` in order.
    """

    path: str
    title: str
    source: str
    text: str
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.boilerplate]
