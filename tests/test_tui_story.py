"""Stories in the TUI: the list grouped into stories, stepping within a story, and the story
overview (v) with its Pairs, Facts and Coverage tabs.

The articles are tests/stories/*.json: three invented events (a port strike, floods, a bribery
trial) each reported by three invented outlets, and one article unlike the others. The port
story's outlets are dated on three days, so its order (by date) is not the files' order.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, ProgressBar  # noqa: E402

from pilot import command, on_screen, open_story  # noqa: E402

from reader.corpus.discover import collect_paths  # noqa: E402
from reader.corpus.load import load_article  # noqa: E402
from reader.story.library import LAZY_THRESHOLD  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.help import HelpScreen  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.screens.story import FactScreen, StoryScreen  # noqa: E402

HERE = Path(__file__).resolve().parent
STORIES = HERE / "stories"
SIZE = (160, 45)
SMALL = (80, 24)
HOSTILE = "[@click=app.quit]boom[/] and [/x] here"
WORDS = """apple barley cobalt dolphin ember falcon granite harbor iris jasper kelp lantern meadow nectar
orchid pepper quartz raven saffron thistle umber velvet walnut yarrow zinnia acorn bramble cedar dune
fennel glacier hazel indigo juniper kestrel lichen maple nutmeg olive pebble quill rosemary sorrel
tundra urchin violet willow yew zephyr anchor beacon canyon delta estuary fjord grove heath inlet
jetty knoll lagoon""".split()


def story_files() -> list[str]:
    paths, problems = collect_paths([str(STORIES)])
    assert not problems
    return [str(p) for p in paths]


def name(path: str) -> str:
    return Path(path).stem


async def ready(app: ReaderApp, pilot) -> MainScreen:
    """The articles are grouped and the requested pair is on screen."""
    return await on_screen(app, pilot, grouped=True)


def shown(screen: MainScreen) -> tuple[str, str]:
    c = screen.view.comparison
    assert c is not None
    return name(c.left.path), name(c.right.path)


def list_rows(screen: MainScreen) -> list[str]:
    """The list as shown: '# <header title>' for a story header, the article's file name else."""
    lst = screen.article_list
    rows = []
    for o in range(lst.option_count):
        k = lst.article_at(o)
        rows.append("# " + lst.get_option_at_index(o).prompt.plain.split("\n")[0].lstrip("▌")
                    if k is None else name(screen.articles[k].path))
    return rows


def rows(screen: StoryScreen, table: str) -> list[list[str]]:
    t = screen.query_one(f"#{table}-table", DataTable)
    return [[str(c) for c in t.get_row_at(i)] for i in range(t.row_count)]


# ------------------------------------------------------------------ the grouped list
def big_pile(tmp_path: Path, line: str = "") -> list[str]:
    """The story files and more small one-article stories than are read at once (the list starts
    flat); ``line`` ends flood-0 and the fourth small story."""
    d = tmp_path / "pile"
    shutil.copytree(STORIES, d)
    if line:
        flood = json.loads((d / "flood-0.json").read_text(encoding="utf-8"))
        flood["text"] += "\n\n" + line
        (d / "flood-0.json").write_text(json.dumps(flood), encoding="utf-8")
    for i in range(LAZY_THRESHOLD):
        a, b, c = WORDS[3 * i:3 * i + 3]
        tail = f"\n\n{line}\n" if line and i == 3 else "\n"
        (d / f"z{i:02d}.txt").write_text(f"{a.capitalize()} {b} {c}\n\nThe {a} of {b} met the {c} "
                                         f"on day {i}.{tail}", encoding="utf-8")
    return [str(p) for p in collect_paths([str(d)])[0]]


async def test_the_list_shows_stories_as_groups_and_opens_the_first_story():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        assert list_rows(screen) == [
            "# Harbour strike ends after nine-day standoff", "port-1", "port-0", "port-2",
            "# Flash floods kill four in Marrow Valley", "flood-0", "flood-1", "flood-2",
            "# Former mayor Hal Brenner jailed for bribery", "trial-0", "trial-1", "trial-2",
            "# Stories of one", "chess",
        ], "stories, the biggest and earliest first; a story's articles by date (port-1 ran first)"
        header = screen.article_list.get_option_at_index(0).prompt.plain
        assert "3 articles · Valley Courier, Harbour Ledger, Daily Wire" in header, "count and outlets"
        assert screen.article_list.get_option_at_index(0).disabled, "the cursor skips headers"
        assert shown(screen) == ("port-1", "port-0"), "the first two articles of the first story"
        # J moves over the articles only, headers skipped
        assert name(screen.articles[screen.article_list.highlighted_article].path) == "port-1"
        await pilot.press("J", "J", "J")
        assert name(screen.articles[screen.article_list.highlighted_article].path) == "flood-0"


