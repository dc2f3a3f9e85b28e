"""The JSON form of a comparison (a stable shape other tools can rely on)."""

from __future__ import annotations

import json
from typing import Any

from reader.corpus.model import Article
from reader.corpus.sanitize import json_safe
from reader.engine.types import Comparison


def article_dict(a: Article) -> dict[str, Any]:
    return {
        "path": a.path,
        "title": a.title,
        "source": a.source,
        "date": a.date,
        "url": a.url,
        "sentences": [
            {"id": s.id, "text": s.text, "paragraph": s.paragraph, "start": s.start, "end": s.end,
             "boilerplate": s.boilerplate}
            for s in a.sentences
        ],
    }


def comparison_dict(c: Comparison) -> dict[str, Any]:
    return {
        "left": article_dict(c.left),
        "right": article_dict(c.right),
        "matches": [
            {
                "left": m.left, "right": m.right, "kind": m.kind, "score": m.score, "moved": m.moved,
                "aligned": m.aligned,
                "diff": [{"op": d.op, "left": list(d.left), "right": list(d.right)} for d in m.diff],
            }
            for m in c.matches
        ],
        "rows": [{"left": r.left, "right": r.right} for r in c.rows],
        "stats": {
            "similarity": c.stats.similarity,
            "left_unique": c.stats.left_unique,
            "right_unique": c.stats.right_unique,
            "matched": c.stats.matched,
            "links": c.stats.links,
            "left_boilerplate": c.stats.left_boilerplate,
            "right_boilerplate": c.stats.right_boilerplate,
        },
    }


def to_json(c: Comparison) -> str:
    # The real path stays in the JSON; characters that could spoof a terminal are escaped.
    return json_safe(json.dumps(comparison_dict(c), ensure_ascii=False, indent=1))
