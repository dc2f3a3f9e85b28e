"""Compare two articles: every link, the aligned spine, display rows and summary figures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from rapidfuzz import fuzz

from reader.corpus.model import Article
from reader.engine import model
from reader.engine.align import build_rows, mark_moved
from reader.engine.features import SIGNALS, Unit
from reader.engine.event import event_features, same_event, table_closeness
from reader.engine.match import Link, accepted, link_table, prepare, score_links
from reader.engine.types import Comparison, Kind, Match, Stats

NEAR_CHAR = 0.72  # character similarity above which a link is an edited copy
_CONT_MIN, _CONT_MAX = SIGNALS.index("cont_min"), SIGNALS.index("cont_max")


_REUSE: dict[int, tuple[Article, bytes, list[Unit], list[int]]] | None = None
"""Units made once per article while :func:`reusing_units` is on (None: off)."""


@contextmanager
def reusing_units() -> Iterator[None]:
    """Within it, each article's units are made once (per article object and boilerplate marks)
    and given to every comparison and grouping that asks. Only for one thread comparing one pair
    at a time — a corpus build's task: units carry the norms of the comparison being made."""
    global _REUSE
    before, _REUSE = _REUSE, {}
    try:
        yield
    finally:
        _REUSE = before


def units(article: Article) -> tuple[list[Unit], list[int]]:
    """A Unit per body sentence (boilerplate never links), and the sentence id of each."""
    cache = _REUSE
    if cache is not None:
        marks = bytes(s.boilerplate for s in article.sentences)
        hit = cache.get(id(article))
        if hit is not None and hit[0] is article and hit[1] == marks:
            return hit[2], hit[3]
    body = [s for s in article.sentences if not s.boilerplate]
    made = [Unit(s.text, k, s.paragraph == 0) for k, s in enumerate(body)], [s.id for s in body]
    if cache is not None:
        cache[id(article)] = (article, marks, *made)
    return made


def classify(a: str, b: str, link: Link | None = None) -> tuple[Kind, float]:
    """The kind of a link between two (normalised) texts, and their character similarity.

    ``partial``: one side reports only part of what the other does — at least half of one
    side's rarity-weighted words are in the other, whose own words are covered markedly less
    (under 70% as much).
    """
    if a == b:
        return "verbatim", 1.0
    char = fuzz.ratio(a, b) / 100.0
    if char >= NEAR_CHAR:
        return "near", char
    if link is not None:
        f = link.features
        if f[_CONT_MIN] >= 0.5 and f[_CONT_MAX] < 0.7 * f[_CONT_MIN]:
            return "partial", char
    return "paraphrase", char


def compare(left: Article, right: Article, same_event: bool = False) -> Comparison:
    """Every link between two articles, the aligned spine, rows and figures.

    ``same_event``: link them as reports of one event whatever the event model says (by
    default, articles it judges to be about different events get only verbatim links).
    """
    # The engine builds many small objects and no reference cycles: the cyclic collector
    # would only rescan them (a tenth of the time of a 10,000-sentence comparison).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compare(left, right, same_event)
    finally:
        if enabled:
            gc.enable()


def _compare(left: Article, right: Article, force: bool) -> Comparison:
    lu, lids = units(left)
    ru, rids = units(right)
    if ru is lu:  # one article against itself, units reused: each side needs its own norms
        ru = [Unit(u.text, u.index, u.title) for u in lu]
    links: list[Link] = []
    event = 0.0
    one_event = False
    if lu and ru:
        w = prepare(lu, ru)
        table = link_table(lu, ru, w)
        event = same_event(event_features(lu, ru, table_closeness(table)), left.date, right.date)
        one_event = force or event >= model.layer("event").threshold
        scored = score_links(lu, ru, w, table)
        if not one_event:
            # Different events: only the same words in the same order link (a shared
            # boilerplate line, a stock sentence); the rest is the same topic, not the same fact.
            scored = [x for x in scored if x.probability >= 1.0]
        else:
            # A link reports the same fact only if the articles report the same event (which
            # the user may have settled: then the links are judged on their own).
            factor = 1.0 if force else event
            for x in scored:
                if x.probability < 1.0:
                    x.probability *= factor
        links = accepted(scored)
    matches = _matches(links, lu, ru, lids, rids, left, right)
    aligned = [m for m in matches if m.aligned]
    mark_moved(aligned)
    rows = build_rows(len(left.sentences), len(right.sentences), aligned)
    index = {(tuple(m.left), tuple(m.right)): k for k, m in enumerate(matches) if m.aligned}
    for row in rows:
        row.match = index.get((tuple(row.left), tuple(row.right))) if row.left and row.right else None
    stats = _stats(left, right, matches)
    stats.same_event = round(event, 4)
    stats.one_event = one_event
    return Comparison(left, right, matches, rows, stats)


