"""Plain data types for articles and their sentences.

Data flows one way: path -> Article -> Comparison -> rows on screen.
Nothing here imports textual.
"""

from __future__ import annotations

from reader.record import Record


class Sentence(Record):
    """One sentence of an article.

    ``start``/``end`` are character offsets into ``Article.text`` (the sanitised full
    text), so ``article.text[s.start:s.end] == s.text`` always holds.
    """

    __slots__ = ("id", "text", "paragraph", "start", "end", "boilerplate")

    def __init__(self, id: int, text: str, paragraph: int, start: int, end: int, boilerplate: bool = False):
        self.id = id
        self.text = text
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.boilerplate = boilerplate


class Article(Record):
    """A loaded article: metadata, the sanitised full text, paragraphs and sentences.

    ``paragraphs`` holds ``(start, end)`` offsets into ``text``; paragraph 0 is the
    title line. ``sentences`` cover every non-blank character of ``text`` in order.
    ``source_guessed`` is True when nothing named the outlet and ``source`` is the file's
    name or folder (a view shows it dimmed).
    """

    __slots__ = ("path", "title", "source", "text", "paragraphs", "sentences", "date", "url", "encoding", "warnings",
                 "source_guessed")

    def __init__(
        self,
        path: str,
        title: str,
        source: str,
        text: str,
        paragraphs: list[tuple[int, int]] | None = None,
        sentences: list[Sentence] | None = None,
        date: str | None = None,
        url: str | None = None,
        encoding: str | None = None,
        warnings: list[str] | None = None,
        source_guessed: bool = False,
    ):
        self.path = path
        self.title = title
        self.source = source
        self.text = text
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.sentences = [] if sentences is None else sentences
        self.date = date
        self.url = url
        self.encoding = encoding
        self.warnings = [] if warnings is None else warnings
        self.source_guessed = source_guessed

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.boilerplate]
