"""Facts across a story: groups of sentences, one or more per article, that report one thing.

Built from the links of every pair of the story's articles (``reader compare`` of each pair):

1. Links are taken strongest first; a link joins the facts of its two sentences only when every
   two sentences of the joined fact are linked directly (complete linkage), one sentence an
   article (a headline and the lede that restates it are two facts). Connected components — or even "most pairs linked" — chain "A said X" ~ "A said X
   and Y" ~ "Y happened" into one fact; on the real-gold story a majority rule implied links
   at precision 0.52, complete linkage at 0.78 (``benchmarks/bench_facts.py``).
2. A link whose two sentences still share no fact means one of them reports more than one thing
   (a sentence that combines two facts, a lede that also carries the headline's fact): that
   sentence joins a fact of the other when it links to all of that fact's sentences from other
   articles, else the two form a fact of their own. So
   every link lies inside a fact, and every two sentences a fact puts together are linked.
3. Every body sentence in no fact is a fact of its own: something only its article reports.

A fact's text is its most central sentence (in no other fact if it can be, then the most strongly
linked to the others); for each article it shows how that article reports it: the kind of its
strongest link into the fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count

from reader.record import Record

Node = tuple[int, int]  # (article index in the story, sentence id)


class Fact(Record):
    """``members``: (article, sentence) pairs, by article then sentence; ``kinds``: article ->
    "verbatim" | "near" | "paraphrase" | "partial" (how it reports the fact), or "only" for a
    fact one article alone reports; ``central``: the member whose text stands for the fact."""

    __slots__ = ("id", "text", "members", "articles", "kinds", "central")

    def __init__(self, id: int, text: str, members: list[Node], articles: list[int], kinds: dict[int, str],
                 central: Node):
        self.id = id
        self.text = text
        self.members = members
        self.articles = articles
        self.kinds = kinds
        self.central = central


class Edge:
    __slots__ = ("u", "v", "score", "kind")

    def __init__(self, u: Node, v: Node, score: float, kind: str):
        self.u, self.v, self.score, self.kind = u, v, score, kind


def pair_edges(a: int, b: int, comparison) -> Iterable[Edge]:
    """The links of the comparison of articles ``a`` (left) and ``b`` (right) as sentence edges."""
    for m in comparison.matches:
        for i in m.left:
            for j in m.right:
                yield Edge((a, i), (b, j), m.score, m.kind)


def build_facts(articles, edges: list[Edge]) -> list[Fact]:
    """Facts of a story from every link of every pair (``articles``: the story's articles)."""
    best: dict[tuple[Node, Node], Edge] = {}
    for e in edges:
        key = (e.u, e.v) if e.u <= e.v else (e.v, e.u)
        if key not in best or e.score > best[key].score:
            best[key] = e
    linked = set(best)

    def is_linked(x: Node, y: Node) -> bool:
        return (x, y) in linked or (y, x) in linked

    groups: dict[int, set[Node]] = {}
    of: dict[Node, int] = {}
    new_id = count()
    order = sorted(best.values(), key=lambda e: (-e.score, e.u, e.v))
    for e in order:
        for x in (e.u, e.v):
            if x not in of:
                of[x] = next(new_id)
                groups[of[x]] = {x}
        a, b = of[e.u], of[e.v]
        if a == b:
            continue
        if {x[0] for x in groups[a]} & {y[0] for y in groups[b]}:
            continue  # one sentence an article in a fact: a headline and its lede stay two facts
        if not all(is_linked(x, y) for x in groups[a] for y in groups[b]):
            continue  # every two sentences of different articles must be linked directly
        groups[a] = groups[a] | groups[b]
        for x in groups.pop(b):
            of[x] = a
    member_of: dict[Node, set[int]] = {x: {g} for x, g in of.items()}
    def can_join(x: Node, g: int) -> bool:
        """x links to every sentence of the fact from another article (a lede that restates its
        own headline's fact may join it beside the headline)."""
        others = [y for y in groups[g] if y[0] != x[0]]
        return bool(others) and all(is_linked(x, y) for y in others)

    for e in order:  # a link across two facts: one sentence reports both
        if member_of[e.u] & member_of[e.v]:
            continue
        # Either sentence may join a fact of the other (the largest it can join fully) ...
        options = [(len(groups[g]), -g, x, g) for x, other in ((e.u, e.v), (e.v, e.u))
                   for g in member_of[other] if can_join(x, g)]
        if options:
            _, _, x, g = max(options)
            groups[g].add(x)
            member_of[x].add(g)
            continue
        g = next(new_id)  # ... else the two are a fact of their own
        groups[g] = {e.u, e.v}
        member_of[e.u].add(g)
        member_of[e.v].add(g)
    # A sentence left alone by the first pass but joined to another fact by the second is not
    # also a fact of its own; every body sentence in no fact is.
    shared = [g for g in groups.values() if len(g) > 1]
    placed = {x for g in shared for x in g}
    alone = [{(k, s.id)} for k, art in enumerate(articles) for s in art.sentences
             if not s.boilerplate and (k, s.id) not in placed]
    memberships: dict[Node, int] = {}
    for g in shared:
        for x in g:
            memberships[x] = memberships.get(x, 0) + 1
    facts = [_fact(sorted(g), articles, best, memberships) for g in shared + alone]
    facts.sort(key=lambda f: (-len(f.articles), f.members[0]))
    for k, f in enumerate(facts, 1):
        f.id = k
    return facts


def _fact(members: list[Node], articles, best: dict[tuple[Node, Node], Edge], memberships: dict[Node, int]) -> Fact:
    def edge(x: Node, y: Node) -> Edge | None:
        return best.get((x, y) if x <= y else (y, x))

    def centrality(x: Node) -> float:
        return sum(e.score for y in members if y != x and (e := edge(x, y)) is not None)

    # The text that stands for the fact: a sentence in no other fact if there is one (so a
    # sentence that reports two facts does not name both), then the most strongly linked.
    central = max(members, key=lambda x: (-memberships.get(x, 1), centrality(x), -x[0], -x[1]))
    arts = sorted({x[0] for x in members})
    kinds: dict[int, str] = {}
    if len(arts) == 1:
        kinds[arts[0]] = "only"
    else:
        for k in arts:
            links = [e for x in members if x[0] == k for y in members if y[0] != k
                     if (e := edge(x, y)) is not None]
            kinds[k] = max(links, key=lambda e: e.score).kind if links else "paraphrase"
    a, s = central
    return Fact(0, articles[a].sentences[s].text, members, arts, kinds, central)


def implied_links(facts: list[Fact]) -> set[tuple[Node, Node]]:
    """Every pair of sentences of different articles that share a fact (what the facts claim)."""
    out = set()
    for f in facts:
        for x in f.members:
            for y in f.members:
                if x < y and x[0] != y[0]:
                    out.add((x, y))
    return out
