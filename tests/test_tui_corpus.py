"""``reader corpus DIR``: a built corpus opened in the TUI and on the command line — the story
list (DuckDB over the Parquet tables) with its filters, a story's overview and pair views restored
from the stored links with nothing aligned again, outlets × outlets, and what happens when an
article changed since the build."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytest.importorskip("distributed")
pytest.importorskip("duckdb")

from textual.widgets import DataTable, Static  # noqa: E402

from reader.archive import CorpusError  # noqa: E402
from reader.archive.build import InProcess, build  # noqa: E402
from reader.archive.stored import StoredCorpus, parse_filter  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCES = [HERE / "stories", HERE / "data" / "copychain", HERE / "fixtures" / "records.jsonl"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The test articles copied (a test may change one) and built into a corpus."""
    base = tmp_path_factory.mktemp("corpus-tui")
    sources = []
    for s in SOURCES:
        target = base / "src" / s.name
        (shutil.copytree if s.is_dir() else shutil.copy)(s, target)
        sources.append(str(target))
    out = base / "built"
    build(sources, str(out), InProcess(), quiet=True)
    return out


@pytest.fixture
def no_aligning(monkeypatch):
    """Any pair the engine is asked to align fails the test."""
    import reader.engine.compare as engine

    def refuse(*args, **kwargs):
        raise AssertionError("a pair was aligned again")

    monkeypatch.setattr(engine, "compare", refuse)


def test_a_story_restored_from_the_corpus_is_what_the_build_stored(corpus, no_aligning):
    import pyarrow.parquet as pq

    from reader.archive.rows import story_rows

    stored = {t: pq.read_table(corpus / f"{t}.parquet").to_pylist()
              for t in ("pairs", "links", "facts", "quotes", "conflicts", "derived")}
    c = StoredCorpus(corpus)
    total, stories = c.stories()
    assert total == 5 and [s.outlets for s in stories] == [5, 3, 3, 3, 1], "widest coverage first"

    def norm(rows):
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)

    for s in stories:
        opened = c.open_story(s.story_id)
        assert not opened.problems
        assert opened.restored == s.articles * (s.articles - 1) // 2
        rebuilt = story_rows(opened.story, opened.ids, opened.library)
        for table, rows in stored.items():
            assert norm(rebuilt[table]) == norm([r for r in rows if r["story_id"] == s.story_id]), (s.title, table)


def test_the_filters_narrow_the_story_list(corpus):
    c = StoredCorpus(corpus)

    def titles(text: str) -> list[str]:
        return [s.title for s in c.stories(parse_filter(text))[1]]

    assert titles("flood") == ["Flash floods kill four in Marrow Valley"]
    assert titles("FLASH Marrow") == ["Flash floods kill four in Marrow Valley"], "every word, any case"
    assert titles("outlets:4") == ["Lindell dockworkers accept deal, ending strike"]
    assert titles("articles:2 from:2024-05-01 to:2024-05-31") == [
        "Flash floods kill four in Marrow Valley", "Harbor authority chief apologizes for ferry delays"]
    assert titles('outlet:"daily buzz"') == [] and titles("outlet:dailybuzz") == [
        "Harbor authority chief apologizes for ferry delays"]
    assert titles("to:2024-04-30") == ["Lindell dockworkers accept deal, ending strike",
                                       "Chess club elects new president"]
    assert titles("100%_\\") == [], "LIKE wildcards are plain characters"
    for bad in ("from:May", "outlets:many", "outlets:-1", "outlet:", "from:2024-05-01 to:2024-04-01"):
        with pytest.raises(CorpusError):
            parse_filter(bad)


