"""One story's rows for every table of a built corpus, from the story layer's overview (the
same pairs, facts, quotes, conflicts and derivations ``reader story`` reports)."""

from __future__ import annotations

import json
from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.story.grouping import Story
    from reader.story.library import Library


def story_rows(story: Story, ids: list[str], library: Library) -> dict[str, list[dict[str, Any]]]:
    """``ids``: the article ids of ``story.articles``, in its order (by date)."""
    from reader.archive.ids import story_id

    arts = story.articles
    sid = story_id(ids)
    dates = [a.date for a in arts if a.date]
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in ("stories", "pairs", "links", "facts", "quotes",
                                                            "conflicts", "derived")}
    out["stories"].append({
        "story_id": sid, "title": story.title, "article_ids": list(ids), "sources": sorted({a.source for a in arts}),
        "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
        "articles": len(arts), "outlets": len({a.source for a in arts}),
    })
    if len(arts) < 2:
        return out
    ov = library.overview(story)
    for p in ov.pairs:
        d = ov.derivation(p.left, p.right)
        out["pairs"].append({
            "story_id": sid, "left": ids[p.left], "right": ids[p.right], "similarity": p.similarity, "links": p.links,
            "left_unique": p.left_unique, "right_unique": p.right_unique,
            "same_event": ov.comparisons[p.left, p.right].stats.same_event, "one_event": p.one_event,
            "left_copied": d.share(p.left) if d else 0.0, "right_copied": d.share(p.right) if d else 0.0,
        })
        c = ov.comparisons[p.left, p.right]
        for k, m in enumerate(c.matches):
            out["links"].append({
                "story_id": sid, "left": ids[p.left], "right": ids[p.right], "link": k, "left_ids": m.left,
                "right_ids": m.right, "kind": m.kind, "score": m.score, "aligned": m.aligned,
                "conflicts": json.dumps([x.as_dict() | {"left_span": list(x.left_span), "right_span": list(x.right_span)}
                                         for x in m.conflicts]),
            })
            for x in m.conflicts:
                out["conflicts"].append({
                    "story_id": sid, "left": ids[p.left], "right": ids[p.right], "link": k, "kind": x.kind,
                    "left_text": x.left, "right_text": x.right,
                })
    for f in ov.facts:
        out["facts"].append({
            "story_id": sid, "fact": f.id, "text": f.text, "article_ids": [ids[a] for a in f.articles],
            "members": json.dumps([[ids[a], s] for a, s in f.members]),
        })
    for q in ov.quotes:
        for o in q.occurrences:
            out["quotes"].append({
                "story_id": sid, "quote": q.id, "article_id": ids[o.article], "speaker": o.speaker or q.speaker or None,
                "text": q.text, "occurrence": o.text, "sentences": o.sentences, "altered": o.altered,
                "speaker_differs": o.speaker_differs,
            })
    for d in ov.derived:
        out["derived"].append({
            "story_id": sid, "from_id": ids[d.source], "to_id": ids[d.copy], "share": d.share(d.copy),
            "evidence": list(d.evidence),
        })
    return out
