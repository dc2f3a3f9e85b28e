"""Candidate blocks at corpus scale: MinHash signatures of each article's distinctive words and
locality-sensitive hashing over them, so that the cost grows about linearly with the corpus.

An article's *distinctive words* are the stems of its body (headline included, boilerplate not)
that are rare in general English (the engine's Zipf table): reports of one event share many of
them (names, places, numbers), reports of others few. Two articles land in one block when any
band of their signatures agrees (``BANDS`` bands of ``ROWS`` values: pairs with a Jaccard
similarity of about 0.2 and more mostly do); blocks are the connected components, cut where
dated members lie more than ``DAY_GAP`` days apart; a block too large for the story grouping
(``MAX_BLOCK``) is cut into windows of ``WINDOW`` days, and only what is still too large is split
again with longer bands (which cut stories more often). The story layer then groups each block.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import numpy as np

PERMUTATIONS = 64
BANDS, ROWS = 32, 2
MAX_BLOCK = 400
"""The story grouping compares every pair of a block: larger ones are split (longer bands)."""
DAY_GAP = 3
"""Dated reports further apart than this are never one event (the event model's rule)."""
WINDOW = 4
"""Days of a window a too-large dated part is cut into."""
MAX_BUCKET = 2000
"""A band bucket this full is a common word, not an event: ignored."""
RARE_ZIPF = 4.5
"""Words at most this common in general English (Zipf scale) are distinctive."""
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20261201)
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.int64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.int64)


def distinctive_words(text: str) -> list[str]:
    """The stems of ``text`` that are rare in general English (numbers included)."""
    from reader.engine import rarity
    from reader.engine.text import lexeme, words

    out = set()
    for w in words(text):
        s = lexeme(w)
        if s is not None and len(s) > 2 and (w[0].isdigit() or rarity.zipf(w) <= RARE_ZIPF):
            out.add(s)
    return sorted(out)


def signature(tokens: Iterable[str]) -> np.ndarray:
    """The MinHash signature (``PERMUTATIONS`` values) of a set of tokens; all-max when empty."""
    hashes = np.fromiter((zlib.crc32(t.encode("utf-8")) % _PRIME for t in set(tokens)), dtype=np.int64)
    if hashes.size == 0:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.int64)
    return ((np.outer(_A, hashes) + _B[:, None]) % _PRIME).min(axis=1)


def _components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(root(k), []).append(k)
    return sorted(groups.values(), key=lambda g: g[0])


def _band_pairs(signatures: np.ndarray, members: list[int], rows: int) -> list[tuple[int, int]]:
    """Pairs (positions in ``members``) sharing a band of ``rows`` values."""
    pairs: list[tuple[int, int]] = []
    bands = PERMUTATIONS // rows
    for b in range(bands):
        buckets: dict[bytes, list[int]] = {}
        chunk = signatures[members, b * rows:(b + 1) * rows]
        for pos, row in enumerate(chunk):
            buckets.setdefault(row.tobytes(), []).append(pos)
        for items in buckets.values():
            if 1 < len(items) <= MAX_BUCKET:
                first = items[0]
                pairs.extend((first, other) for other in items[1:])
    return pairs


def _by_dates(members: list[int], days: list[int | None]) -> list[list[int]]:
    """Cut a component where consecutive dated members lie more than ``DAY_GAP`` days apart;
    undated members join the largest part."""
    dated = sorted((days[m], m) for m in members if days[m] is not None)
    undated = [m for m in members if days[m] is None]
    parts: list[list[int]] = []
    for day, m in dated:
        if parts and day - days[parts[-1][-1]] <= DAY_GAP:  # type: ignore[operator]
            parts[-1].append(m)
        else:
            parts.append([m])
    if not parts:
        return [undated] if undated else []
    # A part too large to group (a busy news week chained by shared words) is cut into windows
    # of WINDOW days: one event's reports mostly fall within a day or two of each other, so
    # few stories are cut, where longer bands would cut many.
    out: list[list[int]] = []
    for part in parts:
        if len(part) <= MAX_BLOCK:
            out.append(part)
            continue
        windows: dict[int, list[int]] = {}
        for m in part:
            windows.setdefault(days[m] // WINDOW, []).append(m)  # type: ignore[operator]
        out.extend(windows[w] for w in sorted(windows))
    max(out, key=len).extend(undated)
    return [sorted(p) for p in out]


def blocks(signatures: np.ndarray, days: list[int | None], rows: int = ROWS) -> list[list[int]]:
    """Candidate blocks (indexes into the signatures), each to be grouped into stories: sorted,
    deterministic whatever order the signatures were computed in."""
    n = len(days)
    out: list[list[int]] = []
    todo: list[tuple[list[int], int]] = [(list(range(n)), rows)]
    while todo:
        members, r = todo.pop()
        local = _components(len(members), _band_pairs(signatures, members, r))
        for comp in local:
            for part in _by_dates([members[k] for k in comp], days):
                if len(part) > MAX_BLOCK and r < PERMUTATIONS:
                    todo.append((part, r + 1))
                else:
                    out.extend(part[i:i + MAX_BLOCK] for i in range(0, len(part), MAX_BLOCK))
    return sorted(out, key=lambda b: b[0])
