"""How alignment cost grows: N x N sentences, reader's engine vs all-pairs peers.

Usage: python benchmarks/bench_scale.py [N ...]   (default 50 500 2000 10000)

Synthetic story text: left has N sentences drawn from a Zipf-distributed vocabulary of
pronounceable pseudo-words (3N of them) with shared topic words; right holds edited copies of 60% of them in shuffled order plus new
sentences. Each method runs in a fresh subprocess so peak memory (ru_maxrss, minus the
interpreter's own baseline) is its own. Peers: rapidfuzz.process.cdist (all pairs,
fuzz.ratio, all cores) and stdlib difflib.SequenceMatcher (all pairs; skipped past
--difflib-max, default 500, where it would take minutes — its time is then estimated
from the measured per-pair cost).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _word(k: int) -> str:
    """A distinct pronounceable pseudo-word per k (letters only, like real words)."""
    out = []
    k += len(_SYLLABLES)  # at least two syllables
    while k:
        k, r = divmod(k, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
    return "".join(out)


def make_texts(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rnd = random.Random(seed)
    vocab = [_word(k) for k in range(max(2000, n * 3))]
    weights = [1 / (k + 1) for k in range(len(vocab))]
    topic = ["strike", "port", "union", "workers", "deal", "wages", "ships", "harwick"]

    def sentence() -> list[str]:
        words = rnd.choices(vocab, weights, k=rnd.randint(10, 25))
        words[rnd.randrange(len(words))] = rnd.choice(topic)
        return words

    left = [sentence() for _ in range(n)]
    right = []
    for s in left:
        if rnd.random() < 0.6:
            t = list(s)
            for _ in range(rnd.randint(0, 4)):
                t[rnd.randrange(len(t))] = rnd.choice(vocab[:500])
            right.append(t)
    while len(right) < n:
        right.append(sentence())
    rnd.shuffle(right)
    fmt = lambda ws: " ".join(ws).capitalize() + "."
    return [fmt(s) for s in left], [fmt(s) for s in right]


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
sys.path.insert(0, sys.argv[3] + "/benchmarks")
from bench_scale import make_texts
method, n = sys.argv[1], int(sys.argv[2])
L, R = make_texts(n)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if method == "reader":
    from reader.corpus.load import build_article
    from reader.engine.compare import compare
    t0 = time.perf_counter()
    a = build_article("Left story\n\n" + "\n\n".join(L), "left.txt")
    b = build_article("Right story\n\n" + "\n\n".join(R), "right.txt")
    t1 = time.perf_counter()
    c = compare(a, b)
    t2 = time.perf_counter()
    extra = {"load_s": t1 - t0, "matches": len(c.matches)}
    elapsed = t2 - t1
elif method == "cdist":
    from rapidfuzz import fuzz, process
    import numpy as np
    t0 = time.perf_counter()
    m = process.cdist(L, R, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)
    best = m.argmax(axis=1)
    elapsed = time.perf_counter() - t0
    extra = {}
elif method == "difflib":
    import difflib
    t0 = time.perf_counter()
    for a in L:
        sm = difflib.SequenceMatcher(None, a)
        best = 0.0
        for b in R:
            sm.set_seq1(b)
            r = sm.ratio()
            if r > best:
                best = r
    elapsed = time.perf_counter() - t0
    extra = {}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": (peak - base) / 1024, **extra}))
"""


def run(method: str, n: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, method, str(n), str(ROOT)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    difflib_max = 500
    for a in sys.argv[1:]:
        if a.startswith("--difflib-max="):
            difflib_max = int(a.split("=")[1])
    sizes = [int(a) for a in args] or [50, 500, 2000, 10000]
    print(f"{'N':>6} | {'reader s':>9} {'MB':>6} {'load s':>7} | {'cdist s':>8} {'MB':>6} | {'difflib s':>10} | speed-up vs cdist / difflib")
    per_pair = None
    for n in sizes:
        r = run("reader", n)
        c = run("cdist", n)
        if n <= difflib_max:
            d = run("difflib", n)
            per_pair = d["seconds"] / (n * n)
            ds = f"{d['seconds']:10.2f}"
            dsec = d["seconds"]
        else:
            dsec = per_pair * n * n if per_pair else float("nan")
            ds = f"~{dsec:9.0f}"
        print(f"{n:6d} | {r['seconds']:9.3f} {r['peak_mb']:6.1f} {r['load_s']:7.3f} | {c['seconds']:8.3f} {c['peak_mb']:6.1f} | {ds} | "
              f"{c['seconds'] / r['seconds']:.1f}x / {dsec / r['seconds']:.0f}x   ({r['matches']} matches)")
    print("~ = estimated from the measured per-pair cost at the largest N run")


if __name__ == "__main__":
    main()
