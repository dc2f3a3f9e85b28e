"""TUI speed: time to the first painted comparison, against a bare Textual app; big pair scroll.

Run: ``.venv/bin/python benchmarks/bench_tui.py [--runs N]``. Prints figures, asserts nothing.

(a) bare: a whole ``python -c`` process running a Textual app (headless) that paints a
    static screen and exits after its first refresh;
(b) reader: a whole process opening two seed articles, exiting right after the first
    painted comparison (``READER_EXIT_AFTER_FIRST_PAINT=1``), same headless driver;
    (a) and (b) alternate, N times each, both told the terminal is 160x45; medians of wall
    time and of CPU time (the process and its children: reader's preload process is
    included) and their ratios are printed. The preload runs on another core when there
    is one: on a single free core (``taskset -c 0``) the wall ratio approaches the CPU one.
(c) a synthetic 5,000-sentence pair: time to open (load, compare, first paint, and the
    whole in the app's worker); wall and CPU time per page-down under Pilot against a bare
    Line-API ScrollView of the same number of lines under the same Pilot harness (Pilot
    pauses after each press, so wall time is mostly Pilot's); resize re-wrap.
(d) the story overview of 20 articles (190 pairs), from the moment it is asked for until its
    tables are filled, through the app (the pairs compared by the story layer in the screen's
    worker, the progress bar following): 20 PAC articles (10 events, two outlets each; read
    from ``../shared/data/pac``) taken as one story, and 20 rewrites of one event built from
    the real-gold story's three articles (``../shared/data/real-gold``). Target: <= 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
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


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the process and everything it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def startup(runs: int) -> None:
    from reader.resources import seeds_dir

    seeds = sorted(str(p) for p in seeds_dir().glob("*.txt"))[:2]
    # Both apps see the same 160x45 "terminal" (COLUMNS/LINES): without it the headless
    # driver says 80x24 and Rich 80x25, and both apps lay out and paint twice.
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", READER_EXIT_AFTER_FIRST_PAINT="1",
               XDG_CONFIG_HOME=tempfile.mkdtemp(), PYTHONPATH=str(ROOT), COLUMNS="160", LINES="45")
    # Byte-code caching as an installed package has it (pip writes .pyc files at install).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    timed([py, "-c", BARE], env)  # warm the file cache
    timed([py, "-c", READER, *seeds], env)
    bare, reader = [], []
    for _ in range(runs):
        bare.append(timed([py, "-c", BARE], env))
        reader.append(timed([py, "-c", READER, *seeds], env))
    bw, rw = (statistics.median(w for w, _ in xs) for xs in (bare, reader))
    bc, rc = (statistics.median(c for _, c in xs) for xs in (bare, reader))
    print(f"first paint, whole process (160x45), median of {runs}, alternating:")
    print(f"  bare Textual app (static screen): {bw * 1000:7.1f} ms wall  {bc * 1000:7.1f} ms CPU")
    print(f"  reader, two seed articles:        {rw * 1000:7.1f} ms wall  {rc * 1000:7.1f} ms CPU"
          "  (CPU includes the preload process)")
    print(f"  ratio reader / bare:              {rw / bw:7.2f}x wall  {rc / bc:7.2f}x CPU  (target <= 1.3x wall)")
    per_pair = sorted(r[0] / b[0] for b, r in zip(bare, reader))
    print(f"  per-pair wall ratios: min {per_pair[0]:.2f} median {statistics.median(per_pair):.2f} max {per_pair[-1]:.2f}"
          f"  (load average now {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")


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


class _Baseline:
    """Built lazily (imports Textual): a bare Line-API ScrollView of a given height."""

    @staticmethod
    def app(lines: int):
        from rich.segment import Segment
        from textual.app import App
        from textual.binding import Binding
        from textual.geometry import Size
        from textual.scroll_view import ScrollView
        from textual.strip import Strip

        class Lines(ScrollView, can_focus=True):
            BINDINGS = [Binding("pagedown", "page_down", "Page down")]

            def on_mount(self) -> None:
                self.virtual_size = Size(self.size.width, lines)

            def render_line(self, y: int) -> Strip:
                n = y + self.scroll_offset.y
                text = f"{n:7d} the minister said on tuesday that officials would meet again next week"
                return Strip([Segment(text)]).adjust_cell_length(self.size.width)

            def action_page_down(self) -> None:
                self.scroll_page_down(animate=False)

        class Bare(App):
            def compose(self):
                yield Lines()

        return Bare()


async def page_downs(app, pages: int, size: tuple[int, int], ready) -> tuple[float, float]:
    """Wall and CPU seconds per page-down: ``pages`` presses under Pilot, after ``ready(app, pilot)``.

    Wall time under Pilot is mostly Pilot's own waiting (it pauses after every press);
    CPU time is the work done for a press: key dispatch, our action, the repaint.
    """
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        await pilot.press("pagedown")  # warm
        await pilot.pause()
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(pages):
            await pilot.press("pagedown")
        await pilot.pause()
        return (time.perf_counter() - t0) / pages, (time.process_time() - c0) / pages


async def big_pair(n: int, pages: int) -> None:
    os.environ.setdefault("READER_CONFIG_DIR", tempfile.mkdtemp())
    from concurrent.futures import Future

    from reader.story.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.preload import Loaded, warm_diffs

    left, right = synthetic_pair(n, Path(tempfile.mkdtemp()))
    size = (160, 45)

    # Open, in parts: load (read, split, boilerplate), compare, then the app's first paint
    # of a comparison that is ready (what the preload hands over).
    t0 = time.perf_counter()
    library = Library.of_files([left, right])
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    warm_diffs(library.compare(*library.articles))
    t_compare = time.perf_counter() - t0
    loaded = Loaded(library, (0, 1))
    future: Future = Future()
    future.set_result(loaded)
    app = ReaderApp([left, right], preload=future)
    painted: list[float] = []
    t0 = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        painted.append(time.perf_counter() - t0)
        view = app.screen.view
        rows, lines = view.row_count, view.virtual_size.height
        t1 = time.perf_counter()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        relayout = time.perf_counter() - t1

    # The whole thing as a user sees it: load + compare in the app's worker, then paint.
    app = ReaderApp([left, right])
    t0 = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        while app.screen.view.comparison is None:
            await app.workers.wait_for_complete()
            await pilot.pause()
        opened = time.perf_counter() - t0

    async def reader_ready(app, pilot) -> None:
        while app.screen.view.comparison is None:
            await app.workers.wait_for_complete()
            await pilot.pause()

    async def bare_ready(app, pilot) -> None:
        await pilot.pause()

    future = Future()
    future.set_result(loaded)
    reader_page = await page_downs(ReaderApp([left, right], preload=future), pages, size, reader_ready)
    bare_page = await page_downs(_Baseline.app(lines), pages, size, bare_ready)

    print(f"{n:,}-sentence pair ({rows:,} rows, {lines:,} lines at 160 columns):")
    print(f"  open, in parts:  load {t_load:5.2f} s   compare {t_compare:5.2f} s   first paint {painted[0]:5.2f} s")
    print(f"  open, whole (load + compare in the app's worker, first paint): {opened:5.2f} s")
    print(f"  page-down under Pilot, {pages} presses, per press (bare = a Line-API ScrollView of {lines:,} lines):")
    print(f"    wall: reader {reader_page[0] * 1000:6.1f} ms   bare {bare_page[0] * 1000:6.1f} ms"
          f"   ratio {reader_page[0] / bare_page[0]:.2f}x")
    print(f"    CPU:  reader {reader_page[1] * 1000:6.1f} ms   bare {bare_page[1] * 1000:6.1f} ms"
          f"   ratio {reader_page[1] / bare_page[1]:.2f}x")
    print(f"  resize 160x45 -> 120x40 (re-wrap every row): {relayout:5.2f} s")


SHARED = ROOT.parent / "shared" / "data"


def rewrites(folder: Path, n: int) -> list[str]:
    """``n`` rewrites of the real-gold story: each keeps ~80% of one outlet's sentences and
    takes three from another, in its own order."""
    from reader.corpus.load import load_article

    rng = random.Random(20)
    arts = [load_article(str(p)) for p in sorted((SHARED / "real-gold" / "articles").glob("*.txt"))]
    texts = [[s.text for s in a.sentences[1:] if not s.boilerplate] for a in arts]
    paths = []
    for k in range(n):
        base, other = texts[k % len(texts)], texts[(k + 1) % len(texts)]
        keep = [s for s in base if rng.random() < 0.8]
        for s in rng.sample(other, min(3, len(other))):
            keep.insert(rng.randrange(len(keep) + 1), s)
        path = folder / f"rewrite{k:02d}.txt"
        path.write_text(f"{arts[k % len(arts)].title} ({k})\n\n" + "\n\n".join(keep) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


async def overview_time(paths: list[str], runs: int) -> tuple[list[float], int, int, float, float]:
    """Seconds from asking for the overview of all ``paths`` as one story to its tables filled,
    in a fresh app each run (nothing cached but the pair on screen); pairs; facts; mean
    sentences an article; the longest the UI's event loop went without running meanwhile (a
    10 ms timer's worst gap)."""
    from reader.corpus.load import clear_cache
    from reader.story.grouping import Story
    from reader.tui.app import ReaderApp
    from reader.tui.screens.story import StoryScreen

    times: list[float] = []
    gaps: list[float] = [0.0]
    for _ in range(runs):
        clear_cache()
        app = ReaderApp(paths)
        async with app.run_test(size=(160, 45)) as pilot:
            while app.screen.view.comparison is None or app.screen.stories is None:
                await app.workers.wait_for_complete()
                await pilot.pause()
            story = Story(1, app.articles[0].title, list(app.articles))
            screen = StoryScreen(story)
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                gaps.append(now - last[0])
                last[0] = now

            timer = app.set_interval(0.01, tick)
            t0 = time.perf_counter()
            await app.push_screen(screen)
            while screen.overview is None:
                await asyncio.sleep(0.005)
            times.append(time.perf_counter() - t0)
            timer.stop()
            pairs, facts = len(screen.overview.pairs), len(screen.overview.facts)
            sentences = sum(len(a.sentences) for a in story.articles) / len(story.articles)
    return times, pairs, facts, sentences, max(gaps)


