"""Similarity signals between two pieces of text ("units": a sentence or two adjacent ones).

Each unit is prepared once (:class:`Unit`); a pair of units yields a small feature vector
(:func:`pair_features`) from which :mod:`reader.engine.model` computes a probability that
the two report the same thing. Rarity weights (IDF) come from the loaded texts themselves.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

from reader.engine.text import _LEX, fold, lexeme, quotations, words


class Unit:
    """A sentence (or two joined) prepared for comparison."""

    __slots__ = ("text", "norm", "stems", "nums", "quotes", "nwords", "bigrams", "weight", "ranked")

    def __init__(self, text: str, norm: str, stems: frozenset[str], nums: frozenset[str], quotes: tuple[str, ...],
                 nwords: int, bigrams: frozenset[tuple[str, str]]):
        self.text = text
        self.norm = norm
        self.stems = stems
        self.nums = nums
        self.quotes = quotes
        self.nwords = nwords
        self.bigrams = bigrams
        self.weight = 0.0  # total IDF of ``stems``, set by Idf.prepare
        self.ranked: tuple[str, ...] = ()  # ``stems`` rarest first, set by Idf.prepare

    @classmethod
    def of(cls, text: str) -> "Unit":
        folded = text.lower() if text.isascii() else fold(text)
        ws = words(text, folded)
        lex = _LEX
        seq = []
        for w in ws:
            s = lex[w] if w in lex else lexeme(w)
            if s is not None:
                seq.append(s)
        nums = {s for s in seq if s[0].isdigit()}
        return cls(
            text=text,
            norm=" ".join(ws),
            stems=frozenset(seq),
            nums=frozenset(nums),
            quotes=tuple(quotations(text, folded)),
            nwords=len(ws),
            bigrams=frozenset(zip(seq, seq[1:])),
        )

    @classmethod
    def join(cls, a: "Unit", b: "Unit") -> "Unit":
        return cls(
            text=a.text + " " + b.text,
            norm=(a.norm + " " + b.norm).strip(),
            stems=a.stems | b.stems,
            nums=a.nums | b.nums,
            quotes=a.quotes + b.quotes,
            nwords=a.nwords + b.nwords,
            bigrams=a.bigrams | b.bigrams,
        )


class Idf:
    """Inverse document frequency over a collection of stem sets (one per sentence)."""

    __slots__ = ("n", "df", "idf", "default")

    def __init__(self, docs: Iterable[frozenset[str]]):
        df: Counter[str] = Counter()
        n = 0
        for d in docs:
            df.update(d)
            n += 1
        self.n = n
        self.df = df
        self.default = math.log((n + 1) / 0.5)
        self.idf = {s: math.log((n + 1) / (d + 0.5)) for s, d in df.items()}

    def __call__(self, stem: str) -> float:
        return self.idf.get(stem, self.default)

    def weight(self, stems: frozenset[str]) -> float:
        get, default = self.idf.get, self.default
        return sum(get(s, default) for s in stems)

    def prepare(self, units: Iterable["Unit"]) -> None:
        """Store each unit's total stem weight on it."""
        get, default = self.idf.get, self.default
        for u in units:
            pairs = sorted([(-get(s, default), s) for s in u.stems])
            u.weight = -sum(w for w, _ in pairs)
            u.ranked = tuple(s for _, s in pairs)


FEATURES = (
    "dice", "containment", "char", "token_set", "num_shared", "num_conflict",
    "quote", "len_ratio", "exact", "jaccard", "bigram",
)


def pair_features(a: Unit, b: Unit, idf: Idf) -> list[float]:
    """The lexical similarity signals of two units, each in [0, 1]."""
    shared = a.stems & b.stems
    wa = a.weight
    wb = b.weight
    get, default = idf.idf.get, idf.default
    ws = sum(get(x, default) for x in shared)
    dice = 2 * ws / (wa + wb) if wa + wb else 0.0
    cont = ws / min(wa, wb) if min(wa, wb) else 0.0
    char = fuzz.ratio(a.norm, b.norm) / 100.0
    tset = fuzz.token_set_ratio(a.norm, b.norm) / 100.0
    if a.nums and b.nums:
        inter = len(a.nums & b.nums)
        num_shared = inter / min(len(a.nums), len(b.nums))
        num_conflict = 1.0 if inter == 0 else 0.0
    else:
        num_shared = num_conflict = 0.0
    quote = 0.0
    if a.quotes and b.quotes:
        quote = max(fuzz.partial_ratio(x, y) for x in a.quotes for y in b.quotes) / 100.0
        quote = max(0.0, (quote - 0.5) * 2)
    la, lb = a.nwords, b.nwords
    len_ratio = min(la, lb) / max(la, lb) if la and lb else 0.0
    exact = 1.0 if a.norm == b.norm and a.norm else 0.0
    union = len(a.stems | b.stems)
    jaccard = len(shared) / union if union else 0.0
    nb = min(len(a.bigrams), len(b.bigrams))
    bigram = len(a.bigrams & b.bigrams) / nb if nb else 0.0
    return [dice, cont, char, tset, num_shared, num_conflict, quote, len_ratio, exact, jaccard, bigram]
