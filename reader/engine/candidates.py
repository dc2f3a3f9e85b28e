"""Candidate generation: which sentence pairs are worth scoring at all.

An inverted index from content stems to the sentences that hold them; each sentence
accumulates the rarity (IDF) of the stems it shares with the others, and only its best
``k`` partners (in both directions) are scored. Very common stems are skipped unless
they are among a sentence's rarest, so the cost grows with the number of sentences
times a small constant, not with all pairs.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from reader.engine.features import Idf, Unit


def candidate_pairs(
    left: dict[int, Unit], right: dict[int, Unit], idf: Idf, k: int = 8, cap: int = 64
) -> set[tuple[int, int]]:
    """Pairs (left id, right id) worth scoring: each side's top ``k`` by shared IDF."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, u in right.items():
        for s in u.stems:
            index[s].append(j)
    norm_index: dict[str, list[int]] = defaultdict(list)
    for j, u in right.items():
        if u.norm:
            norm_index[u.norm].append(j)

    best_right: dict[int, list[tuple[float, int]]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, u in left.items():
        acc: dict[int, float] = defaultdict(float)
        stems = sorted(u.stems, key=idf, reverse=True)
        for rank, s in enumerate(stems):
            post = index.get(s)
            if not post:
                continue
            if len(post) > cap:
                if rank >= 2:
                    continue
                post = post[: cap * 4]
            w = idf(s)
            for j in post:
                acc[j] += w
        for j in norm_index.get(u.norm, ()):  # identical text always competes
            acc[j] += 1000.0
        top = heapq.nlargest(k, acc.items(), key=lambda kv: kv[1])
        for j, w in top:
            pairs.add((i, j))
        for j, w in acc.items():
            heap = best_right[j]
            if len(heap) < k:
                heapq.heappush(heap, (w, i))
            elif w > heap[0][0]:
                heapq.heapreplace(heap, (w, i))
    for j, heap in best_right.items():
        for _, i in heap:
            pairs.add((i, j))
    return pairs
