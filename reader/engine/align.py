"""Aligned rows for display, and which matches are "moved".

The left article keeps its order. Matches whose right sides also ascend form the
longest chain (a weighted longest increasing subsequence); every match off that chain
crosses others and is marked ``moved``. Right sentences that are unmatched or in chain
matches keep their order; a moved match's right side is shown on its left partner's row.
"""

from __future__ import annotations

import bisect

from reader.engine.types import Match, Row


def mark_moved(matches: list[Match]) -> None:
    """Set ``moved`` on every match outside the longest order-preserving chain."""
    order = sorted(range(len(matches)), key=lambda k: min(matches[k].left))
    keys = [min(matches[k].right) for k in order]
    # Longest strictly increasing subsequence of right positions, O(n log n).
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(order)
    for pos, key in enumerate(keys):
        t = bisect.bisect_left(tails, key)
        if t == len(tails):
            tails.append(key)
            tails_idx.append(pos)
        else:
            tails[t] = key
            tails_idx[t] = pos
        prev[pos] = tails_idx[t - 1] if t else -1
    keep: set[int] = set()
    pos = tails_idx[-1] if tails_idx else -1
    while pos >= 0:
        keep.add(order[pos])
        pos = prev[pos]
    for k, m in enumerate(matches):
        m.moved = k not in keep


def build_rows(n_left: int, n_right: int, matches: list[Match]) -> list[Row]:
    """Rows top to bottom; every sentence id of each side appears in exactly one row."""
    left_match: dict[int, int] = {}
    right_match: dict[int, int] = {}
    for k, m in enumerate(matches):
        for i in m.left:
            left_match[i] = k
        for j in m.right:
            right_match[j] = k
    rows: list[Row] = []
    r = 0  # next right sentence not yet placed (in right order)
    placed_right: set[int] = set()

    def flush_right(until: int) -> None:
        nonlocal r
        while r < until:
            if r not in placed_right:
                k = right_match.get(r)
                if k is None:
                    rows.append(Row([], [r]))
                    placed_right.add(r)
                # matched right sentences are placed with their match
            r += 1

    i = 0
    while i < n_left:
        k = left_match.get(i)
        if k is None:
            rows.append(Row([i], []))
            i += 1
            continue
        m = matches[k]
        if i != min(m.left):  # defensive: a group is handled at its first sentence
            i += 1
            continue
        if not m.moved:
            flush_right(min(m.right))
        rows.append(Row(list(m.left), list(m.right), k))
        placed_right.update(m.right)
        if not m.moved:
            r = max(r, max(m.right) + 1)
        i = max(m.left) + 1
    flush_right(n_right)
    # Right sentences skipped over by the pointer but never placed (only possible when
    # a moved match's right side sat behind the pointer) are already placed; any left
    # unplaced (none by construction) would be appended here.
    missing = [j for j in range(n_right) if j not in placed_right]
    rows.extend(Row([], [j]) for j in missing)
    return rows