async def test_brackets_step_within_the_story_and_L_R_take_any_article():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        for keys, pair, why in ((["right_square_bracket"], ("port-0", "port-0"), ""),
                                (["right_square_bracket"] * 2, ("port-1", "port-0"), "wraps within the story"),
                                (["left_square_bracket"], ("port-2", "port-0"), ""),
                                (["right_curly_bracket"], ("port-2", "port-2"), ""),
                                (["right_curly_bracket"], ("port-2", "port-1"), "")):
            await pilot.press(*keys)
            await ready(app, pilot)
            assert shown(screen) == pair, why or keys
        # L/R put any highlighted article on a side, even from another story ...
        target = next(i for i, a in enumerate(screen.articles) if name(a.path) == "trial-1")
        screen.article_list.highlighted_article = target
        await pilot.press("R")
        await ready(app, pilot)
        assert shown(screen) == ("port-2", "trial-1")
        # ... and then } steps within that article's story
        await pilot.press("right_curly_bracket")
        await ready(app, pilot)
        assert shown(screen) == ("port-2", "trial-2")
        # a story of one: nothing to step to (the bell), the pair stays
        chess = next(i for i, a in enumerate(screen.articles) if name(a.path) == "chess")
        screen.article_list.highlighted_article = chess
        await pilot.press("L")
        await ready(app, pilot)
        await pilot.press("right_square_bracket")
        await ready(app, pilot)
        assert shown(screen) == ("chess", "trial-2")


async def test_a_big_folder_is_flat_until_read_then_grouped_without_moving(tmp_path):
    paths = big_pile(tmp_path)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(400):
            await pilot.pause()
            if screen.view.comparison is not None:
                break
        assert screen.stories is None or not app.pending
        first = shown(screen)
        assert first == ("chess", "flood-0"), "the first two files, read before the first paint"
        screen.view.cursor = 2
        lst = screen.article_list
        lst.highlighted_article = 7
        highlighted = screen.articles[7].path
        screen = await ready(app, pilot)  # every file read in the background, then grouped
        assert not app.pending and lst.grouped
        assert shown(screen) == first and screen.view.cursor == 2, "the pair and its cursor stay"
        assert screen.articles[lst.highlighted_article].path == highlighted, "the list's cursor stays"
        rows_ = list_rows(screen)
        assert rows_[:4] == ["# Harbour strike ends after nine-day standoff", "port-1", "port-0", "port-2"]
        assert rows_[rows_.index("# Stories of one") + 1:] == ["chess"] + [f"z{i:02d}" for i in range(LAZY_THRESHOLD)]


async def test_once_a_big_folder_is_read_a_line_found_in_other_stories_is_boilerplate(tmp_path):
    courier = "The Lindell Courier is owned by the Marsh family trust."
    paths = big_pile(tmp_path, courier)
    d = tmp_path / "pile"
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(400):
            await pilot.pause()
            if screen.view.comparison is not None:
                break
        alone = sum(s.boilerplate for s in load_article(str(d / "flood-0.json")).sentences)
        screen = await ready(app, pilot)
        for _ in range(400):  # grouping found new marks: the pair is compared again
            await app.workers.wait_for_complete()
            await pilot.pause()
            if screen.view.comparison.stats.right_boilerplate != alone:
                break
        after = screen.view.comparison
        assert shown(screen) == ("chess", "flood-0")
        assert after.right.sentences[-1].text == courier and after.right.sentences[-1].boilerplate
        assert after.stats.right_boilerplate == alone + 1, "the pair on screen is compared again with the new marks"


