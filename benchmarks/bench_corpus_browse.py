"""How fast a built corpus opens (``reader corpus DIR``): the story list and its filters through
DuckDB over the Parquet tables, and a story opened from the stored links against aligning it
afresh.

    python benchmarks/bench_corpus_browse.py [DIR]

DIR: a corpus built with ``reader corpus build`` (e.g. by ``bench_corpus.py``'s recipe at 100,000
articles); without it a 2,000-article corpus is built first from the real PAC articles (see
bench_corpus.py). Prints medians of repeated runs (standard library timing only).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def median_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(folder: Path) -> None:
    from reader.archive.stored import StoredCorpus, parse_filter
    from reader.story.library import Library

    corpus = StoredCorpus(folder)
    rows = corpus.rows
    size = sum(p.stat().st_size for p in folder.glob("*.parquet"))
    print(f"corpus {folder}: {rows['articles']:,} articles, {rows['stories']:,} stories, {rows['pairs']:,} pairs, "
          f"{rows['links']:,} links; {size / 2**20:.0f} MB of Parquet")
    corpus.close()

    def first_page():
        c = StoredCorpus(folder)
        c.stories()
        c.close()

    print(f"open the corpus and list its first 200 stories (widest coverage first): {median_ms(first_page):.0f} ms")
    corpus = StoredCorpus(folder)
    _, top = corpus.stories(limit=1)
    word = next((w for w in top[0].title.split() if len(w) > 5), top[0].title.split()[0])
    outlet = corpus.outlets()[0][0]
    day = (top[0].first_date or "2000-01-01")[:10]
    for text in (word, f'outlet:"{outlet}"', f"from:{day} to:{day}", "outlets:3 articles:4", f"{word} outlets:2"):
        f = parse_filter(text)
        total, _ = corpus.stories(f)
        print(f"filter {text!r}: {total:,} matching stories in {median_ms(lambda: corpus.stories(f)):.0f} ms")
    print(f"outlets × outlets ({len(corpus.outlet_rows()):,} outlet pairs): {median_ms(corpus.outlet_rows, 3):.0f} ms")

    _, widest = corpus.stories(limit=20)
    restored, fresh, pairs, biggest = [], [], 0, (0, 0.0, 0.0)
    from reader.corpus.load import load_article

    for s in widest:
        t = time.perf_counter()
        opened = corpus.open_story(s.story_id)  # read the articles, restore the comparisons
        opened.overview()
        restored.append(time.perf_counter() - t)
        pairs += opened.restored
        t = time.perf_counter()
        arts = [load_article(a.path) for a in opened.story.articles]  # the same, aligning every pair
        lib = Library(arts)
        lib.corrections = None
        lib.overview(type(opened.story)(1, opened.story.title, arts))
        fresh.append(time.perf_counter() - t)
        if opened.restored > biggest[0]:
            biggest = (opened.restored, restored[-1], fresh[-1])
    print(f"open a story (the 20 widest, {pairs} pairs): from the stored links {statistics.median(restored) * 1000:.0f} ms "
          f"median, {max(restored) * 1000:.0f} ms at most; read and aligned afresh {statistics.median(fresh) * 1000:.0f} "
          f"ms median, {max(fresh) * 1000:.0f} ms at most; the story with most pairs ({biggest[0]}): "
          f"{biggest[1] * 1000:.0f} ms against {biggest[2] * 1000:.0f} ms")
    corpus.close()

    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reader", "corpus", str(folder), "--list"], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"reader corpus DIR --list, the whole process: {(time.perf_counter() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        from bench_corpus import make_corpus

        from reader.archive.build import DaskRunner, build

        tmp = Path(tempfile.mkdtemp(prefix="reader-browse-bench-"))
        try:
            make_corpus(2000, tmp / "src")
            runner = DaskRunner(2)
            try:
                build([str(tmp / "src")], str(tmp / "out"), runner, quiet=True)
            finally:
                runner.close()
            main(tmp / "out")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
