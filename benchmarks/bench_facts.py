"""Facts across a story: do the links a fact implies hold, and how fast is a story's overview?

    python benchmarks/bench_facts.py

A fact claims that every two of its sentences from different articles report the same thing.
Those implied links are scored against real gold like pair links (gold_eval's rule: a sure link
is found when any sentence pair it names is implied; an implied pair no sure or possible link
allows is false): on the three-outlet real-gold story (never fitted on), and on the 34 blind PAC
stories (two outlets each; the link model was fitted on them, so that figure is in-sample).
Then the time to the overview of a story of 20 articles (190 pairs), from loaded articles.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import train_matcher as tm  # noqa: E402
from goldsets import load_gold, owners  # noqa: E402

from reader.corpus.load import load_article  # noqa: E402
from reader.story.facts import implied_links  # noqa: E402
from reader.story.grouping import Story  # noqa: E402
from reader.story.library import Library  # noqa: E402


def score(gold_path: Path, folder: Path) -> tuple[int, int, int]:
    links, _ = load_gold(gold_path)
    names = sorted({n for pair in links for n in pair})
    arts = [load_article(str(folder / n)) for n in names]
    story = Story(1, arts[0].title, arts)
    ov = Library(arts).overview(story)
    implied = implied_links(ov.facts)
    tp = fp = fn = 0
    for (left, right), ls in links.items():
        a, b = names.index(left), names.index(right)
        sure, allowed = [], set()
        for kind, sl, sr in ls:
            ps = {((a, i), (b, j)) for i in owners(arts[a].sentences, sl) for j in owners(arts[b].sentences, sr)}
            ps = {(x, y) if x < y else (y, x) for x, y in ps}
            allowed |= ps
            if kind == "S":
                sure.append(ps)
        between = {(x, y) for x, y in implied if {x[0], y[0]} == {a, b}}
        tp += sum(1 for s in sure if s & between)
        fn += sum(1 for s in sure if not s & between)
        fp += len(between - allowed)
    return tp, fp, fn


def main() -> None:
    t = score(tm.SHARED / "real-gold" / "gold.txt", tm.SHARED / "real-gold" / "articles")
    p, r, f = tm.prf(*t)
    print(f"real-gold (three outlets, never fitted on): implied links P={p:.2f} R={r:.2f} F1={f:.2f} "
          f"(tp={t[0]} fp={t[1]} fn={t[2]})")
    total = [0, 0, 0]
    for g in sorted(tm.GOLD.glob("story-*.txt")):
        t = score(g, tm.SHARED / "pac" / g.stem)
        total = [x + y for x, y in zip(total, t)]
    p, r, f = tm.prf(*total)
    print(f"blind PAC gold, 34 stories (in-sample for the link model): implied links P={p:.2f} R={r:.2f} F1={f:.2f}")
    arts = [load_article(str(f)) for f in sorted((tm.SHARED / "pac").glob("story-1*/*.json"))][:20]
    lib = Library(arts)
    t0 = time.perf_counter()
    ov = lib.overview(Story(1, arts[0].title, arts))
    print(f"overview of 20 articles ({len(ov.pairs)} pairs, {len(ov.facts)} facts): {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
