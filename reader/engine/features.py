"""Similarity signals between two sentences, defined once for training and serving.

Each sentence is prepared once (:class:`Unit`). :class:`Weights` holds the rarity of every
word stem and character n-gram among the texts being compared (a story's sentences, or the
pairs of a ``score-pairs`` file), and general English rarity comes from
:mod:`reader.engine.rarity`. Then:

* :func:`signals` — the lexical signals of one pair on its own (``SIGNALS``), each in [0, 1];
* :func:`pair_vector` — those plus n-gram overlaps (``PAIR_FEATURES``): what the context-free
  pair model behind ``reader score-pairs`` weighs;
* :mod:`reader.engine.match` adds the context of the pair inside its two articles (position,
  rank and margin among each sentence's candidates, neighbouring agreement) for the link model.

``benchmarks/train_matcher.py`` computes its training data with these same functions.
"""

from __future__ import annotations

import math
from math import fsum
import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

from reader.engine import rarity
from reader.engine.text import STOPWORDS, fold, lexeme, quotations, words

_CAPITAL = re.compile(r"[A-Z][\w'\u2019.-]*")
_GRAM = 4  # character n-gram length


class Unit:
    """A sentence prepared for comparison (``index``: its place among the side's body sentences)."""

    __slots__ = ("text", "norm", "words", "stems", "pairs", "nums", "names", "quotes", "grams", "general", "nwords",
                 "index", "title", "sw", "sn", "gn", "gw", "cn")

    def __init__(self, text: str, index: int = 0, title: bool = False):
        self.text = text
        folded = text.lower() if text.isascii() else fold(text)
        ws = words(text, folded)
        self.words = ws
        self.norm = " ".join(ws)
        stems: dict[str, float] = {}  # stem -> Zipf of its commonest form here
        seq = []
        info = _WORDS
        for w in ws:
            t = info.get(w)
            if t is None:
                t = _word_info(w)
            s = t[0]
            if s is not None:
                seq.append(s)
                if stems.get(s, -1.0) < t[1]:
                    stems[s] = t[1]
        self.stems = frozenset(stems)
        self.pairs = frozenset(zip(seq, seq[1:]))
        self.general = stems
        self.nums = frozenset(s for s in stems if s[0].isdigit())
        self.names = _names(text)
        self.quotes = tuple(_grams(q) for q in quotations(text, folded)) if '"' in folded else ()
        self.grams = _grams(self.norm)
        self.nwords = len(ws)
        self.index = index
        self.title = title
        # Norms under the comparison's weights, set by Weights.prepare.
        self.sw = self.sn = self.gn = self.gw = self.cn = 0.0


_WORDS: dict[str, tuple[str | None, float]] = {}  # word -> (stem, or None for a stop word; Zipf)


def _word_info(word: str) -> tuple[str | None, float]:
    if len(_WORDS) > 200_000:
        _WORDS.clear()
    t = _WORDS[word] = (lexeme(word), rarity.zipf(word))
    return t


_GRAMS: dict[str, str] = {}  # one string object per distinct 4-gram: half the memory of a long text's units


def _grams(text: str) -> frozenset[str]:
    """The character 4-grams of a text padded with a space at each end."""
    padded = f" {text} "
    if len(_GRAMS) > 500_000:
        _GRAMS.clear()
    one = _GRAMS.setdefault
    return frozenset([one(g, g) for g in {padded[k:k + _GRAM] for k in range(len(padded) - _GRAM + 1)}])


def _names(text: str) -> frozenset[str]:
    """Capitalised words after the first (names of people, places, bodies), folded and stemmed."""
    out = set()
    for k, m in enumerate(_CAPITAL.finditer(text)):
        if m.start() == 0:
            continue
        w = m.group(0).rstrip(".'\u2019-").lower()
        if len(w) > 1 and w not in STOPWORDS:
            out.add(lexeme(w) or w)
    return frozenset(out)