# ------------------------------------------------------------------ v: the overview
async def test_v_shows_the_pairs_and_enter_opens_one():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        story = await open_story(app, pilot)
        assert [name(a.path) for a in story.articles] == ["port-1", "port-0", "port-2"]
        assert story.query_one("#story-tabs").active == "pairs", "Pairs first"
        assert not story.query_one("#story-progress").display, "the progress bar is gone when done"
        table = rows(story, "pairs")
        ov = story.overview
        assert len(table) == 3 == len(ov.pairs)
        sims = [p.similarity for p in ov.pairs]
        assert sims == sorted(sims, reverse=True), "the pair that shares most first"
        assert [r[3].split()[0] for r in table] == [f"{s:.0%}" for s in sims]
        assert [int(r[4]) for r in table] == [p.links for p in ov.pairs]
        assert [(int(r[5]), int(r[6])) for r in table] == [(p.left_unique, p.right_unique) for p in ov.pairs]
        assert all(p.left < p.right for p in ov.pairs), "the earlier article on the left"
        # Every pair came through the library: the pair view shows the very same comparison.
        lib = app.library
        for (i, j), c in ov.comparisons.items():
            assert lib.cached(story.articles[i], story.articles[j]) is c
        await pilot.press("down", "down", "enter")
        main = await ready(app, pilot)
        last = ov.pairs[2]
        assert shown(main) == (name(story.articles[last.left].path), name(story.articles[last.right].path))
        assert main.view.comparison is ov.comparisons[last.left, last.right], "computed once"
        # v again: the overview is kept for the session (no second computation)
        again = await open_story(app, pilot)
        assert again.overview is ov
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_facts_tab_filters_by_who_reports_a_fact():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        story = await open_story(app, pilot)
        ov = story.overview
        await pilot.press("2")
        await pilot.pause()
        assert story.query_one("#story-tabs").active == "facts"
        assert story.query_one("#facts-table").has_focus
        facts = rows(story, "facts")
        assert len(facts) == len(ov.facts)
        counts = [sum(1 for c in r[2:] if c.strip()) for r in facts]
        assert counts == sorted(counts, reverse=True), "sorted by how many outlets report it"
        for r, f in zip(facts, ov.facts):
            assert r[1].rstrip("…") in f.text or f.text.startswith(r[1].rstrip("…"))
            marks = {k: r[2 + k] for k in range(3)}
            for k in range(3):
                kind = f.kinds.get(k)
                assert marks[k] == ("" if kind is None else "+" if kind == "only"
                                    else {"verbatim": "=", "near": "≈", "paraphrase": "~", "partial": "◐"}[kind])
        filter_line = lambda: str(story.query_one("#facts-filter").render())  # noqa: E731
        await pilot.press("a")
        assert [f.id for f in story.facts] == [f.id for f in ov.facts if len(f.articles) == 3]
        assert "reported by all 3 articles" in filter_line()
        await pilot.press("b")
        assert story.facts and all(len(f.articles) == 2 for f in story.facts)
        await pilot.press("o")
        assert story.facts and all(len(f.articles) == 1 for f in story.facts)
        assert "one article alone" in filter_line()
        seen = []
        for _ in range(3):  # o again: each outlet in turn
            await pilot.press("o")
            seen.append(story.only)
            assert all(f.articles == [story.only] for f in story.facts)
            assert f"reported only by {['Valley Courier', 'Harbour Ledger', 'Daily Wire'][story.only]}" in filter_line()
        assert seen == [0, 1, 2]
        await pilot.press("o")
        assert story.only is None
        await pilot.press("e")
        assert len(story.facts) == len(ov.facts)
        await pilot.press("1")
        await pilot.pause()
        assert story.query_one("#story-tabs").active == "pairs"
        await pilot.press("a")  # filters belong to the Facts tab
        assert story.which == "any"
        await pilot.press("3")
        await pilot.pause()
        coverage = rows(story, "coverage")
        assert [(int(r[-3]), int(r[-2])) for r in coverage] == [(c.facts, c.exclusive) for c in ov.coverage]
        assert [r[0] for r in coverage] == ["Valley Courier", "Harbour Ledger", "Daily Wire"]


