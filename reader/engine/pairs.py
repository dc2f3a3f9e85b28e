"""Scoring sentence pairs in bulk (``reader score-pairs``).

The decision is the engine's own pair rule (``model.pair_probability`` against
``model.PAIR_THRESHOLD``), with rarity weights taken from all texts in the input, as
the engine takes them from the loaded articles.
"""

from __future__ import annotations

from typing import TextIO

from reader.corpus.sanitize import sanitize
from reader.engine import model
from reader.engine.features import Idf, Unit, pair_features


def score_pairs(pairs: list[tuple[str, str]]) -> list[tuple[float, bool]]:
    units = [(Unit.of(a), Unit.of(b)) for a, b in pairs]
    # Rarity across pairs: each pair is one document, so the words two texts share are
    # not made to look common by the pair itself (a file of one pair still scores sensibly).
    idf = Idf([a.stems | b.stems for a, b in units])
    idf.prepare(u for pair in units for u in pair)
    out = []
    for a, b in units:
        p = model.pair_probability(pair_features(a, b, idf))
        out.append((p, p >= model.PAIR_THRESHOLD))
    return out


def score_pairs_stream(src: TextIO, out: TextIO, err: TextIO) -> int:
    rows: list[tuple[str, str, str]] = []
    bad = 0
    for n, line in enumerate(src, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            bad += 1
            err.write(f"reader score-pairs: line {n}: expected id<TAB>text1<TAB>text2, skipped\n")
            continue
        rows.append((sanitize(parts[0]), sanitize(parts[1]), sanitize("\t".join(parts[2:]))))
    if not rows:
        err.write("reader score-pairs: no pairs to score\n")
        return 2
    for (pid, _, _), (p, same) in zip(rows, score_pairs([(a, b) for _, a, b in rows])):
        out.write(f"{pid}\t{p:.4f}\t{int(same)}\n")
    return 0
