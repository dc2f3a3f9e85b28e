"""Boilerplate (site chrome) detection (placeholder: replaced by the real detector)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.corpus.model import Article


def mark_boilerplate(article: Article, others: Sequence[Article] = ()) -> None:
    """Set ``Sentence.boilerplate`` on the sentences of ``article`` that are site chrome."""
    return None