async def test_the_corpus_browser_opens_a_story_without_aligning_anything(corpus, no_aligning):
    from reader.tui.corpus import CorpusApp
    from reader.tui.screens.corpus import CorpusScreen, OutletsScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.story import StoryScreen

    app = CorpusApp(StoredCorpus(corpus))
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        table = screen.query_one("#corpus-table", DataTable)
        assert table.row_count == 5
        assert "Lindell dockworkers" in str(table.get_row_at(0)[4])
        linked, pairs = map(int, str(table.get_row_at(0)[2]).split("/"))
        assert pairs == 10 and 0 < linked <= 10, "how many of the story's pairs report one event with links"
        # The filter, as typed.
        await pilot.press("slash", *"flood")
        await pilot.pause(0.4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 1 and "Flash floods" in str(table.get_row_at(0)[4])
        assert "1 of 5 stories: “flood”" in str(screen.query_one("#corpus-info", Static).render())
        await pilot.press("escape")  # the filter box keeps the text; escape clears it
        await pilot.pause(0.4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 5
        # Open the widest story: its overview, from the stored links.
        table.focus()
        await pilot.press("enter")
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, StoryScreen) and app.screen.overview is not None:
                break
        story = app.screen
        assert isinstance(story, StoryScreen) and len(story.overview.pairs) == 10
        assert story.query_one("#pairs-table", DataTable).row_count == 10
        # Escape: the pair view of the pair that shares most; escape again: the list.
        await pilot.press("escape")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if main.view.comparison is not None:
                break
        top = story.overview.pairs[0]
        c = main.view.comparison
        assert (c.left, c.right) == (story.articles[top.left], story.articles[top.right])
        assert c.stats.links == top.links
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        # Opened again: back in the pair view where it was left (the overview is v away).
        await pilot.press("enter")
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, MainScreen) and app.screen.view.comparison is not None:
                break
        assert isinstance(app.screen, MainScreen)
        again = app.screen.view.comparison
        assert (again.left.path, again.right.path) == (c.left.path, c.right.path)
        # v from the third pair: the overview opens on that pair's row.
        third = story.overview.pairs[2]
        articles = app.screen.articles
        where = {a.path: k for k, a in enumerate(articles)}
        app.screen.show_at(where[story.articles[third.left].path], where[story.articles[third.right].path])
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("v")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, StoryScreen) and app.screen.overview is not None:
                break
        assert app.screen.query_one("#pairs-table", DataTable).cursor_row == 2
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        # Outlets x outlets.
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OutletsScreen)
        grid = app.screen.query_one("#outlets-table", DataTable)
        names = [str(grid.get_row_at(i)[0]) for i in range(grid.row_count)]
        buzz = next(i for i, n in enumerate(names) if "DailyBuzz" in n)
        wire = next(i for i, n in enumerate(names) if "Coastline Wire" in n)
        assert str(grid.get_row_at(buzz)[1 + wire]).strip() == "75% 1→", "DailyBuzz copies the wire"
        grid.move_cursor(row=buzz)
        await pilot.press("enter")  # the stories of that outlet
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        assert table.row_count == 1 and "Harbor authority" in str(table.get_row_at(0)[4])
        assert "outlet DailyBuzz Now" in str(screen.query_one("#corpus-info", Static).render())


async def test_a_story_whose_article_changed_is_compared_afresh_and_said_so(corpus, tmp_path):
    from reader.tui.corpus import CorpusApp
    from reader.tui.screens.story import StoryScreen

    c = StoredCorpus(corpus)
    _, stories = c.stories(parse_filter("flood"))
    ref = c.con.execute("select ref from articles where story_id = ? order by ref limit 1",
                        [stories[0].story_id]).fetchone()[0]
    path = Path(ref)
    before = path.read_text(encoding="utf-8")
    try:
        path.write_text(before.replace("four", "five", 1), encoding="utf-8")
        opened = c.open_story(stories[0].story_id)
        assert opened.restored == 1 and opened.changed == [ref] and not opened.problems
        changed = next(a for a in opened.story.articles if a.path == ref)
        assert any("changed since the corpus was built" in w for w in changed.warnings), "w lists it as a warning"
        app = CorpusApp(StoredCorpus(corpus))
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("slash", *"flood", "enter")
            await pilot.pause(0.4)
            await app.workers.wait_for_complete()
            await pilot.press("enter")
            for _ in range(100):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if isinstance(app.screen, StoryScreen) and app.screen.overview is not None:
                    break
            assert isinstance(app.screen, StoryScreen) and len(app.screen.overview.pairs) == 3
            said = [str(n.message) for n in app._notifications]
            assert any("changed since the corpus was built" in m for m in said), said
            await pilot.press("w")  # the problems, from the overview too
            await pilot.pause()
            assert app.screen.id == "problems"
            shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
            assert "changed since the corpus was built" in shown
        path.unlink()
        opened = c.open_story(stories[0].story_id)
        assert len(opened.story.articles) == 2 and any("left out" in p for p in opened.problems)
    finally:
        path.write_text(before, encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", "corpus", *args], capture_output=True, text=True,
                          timeout=120)