async def story_overview(runs: int) -> None:
    if not (SHARED / "pac").is_dir():
        print("story overview: ../shared/data not found, skipped")
        return
    pac = [str(p) for p in sorted((SHARED / "pac").glob("story-1*/*.json"))][:20]
    made = rewrites(Path(tempfile.mkdtemp()), 20)
    print(f"story overview, 20 articles as one story (160x45, median of {runs}; target <= 3 s):")
    for label, paths in (("20 PAC articles (10 events x 2 outlets)", pac),
                         ("20 rewrites of the real-gold story (one event)", made)):
        times, pairs, facts, sentences, gap = await overview_time(paths, runs)
        print(f"  {label}: {pairs} pairs, {facts} facts, {sentences:.0f} sentences an article: "
              f"median {statistics.median(times):5.2f} s, max {max(times):5.2f} s; the UI's event loop "
              f"paused at most {gap * 1000:.0f} ms  (load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--overview-runs", type=int, default=3)
    parser.add_argument("--only", choices=["startup", "pair", "overview"], default=None)
    args = parser.parse_args()
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    if args.only in (None, "startup"):
        startup(args.runs)
    if args.only in (None, "pair"):
        asyncio.run(big_pair(args.sentences, args.pages))
    if args.only in (None, "overview"):
        os.environ.setdefault("READER_CONFIG_DIR", tempfile.mkdtemp())
        os.environ.setdefault("READER_DATA_DIR", tempfile.mkdtemp())
        asyncio.run(story_overview(args.overview_runs))


if __name__ == "__main__":
    main()
