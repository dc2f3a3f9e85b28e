"""Candidate generation: which sentence pairs are worth scoring at all.

An inverted index from content stems to the sentences that hold them. For each
sentence, the sentences sharing the most of its (not too common) stems are counted in C
(``collections.Counter`` over the posting lists); the best few of those are weighed by
the Dice coefficient of shared rarity (IDF), and only each side's top ``k`` partners are
scored. Stems held by more than ``cap`` sentences are skipped unless they are among a
sentence's two rarest, so the cost grows with the number of sentences times a small
constant, not with all pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain

from reader.engine.features import Idf, Unit


def candidate_pairs(
    left: dict[int, Unit], right: dict[int, Unit], idf: Idf, k: int = 4, cap: int = 32, keep: float = 0.5
) -> set[tuple[int, int]]:
    """Pairs (left id, right id) worth scoring.

    For each sentence on either side: its top ``k`` partners by the Dice coefficient of
    shared IDF weight, among those reaching ``keep`` times its best partner's. Computed
    in both directions, so swapping the sides mirrors the result.
    """
    pairs = _one_way(left, right, idf, k, cap, keep)
    pairs.update((i, j) for j, i in _one_way(right, left, idf, k, cap, keep))
    return pairs


def _one_way(left: dict[int, Unit], right: dict[int, Unit], idf: Idf, k: int, cap: int, keep: float) -> set[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    by_norm: dict[str, list[int]] = defaultdict(list)
    for j, u in right.items():
        for s in u.stems:
            index[s].append(j)
        if u.norm:
            by_norm[u.norm].append(j)
    idf_get, default = idf.idf.get, idf.default
    pairs: set[tuple[int, int]] = set()
    for i, u in left.items():
        posts = []
        for rank, s in enumerate(u.ranked):
            post = index.get(s)
            if post:
                if len(post) > cap:
                    if rank >= 2:
                        continue
                    post = post[: cap * 4]
                posts.append(post)
        same = by_norm.get(u.norm, ())
        if not posts and not same:
            continue
        counts = Counter(chain.from_iterable(posts))
        scored = []
        for j, _ in counts.most_common(k * 2):
            r = right[j]
            shared = sum(idf_get(s, default) for s in u.stems & r.stems)
            scored.append((2 * shared / ((u.weight + r.weight) or 1.0), j))
        for j in same:  # identical text always competes
            scored.append((2.0, j))
        scored.sort(key=lambda x: (-x[0], x[1]))
        floor = scored[0][0] * keep
        for d, j in scored[:k]:
            if d >= floor:
                pairs.add((i, j))
    return pairs
