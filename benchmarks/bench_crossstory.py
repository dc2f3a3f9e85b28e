"""Links between articles of different events: there should be none but verbatim ones.

    python benchmarks/bench_crossstory.py [-v]

40 real articles: both outlets of 20 PAC stories (../shared/data/pac; the first 20 stories from
number 100 on that are neither in the blind gold nor fitted on — train_matcher.py keeps them out
of its cross-story negatives). Every pair of articles from *different* stories is compared (760
pairs); every non-verbatim link between them is false. Prints false links per 100 article
pairs, and (-v) each false link.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from train_matcher import SHARED, crossstory_bench_stories  # noqa: E402

from reader.corpus.load import load_article  # noqa: E402
from reader.engine.compare import compare  # noqa: E402


def main() -> None:
    verbose = "-v" in sys.argv
    stories = crossstory_bench_stories()
    arts = []
    for n in stories:
        for f in sorted((SHARED / "pac" / f"story-{n}").glob("*.json")):
            arts.append((n, load_article(str(f))))
    pairs = false = verbatim = 0
    t0 = time.perf_counter()
    for a in range(len(arts)):
        for b in range(a + 1, len(arts)):
            (sa, A), (sb, B) = arts[a], arts[b]
            if sa == sb:
                continue
            pairs += 1
            for m in compare(A, B).matches:
                if m.kind == "verbatim":
                    verbatim += 1
                    continue
                false += 1
                if verbose:
                    print(f"  story-{sa} ~ story-{sb} {m.kind} {m.score:.2f}: {m.texts[0][:70]!r} ~ {m.texts[1][:70]!r}")
    dt = time.perf_counter() - t0
    print(f"{len(arts)} articles from {len(stories)} stories, {pairs} cross-story pairs in {dt:.1f} s: "
          f"{false} non-verbatim links = {100 * false / pairs:.2f} per 100 pairs ({verbatim} verbatim links)")


if __name__ == "__main__":
    main()
