"""Alignment at scale on real sentences: STS-B pairs hidden in two long "articles".

Usage: python benchmarks/bench_sts_align.py [N]   (default: all news-genre pairs of train+dev)

Left holds sentence 1 of each pair in order, right holds sentence 2 in shuffled order.
The engine must find each pair's partner among all N sentences. Reports, against the STS
gold score: recall of pairs scored >= 4 (same meaning, minor differences), the share of
pairs scored < 2 that were matched anyway (should be low), precision of matches that
join a pair's own two sentences, and the time taken.
"""

from __future__ import annotations

import random
import sys
import time

from stsb import read

from reader.corpus.load import build_article
from reader.engine.compare import compare


def main() -> None:
    rows = [r for split in ("train", "dev") for r in read(split) if r[0].startswith("main-news")]
    if len(sys.argv) > 1:
        rows = rows[: int(sys.argv[1])]
    rnd = random.Random(3)
    order = list(range(len(rows)))
    rnd.shuffle(order)
    left_text = "Left\n\n" + "\n\n".join(r[2].replace("\n", " ") for r in rows)
    right_text = "Right\n\n" + "\n\n".join(rows[k][3].replace("\n", " ") for k in order)
    t0 = time.perf_counter()
    a = build_article(left_text, "left.txt")
    b = build_article(right_text, "right.txt")
    t1 = time.perf_counter()
    c = compare(a, b)
    t2 = time.perf_counter()
    # map sentence ids back to pair indices via paragraphs (paragraph k+1 is pair k)
    lp = {s.id: s.paragraph - 1 for s in a.sentences}
    rp = {s.id: order[s.paragraph - 1] for s in b.sentences if s.paragraph > 0}
    found = set()
    own = other = 0
    for m in c.matches:
        li = {lp[i] for i in m.left}
        ri = {rp.get(j) for j in m.right}
        if li & ri:
            own += 1
            found |= li & ri
        else:
            other += 1
    hi = [k for k, r in enumerate(rows) if r[1] >= 4.0]
    lo = [k for k, r in enumerate(rows) if r[1] < 2.0]
    print(f"{len(rows)} pairs ({len(a.sentences)} x {len(b.sentences)} sentences); load {t1 - t0:.2f} s, compare {t2 - t1:.2f} s")
    print(f"recall of pairs scored >= 4: {sum(k in found for k in hi) / len(hi):.3f} ({len(hi)} pairs)")
    print(f"pairs scored < 2 matched anyway: {sum(k in found for k in lo) / len(lo):.3f} ({len(lo)} pairs)")
    print(f"matches joining a pair's own sentences: {own / max(1, own + other):.3f} ({own + other} matches)")


if __name__ == "__main__":
    main()
