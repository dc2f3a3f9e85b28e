"""Pair scoring quality on STS Benchmark dev (the `reader score-pairs` rule).

Prints Pearson r of the pair probability with the gold 0-5 score, and accuracy / F1 of
the match decision against "gold >= LABEL" (default 3.0: roughly equivalent, the sense
of a paraphrase corpus), overall and for the news genre.
"""

from __future__ import annotations

import sys

from lr import pearson
from stsb import read

from reader.engine.pairs import score_pairs

LABEL = 3.0


def report(name, rows, scored):
    gold = [r[1] for r in rows]
    probs = [p for p, _ in scored]
    tp = sum(1 for r, (_, m) in zip(rows, scored) if m and r[1] >= LABEL)
    fp = sum(1 for r, (_, m) in zip(rows, scored) if m and r[1] < LABEL)
    fn = sum(1 for r, (_, m) in zip(rows, scored) if not m and r[1] >= LABEL)
    acc = sum(1 for r, (_, m) in zip(rows, scored) if m == (r[1] >= LABEL)) / len(rows)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(f"{name:10s} n={len(rows):5d} pearson={pearson(probs, gold):.3f} acc={acc:.3f} F1={f1:.3f}")


def main():
    split = sys.argv[1] if len(sys.argv) > 1 else "dev"
    rows = read(split)
    scored = score_pairs([(a, b) for _, _, a, b in rows])
    report("all", rows, scored)
    news = [k for k, r in enumerate(rows) if r[0].startswith("main-news")]
    report("news", [rows[k] for k in news], [scored[k] for k in news])


if __name__ == "__main__":
    main()