class _Table(dict):
    """A weight table that gives ``default`` for a key it has not seen."""

    __slots__ = ("default",)

    def __missing__(self, key: str) -> float:
        return self.default


def _table(values: dict[str, float], default: float) -> _Table:
    t = _Table(values)
    t.default = default
    return t


class Weights:
    """Rarity (IDF) of stems and character n-grams over a collection of units (one document each).

    ``stem_idf[s]``, ``stem_sq[s]`` (its square) and ``gram_sq[g]`` give a default rarity for
    anything unseen (as rare as can be).
    """

    __slots__ = ("n", "stem_idf", "stem_sq", "gram_sq")

    def __init__(self, docs: Iterable[tuple[frozenset[str], frozenset[str]]]):
        sdf: Counter[str] = Counter()
        gdf: Counter[str] = Counter()
        n = 0
        for stems, grams in docs:
            n += 1
            sdf.update(stems)
            gdf.update(grams)
        self.n = n
        log = math.log
        top = log((n + 1) / 0.5)
        idf = {s: log((n + 1) / (d + 0.5)) for s, d in sdf.items()}
        self.stem_idf = _table(idf, top)
        self.stem_sq = _table({s: x * x for s, x in idf.items()}, top * top)
        self.gram_sq = _table({g: log((n + 1) / (d + 0.5)) ** 2 for g, d in gdf.items()}, top * top)

    @classmethod
    def of_units(cls, units: Iterable[Unit]) -> "Weights":
        return cls((u.stems, u.grams) for u in units)

    def prepare(self, units: Iterable[Unit]) -> None:
        """Store each unit's totals and norms under these weights."""
        idf, sq, gsq = self.stem_idf.__getitem__, self.stem_sq.__getitem__, self.gram_sq.__getitem__
        w = rarity.weight
        sqrt = math.sqrt
        for u in units:
            u.sw = fsum(map(idf, u.stems))
            u.sn = sqrt(fsum(map(sq, u.stems)))
            gen = [w(z) for z in u.general.values()]
            u.gw = fsum(gen)
            u.gn = sqrt(fsum(x * x for x in gen))
            u.cn = sqrt(fsum(map(gsq, u.grams)))

    def char_cos(self, a: Unit, b: Unit) -> float:
        """Cosine of the two units' character 4-gram vectors."""
        if not a.cn or not b.cn:
            return 0.0
        return fsum(map(self.gram_sq.__getitem__, a.grams & b.grams)) / (a.cn * b.cn)


SIGNALS = (
    "word_cos",  # cosine of stem vectors weighted by rarity among the compared texts
    "char_cos",  # cosine of character 4-gram vectors, weighted the same way
    "dice",  # shared rarity (in-text IDF) over both sentences' total
    "cont_min",  # shared rarity over the smaller sentence's total (one contains the other)
    "cont_max",  # ... over the larger one's total
    "general_dice",  # like dice, with general-English rarity weights
    "general_cont",  # like cont_min, with general-English rarity weights
    "general_cos",  # cosine with general-English rarity weights
    "char_ratio",  # rapidfuzz ratio of the normalised texts
    "token_set",  # rapidfuzz token-set ratio
    "names_shared",  # shared capitalised names over the fewer
    "names_conflict",  # both name someone, nobody in common
    "numbers_shared",  # shared numbers over the fewer
    "numbers_conflict",  # both give numbers, none in common
    "quote",  # the closest pair of quotations (8+ characters): 4-grams of the shorter in the longer
    "length_ratio",  # shorter / longer, in words
    "stem_pairs",  # shared adjacent stem pairs over the fewer
    "exact",  # the same words in the same order
    "short",  # the shorter has fewer than 5 words (fragments say little)
)


