"""Alignment quality on every gold available (dev gold + benchmarks/gold/*).

Usage: python benchmarks/bench_alignment.py [-v]
Prints sure-link and boilerplate precision/recall/F1 per gold set and overall.
"""

from __future__ import annotations

import sys
import time

from goldsets import Tally, evaluate, gold_sets

from reader.corpus.load import load_article
from reader.engine.compare import compare


def main() -> None:
    verbose = "-v" in sys.argv
    total = Tally()
    t0 = time.perf_counter()
    for g in gold_sets():
        t = evaluate(g, compare, load_article, verbose)
        total.add(t)
        print(f"{g.name:24s} {t.line()}")
    print(f"{'ALL':24s} {total.line()}  ({time.perf_counter() - t0:.2f}s)")


if __name__ == "__main__":
    main()