def test_the_command_line_lists_stories_and_outlets_and_refuses_what_is_not_a_corpus(corpus, tmp_path):
    out = run(str(corpus), "--list")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "15 articles, 5 stories, 19 pairs, 116 links"
    assert "5 outlets" in lines[1] and "Lindell dockworkers" in lines[1]
    out = run(str(corpus))  # not a terminal: the list
    assert out.returncode == 0 and out.stdout.splitlines()[1] == lines[1]
    out = run(str(corpus), "--outlets")
    assert out.returncode == 0
    assert ("with Coastline Wire: 1 shared story, 75% of its sentences the same as or edited from the other's; 1 of "
            "its articles reads as a copy of Coastline Wire's (75% of its sentences)") in out.stdout
    assert run(str(corpus), "--list", "--outlets").returncode == 2
    assert run(str(corpus), "--list", "--limit", "-1").returncode == 2
    manifest = json.loads((corpus / "manifest.json").read_text())
    other = tmp_path / "old"
    other.mkdir()
    (other / "manifest.json").write_text(json.dumps(manifest | {"version": 1}))
    out = run(str(other))
    assert out.returncode == 2 and "built by another version of reader" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    (other / "manifest.json").write_text(json.dumps(manifest | {"tables": {"articles": "../../etc/passwd"}}))
    out = run(str(other))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    out = run(str(tmp_path / "nowhere"))
    assert out.returncode == 2 and "not a built corpus" in out.stderr
    damaged = tmp_path / "damaged"
    shutil.copytree(corpus, damaged, ignore=shutil.ignore_patterns("_work"))
    (damaged / "links.parquet").write_bytes((corpus / "links.parquet").read_bytes()[:200])
    out = run(str(damaged), "--list")
    assert out.returncode == 2 and "links.parquet is damaged" in out.stderr and "Traceback" not in out.stderr


def test_a_corpus_built_from_relative_paths_opens_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(HERE)
    build(["stories"], str(tmp_path / "rel"), InProcess(), quiet=True)
    monkeypatch.chdir(tmp_path)
    c = StoredCorpus(tmp_path / "rel")
    _, stories = c.stories(parse_filter("flood"))
    opened = c.open_story(stories[0].story_id)
    assert len(opened.story.articles) == 3 and not opened.problems and opened.restored == 3


async def test_the_list_fetches_more_stories_as_the_cursor_reaches_its_end(corpus, monkeypatch):
    import reader.tui.screens.corpus as screens
    from reader.tui.corpus import CorpusApp

    monkeypatch.setattr(screens, "PAGE", 2)
    app = CorpusApp(StoredCorpus(corpus))
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#corpus-table", DataTable)
        info = app.screen.query_one("#corpus-info", Static)
        assert table.row_count == 2 and "2 listed (more as you scroll)" in str(info.render())
        for _ in range(6):
            await pilot.press("j")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert table.row_count == 5 and table.cursor_row == 4
        assert "listed" not in str(info.render())
        assert "Chess club" in str(table.get_row_at(4)[4]), "the story of one comes last"


async def test_outside_text_in_the_list_is_never_markup(tmp_path):
    from reader.tui.corpus import CorpusApp

    hostile = "[bold red]2024-01-01[/]"
    records = [{"title": f"[link=https://x.test]Storm[/link] hits coast {k}", "source": "[b]Wire[/b]", "date": hostile,
                "text": "A storm hit the coast on Monday. Ten homes were damaged. Crews worked overnight."}
               for k in range(2)]
    src = tmp_path / "hostile.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    build([str(src)], str(tmp_path / "built"), InProcess(), quiet=True)
    app = CorpusApp(StoredCorpus(tmp_path / "built"))
    async with app.run_test(size=(160, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#corpus-table", DataTable)
        cells = [str(c) for c in table.get_row_at(0)]
        assert any("[link=https://x.test]Storm[/link]" in c for c in cells), cells
        assert any("[b]Wire[/b]" in c for c in cells), cells
        dates = cells[3]
        assert dates.startswith("[bold red]") or dates == "", dates
