"""Grouping articles into stories: pairwise F1 and time.

    python benchmarks/bench_grouping.py

The piles (real articles, ../shared/data):
* all of PAC: 292 articles of 146 stories, two outlets each, 2012-2023 (stories that repeat
  one event — 131/132, 133/145, 20/37 — count as one);
* PAC without dates: the same articles with their dates removed (grouping from the words alone);
* PAC's cross-story benchmark stories (never fitted on) plus the three-outlet real-gold story.
Pairwise F1: over every pair of articles, "same story" predicted against the truth. The event
model was fitted on PAC (all stories but the cross-story benchmark's), so the PAC figures are
in-sample for it; the third pile is not.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import train_matcher as tm  # noqa: E402

from reader.corpus.load import load_article  # noqa: E402
from reader.story.grouping import group  # noqa: E402


def pac(stories=None):
    same = {n: min(d) for d in tm.SAME_EVENT for n in d}
    arts, labels = [], []
    for n in stories or tm.pac_stories():
        for f in sorted((tm.SHARED / "pac" / f"story-{n}").glob("*.json")):
            arts.append(load_article(str(f)))
            labels.append(f"pac-{same.get(n, n)}")
    return arts, labels


def score(arts, labels, name):
    t0 = time.perf_counter()
    stories = group(arts)
    dt = time.perf_counter() - t0
    of = {}
    for s in stories:
        for a in s.articles:
            of[a.path] = s.id
    pred = [of[a.path] for a in arts]
    tp = fp = fn = 0
    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            same, p = labels[i] == labels[j], pred[i] == pred[j]
            tp += same and p
            fp += p and not same
            fn += same and not p
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"{name:58s} {len(arts)} articles -> {len(stories)} stories in {dt:.1f} s: "
          f"pairwise F1 {f1:.3f} (P {prec:.3f}, R {rec:.3f})")


def main() -> None:
    arts, labels = pac()
    score(arts, labels, "PAC, 146 stories x 2 outlets")
    for a in arts:
        a.date = None
    score(arts, labels, "PAC, dates removed")
    arts, labels = pac(tm.crossstory_bench_stories())
    for f in sorted((tm.SHARED / "real-gold" / "articles").glob("*.txt")):
        arts.append(load_article(str(f)))
        labels.append("real-gold")
    score(arts, labels, "cross-story benchmark stories + real-gold (not fitted on)")


if __name__ == "__main__":
    main()
