"""TUI speed: time to the first painted comparison, against a bare Textual app; big pair scroll.

Run: ``.venv/bin/python benchmarks/bench_tui.py [--runs N]``. Prints figures, asserts nothing.

(a) bare: a whole ``python -c`` process running a Textual app (headless) that paints a
    static screen and exits after its first refresh;
(b) reader: a whole process opening two seed articles, exiting right after the first
    painted comparison (``READER_EXIT_AFTER_FIRST_PAINT=1``), same headless driver;
    (a) and (b) alternate, N times each; medians and the ratio are printed.
(c) a synthetic 5,000-sentence pair: time to open (load, compare, first paint) and to
    scroll through it with 200 page-downs under Pilot.
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

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("A static screen.")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

READER = """
import sys
from reader.tui.run import run_tui
run_tui(sys.argv[1:], headless=True)
"""


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def startup(runs: int) -> None:
    from reader.resources import seeds_dir

    seeds = sorted(str(p) for p in seeds_dir().glob("*.txt"))[:2]
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", READER_EXIT_AFTER_FIRST_PAINT="1",
               READER_CONFIG_DIR=tempfile.mkdtemp(), PYTHONPATH=str(ROOT))
    py = sys.executable
    timed([py, "-c", BARE], env)  # warm the file cache
    timed([py, "-c", READER, *seeds], env)
    bare, reader = [], []
    for _ in range(runs):
        bare.append(timed([py, "-c", BARE], env))
        reader.append(timed([py, "-c", READER, *seeds], env))
    b, r = statistics.median(bare), statistics.median(reader)
    print(f"first paint, whole process, median of {runs}:")
    print(f"  bare Textual app (static screen): {b * 1000:7.1f} ms")
    print(f"  reader, two seed articles:       {r * 1000:7.1f} ms")
    print(f"  ratio reader / bare:              {r / b:7.2f}x  (target <= 1.3x)")


WORDS = (
    "the minister said on tuesday that officials would meet again next week to discuss "
    "a new agreement on trade energy prices border security and funding for schools "
    "while critics warned that the plan could cost more than expected and delay reforms"
).split()


def synthetic_pair(n: int, folder: Path) -> tuple[str, str]:
    rng = random.Random(5000)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
                 for _ in range(n)]
    other = []
    for s in sentences:
        r = rng.random()
        if r < 0.5:
            other.append(s)
        elif r < 0.8:
            words = s.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            other.append(" ".join(words))
        else:
            other.append(" ".join(rng.choice(WORDS) for _ in range(15)).capitalize() + ".")
    left, right = folder / "left.txt", folder / "right.txt"
    para = lambda ss: "\n\n".join(" ".join(ss[i:i + 4]) for i in range(0, len(ss), 4))  # noqa: E731
    left.write_text("Synthetic left article\n\n" + para(sentences), encoding="utf-8")
    right.write_text("Synthetic right article\n\n" + para(other), encoding="utf-8")
    return str(left), str(right)


async def big_pair(n: int, pages: int) -> None:
    os.environ.setdefault("READER_CONFIG_DIR", tempfile.mkdtemp())
    from reader.tui.app import ReaderApp

    left, right = synthetic_pair(n, Path(tempfile.mkdtemp()))
    app = ReaderApp([left, right])
    start = time.perf_counter()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        while screen.view.comparison is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        opened = time.perf_counter() - start
        view = screen.view
        t0 = time.perf_counter()
        for _ in range(pages):
            await pilot.press("pagedown")
        await pilot.pause()
        scrolled = time.perf_counter() - t0
        t0 = time.perf_counter()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        relayout = time.perf_counter() - t0
        rows, lines = view.row_count, view.virtual_size.height
    print(f"{n:,}-sentence pair ({rows:,} rows, {lines:,} lines):")
    print(f"  open (load + compare + first paint): {opened:6.2f} s")
    print(f"  {pages} page-downs:                    {scrolled:6.2f} s ({scrolled / pages * 1000:.1f} ms each)")
    print(f"  resize + re-wrap:                     {relayout:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    startup(args.runs)
    asyncio.run(big_pair(args.sentences, args.pages))


if __name__ == "__main__":
    main()
