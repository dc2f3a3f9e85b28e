"""reader corpus build at scale: throughput, peak memory per worker, cost growth, identical
tables with 1 and 2 workers, and grouping quality with PAC's stories hidden in the pile.

The corpus is made from the 292 real PAC articles (146 stories, two outlets each): the originals,
plus copies of every story that are *other events* — each copy replaces the story's distinctive
words (names, places, rare words) by words of its own and moves its dates by weeks — so that the
pile grows to the size asked while its stories stay two-outlet stories, as a month of news is
mostly small stories. Written as JSON Lines (the format crawlers emit) into a temporary folder.

Figures: articles per second, peak resident memory of any worker, and, for the originals, the
pairwise F1 of the grouping against PAC's stories (a pair of articles is right when both are in
one PAC story and in one built story).

Run: python benchmarks/bench_corpus.py [SIZE ...] [--dense] [--keep DIR]   (default 2000 10000 30000;
reads ../shared/data; the 1-worker check runs on the first size when it is 10,000 or fewer).
``--dense`` moves every date into one month, each story keeping the days between its reports (the
originals too): more articles in a few days than a block holds, so blocks come from words (LSH)
rather than from dates alone. ``--keep DIR`` keeps the largest corpus built (for
bench_corpus_browse.py).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyarrow.parquet as pq  # noqa: E402

from reader.archive.build import TABLES, DaskRunner, build  # noqa: E402
from reader.engine import rarity  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "pac"
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def pac() -> list[tuple[str, dict]]:
    out = []
    for d in sorted(DATA.glob("story-*")):
        for f in sorted(d.glob("*.json")):
            out.append((d.name, json.loads(f.read_text(encoding="utf-8"))))
    return out


DENSE_START = "2024-03-01"
DENSE_DAYS = 28
"""``--dense``: every article dated within these four weeks (as a month of many outlets is)."""


def dense_date(date: str | None, story: str, k: int) -> str | None:
    """A story's dates moved into the dense month, keeping the days between its reports: copy
    ``k`` of story ``story`` starts on a day of its own."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat((date or "")[:10])
    except ValueError:
        return None
    first = _first_day(story)
    start = dt.date.fromisoformat(DENSE_START) + dt.timedelta(days=random.Random(f"{story}-{k}-day").randrange(DENSE_DAYS))
    return (start + (day - first)).isoformat() if first else None


_FIRSTS: dict[str, object] = {}


def _first_day(story: str):
    return _FIRSTS.get(story)


