"""Alignment quality: sure-link precision / recall / F1 on real and invented gold.

    python benchmarks/bench_alignment.py [-v]

1. The blind real-news gold (benchmarks/real_gold/, 34 PAC stories), leave-one-story-out: for
   each story the link model is re-fitted on the other 33 (from the committed training table)
   and judged on it; the figures pool all stories. This is the headline figure.
2. ../shared/data/real-gold (a real three-outlet story, the calibration example): never fitted
   on, run through the engine end to end (the figure gold_eval.py prints).
3. Invented stories, regression only (never fitted on, never a headline figure): the shared
   dev gold and benchmarks/gold/.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import train_matcher as tm  # noqa: E402
from goldsets import DEV_GOLD, Tally, evaluate  # noqa: E402

from reader.corpus.load import load_article  # noqa: E402
from reader.engine.compare import compare  # noqa: E402
from reader.engine import model  # noqa: E402

REAL_GOLD = tm.SHARED / "real-gold"


def main() -> None:
    verbose = "-v" in sys.argv
    t0 = time.perf_counter()
    feats, data, counts = tm.load_link_table()
    probs = tm.loso_predictions(data)
    th = tm.choose_threshold(data, counts, probs)
    (tp, fp, fn), per = tm.tally(data, counts, probs, th)
    p, r, f = tm.prf(tp, fp, fn)
    if verbose:
        for s, t in sorted(per.items(), key=lambda kv: int(kv[0].split("-")[1])):
            print(f"  {s:10s} P={tm.prf(*t)[0]:.2f} R={tm.prf(*t)[1]:.2f} F1={tm.prf(*t)[2]:.2f} (tp={t[0]} fp={t[1]} fn={t[2]})")
    covered = {(d["story"], k) for d in data for k in d["links"]}
    print(f"candidates hold {len(covered)} of the {sum(counts.values())} sure links "
          f"({100 * len(covered) / sum(counts.values()):.1f}%): the most any decision could find")
    print(f"blind real-news gold, {len(counts)} PAC stories, leave-one-story-out: "
          f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn}; threshold {th:.2f}, "
          f"shipped {model.layer('link').threshold:.2f})")
    rows = [("real-gold (calibration, never fitted)", REAL_GOLD, True)]
    rows += [("invented: shared dev gold (regression)", DEV_GOLD, False)]
    rows += [(f"invented: {g.name} (regression)", g, False) for g in sorted((HERE / "gold").glob("*")) if (g / "gold.txt").exists()]
    invented = Tally()
    for name, g, real in rows:
        t = evaluate(g, compare, load_article, verbose)
        if not real:
            invented.add(t)
        print(f"{name:48s} {t.line()}")
    print(f"{'invented, all (regression)':48s} {invented.line()}")
    print(f"({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
