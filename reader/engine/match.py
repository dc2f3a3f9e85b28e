"""Matching: which sentences of two articles report the same thing (many-to-many links).

1. Prepare a :class:`~reader.engine.features.Unit` per body sentence (boilerplate never links).
2. Candidates: each sentence's best partners by word cosine, both ways (:mod:`.candidates`).
3. Each candidate gets the lexical signals of the pair (:func:`features.signals`) and its
   context in these two articles (``CONTEXT``): where the two sit, how it ranks and by what
   margin among *each* sentence's candidates. A story's sentences all share its topic words, so
   a link is judged against the other candidates of both sentences, in this pair of articles.
4. The link model turns that vector into a probability; every candidate at or above the
   fitted threshold is a link, and identical texts always are.

:func:`link_table` is what both serving (:func:`score_links`) and the training script use.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from math import fsum

from reader.engine import model
from reader.engine.candidates import candidate_pairs
from reader.engine.features import SIGNALS, Unit, Weights, signals

CONTEXT = (
    "position_gap",  # difference of relative positions (0 top, 1 bottom)
    "both_titles",  # headline with headline
    "one_title",  # a headline with a body sentence
    "lede",  # both near the top: 1 - (i + j) / 6, at least 0
    "rank_high",  # 1 / (1 + a sentence's candidates closer than this one): the better of the two sides
    "rank_low",  # ... the worse of the two (both sides count, whichever is left: swapping mirrors)
    "margin_high",  # char_cos minus a sentence's best other candidate: the larger of the two sides
    "margin_low",
    "ratio_high",  # char_cos over a sentence's best candidate's: the larger of the two sides
    "ratio_low",
    "zscore",  # char_cos against all candidates of this pair of articles
)
LINK_FEATURES = SIGNALS + CONTEXT
_BASE = SIGNALS.index("char_cos")
MAX_LENGTH_RATIO = 10  # a sentence cannot report the same thing as a text ten times its length


class Link:
    """A scored candidate: positions in the two unit lists, features, probability."""

    __slots__ = ("i", "j", "features", "probability")

    def __init__(self, i: int, j: int, features: list[float], probability: float = 0.0):
        self.i = i
        self.j = j
        self.features = features
        self.probability = probability


def prepare(left: list[Unit], right: list[Unit]) -> Weights:
    w = Weights.of_units(left + right)
    w.prepare(left)
    w.prepare(right)
    return w


def scored_pairs(left: list[Unit], right: list[Unit], w: Weights) -> list[tuple[int, int]]:
    """The candidate pairs worth scoring, sorted (none joins a sentence with one ten times longer)."""
    out = []
    for i, j in sorted(candidate_pairs(left, right, w)):
        a, b = left[i].nwords, right[j].nwords
        if min(a, b) * MAX_LENGTH_RATIO < max(a, b) and left[i].norm != right[j].norm:
            continue
        out.append((i, j))
    return out


def candidate_closeness(left: list[Unit], right: list[Unit], w: Weights) -> list[tuple[int, int, float]]:
    """(i, j, character cosine) of the pairs link_table would score, without scoring them."""
    return [(i, j, w.char_cos(left[i], right[j])) for i, j in scored_pairs(left, right, w)]


def link_table(left: list[Unit], right: list[Unit], w: Weights) -> list[Link]:
    """Every candidate pair with its full feature vector (``LINK_FEATURES``)."""
    sig: dict[tuple[int, int], list[float]] = {}
    for i, j in scored_pairs(left, right, w):
        sig[i, j] = signals(left[i], right[j], w)
    if not sig:
        return []
    base = {key: f[_BASE] for key, f in sig.items()}
    by_left: dict[int, list[float]] = {}
    by_right: dict[int, list[float]] = {}
    for (i, j), s in base.items():
        by_left.setdefault(i, []).append(-s)
        by_right.setdefault(j, []).append(-s)
    for v in by_left.values():
        v.sort()  # negated: ascending, so bisect counts the candidates closer than a value
    for v in by_right.values():
        v.sort()
    vals = list(base.values())
    mean = fsum(vals) / len(vals)
    sd = math.sqrt(fsum((x - mean) ** 2 for x in vals) / len(vals)) or 1.0
    nl, nr = len(left), len(right)
    out = []
    for (i, j), f in sig.items():
        s = f[_BASE]
        li, rj = left[i], right[j]
        pl = i / (nl - 1) if nl > 1 else 0.5
        pr = j / (nr - 1) if nr > 1 else 0.5
        row, col = by_left[i], by_right[j]
        rank_l, rank_r = 1.0 / (1 + bisect_left(row, -s)), 1.0 / (1 + bisect_left(col, -s))
        margin_l, margin_r = s - _best_other(row, s), s - _best_other(col, s)
        ratio_l = s / -row[0] if row[0] else 0.0
        ratio_r = s / -col[0] if col[0] else 0.0
        ctx = [
            abs(pl - pr),
            1.0 if li.title and rj.title else 0.0,
            1.0 if li.title != rj.title else 0.0,
            max(0.0, 1.0 - (i + j) / 6.0),
            max(rank_l, rank_r),
            min(rank_l, rank_r),
            max(margin_l, margin_r),
            min(margin_l, margin_r),
            max(ratio_l, ratio_r),
            min(ratio_l, ratio_r),
            (s - mean) / sd,
        ]
        out.append(Link(i, j, f + ctx))
    return out


def _best_other(ascending_negated: list[float], s: float) -> float:
    """The best value in a sentence's (negated, ascending) list other than (one occurrence of)
    ``s``; 0 when there is none."""
    if -ascending_negated[0] != s:
        return -ascending_negated[0]
    return -ascending_negated[1] if len(ascending_negated) > 1 else 0.0


def score_links(left: list[Unit], right: list[Unit], w: Weights | None = None,
                table: list[Link] | None = None) -> list[Link]:
    """Every candidate with its probability of being a link."""
    if table is None:
        table = link_table(left, right, w if w is not None else prepare(left, right))
    layer = model.layer("link")
    links = table
    for link in links:
        # The same words in the same order are the strongest evidence there is.
        same = left[link.i].norm == right[link.j].norm and left[link.i].norm
        link.probability = 1.0 if same else layer.probability(link.features)
    return links


def accepted(links: list[Link]) -> list[Link]:
    """The links at or above the fitted threshold."""
    th = model.layer("link").threshold
    return [x for x in links if x.probability >= th]
