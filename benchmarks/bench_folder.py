"""Opening a big folder: 2,000 small synthetic articles.

Run: ``.venv/bin/python benchmarks/bench_folder.py [--files N] [--runs N]``. Prints figures,
asserts nothing.

(a) ``collect_paths`` on the folder (in this process, warm file cache);
(b) a whole ``reader FOLDER`` process (headless, 160x45) until the article list holds
    every entry and the first comparison is painted: ``READER_EXIT_AFTER_FIRST_PAINT=1``
    exits right after that paint, and the process prints how many entries its list had.
    Target: <= 2 s.
(c) in this process, under Pilot: from opening the folder until the background loader has read
    every article and the list shows them grouped into stories (the pair on screen never
    moves), and the longest the UI's event loop went without running meanwhile (the loading
    and the grouping run in worker threads).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "the minister said on tuesday that officials would meet again next week to discuss "
    "a new agreement on trade energy prices border security and funding for schools "
    "while critics warned that the plan could cost more than expected and delay reforms"
).split()

READER = """
import sys
from reader.tui.app import ReaderApp

entries = []
_exit = ReaderApp.exit

def exit(self, *args, **kwargs):
    entries.append(self.screen.article_list.option_count if self.screen.id == "main" else -1)
    return _exit(self, *args, **kwargs)

ReaderApp.exit = exit
from reader.tui.run import run_tui
code = run_tui(sys.argv[1:], headless=True)
print("entries", entries[0] if entries else -1)
sys.exit(code)
"""


def make_folder(folder: Path, n: int) -> None:
    rng = random.Random(2000)
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        paras = []
        for _ in range(rng.randint(2, 6)):
            sents = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 24))).capitalize() + "."
                     for _ in range(rng.randint(1, 4))]
            paras.append(" ".join(sents))
        sub = folder / f"d{i % 10}"
        sub.mkdir(exist_ok=True)
        (sub / f"article{i:05d}.txt").write_text(f"{title} {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


async def grouped(paths: list[str]) -> tuple[float, float, float, int]:
    """(seconds to every article read, seconds to the list grouped, the longest the UI's event
    loop went without running meanwhile (a 10 ms timer's worst gap), stories)."""
    from reader.tui.app import ReaderApp

    app = ReaderApp(paths)
    t0 = time.perf_counter()
    read_at = None
    gaps = [0.0]
    async with app.run_test(size=(160, 45)):
        screen = app.screen
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        app.set_interval(0.01, tick)
        while screen.stories is None:
            if read_at is None and screen.view.comparison is not None and not app.pending:
                read_at = time.perf_counter() - t0
            await asyncio.sleep(0.01)
        done = time.perf_counter() - t0
        return read_at or done, done, max(gaps), len(screen.stories)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        make_folder(folder, args.files)

        from reader.corpus.discover import collect_paths

        collect_paths([str(folder)])  # warm the file cache
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            paths, problems = collect_paths([str(folder)])
            times.append(time.perf_counter() - t)
        print(f"{args.files:,} files, {len(paths):,} listed, {len(problems)} problems")
        print(f"(a) collect_paths: median {statistics.median(times) * 1000:7.1f} ms of {args.runs}")

        env = dict(os.environ, TEXTUAL_ANIMATIONS="none", READER_EXIT_AFTER_FIRST_PAINT="1",
                   XDG_CONFIG_HOME=tempfile.mkdtemp(), READER_CONFIG_DIR=tempfile.mkdtemp(),
                   READER_DATA_DIR=tempfile.mkdtemp(), PYTHONPATH=str(ROOT), COLUMNS="160", LINES="45")
        walls, entries = [], set()
        for _ in range(args.runs):
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", READER, str(folder)], env=env, check=True,
                                 capture_output=True, text=True).stdout
            walls.append(time.perf_counter() - t)
            entries.add(next((line.split()[1] for line in out.splitlines() if line.startswith("entries")), "?"))
        print(f"(b) reader FOLDER, whole process to list of {'/'.join(sorted(entries))} entries + first "
              f"comparison painted: median {statistics.median(walls):5.2f} s, min {min(walls):5.2f} s, "
              f"max {max(walls):5.2f} s  (target <= 2 s; load average {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} CPUs)")

        os.environ.update(TEXTUAL_ANIMATIONS="none", READER_CONFIG_DIR=tempfile.mkdtemp(),
                          READER_DATA_DIR=tempfile.mkdtemp())
        read, done, worst, stories = asyncio.run(grouped([str(p) for p in paths]))
        print(f"(c) under Pilot: every article read after {read:5.2f} s, grouped into {stories:,} stories "
              f"after {done:5.2f} s; the UI's event loop paused at most {worst * 1000:4.0f} ms meanwhile")


if __name__ == "__main__":
    main()
