"""Scoring sentence pairs in bulk (``reader score-pairs``).

The decision is the context-free pair model (``model.layer("pair")``, fitted on the MSRP
paraphrase training split) against its fitted threshold, with rarity weights taken from all
texts in the input, as the engine takes them from the loaded articles.
"""

from __future__ import annotations

from typing import TextIO

from reader.corpus.sanitize import clean_line, sanitize
from reader.engine import model
from reader.engine.features import Unit, Weights, pair_vector


def pair_units(pairs: list[tuple[str, str]]) -> tuple[list[tuple[Unit, Unit]], Weights]:
    """Units for every pair, and rarity counted across pairs (each pair one document, so the
    words two texts share are not made to look common by the pair itself)."""
    units = [(Unit(a), Unit(b)) for a, b in pairs]
    w = Weights((a.stems | b.stems, a.grams | b.grams) for a, b in units)
    w.prepare(u for pair in units for u in pair)
    return units, w


def score_pairs(pairs: list[tuple[str, str]]) -> list[tuple[float, bool]]:
    units, w = pair_units(pairs)
    layer = model.layer("pair")
    out = []
    for a, b in units:
        # A text with no words (empty, punctuation only) reports nothing: never "the same".
        p = layer.probability(pair_vector(a, b, w)) if a.words and b.words else 0.0
        out.append((p, p >= layer.threshold))
    return out


def score_pairs_stream(src: TextIO, out: TextIO, err: TextIO) -> int:
    rows: list[tuple[str, str, str]] = []
    for n, line in enumerate(src, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            err.write(f"reader score-pairs: line {n}: expected id<TAB>text1<TAB>text2 "
                      f"(found {len(parts)} fields), skipped\n")
            continue
        rows.append((clean_line(parts[0]), sanitize(parts[1]), sanitize(parts[2])))
    if not rows:
        err.write("reader score-pairs: no pairs to score\n")
        return 2
    for (pid, _, _), (p, same) in zip(rows, score_pairs([(a, b) for _, a, b in rows])):
        out.write(f"{pid}\t{p:.4f}\t{int(same)}\n")
    return 0
