"""Compare two articles: matches, aligned rows and summary figures."""

from __future__ import annotations

from rapidfuzz import fuzz

from reader.corpus.model import Article
from reader.engine.align import build_rows, mark_moved
from reader.engine.features import Idf, Unit
from reader.engine.match import Link, score_links, select_links
from reader.engine.types import Comparison, Kind, Match, Stats

NEAR_CHAR = 0.72  # character similarity above which a match is an edited copy


def units(article: Article) -> dict[int, Unit]:
    """A Unit per body sentence (boilerplate never matches), keyed by sentence id."""
    return {s.id: Unit.of(s.text) for s in article.sentences if not s.boilerplate}


def classify(left: Unit, right: Unit) -> tuple[Kind, float]:
    """The kind of a match and the character similarity behind it."""
    if left.norm == right.norm:
        return "verbatim", 1.0
    char = fuzz.ratio(left.norm, right.norm) / 100.0
    return ("near" if char >= NEAR_CHAR else "paraphrase"), char


def _to_match(link: Link, left: Article, right: Article, lu: dict[int, Unit], ru: dict[int, Unit]) -> Match:
    lunit = lu[link.left[0]] if len(link.left) == 1 else Unit.join(*(lu[i] for i in link.left))
    runit = ru[link.right[0]] if len(link.right) == 1 else Unit.join(*(ru[j] for j in link.right))
    kind, _ = classify(lunit, runit)
    score = 1.0 if kind == "verbatim" else round(link.probability, 4)
    ltext = " ".join(left.sentences[i].text for i in link.left)
    rtext = " ".join(right.sentences[j].text for j in link.right)
    return Match(list(link.left), list(link.right), kind, score, texts=(ltext, rtext))


def compare(left: Article, right: Article) -> Comparison:
    lu, ru = units(left), units(right)
    idf = Idf([u.stems for u in lu.values()] + [u.stems for u in ru.values()])
    idf.prepare(lu.values())
    idf.prepare(ru.values())
    links = select_links(score_links(lu, ru, idf))
    matches = [_to_match(link, left, right, lu, ru) for link in links]
    matches.sort(key=lambda m: (m.left[0], m.right[0]))
    mark_moved(matches)
    rows = build_rows(len(left.sentences), len(right.sentences), matches)
    index = {(tuple(m.left), tuple(m.right)): k for k, m in enumerate(matches)}
    for row in rows:
        if row.left and row.right:
            row.match = index.get((tuple(row.left), tuple(row.right)))
    return Comparison(left, right, matches, rows, _stats(left, right, matches))


def _stats(left: Article, right: Article, matches: list[Match]) -> Stats:
    lb = sum(1 for s in left.sentences if s.boilerplate)
    rb = sum(1 for s in right.sentences if s.boilerplate)
    nl, nr = len(left.sentences) - lb, len(right.sentences) - rb
    ml = sum(len(m.left) for m in matches)
    mr = sum(len(m.right) for m in matches)
    weighted = sum(m.score * (len(m.left) + len(m.right)) for m in matches)
    similarity = weighted / (nl + nr) if nl + nr else 0.0
    return Stats(
        similarity=round(similarity, 4),
        left_unique=nl - ml,
        right_unique=nr - mr,
        matched=len(matches),
        left_boilerplate=lb,
        right_boilerplate=rb,
    )
