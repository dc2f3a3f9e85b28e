"""A built corpus as passim input: one JSON object a line, ``{"id", "series", "date", "text"}``
(passim's required fields: a unique id, the series — here the outlet — that passim does not align
with itself, the date, and the text), plus ``title``, ``url`` and reader's ``story`` for joining
passim's text-reuse results back to reader's stories."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def passim_lines(folder: str) -> Iterator[str]:
    import pyarrow.parquet as pq

    from reader.corpus.errors import LoadError
    from reader.corpus.load import load_article

    table = pq.read_table(Path(folder) / "articles.parquet").to_pylist()
    for row in table:
        try:
            a = load_article(row["ref"])
        except LoadError:
            continue  # gone since the build: nothing to give passim
        text = "\n".join(s.text for s in a.sentences if not s.boilerplate)
        yield json.dumps({
            "id": row["article_id"], "series": row["source"] or "unknown", "date": row["date"] or "",
            "text": text, "title": row["title"], "url": row["url"], "story": row["story_id"],
        }, ensure_ascii=False)
