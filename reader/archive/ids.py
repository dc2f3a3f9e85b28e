"""Content-derived ids of a built corpus: the same whoever computes them, in whatever order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def article_id(ref: str) -> str:
    """An article's id: from its reference (path, or ``FILE.jsonl#N``)."""
    return hashlib.sha1(ref.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def story_id(article_ids: Iterable[str]) -> str:
    """A story's id: from its articles' ids."""
    return hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:16]