def signals(a: Unit, b: Unit, w: Weights) -> list[float]:
    """The lexical signals of a pair (``SIGNALS``), each in [0, 1]."""
    shared = a.stems & b.stems
    ws = fsum(map(w.stem_idf.__getitem__, shared))
    word_cos = fsum(map(w.stem_sq.__getitem__, shared)) / (a.sn * b.sn) if a.sn and b.sn else 0.0
    char_cos = w.char_cos(a, b)
    small, large = (a.sw, b.sw) if a.sw <= b.sw else (b.sw, a.sw)
    dice = 2 * ws / (a.sw + b.sw) if a.sw + b.sw else 0.0
    cont_min = ws / small if small else 0.0
    cont_max = ws / large if large else 0.0
    weight = rarity.weight
    ga, gb = a.general, b.general
    gen = [weight(min(ga[s], gb[s])) for s in shared]
    gs = fsum(gen)
    general_dice = 2 * gs / (a.gw + b.gw) if a.gw + b.gw else 0.0
    gsmall = min(a.gw, b.gw)
    general_cont = min(1.0, gs / gsmall) if gsmall else 0.0
    general_cos = min(1.0, fsum(x * x for x in gen) / (a.gn * b.gn)) if a.gn and b.gn else 0.0
    char_ratio = fuzz.ratio(a.norm, b.norm) / 100.0
    token_set = fuzz.token_set_ratio(a.norm, b.norm) / 100.0
    na, nb = a.names, b.names
    if na and nb:
        k = len(na & nb)
        names_shared = k / min(len(na), len(nb))
        names_conflict = 1.0 if k == 0 else 0.0
    else:
        names_shared = names_conflict = 0.0
    if a.nums and b.nums:
        k = len(a.nums & b.nums)
        numbers_shared = k / min(len(a.nums), len(b.nums))
        numbers_conflict = 1.0 if k == 0 else 0.0
    else:
        numbers_shared = numbers_conflict = 0.0
    quote = 0.0
    if a.quotes and b.quotes:
        q = max(len(x & y) / min(len(x), len(y)) for x in a.quotes for y in b.quotes if x and y)
        quote = max(0.0, (q - 0.5) * 2)
    la, lb = a.nwords, b.nwords
    length_ratio = min(la, lb) / max(la, lb) if la and lb else 0.0
    pa, pb = a.pairs, b.pairs
    k = min(len(pa), len(pb))
    stem_pairs = len(pa & pb) / k if k else 0.0
    exact = 1.0 if a.norm == b.norm and a.norm else 0.0
    short = 1.0 if min(la, lb) < 5 else 0.0
    return [word_cos, char_cos, dice, cont_min, cont_max, general_dice, general_cont, general_cos, char_ratio,
            token_set, names_shared, names_conflict, numbers_shared, numbers_conflict, quote, length_ratio,
            stem_pairs, exact, short]


NGRAMS = tuple(f"{n}gram_{side}" for n in (1, 2, 3, 4) for side in ("min", "max"))
PAIR_FEATURES = SIGNALS + NGRAMS + ("token_sort", "unmatched_max", "unmatched_min")


def pair_vector(a: Unit, b: Unit, w: Weights) -> list[float]:
    """The pair model's features (``PAIR_FEATURES``): the signals plus word n-gram overlaps
    (1- to 4-grams over all words, shared over the fewer and over the more), token-sort
    ratio, and the rarity each side holds that the other lacks."""
    out = signals(a, b, w)
    wa, wb = a.words, b.words
    for n in (1, 2, 3, 4):
        ga = set(zip(*(wa[k:] for k in range(n)))) if n > 1 else set(wa)
        gb = set(zip(*(wb[k:] for k in range(n)))) if n > 1 else set(wb)
        m = len(ga & gb)
        lo, hi = sorted((len(ga), len(gb)))
        out.append(m / lo if lo else 0.0)
        out.append(m / hi if hi else 0.0)
    out.append(fuzz.token_sort_ratio(a.norm, b.norm) / 100.0)
    idf = w.stem_idf.__getitem__
    ua = fsum(map(idf, a.stems - b.stems))
    ub = fsum(map(idf, b.stems - a.stems))
    out.append(min(1.0, max(ua, ub) / 20.0))
    out.append(min(1.0, min(ua, ub) / 20.0))
    return out
