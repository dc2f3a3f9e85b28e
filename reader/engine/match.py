"""Matching: which sentences (or pairs of adjacent sentences) report the same thing.

1. Prepare a :class:`Unit` per body sentence (boilerplate never matches).
2. Generate candidates (shared rare stems), score each with the pair model.
3. The link model turns the pair score, the pair's signals and the gap in relative
   position into a probability.
4. Try 2-1 and 1-2 groups of adjacent sentences where joining them beats either alone.
5. Accept links greedily, most probable first, each sentence in at most one link.
"""

from __future__ import annotations

from collections import defaultdict

from reader.engine import model
from reader.engine.candidates import candidate_pairs
from reader.engine.features import Idf, Unit, pair_features

MAX_LENGTH_RATIO = 10
GROUP_GAIN = 0.3  # a group must beat its best single member by this much (logit)


class Link:
    __slots__ = ("left", "right", "probability", "features", "context")

    def __init__(self, left: tuple[int, ...], right: tuple[int, ...], probability: float,
                 features: list[float], context: list[float]):
        self.left = left
        self.right = right
        self.probability = probability
        self.features = features
        self.context = context


def _positions(ids: list[int]) -> dict[int, float]:
    n = len(ids)
    return {i: (k / (n - 1) if n > 1 else 0.5) for k, i in enumerate(ids)}


def score_links(
    left: dict[int, Unit], right: dict[int, Unit], idf: Idf | None = None, groups: bool = True
) -> list[Link]:
    """Every candidate link with its features, context and probability."""
    if idf is None:
        idf = Idf([u.stems for u in left.values()] + [u.stems for u in right.values()])
        idf.prepare(left.values())
        idf.prepare(right.values())
    pairs = candidate_pairs(left, right, idf)
    feats: dict[tuple[int, int], list[float]] = {}
    logit: dict[tuple[int, int], float] = {}
    by_left: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j in pairs:
        a, b = left[i].nwords, right[j].nwords
        if min(a, b) * MAX_LENGTH_RATIO < max(a, b):
            continue  # a sentence cannot report the same thing as a text ten times its length
        f = pair_features(left[i], right[j], idf)
        z = model.pair_logit(f)
        feats[i, j] = f
        logit[i, j] = z
        by_left[i].append((z, j))
        by_right[j].append((z, i))

    lpos, rpos = _positions(sorted(left)), _positions(sorted(right))

    def context(lefts: tuple[int, ...], rights: tuple[int, ...], z: float) -> list[float]:
        # The pair logit and the gap in relative position. (A sentence's margin over its
        # other candidates was tried too: it lifts the best of weak candidates and cost
        # 0.04 F1 held out; one-to-one selection handles the competition instead.)
        gap = abs(
            sum(lpos[i] for i in lefts) / len(lefts) - sum(rpos[j] for j in rights) / len(rights)
        )
        return [z / 10.0, gap]

    links: list[Link] = []
    for (i, j), z in logit.items():
        ctx = context((i,), (j,), z) + feats[i, j]
        # The same words in the same order are the strongest evidence there is.
        p = 1.0 if left[i].norm == right[j].norm else model.link_probability(ctx)
        links.append(Link((i,), (j,), p, feats[i, j], ctx))

    if groups:
        links.extend(_group_links(left, right, idf, logit, by_left, by_right, context))
    return links


def _group_links(left, right, idf, logit, by_left, by_right, context) -> list[Link]:
    out: list[Link] = []
    for a_side, b_side, table, flip in ((left, right, by_left, False), (right, left, by_right, True)):
        ids = sorted(a_side)
        for k in range(len(ids) - 1):
            a1, a2 = ids[k], ids[k + 1]
            if a2 != a1 + 1:
                continue
            s1, s2 = table.get(a1, ()), table.get(a2, ())
            partners = _top(s1) | _top(s2)
            if not partners:
                continue
            best1 = max((z for z, _ in s1), default=None)
            best2 = max((z for z, _ in s2), default=None)
            joined = Unit.join(a_side[a1], a_side[a2])
            joined.weight = idf.weight(joined.stems)
            for b in partners:
                key1 = (b, a1) if flip else (a1, b)
                key2 = (b, a2) if flip else (a2, b)
                z1, z2 = logit.get(key1), logit.get(key2)
                # Both members must want this partner: it is (nearly) the best each has,
                # or a member has no real candidate of its own.
                if not (_wants(z1, best1) and _wants(z2, best2)):
                    continue
                single = max(z for z in (z1, z2) if z is not None)
                f = pair_features(b_side[b], joined, idf) if flip else pair_features(joined, b_side[b], idf)
                z = model.pair_logit(f)
                if z < single + GROUP_GAIN:
                    continue
                lefts, rights = ((b,), (a1, a2)) if flip else ((a1, a2), (b,))
                ctx = context(lefts, rights, z) + f
                out.append(Link(lefts, rights, model.link_probability(ctx), f, ctx))
    return out


GROUP_TOP = 2  # partners tried for a group: each member's best few ...
GROUP_FLOOR = -3.0  # ... that reach at least this pair logit


GROUP_SLACK = 2.0


def _wants(z: float | None, best: float | None) -> bool:
    if best is None or best < GROUP_FLOOR:
        return True
    return z is not None and z >= best - GROUP_SLACK


def _top(scored) -> set[int]:
    best = sorted(scored, reverse=True)[:GROUP_TOP]
    return {o for z, o in best if z >= GROUP_FLOOR}


def select_links(links: list[Link], threshold: float = model.LINK_THRESHOLD) -> list[Link]:
    """Greedy one-to-one selection, most probable first."""
    taken_l: set[int] = set()
    taken_r: set[int] = set()
    chosen: list[Link] = []
    def order(x: Link):  # ties broken the same way whichever side is left
        a, b = x.left[0], x.right[0]
        return (-x.probability, len(x.left) + len(x.right), min(a, b), max(a, b), a)

    for link in sorted(links, key=order):
        if link.probability < threshold:
            break
        if taken_l.intersection(link.left) or taken_r.intersection(link.right):
            continue
        taken_l.update(link.left)
        taken_r.update(link.right)
        chosen.append(link)
    return chosen
