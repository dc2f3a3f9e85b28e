"""The corpus index: normalised lines and sentences of a set of articles, and their topics.

A line also found in articles about *different* stories (topic vectors with cosine below
:data:`SAME_STORY`) is chrome; same-story articles may share wire copy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from reader.corpus.chrome.text import Texts, content, words
from reader.corpus.model import Article

__all__ = ["Index", "SAME_STORY", "topic_vector"]

# Cosine similarity of content words above which two articles are taken to tell one story.
SAME_STORY = 0.35


def topic_vector(article: Article, texts: Texts) -> Counter[str]:
    """Content-word counts of an article's sentences."""
    vec: Counter[str] = Counter()
    for s in article.sentences:
        text = s.text
        # words(text): the words of the cleaned text unless it holds a Markdown link
        vec.update(content(words(text)) if "](" in text else texts[text.strip()].content)
    return vec


class Index:
    """Normalised lines and sentences of a set of articles, and their topic vectors."""

    def __init__(self, articles: Sequence[Article], texts: Texts | None = None) -> None:
        """``texts``: a cache of text features to fill (and share with the marking runs)."""
        if texts is None:
            texts = Texts()
        self.articles = list(articles)
        self.keys: dict[str, set[int]] = {}
        self.vectors: list[Counter[str]] = []
        self.norms: list[float] = []
        for i, art in enumerate(self.articles):
            seen: set[str] = set()
            for ps, pe in art.paragraphs:
                seen.add(texts[art.text[ps:pe]].key)  # = key(paragraph)
            for s in art.sentences:
                seen.add(texts[s.text.strip()].key)  # (white space never changes the words)
            for k in seen:
                if k:
                    self.keys.setdefault(k, set()).add(i)
            vec = topic_vector(art, texts)
            self.vectors.append(vec)
            self.norms.append(math.sqrt(sum(v * v for v in vec.values())) or 1.0)

    def similarity(self, vec: Counter[str], norm: float, i: int) -> float:
        other = self.vectors[i]
        if len(vec) > len(other):
            vec, other = other, vec
        dot = sum(v * other.get(w, 0) for w, v in vec.items())
        return dot / (norm * self.norms[i])
