"""Candidate blocks at corpus scale, each then grouped into stories by the story layer, so that
the cost grows about linearly with the corpus.

Dates first: reports of one event lie at most ``DAY_GAP`` days apart (the event model's rule),
so dated articles fall into runs with no larger gap, and a run is a block when it is small
(``MAX_BLOCK``). A longer run whose busiest ``DAY_GAP + 1`` days still fit a block is cut between
days into blocks of about ``DATE_BLOCK`` articles, each cut where it parts the fewest pairs of
articles that could be one event. Nothing is lost to a signature on this path: two reports of
one event share few words when one outlet rewrites another (a median Jaccard similarity of 0.12
on PAC's story pairs), which MinHash misses more often than not.

Where news is denser than a block holds in a few days, articles are blocked by their words —
each article's *distinctive words* (the stems of its body, headline included, boilerplate not,
that are rare in general English: names, places, numbers) — through two kinds of pairs, both only
between articles dated close enough to be one event: pairs that share a band of their MinHash
signatures (``BANDS`` bands of ``ROWS`` values: copies, and pairs with a Jaccard similarity of
about 0.2 and more, mostly do), and pairs that share at least ``SHARED_WORDS`` words rare among
the articles being blocked (each article's ``NEAREST``: rewrites, which share a few names and
places and little else). Their connected components are cut by dates, too-large parts into
windows of ``WINDOW`` days, and only what is still too large is split again more strictly.
Undated articles join the block of the dated ones they share a band with.
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
DATE_BLOCK = 150
"""A long run of dates is cut into blocks of about this many articles (or twice its densest
``DAY_GAP + 1`` days, up to ``MAX_BLOCK``): the grouping's cost grows faster than its block."""
WINDOW = 4
"""Days of a window a too-large dated part is cut into."""
SHARED_WORDS = 3
"""Where news is dense: two articles a few days apart sharing this many rare distinctive words
may report one event (PAC's story pairs share 8 or more distinctive words in nine of ten)."""
RARE_DF = 50
"""... words in at most this many of the articles being blocked (more common ones say little)."""
NEAREST = 3
"""... each article joined to the few that share most with it."""
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


def word_keys(tokens: Iterable[str]) -> np.ndarray:
    """The distinctive words as sorted 32-bit hashes (the shared-word blocking's keys)."""
    return np.unique(np.fromiter((zlib.crc32(t.encode("utf-8")) for t in set(tokens)), dtype=np.int64))


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


def _runs(members: list[int], days: list[int | None]) -> list[list[int]]:
    """Dated members (sorted by day) cut where consecutive ones lie more than ``DAY_GAP`` days apart."""
    runs: list[list[int]] = []
    for day, m in sorted((days[m], m) for m in members):  # type: ignore[misc]
        if runs and day - days[runs[-1][-1]] <= DAY_GAP:  # type: ignore[operator]
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _densest(run: list[int], days: list[int | None]) -> int:
    """The most articles of ``run`` (sorted by day) within any ``DAY_GAP + 1`` consecutive days."""
    best = lo = 0
    for hi in range(len(run)):
        while days[run[hi]] - days[run[lo]] > DAY_GAP:  # type: ignore[operator]
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def _date_chunks(run: list[int], days: list[int | None], limit: int) -> list[list[int]]:
    """A long run of dates cut into chunks of at most ``limit`` articles between days, each cut
    where it parts the fewest pairs that could be one event (articles at most ``DAY_GAP`` days
    apart on either side), looked for in the second half of the chunk."""
    per_day: dict[int, list[int]] = {}
    for m in run:
        per_day.setdefault(days[m], []).append(m)  # type: ignore[arg-type]
    order = sorted(per_day)
    count = {d: len(per_day[d]) for d in order}

    def parted(k: int) -> int:  # pairs within DAY_GAP days that a cut after day order[k] parts
        d = order[k]
        return sum(count.get(a, 0) * count.get(b, 0)
                   for a in range(d - DAY_GAP + 1, d + 1) for b in range(d + 1, a + DAY_GAP + 1))

    chunks: list[list[int]] = []
    start = 0
    while start < len(order):
        size, end = 0, start
        while end < len(order) and size + count[order[end]] <= limit:
            size += count[order[end]]
            end += 1
        if end >= len(order):
            cut = len(order) - 1
        elif end == start:
            cut = start  # one day alone is larger than a block: it is cut by content (by the caller)
        else:
            lo = start + (end - start) // 2
            cut = min(range(lo, end), key=lambda k: (parted(k), -k))
        chunks.append([m for d in order[start:cut + 1] for m in per_day[d]])
        start = cut + 1
    return chunks


