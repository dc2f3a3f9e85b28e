"""Candidate generation: which sentence pairs are worth scoring at all.

The word-vector cosine of every pair of sentences that share a stem is accumulated through an
inverted index (stem -> sentences holding it); each sentence keeps its ``k`` best partners, in
both directions, and identical texts always compete. On real gold the best 8 by this cosine hold
95% of the sure links and nearly all that the link model can reach (``benchmarks/bench_candidates.py``).

Cost grows with the number of sentences times the length of the posting lists walked. A stem
held by more than ``cap`` sentences of the other side adds little to a cosine (it is common) and
is walked only when it is among a sentence's two rarest, and then only over the ``4 * cap``
sentences around the same relative place; articles of ordinary length never reach the cap, so
for them the accumulated cosines are exact.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left

from reader.engine.features import Unit, Weights

K = 8
K_LARGE = 4  # partners kept per sentence when both sides are long (see LARGE)
LARGE = 2000 * 2000  # sentence pairs above which K_LARGE applies
CAP = 64


def candidate_pairs(left: list[Unit], right: list[Unit], w: Weights, k: int | None = None,
                    cap: int = CAP) -> set[tuple[int, int]]:
    """Pairs (left position, right position) worth scoring: each sentence's best ``k``
    partners both ways (``K``; ``K_LARGE`` for two very long texts, where scoring 8 partners
    a sentence would double the time for links the model nearly never accepts)."""
    if k is None:
        k = K if len(left) * len(right) <= LARGE else K_LARGE
    idf, sq = w.stem_idf, w.stem_sq
    index: dict[str, list[int]] = {}
    by_norm: dict[str, list[int]] = {}
    for j, u in enumerate(right):
        for s in u.stems:
            post = index.get(s)
            if post is None:
                index[s] = [j]
            else:
                post.append(j)
        if u.norm:
            by_norm.setdefault(u.norm, []).append(j)
    pairs: set[tuple[int, int]] = set()
    cols: list[list[tuple[float, int]]] = [[] for _ in right]  # per right sentence: (cosine, left)
    for i, u in enumerate(left):
        acc: dict[int, float] = {}
        ranked = sorted(u.stems, key=lambda s: (-idf[s], s))  # rarest first, ties by spelling
        expected = i * len(right) // len(left)  # where this sentence's place is on the other side
        for rank, s in enumerate(ranked):
            post = index.get(s)
            if not post or (len(post) > cap and rank >= 2):
                continue
            if len(post) > 4 * cap:  # a very common stem: only the sentences around that place
                lo = max(0, bisect_left(post, expected) - 2 * cap)
                post = post[lo:lo + 4 * cap]
            x = sq[s]
            for j in post:
                acc[j] = acc.get(j, 0.0) + x
        if not acc:
            for j in by_norm.get(u.norm, ()):
                pairs.add((i, j))
            continue
        sn = u.sn or 1.0
        scored = [(v / (sn * (right[j].sn or 1.0)), j) for j, v in acc.items()]
        for c, j in heapq.nlargest(k, scored):
            pairs.add((i, j))
        for c, j in scored:
            col = cols[j]
            if len(col) < k:
                heapq.heappush(col, (c, i))
            elif (c, i) > col[0]:  # ties go to the later sentence, as nlargest does for rows
                heapq.heapreplace(col, (c, i))
        for j in by_norm.get(u.norm, ()):
            pairs.add((i, j))  # identical text always competes
    for j, col in enumerate(cols):
        for _, i in col:
            pairs.add((i, j))
    return pairs