def variant(record: dict, story: str, k: int) -> dict:
    """Copy ``k`` of a story as another event: its distinctive words renamed, dates moved."""
    rng = random.Random(f"{story}-{k}")

    def rename(m: re.Match[str]) -> str:
        w = m.group(0)
        if rarity.zipf(w.lower()) > 4.5:
            return w
        r = random.Random(f"{story}-{k}-{w.lower()}")
        new = "".join(r.choice("bcdfghklmnprstvz") + r.choice("aeiou") for _ in range(max(2, len(w) // 2)))
        return new.capitalize() if w[0].isupper() else new

    out = dict(record)
    out["title"] = _WORD.sub(rename, record.get("title") or "")
    out["text"] = _WORD.sub(rename, record.get("text") or "")
    date = record.get("date") or "2020-01-01"
    import datetime as dt

    try:
        day = dt.date.fromisoformat(date[:10]) + dt.timedelta(days=7 * k + rng.randrange(3))
        out["date"] = day.isoformat()
    except ValueError:
        out["date"] = None
    return out


def make_corpus(size: int, folder: Path, dense: bool = False) -> dict[str, str]:
    """Write ``size`` articles as JSON Lines; returns ref -> PAC story for the originals.
    ``dense``: every date moved into one month (each story keeping the days between its reports)."""
    import datetime as dt

    base = pac()
    for story, rec in base:
        try:
            day = dt.date.fromisoformat((rec.get("date") or "")[:10])
        except ValueError:
            continue
        if story not in _FIRSTS or day < _FIRSTS[story]:  # type: ignore[operator]
            _FIRSTS[story] = day
    gold: dict[str, str] = {}
    lines_per_file = 1000
    records = [(story, dict(rec, date=dense_date(rec.get("date"), story, 0)) if dense else rec) for story, rec in base]
    k = 1
    while len(records) < size:
        for story, rec in base:
            v = variant(rec, story, k)
            if dense:
                v["date"] = dense_date(rec.get("date"), story, k)
            records.append((f"{story}~{k}", v))
            if len(records) >= size:
                break
        k += 1
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(records), lines_per_file):
        path = folder / f"part-{start // lines_per_file:04d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for n, (story, rec) in enumerate(records[start:start + lines_per_file], 1):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                if "~" not in story:
                    gold[f"{path}#{n}"] = story
    return gold


def peak_memory(runner: DaskRunner, stop: threading.Event, peaks: dict) -> None:
    def rss() -> int:
        import psutil

        return psutil.Process().memory_info().rss

    while not stop.is_set():
        try:
            for worker, value in runner.client.run(rss).items():
                peaks[worker] = max(peaks.get(worker, 0), value)
        except Exception:  # noqa: BLE001 - a worker restarting: sample again
            pass
        stop.wait(0.5)


def run(size: int, workers: int, tmp: Path, dense: bool = False) -> tuple[float, int, Path, dict[str, str]]:
    src = tmp / f"src-{size}"
    gold = make_corpus(size, src, dense) if not src.exists() else json.loads((tmp / f"gold-{size}.json").read_text())
    (tmp / f"gold-{size}.json").write_text(json.dumps(gold))
    out = tmp / f"out-{size}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    runner = DaskRunner(workers)
    peaks: dict = {}
    stop = threading.Event()
    sampler = threading.Thread(target=peak_memory, args=(runner, stop, peaks), daemon=True)
    sampler.start()
    t = time.perf_counter()
    try:
        build([str(src)], str(out), runner, quiet=True)
    finally:
        elapsed = time.perf_counter() - t
        stop.set()
        sampler.join()
        runner.close()
    return elapsed, max(peaks.values()) if peaks else 0, out, gold


def grouping_f1(out: Path, gold: dict[str, str]) -> tuple[float, float, float]:
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    built = {a["ref"]: a["story_id"] for a in arts if a["ref"] in gold}
    refs = sorted(built)
    tp = fp = fn = 0
    for a, b in combinations(refs, 2):
        same_gold, same_built = gold[a] == gold[b], built[a] == built[b]
        tp += same_gold and same_built
        fp += same_built and not same_gold
        fn += same_gold and not same_built
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(sizes: list[int], keep: Path | None = None, dense: bool = False) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="reader-corpus-bench-"))
    try:
        previous = None
        outs: dict[int, Path] = {}
        for size in sizes:
            kept = keep is not None and size == sizes[-1]
            if kept:
                keep.mkdir(parents=True, exist_ok=True)
            elapsed, peak, out, gold = run(size, 2, keep if kept else tmp, dense)
            outs[size] = out
            if kept:
                print(f"kept: the corpus in {out}, its articles in {keep / f'src-{size}'}")
            p, r, f = grouping_f1(out, gold)
            grow = f" (×{elapsed / previous[1]:.2f} the time for ×{size / previous[0]:.1f} the articles)" if previous else ""
            print(f"{size:,} articles{' in one month' if dense else ''}, 2 workers: {elapsed:.1f} s, {size / elapsed:.0f} articles/s, peak memory "
                  f"per worker {peak / 2**20:.0f} MB{grow}; PAC's stories in the pile: grouping F1 {f:.3f} "
                  f"(P {p:.3f}, R {r:.3f})")
            previous = (size, elapsed)
        size = sizes[0]
        if size > 10000:
            return  # the 1-worker comparison is made on a small corpus
        elapsed1, peak1, out1, _ = run(size, 1, tmp, dense)
        same = all(pq.read_table(out1 / f"{t}.parquet").equals(pq.read_table(outs[size] / f"{t}.parquet"))
                   for t in TABLES)
        print(f"{size:,} articles, 1 worker: {elapsed1:.1f} s; tables identical to 2 workers': {same}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    kept = None
    if "--keep" in args:  # --keep DIR: keep the largest corpus built (for bench_corpus_browse.py)
        at = args.index("--keep")
        kept = Path(args[at + 1])
        del args[at:at + 2]
    dense = "--dense" in args  # every date within one month: news denser than a block holds
    args = [a for a in args if a != "--dense"]
    main([int(a) for a in args] or [2000, 10000, 30000], kept, dense)
