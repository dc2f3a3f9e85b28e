"""The JSON forms of ``reader stories`` (the stories of a pile) and ``reader story`` (one
story's overview). Stable shapes other tools can rely on; the README documents them."""

from __future__ import annotations

from typing import Any

from reader.corpus.sanitize import json_safe
from reader.render.json_out import dumps

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.render.story_report import StoryReport
    from reader.story.grouping import Story


def stories_dict(stories: list[Story], problems: list[str] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "sources": sorted(set(s.sources)),
                "articles": [{"path": a.path, "title": a.title, "source": a.source, "date": a.date, "url": a.url}
                             for a in s.articles],
            }
            for s in stories
        ],
        "skipped": list(problems),
    }


def story_dict(r: StoryReport) -> dict[str, Any]:
    """Articles (ids are their places in the story, by date), pairs (most shared first, with
    every link and its conflicting details), facts (by how many outlets report them), coverage,
    quotes (with altered wording), conflicts, derived (who copied whom); flags and notes on the
    sentences and facts they touch."""
    ov = r.overview
    articles = []
    for k, a in enumerate(r.articles):
        sentences = []
        for s in a.sentences:
            d: dict[str, Any] = {"id": s.id, "text": s.text, "paragraph": s.paragraph, "boilerplate": s.boilerplate,
                                 "facts": [f.id for f in r.facts_of.get((k, s.id), ())]}
            mk = r.mark(k, s.id)
            d["flagged"] = bool(mk and mk.flagged)
            d["note"] = mk.note if mk and mk.note.strip() else None
            sentences.append(d)
        articles.append({"id": k, "label": r.labels[k], "path": a.path, "title": a.title, "source": a.source,
                         "date": a.date, "url": a.url, "sentences": sentences})
    pairs = []
    for p in ov.pairs:
        c = ov.comparisons[p.left, p.right]
        d = ov.derivation(p.left, p.right)
        pairs.append({
            "left": p.left, "right": p.right, "similarity": p.similarity, "link_count": p.links,
            "left_unique": p.left_unique, "right_unique": p.right_unique, "one_event": p.one_event,
            "same_event": c.stats.same_event,
            "left_copied": d.share(p.left) if d else 0.0, "right_copied": d.share(p.right) if d else 0.0,
            "links": [{"left": m.left, "right": m.right, "kind": m.kind, "score": m.score, "aligned": m.aligned,
                       "by_user": m.by_user, "conflicts": [x.as_dict() for x in m.conflicts]}
                      for m in c.matches],
        })
    facts = []
    for f in ov.facts:
        marks = r.fact_marks(f)
        facts.append({
            "id": f.id, "text": f.text, "articles": list(f.articles),
            "sentences": [{"article": a, "sentence": s} for a, s in f.members],
            "central": {"article": f.central[0], "sentence": f.central[1]},
            "kinds": {str(a): kind for a, kind in sorted(f.kinds.items())},
            "reported_by": r.breadth(f),
            "flagged": any(mk.flagged for _, mk in marks),
            "notes": [{"article": a, "sentence": s, "note": mk.note} for (a, s), mk in marks if mk.note.strip()],
        })
    quotes = [{
        "id": q.id, "speaker": q.speaker or None, "text": q.text,
        "occurrences": [{"article": o.article, "sentences": o.sentences, "text": o.text, "altered": o.altered,
                         "speaker": o.speaker or None, "speaker_differs": o.speaker_differs,
                         "changes": [c.as_dict() for c in o.changes]} for o in q.occurrences],
    } for q in ov.quotes]
    conflicts = []
    for sc in ov.conflicts:
        m = ov.comparisons[sc.left, sc.right].matches[sc.match]
        conflicts.append({"left_article": sc.left, "right_article": sc.right, "left_sentences": m.left,
                          "right_sentences": m.right, **sc.conflict.as_dict()})
    derived = [{"from": d.source, "to": d.copy, "share": d.share(d.copy), "evidence": list(d.evidence)}
               for d in ov.derived]
    return {
        "title": r.title,
        "articles": articles,
        "pairs": pairs,
        "facts": facts,
        "quotes": quotes,
        "conflicts": conflicts,
        "derived": derived,
        "coverage": [{"article": c.article, "facts": c.facts, "exclusive": c.exclusive} for c in ov.coverage],
        "skipped": list(r.problems),
    }


def to_json(data: dict[str, Any]) -> str:
    # Real paths stay in the JSON; characters that could spoof a terminal are escaped.
    return json_safe(dumps(data))
