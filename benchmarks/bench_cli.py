"""Whole-process time of `reader compare A B --format json` against a stdlib difflib peer.

Usage: python benchmarks/bench_cli.py [-n RUNS] [A B]   (default: two seed articles)

The peer is `difflib.HtmlDiff().make_file` over the same two files' lines, run as its own
Python process. Runs alternate (peer, reader, peer, ...) after a warm-up; the figures are
medians of wall and CPU (user+sys of the child) time and the ratio reader/peer, pair by
pair (this machine is shared and noisy: trust ratios over absolute times).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = (
    "import difflib, sys\n"
    "a = open(sys.argv[1], encoding='utf-8').read().splitlines()\n"
    "b = open(sys.argv[2], encoding='utf-8').read().splitlines()\n"
    "sys.stdout.write(difflib.HtmlDiff().make_file(a, b))\n"
)


# Byte-code caching as an installed package has it (pip writes .pyc files at install):
# without it every run would recompile reader's sources and time the compiler.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> tuple[float, float]:
    before = os.times()
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=ENV)
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    args = sys.argv[1:]
    runs = 15
    if "-n" in args:
        k = args.index("-n")
        runs = int(args[k + 1])
        del args[k : k + 2]
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    a, b = (args + [str(seeds[0]), str(seeds[2])])[:2] if len(args) >= 2 else (str(seeds[0]), str(seeds[2]))
    reader = [sys.executable, "-m", "reader", "compare", a, b, "--format", "json"]
    peer = [sys.executable, "-c", PEER, a, b]
    timed(reader), timed(peer)  # warm-up (disk cache, .pyc)
    rows = []
    for _ in range(runs):
        pw, pc = timed(peer)
        rw, rc = timed(reader)
        rows.append((rw, rc, pw, pc))
    med = lambda k: statistics.median(r[k] for r in rows)
    ratio_wall = statistics.median(r[0] / r[2] for r in rows)
    ratio_cpu = statistics.median(r[1] / r[3] for r in rows if r[3] > 0)
    print(f"files: {Path(a).name} vs {Path(b).name}; {runs} alternating runs")
    print(f"reader compare --format json: wall {med(0) * 1000:6.1f} ms  cpu {med(1) * 1000:6.1f} ms")
    print(f"difflib HtmlDiff.make_file:   wall {med(2) * 1000:6.1f} ms  cpu {med(3) * 1000:6.1f} ms")
    print(f"ratio reader/difflib (median of pairs): wall {ratio_wall:.2f}x  cpu {ratio_cpu:.2f}x  (budget 3x)")


if __name__ == "__main__":
    main()