async def test_enter_on_a_fact_shows_each_sentence_and_jumps_into_the_pair_view():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        story = await open_story(app, pilot)
        ov = story.overview
        await pilot.press("2", "a")
        fact = story.current_fact
        assert fact is not None and len(fact.articles) == 3
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FactScreen)
        options = app.screen.query_one("#fact-sentences")
        assert options.option_count == len(fact.members)
        texts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        for (k, sid), content in zip(fact.members, texts):
            assert story.articles[k].sentences[sid].text in content.plain
            assert ["Valley Courier", "Harbour Ledger", "Daily Wire"][k] in content.plain
        central = fact.members.index(fact.central)
        assert "stands for the fact" in texts[central].plain
        other = next(i for i, m in enumerate(fact.members) if m[0] != fact.central[0]
                     and story.articles[m[0]].sentences[m[1]].text != story.articles[fact.central[0]].sentences[fact.central[1]].text)
        assert any("underline" in str(span.style) for span in texts[other].spans), "the words that differ"
        # enter on one article's sentence: the pair view, cursor on it
        await pilot.press(*["down"] * other, "enter")
        main = await ready(app, pilot)
        k, sid = fact.members[other]
        c = main.view.comparison
        side = "left" if c.left is story.articles[k] else "right"
        assert (c.left if side == "left" else c.right) is story.articles[k]
        partner = c.right if side == "left" else c.left
        assert partner is story.articles[fact.central[0]], "beside the sentence that stands for the fact"
        assert main.view.focus_side == side
        row = main.view.current.row
        assert sid in (row.left if side == "left" else row.right)
        assert c is ov.comparisons[tuple(sorted((k, fact.central[0])))]


async def test_escape_closes_a_fact_and_the_overview():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await open_story(app, pilot)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FactScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for label in ("Pairs", "Facts", "Coverage", "By all", "All but one", "Only one", "Every fact"):
            assert label in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_overview_is_built_in_a_worker_with_a_progress_bar(monkeypatch):
    import threading
    import time

    from reader.story.library import Library

    gate = threading.Event()
    compare = Library.compare
    ui_thread = threading.get_ident()
    threads = set()

    def slow(self, left, right, same_event=False):
        if self.cached(left, right, same_event) is None:
            threads.add(threading.get_ident())
            gate.wait(5)
            time.sleep(0.06)
        return compare(self, left, right, same_event)

    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        monkeypatch.setattr(Library, "compare", slow)
        await pilot.press("v")
        await pilot.pause()
        story = app.screen
        assert isinstance(story, StoryScreen)
        bar = story.query_one(ProgressBar)
        assert story.query_one("#story-progress").display and story.overview is None
        assert bar.progress <= 1 and bar.total == 3, "the pair on screen was compared already"
        await pilot.press("j", "2")  # keys are handled while the worker runs
        await pilot.pause(0.1)  # the bar is updated at most every 50 ms: let the next update through
        gate.set()
        progress = []
        for _ in range(200):
            await pilot.pause(0.02)
            progress.append(bar.progress)
            if story.overview is not None:
                break
        assert story.overview is not None
        assert ui_thread not in threads, "pairs are compared off the UI thread"
        assert 2 in progress and progress == sorted(progress), "the bar follows the pairs"
        assert not story.query_one("#story-progress").display


async def test_flags_and_notes_show_on_facts_and_their_sentences():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(app, pilot)
        app.open_notes()
        story_articles = main.story_of(main.left).articles
        # flag the lede of the first article, write a note on the headline of the second
        a, b = story_articles[0], story_articles[1]
        app.notes.toggle_flags(a, [a.sentences[1]])
        app.notes.store.set_note(b, b.sentences[0], "Compare the headlines [/x]")
        app.notes.invalidate()
        story = await open_story(app, pilot)
        ov = story.overview
        await pilot.press("2")
        table = rows(story, "facts")
        for r, f in zip(table, ov.facts):
            flagged = (0, 1) in f.members
            noted = (1, 0) in f.members
            assert r[0] == ("⚑" if flagged else " ") + ("✎" if noted else " "), f.text
        flagged_row = next(i for i, f in enumerate(ov.facts) if (0, 1) in f.members)
        await pilot.press(*["down"] * flagged_row, "enter")
        await pilot.pause()
        options = app.screen.query_one("#fact-sentences")
        fact = ov.facts[flagged_row]
        k = fact.members.index((0, 1))
        assert options.get_option_at_index(k).prompt.plain.startswith("⚑")
        await pilot.press("escape")
        await pilot.pause()
        # unflagged elsewhere (another reader, or the notes screen): the marks follow
        app.notes.toggle_flags(a, [a.sentences[1]])
        app.notes_changed()
        await pilot.pause()
        assert all("⚑" not in r[0] for r in rows(story, "facts"))