def blocks(signatures: np.ndarray, days: list[int | None], rows: int = ROWS,
           keys: list[np.ndarray] | None = None) -> list[list[int]]:
    """Candidate blocks (indexes into the signatures), each to be grouped into stories: sorted,
    deterministic whatever order the signatures were computed in.

    Dates first: reports of one event lie at most ``DAY_GAP`` days apart, so runs of dated
    articles with no such gap are blocks as they are when small enough, and longer runs are cut
    between days, where the fewest pairs that could be one event part, as long as no
    ``DAY_GAP + 1`` days hold more than a block (nothing is lost to a signature then). Where news
    is denser than that, the articles of a run are blocked by their words (LSH components,
    :func:`_by_words`). Undated articles join the block holding most of the dated articles that
    share a band with them; those with none are blocked by their words among themselves."""
    n = len(days)
    out: list[list[int]] = []
    dated = [i for i in range(n) if days[i] is not None]
    for run in _runs(dated, days):
        if len(run) <= MAX_BLOCK:
            out.append(run)
            continue
        dense = _densest(run, days)
        if dense <= MAX_BLOCK:
            out.extend(_date_chunks(run, days, min(MAX_BLOCK, max(DATE_BLOCK, 2 * dense))))
        else:
            out.extend(_by_words(signatures, run, days, rows, keys))
    undated = [i for i in range(n) if days[i] is None]
    if undated:
        where = {m: k for k, b in enumerate(out) for m in b}
        alone: list[int] = []
        for comp in _components(n, _band_pairs(signatures, list(range(n)), rows)):
            lost = [m for m in comp if days[m] is None]
            if not lost:
                continue
            votes: dict[int, int] = {}
            for m in comp:
                if m in where:
                    votes[where[m]] = votes.get(where[m], 0) + 1
            if votes:
                out[max(votes, key=lambda k: (votes[k], -k))].extend(lost)
            else:
                alone.extend(lost)
        if alone:
            out.extend(_by_words(signatures, sorted(alone), days, rows))
    return sorted((sorted(b) for b in out if b), key=lambda b: b[0])


def _near_in_time(members: list[int], days: list[int | None], a: int, b: int) -> bool:
    da, db = days[members[a]], days[members[b]]
    return da is None or db is None or abs(da - db) <= DAY_GAP


def _shared_word_pairs(keys: list[np.ndarray], members: list[int], days: list[int | None],
                       least: int) -> list[tuple[int, int]]:
    """Pairs (positions in ``members``) dated close enough to be one event that share at least
    ``least`` distinctive words rare among the members (in at most ``RARE_DF`` of them): each
    member's ``NEAREST`` most sharing. Reports of one event share a few names and places even
    when one rewrites the other; their Jaccard similarity is too low for LSH."""
    post: dict[int, list[int]] = {}
    for pos, m in enumerate(members):
        for h in keys[m].tolist():
            post.setdefault(h, []).append(pos)
    count: dict[tuple[int, int], int] = {}
    for items in post.values():
        if 2 <= len(items) <= RARE_DF:
            for x in range(len(items)):
                a = items[x]
                for b in items[x + 1:]:
                    count[a, b] = count.get((a, b), 0) + 1
    near: dict[int, list[tuple[int, int]]] = {}
    for (a, b), c in count.items():
        if c >= least and _near_in_time(members, days, a, b):
            near.setdefault(a, []).append((c, b))
            near.setdefault(b, []).append((c, a))
    pairs = set()
    for a, found in near.items():
        for _c, b in sorted(found, key=lambda cb: (-cb[0], cb[1]))[:NEAREST]:
            pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def _by_words(signatures: np.ndarray, members: list[int], days: list[int | None], rows: int,
              keys: list[np.ndarray] | None = None) -> list[list[int]]:
    """Blocks of ``members`` by their words: pairs sharing an LSH band, and pairs sharing a few
    rare distinctive words (given ``keys``), both only when dated close enough to be one event;
    their connected components, cut by dates. A part still too large is split again more
    strictly (longer bands, more shared words), and what nothing splits is cut in order."""
    out: list[list[int]] = []
    todo: list[tuple[list[int], int, int]] = [(members, rows, SHARED_WORDS)]
    while todo:
        group, r, least = todo.pop()
        pairs = [(a, b) for a, b in _band_pairs(signatures, group, r) if _near_in_time(group, days, a, b)]
        if keys is not None:
            pairs += _shared_word_pairs(keys, group, days, least)
        for comp in _components(len(group), pairs):
            for part in _by_dates([group[k] for k in comp], days):
                if len(part) > MAX_BLOCK and r < PERMUTATIONS:
                    todo.append((part, r + 1, least + 1))
                else:
                    out.extend(part[i:i + MAX_BLOCK] for i in range(0, len(part), MAX_BLOCK))
    return out
