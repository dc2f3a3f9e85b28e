"""The user's corrections of a comparison: links the engine missed, links it got wrong.

Pure: no textual, no database. The notes store keeps corrections (anchored to the articles'
content and sentence texts, like notes) and hands them here in the comparison's orientation;
every place a pair is shown applies them with :func:`apply_corrections`.

A :class:`Correction` names sentences of each side and an action:

``link``
    the sentences report the same thing. Any link between them is replaced by the user's:
    ``by_user`` set, score 1.0, kind ``verbatim`` or ``near`` when the texts are that close
    (:func:`reader.engine.compare.classify`), else ``paraphrase`` — or the engine's own kind when
    it had exactly this link (the user confirmed it). It goes on the aligned spine, on one row,
    when no sentence of it is on the spine yet, each side is a run of adjacent sentences and
    the right side falls between its aligned neighbours' (the order of the rows allows it);
    otherwise it is a further link, as the engine's off-spine links are.
``unlink``, ``not_same``
    no link joins these sentences: every link between them is cut (a 2-1 group loses only
    the pairs named, the rest of it stays). ``unlink`` is said of a link the engine made,
    ``not_same`` of two sentences whatever the engine does; both read the same here.

Corrections apply in the order given (the store gives them oldest first, so the latest word on
two sentences wins). One that names a sentence the comparison does not have, or links a
boilerplate sentence (boilerplate never links), is left out. Rows are rebuilt with the engine's
own :func:`reader.engine.align.build_rows` and figures with its ``_stats``: every sentence is
in exactly one row, ``links``/``matched``/unique counts and ``similarity`` count the user's
links like the engine's. The engine's links that no correction touches are shared with the
comparison given (not copied), and so is their ``moved`` mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

from reader.engine.align import build_rows
from reader.engine.compare import _stats, classify
from reader.engine.text import normalized
from reader.engine.types import Comparison, Match
from reader.record import Record

ACTIONS = ("link", "unlink", "not_same")
"""What a correction says of its sentences."""


class Correction(Record):
    """The user's word on sentences of a pair: ``left_ids`` of the left article, ``right_ids``
    of the right one (sorted, no repeats), ``action`` one of :data:`ACTIONS`."""

    __slots__ = ("left_ids", "right_ids", "action")

    def __init__(self, left_ids: Iterable[int], right_ids: Iterable[int], action: str):
        self.left_ids = sorted(set(left_ids))
        self.right_ids = sorted(set(right_ids))
        self.action = action

    def swapped(self) -> Correction:
        """The same correction with the sides exchanged."""
        return Correction(self.right_ids, self.left_ids, self.action)

    def pairs(self) -> set[tuple[int, int]]:
        """Every (left id, right id) it speaks of."""
        return set(product(self.left_ids, self.right_ids))

    def key(self) -> tuple[tuple[int, ...], tuple[int, ...], str]:
        """Hashable and comparable: a cache key holds the keys of a pair's corrections, in order."""
        return tuple(self.left_ids), tuple(self.right_ids), self.action


def apply_corrections(comparison: Comparison, corrections: Iterable[Correction]) -> Comparison:
    """``comparison`` with ``corrections`` (in its orientation) applied: a new Comparison, or
    ``comparison`` itself when none applies. The one given is never changed."""
    left, right = comparison.left, comparison.right
    usable = [c for c in corrections if _usable(c, comparison)]
    if not usable:
        return comparison
    matches = list(comparison.matches)
    for c in usable:
        matches, removed = _cut(matches, c.pairs(), comparison)
        if c.action == "link":
            matches.append(_user_link(c, matches, removed, comparison))
    matches.sort(key=lambda m: (m.left[0], m.right[0], not m.aligned))
    rows = build_rows(len(left.sentences), len(right.sentences), [m for m in matches if m.aligned])
    index = {(tuple(m.left), tuple(m.right)): k for k, m in enumerate(matches) if m.aligned}
    for row in rows:
        row.match = index.get((tuple(row.left), tuple(row.right))) if row.left and row.right else None
    stats = _stats(left, right, matches)
    stats.same_event = comparison.stats.same_event
    stats.one_event = comparison.stats.one_event
    return Comparison(left, right, matches, rows, stats)