async def test_v_on_a_story_of_one_and_before_grouping_says_why():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(app, pilot)
        chess = next(i for i, a in enumerate(main.articles) if name(a.path) == "chess")
        main.show_pair(chess, chess)
        await ready(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("story of one" in n.message for n in app._notifications)
        main.stories = None  # as while a big folder is still being read
        app._notifications.clear()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("once every one is read" in n.message for n in app._notifications)


async def test_untrusted_text_in_the_overview_is_shown_literally(tmp_path):
    d = tmp_path / "evil"
    d.mkdir()
    for k, src in enumerate(STORIES.glob("flood-*.json")):
        rec = json.loads(src.read_text(encoding="utf-8"))
        rec["source"] = f"{HOSTILE} {k}"
        rec["title"] = f"{rec['title']} {HOSTILE}"
        rec["text"] = rec["text"].replace("Elbrun", "Elbrun [b]x[/b] [/y]")
        (d / src.name).write_text(json.dumps(rec), encoding="utf-8")
    app = ReaderApp([str(p) for p in sorted(d.glob("*.json"))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        story = await open_story(app, pilot)
        assert HOSTILE in str(story.query_one("#story-title").render()) or "[/x]" in str(
            story.query_one("#story-title").render())
        assert any("[@click=app.quit]boom[/]" in cell for r in rows(story, "pairs") for cell in r)
        await pilot.press("3")
        assert any(HOSTILE in cell for r in rows(story, "coverage") for cell in r)
        await pilot.press("2")
        i = next(i for i, f in enumerate(story.facts) if "[/y]" in f.text or any(
            "[/y]" in story.articles[k].sentences[s].text for k, s in f.members))
        await pilot.press(*["down"] * i, "enter")
        await pilot.pause()
        options = app.screen.query_one("#fact-sentences")
        assert any("[b]x[/b] [/y]" in options.get_option_at_index(o).prompt.plain for o in range(options.option_count))
        await pilot.click("#fact-sentences", offset=(10, 1))
        await pilot.pause()
        assert app.is_running and not app._exit, "markup in the text never runs an action"


@pytest.mark.parametrize("size", [SIZE, SMALL])
async def test_the_overview_fits_the_terminal(size):
    app = ReaderApp(story_files())
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        story = await open_story(app, pilot)
        for tab, key in (("pairs", "1"), ("facts", "2"), ("coverage", "3")):
            await pilot.press(key)
            await pilot.pause()
            table = story.query_one(f"#{tab}-table", DataTable)
            assert table.virtual_size.width <= size[0], (tab, table.virtual_size.width)
            assert table.row_count > 0
        keys = str(story.query_one("#story-keys").render())
        assert "Open" in keys and "Pair view" in keys


def test_every_story_binding_has_an_id():
    for b in [*StoryScreen.BINDINGS, *FactScreen.BINDINGS]:
        assert b.id and b.id.startswith("reader."), b
    assert next(b for b in MainScreen.BINDINGS if b.id == "reader.story").description == "Story"


async def test_story_commands_in_the_palette():
    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        story = await open_story(app, pilot)
        await command(pilot, "facts tab")
        assert app.screen is story and story.query_one("#story-tabs").active == "facts"


async def test_two_articles_are_taken_as_one_story_as_reader_story_does():
    files = [p for p in story_files() if name(p) in ("port-0", "trial-0")]  # two events, even
    app = ReaderApp(files)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, MainScreen) and app.screen.view.comparison is not None:
                break
        main = app.screen
        assert main.stories is None and not main.article_list.grouped, "two articles: the pair, not grouped"
        story = await open_story(app, pilot)
        assert sorted(name(a.path) for a in story.articles) == ["port-0", "trial-0"]
        assert len(story.overview.pairs) == 1
        assert story.overview.comparisons[0, 1] is app.library.cached(*story.articles), "the pair on screen"


async def test_closing_the_overview_stops_its_worker_and_a_failure_is_a_notification(monkeypatch):
    import threading

    from reader.story.library import Library

    compare = Library.compare
    calls = []
    gate = threading.Event()

    def slow(self, left, right, same_event=False):
        if self.cached(left, right, same_event) is None:
            calls.append((left.path, right.path))
            gate.wait(5)
        return compare(self, left, right, same_event)

    app = ReaderApp(story_files())
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        monkeypatch.setattr(Library, "compare", slow)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert len(calls) == 1, "stopped after the pair being compared"

        def broken(self, left, right, same_event=False):
            raise ValueError("engine trouble [/x]")

        monkeypatch.setattr(Library, "compare", broken)
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, StoryScreen) and app.screen.overview is None
        assert any("engine trouble [/x]" in n.message for n in app._notifications)
