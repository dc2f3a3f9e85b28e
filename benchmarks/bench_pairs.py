"""Pair scoring quality (`reader score-pairs`): MSRP and STS Benchmark.

    python benchmarks/bench_pairs.py

1. MSRP training split, 10-fold cross-validation: the pair model is re-fitted on nine tenths
   (from the committed feature table, as train_matcher.py fits it), its threshold chosen on
   those nine tenths, and scored on the tenth — the estimate of accuracy / F1 on the held-out
   MSRP test split, which this project never sees.
2. The same through the real command: `reader score-pairs` on the whole training split as
   one file (in-sample: the shipped model was fitted on it).
3. STS Benchmark dev (never fitted on): Pearson r of the pair probability with the 0-5 gold,
   and accuracy / F1 against "gold >= 3".
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import train_matcher as tm  # noqa: E402
from lr import fit, pearson, predict  # noqa: E402
from stsb import read  # noqa: E402

from reader.engine.pairs import score_pairs  # noqa: E402

LABEL = 3.0


def prf(pred, gold):
    tp = sum(1 for p, g in zip(pred, gold) if p and g)
    fp = sum(1 for p, g in zip(pred, gold) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold) if not p and g)
    acc = sum(1 for p, g in zip(pred, gold) if p == g) / len(gold)
    return acc, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def msrp_cv(folds: int = 10) -> None:
    _, X, y = tm.load_pair_table()
    pred = [False] * len(y)
    for f in range(folds):
        tr = [k for k in range(len(y)) if k % folds != f]
        bias, w = fit([X[k] for k in tr], [y[k] for k in tr], l2=tm.PAIR_L2)
        th = tm.pair_threshold(bias, w, [X[k] for k in tr], [y[k] for k in tr])
        for k in range(f, len(y), folds):
            pred[k] = predict(bias, w, X[k]) >= th
    acc, f1 = prf(pred, [bool(t) for t in y])
    base = sum(y) / len(y)
    print(f"MSRP train, {folds}-fold cross-validation: accuracy {100 * acc:.1f}, F1 {100 * f1:.1f} "
          f"(always 'paraphrase': accuracy {100 * base:.1f}, F1 {200 * base / (1 + base):.1f})")


def msrp_cli() -> None:
    rows = []
    text = (tm.SHARED / "msrp" / "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig")
    for line in text.splitlines()[1:]:
        q, i1, i2, a, b = line.split("\t")
        rows.append((f"{i1}-{i2}", a, b, q == "1"))
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as fh:
        fh.write("".join(f"{i}\t{a}\t{b}\n" for i, a, b, _ in rows))
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "reader", "score-pairs", fh.name], capture_output=True, text=True, check=True)
    dt = time.perf_counter() - t0
    Path(fh.name).unlink()
    pred = [line.split("\t")[2] == "1" for line in out.stdout.splitlines()]
    acc, f1 = prf(pred, [g for *_, g in rows])
    print(f"MSRP train through `reader score-pairs` (in-sample): accuracy {100 * acc:.1f}, F1 {100 * f1:.1f}, "
          f"{len(rows)} pairs in {dt:.1f} s")


def sts(name, rows, scored):
    gold = [r[1] for r in rows]
    acc, f1 = prf([m for _, m in scored], [g >= LABEL for g in gold])
    print(f"STS-B dev {name:5s} n={len(rows):5d} pearson={pearson([p for p, _ in scored], gold):.3f} "
          f"acc={acc:.3f} F1={f1:.3f} (against gold >= {LABEL:g})")


def main():
    msrp_cv()
    msrp_cli()
    rows = read("dev")
    scored = score_pairs([(a, b) for _, _, a, b in rows])
    sts("all", rows, scored)
    news = [k for k, r in enumerate(rows) if r[0].startswith("main-news")]
    sts("news", [rows[k] for k in news], [scored[k] for k in news])


if __name__ == "__main__":
    main()