def _order(link: Link):
    """Most probable first; ties broken the same way whichever side is left."""
    a, b = link.i, link.j
    return (-link.probability, min(a, b), max(a, b), a)


def _matches(links: list[Link], lu: list[Unit], ru: list[Unit], lids: list[int], rids: list[int],
             left: Article, right: Article) -> list[Match]:
    """Every link as a Match; the aligned spine is one-to-one, or an adjacent 2-1 / 1-2 group."""
    taken_l: dict[int, int] = {}
    taken_r: dict[int, int] = {}
    spine: list[list] = []  # [lefts, rights, links]
    for link in sorted(links, key=_order):
        if link.i in taken_l or link.j in taken_r:
            continue
        taken_l[link.i] = taken_r[link.j] = len(spine)
        spine.append([[link.i], [link.j], [link]])
    by_pair = {(x.i, x.j): x for x in links}
    for k, (ls, rs, members) in enumerate(spine):
        i, j = ls[0], rs[0]
        # A quote split in two: a free neighbour of one side links to the same partner. The
        # likeliest such link joins the group; a tie between two is left alone (either would do).
        options = []
        for di, dj in ((0, 1), (0, -1), (1, 0), (-1, 0)):
            ni, nj = i + di, j + dj
            x = by_pair.get((ni, nj))
            if x is None or (di and ni in taken_l) or (dj and nj in taken_r):
                continue
            if di and abs(lids[ni] - lids[i]) != 1 or dj and abs(rids[nj] - rids[j]) != 1:
                continue  # only sentences next to each other in the article
            if lu[ni].title != lu[i].title or ru[nj].title != ru[j].title:
                continue  # a headline and the sentence after it are never one sentence split in two
            options.append((x.probability, x, di))
        options.sort(key=lambda o: -o[0])
        if not options or len(options) > 1 and options[1][0] == options[0][0]:
            continue
        _, x, di = options[0]
        if di:
            taken_l[x.i] = k
            ls.append(x.i)
        else:
            taken_r[x.j] = k
            rs.append(x.j)
        members.append(x)
    out: list[Match] = []
    for ls, rs, members in spine:
        ls.sort()
        rs.sort()
        out.append(_match(ls, rs, members, lu, ru, lids, rids, left, right, aligned=True))
    in_spine = {(x.i, x.j) for _, _, members in spine for x in members}
    for x in links:
        if (x.i, x.j) in in_spine:
            continue
        out.append(_match([x.i], [x.j], [x], lu, ru, lids, rids, left, right, aligned=False))
    out.sort(key=lambda m: (m.left[0], m.right[0], not m.aligned))
    return out


def _match(ls: list[int], rs: list[int], members: list[Link], lu: list[Unit], ru: list[Unit], lids: list[int],
           rids: list[int], left: Article, right: Article, aligned: bool) -> Match:
    lnorm = " ".join(lu[i].norm for i in ls).strip()
    rnorm = " ".join(ru[j].norm for j in rs).strip()
    kind, _ = classify(lnorm, rnorm, members[0] if len(members) == 1 else None)
    score = 1.0 if kind == "verbatim" else round(max(x.probability for x in members), 4)
    left_ids, right_ids = [lids[i] for i in ls], [rids[j] for j in rs]
    texts = (" ".join(left.sentences[i].text for i in left_ids), " ".join(right.sentences[j].text for j in right_ids))
    return Match(left_ids, right_ids, kind, score, texts=texts, aligned=aligned)


def _stats(left: Article, right: Article, matches: list[Match]) -> Stats:
    lb = sum(1 for s in left.sentences if s.boilerplate)
    rb = sum(1 for s in right.sentences if s.boilerplate)
    nl, nr = len(left.sentences) - lb, len(right.sentences) - rb
    best_l: dict[int, float] = {}
    best_r: dict[int, float] = {}
    for m in matches:
        for i in m.left:
            best_l[i] = max(best_l.get(i, 0.0), m.score)
        for j in m.right:
            best_r[j] = max(best_r.get(j, 0.0), m.score)
    similarity = (sum(best_l.values()) + sum(best_r.values())) / (nl + nr) if nl + nr else 0.0
    return Stats(
        similarity=round(similarity, 4),
        left_unique=nl - len(best_l),
        right_unique=nr - len(best_r),
        matched=sum(1 for m in matches if m.aligned),
        left_boilerplate=lb,
        right_boilerplate=rb,
        links=len(matches),
    )