def _usable(c: Correction, comparison: Comparison) -> bool:
    if c.action not in ACTIONS or not c.left_ids or not c.right_ids:
        return False
    for ids, article in ((c.left_ids, comparison.left), (c.right_ids, comparison.right)):
        n = len(article.sentences)
        if any(not isinstance(i, int) or not 0 <= i < n for i in ids):
            return False
        if c.action == "link" and any(article.sentences[i].boilerplate for i in ids):
            return False
    return True


def _texts(comparison: Comparison, ls: list[int], rs: list[int]) -> tuple[str, str]:
    return (" ".join(comparison.left.sentences[i].text for i in ls),
            " ".join(comparison.right.sentences[j].text for j in rs))


def _kind(texts: tuple[str, str]) -> str:
    kind, _ = classify(normalized(texts[0]), normalized(texts[1]))
    return kind


def _run(ids: list[int]) -> bool:
    """Adjacent sentences (a row shows a run, never a gap)."""
    return ids == list(range(ids[0], ids[-1] + 1))


def _cut(matches: list[Match], cut: set[tuple[int, int]], comparison: Comparison) -> tuple[list[Match], list[Match]]:
    """``matches`` without the links between the pairs in ``cut``, and the matches that lost
    any. What is left of a group stays (on the spine while it is still a run)."""
    kept: list[Match] = []
    removed: list[Match] = []
    for m in matches:
        pairs = set(product(m.left, m.right))
        if not pairs & cut:
            kept.append(m)
            continue
        removed.append(m)
        rest = pairs - cut
        if not rest:
            continue
        ls, rs = sorted({i for i, _ in rest}), sorted({j for _, j in rest})
        parts = [(ls, rs)] if len(rest) == len(ls) * len(rs) else [([i], [j]) for i, j in sorted(rest)]
        for pl, pr in parts:
            texts = _texts(comparison, pl, pr)
            kind = _kind(texts)
            score = 1.0 if kind == "verbatim" else m.score
            aligned = m.aligned and len(parts) == 1 and _run(pl) and _run(pr)
            kept.append(Match(pl, pr, kind, score, m.moved and aligned, texts, aligned, by_user=m.by_user))
    return kept, removed


def _user_link(c: Correction, matches: list[Match], removed: list[Match], comparison: Comparison) -> Match:
    ls, rs = c.left_ids, c.right_ids
    texts = _texts(comparison, ls, rs)
    same = next((m for m in removed if m.left == ls and m.right == rs), None)
    if same is not None:  # the engine had this very link: the user confirms it
        return Match(ls, rs, same.kind, 1.0, same.moved, texts, same.aligned, by_user=True)
    return Match(ls, rs, _kind(texts), 1.0, False, texts, _fits(ls, rs, matches), by_user=True)


def _fits(ls: list[int], rs: list[int], matches: list[Match]) -> bool:
    """Whether a new link can join the aligned spine: its sentences are on no row with a
    partner yet, each side is a run, and the spine's in-order links before it (by left
    position) all end above it on the right, those after it all start below."""
    if not (_run(ls) and _run(rs)):
        return False
    lset, rset = set(ls), set(rs)
    for m in matches:
        if not m.aligned:
            continue
        if lset.intersection(m.left) or rset.intersection(m.right):
            return False
        if m.moved:
            continue
        if max(m.left) < ls[0] and max(m.right) >= rs[0]:
            return False
        if min(m.left) > ls[-1] and min(m.right) <= rs[-1]:
            return False
    return True


__all__ = ["ACTIONS", "Correction", "apply_corrections"]
