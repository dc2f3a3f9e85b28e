"""The reader TUI, driven with Pilot on the seed articles at a fixed size."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("textual")

from pilot import command, on_screen  # noqa: E402

from reader.resources import seeds_dir  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.help import HelpScreen  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.widgets.article_list import ArticleList  # noqa: E402
from reader.tui.widgets.comparison import ComparisonView  # noqa: E402
from reader.tui.widgets.headers import HeaderBar  # noqa: E402

SIZE = (160, 45)
SEEDS = sorted(str(p) for p in seeds_dir().glob("*.txt"))


def make_app(paths: list[str] | None = None) -> ReaderApp:
    return ReaderApp(paths or SEEDS)


async def ready(app: ReaderApp, pilot) -> MainScreen:
    """Wait until the articles are loaded and the requested comparison is on screen."""
    assert isinstance(app.screen, MainScreen)
    return await on_screen(app, pilot, tries=200)


def shown(screen: MainScreen) -> tuple[str, str]:
    c = screen.view.comparison
    assert c is not None
    return c.left.path, c.right.path


def view_text(view: ComparisonView) -> str:
    """The comparison as rendered (every content line, not just the visible ones)."""
    width = view.scrollable_content_region.width
    return "\n".join(view.line_text(y) for y in range(view.virtual_size.height))


# ----------------------------------------------------------------- opening
async def test_opens_first_two_articles():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        assert shown(screen) == (SEEDS[0], SEEDS[1])
        assert len(app.articles) == len(SEEDS)
        assert screen.view.has_focus
        assert screen.view.row_count == len(screen.view.comparison.rows)
        status = str(screen.query_one("#status").render())
        assert "similarity" in status and "aligned" in status


async def test_bad_file_is_skipped_with_one_notification(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    app = make_app([SEEDS[0], str(bad), SEEDS[1]])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        assert [a.path for a in app.articles] == [SEEDS[0], SEEDS[1]]
        assert len(app._notifications) == 1
        assert shown(screen) == (SEEDS[0], SEEDS[1])


# ------------------------------------------------------------ sentence cursor
async def test_cursor_keys():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        assert view.cursor == 0
        await pilot.press("j", "down")
        assert view.cursor == 2
        await pilot.press("k")
        assert view.cursor == 1
        await pilot.press("up")
        assert view.cursor == 0
        await pilot.press("G")
        assert view.cursor == view.row_count - 1
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("end")
        assert view.cursor == view.row_count - 1
        await pilot.press("home")
        assert view.cursor == 0
        await pilot.press("pagedown")
        after_page = view.cursor
        assert after_page > 1
        top, bottom = view.row_span(after_page)
        height = view.scrollable_content_region.height
        # A page on: the cursor's row starts about a screen further down, and is on screen.
        assert top >= height // 2, "moved about a page, not a line"
        assert view.scroll_offset.y <= top and bottom <= view.scroll_offset.y + height
        await pilot.press("pageup")
        assert view.cursor < after_page


async def test_cursor_scrolls_into_view():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("G")
        await pilot.pause()
        top, bottom = view.row_span(view.cursor)
        assert view.scroll_offset.y <= top
        assert bottom <= view.scroll_offset.y + view.scrollable_content_region.height


async def test_next_previous_match_and_unique():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        rows = view.visible_rows
        matches = [i for i, r in enumerate(rows) if r.match is not None]
        uniques = [i for i, r in enumerate(rows) if r.match is None and not r.boilerplate]
        await pilot.press("n")
        assert view.cursor == next(i for i in matches if i > 0)
        first = view.cursor
        await pilot.press("n")
        assert view.cursor == next(i for i in matches if i > first)
        await pilot.press("N")
        assert view.cursor == first
        await pilot.press("g", "u")
        assert view.cursor == next(i for i in uniques if i > 0)
        u1 = view.cursor
        await pilot.press("u", "U")
        assert view.cursor == u1
        assert view.current.match is None
        # the column in focus is the one holding the unique sentence (space and a apply to it)
        for _ in range(6):
            await pilot.press("u")
            assert view.current.unique(view.focus_side)


async def test_focus_columns():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        assert view.focus_side == "left"
        await pilot.press("l")
        assert view.focus_side == "right"
        assert screen.query_one(HeaderBar).focused_side == "right"
        await pilot.press("h")
        assert view.focus_side == "left"
        await pilot.press("right")
        assert view.focus_side == "right"
        await pilot.press("left")
        assert view.focus_side == "left"


async def test_jump_to_moved_counterpart_and_back(tmp_path):
    """Two reports of a strike, the pay sentence told last by the right one: a moved match
    (made here, not hoped for among the seeds)."""
    left = ["Harbour strike ends", "The port of Lindell reopened on Monday after a nine-day strike.",
            "Dockworkers accepted a pay rise of six percent over two years.",
            "Ships queued outside the harbour for most of the week.",
            "The mayor thanked both sides for returning to talks.",
            "Union leader Ada Brill said members voted by a wide margin."]
    right = [left[0], left[1], left[3], left[4], left[5],
             "Fishermen said the catch had rotted on the quay during the dispute.", left[2]]
    for name, lines in (("a.txt", left), ("b.txt", right)):
        (tmp_path / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    app = ReaderApp([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        moved = next(i for i, r in enumerate(view.visible_rows) if r.match is not None and r.match.moved)
        view.cursor = moved
        assert view.current.left.text.startswith("Dockworkers")
        await pilot.press("m")
        assert view.cursor != moved
        # The right article has the pay sentence after the fishermen's: the cursor is on that row.
        assert view.current.right.text.startswith("Fishermen")
        await pilot.press("m")
        assert view.cursor == moved


async def test_jump_off_a_moved_match_does_nothing():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        plain = next(i for i, r in enumerate(view.visible_rows) if r.match is None)
        view.cursor = plain
        await pilot.press("m")
        assert view.cursor == plain


async def test_click_moves_cursor_and_column():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        target = 3
        top, _ = view.row_span(target)
        width = view.scrollable_content_region.width
        await pilot.click(ComparisonView, offset=(width - 10, top))
        await pilot.pause()
        assert view.cursor == target
        assert view.focus_side == "right"
        await pilot.click(ComparisonView, offset=(10, 0))
        assert view.cursor == 0
        assert view.focus_side == "left"


# -------------------------------------------------------------- articles
async def test_choose_left_and_right_from_list():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("J", "J")
        assert screen.article_list.highlighted_article == 2
        await pilot.press("R")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[0], SEEDS[2])
        await pilot.press("J", "L")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[3], SEEDS[2])
        await pilot.press("K")
        assert screen.article_list.highlighted_article == 2


async def test_enter_in_list_shows_on_right():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        screen.article_list.focus()
        await pilot.press("down", "down", "down", "enter")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[0], SEEDS[3])


async def test_step_articles_on_each_side_and_swap():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_square_bracket")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[1], SEEDS[1])
        await pilot.press("left_square_bracket", "left_square_bracket")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[-1], SEEDS[1])
        await pilot.press("right_curly_bracket")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[-1], SEEDS[2])
        await pilot.press("left_curly_bracket")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[-1], SEEDS[1])
        await pilot.press("s")
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[1], SEEDS[-1])


async def test_toggle_article_list():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        lst = screen.query_one(ArticleList)
        narrow = screen.view.size.width
        await pilot.press("backslash")
        await pilot.pause()
        assert not lst.display
        assert screen.view.size.width > narrow
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert lst.display


# ------------------------------------------------------------ flags, boilerplate
def flagged(app: ReaderApp) -> set[tuple[str, int]]:
    """(article path, sentence id) of every flagged sentence in the notes store."""
    return {(n.article_path, n.sentence_id) for n in app.notes.store.all_notes() if n.flagged}


async def test_flag_shows_and_survives_switching_articles():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("space")
        assert (SEEDS[0], 0) in flagged(app)
        assert view.line_text(0).startswith("⚑")
        await pilot.press("right_curly_bracket")
        await ready(app, pilot)
        assert (SEEDS[0], 0) in flagged(app)
        await pilot.press("left_curly_bracket")
        await ready(app, pilot)
        assert view.line_text(0).startswith("⚑")
        await pilot.press("space")
        assert not flagged(app)
        assert not view.line_text(0).startswith("⚑")


async def test_flag_applies_to_focused_column():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        row = next(i for i, r in enumerate(view.visible_rows) if r.row.right)
        view.cursor = row
        await pilot.press("l", "space")
        assert flagged(app) == {(SEEDS[1], view.current.row.right[0])}


async def test_boilerplate_collapses(tmp_path):
    body = "A council spokesperson said the new bridge will open in May after two years of work."
    chrome = "Subscribe to our newsletter for more stories like this."
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"Bridge opens in May\n\n{body}\n\n{chrome}\n", encoding="utf-8")
    b.write_text(f"New bridge to open\n\n{body}\n\n{chrome}\n", encoding="utf-8")
    app = make_app([str(a), str(b)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        # Mark the chrome sentence as boilerplate on both sides (the detector's job; set here).
        for art in (view.comparison.left, view.comparison.right):
            art.sentences[-1].boilerplate = True
        view.set_comparison(view.comparison, view.marks)
        before = view.row_count
        assert any(r.boilerplate for r in view.visible_rows)
        await pilot.press("b")
        assert view.collapse_boilerplate
        assert view.row_count < before
        assert not any(r.boilerplate for r in view.visible_rows)
        await pilot.press("b")
        assert view.row_count == before


# ------------------------------------------------------------ help, palette, quit
async def test_help_lists_every_binding_and_closes():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for b in MainScreen.BINDINGS:
            assert b.description in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_remapped_key_works_and_shows_in_help():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        app.set_keymap({"reader.next_match": "x"})
        await pilot.press("x")
        assert screen.view.current.match is not None
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        assert any(line.startswith("x ") and "Next match" in line for line in text.splitlines())


def test_every_binding_has_an_id():
    from reader.tui.screens.note_editor import NoteEditor
    from reader.tui.screens.notes import ConfirmScreen, NotesScreen

    for b in [*MainScreen.BINDINGS, *ReaderApp.BINDINGS, *HelpScreen.BINDINGS, *NoteEditor.BINDINGS,
              *NotesScreen.BINDINGS, *ConfirmScreen.BINDINGS]:
        assert b.id and b.id.startswith("reader."), b


async def test_command_palette_runs_actions():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await command(pilot, "next match")
        assert isinstance(app.screen, MainScreen)
        assert screen.view.current.match is not None


async def test_quit_keys():
    for key in ("q", "ctrl+q"):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            await pilot.press(key)
            await pilot.pause()
            assert app._exit


async def test_theme_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    saved = json.loads((tmp_path / "tui.json").read_text(encoding="utf-8"))
    assert saved["theme"] == "nord"
    app = make_app()
    assert app.theme == "nord"


async def test_keys_are_remapped_from_the_config_file(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    (tmp_path / "tui.json").write_text(json.dumps({"keys": {"reader.cursor_down": "x"}}), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert screen.view.cursor == 1
        await pilot.press("j")  # the old key no longer moves the cursor
        await pilot.pause()
        assert screen.view.cursor == 1


@pytest.mark.parametrize("theme", ["textual-light", "gruvbox", "solarized-light"])
async def test_renders_in_other_themes(theme):
    app = make_app()
    app.theme = theme
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        line = view.render_line(0)  # the Line API: the first line on screen, as drawn
        assert line.cell_length == view.scrollable_content_region.width


# ------------------------------------------------------------ untrusted text
INJECTION = (
    "Headline [@click=app.quit]boom[/] and [/x] \x1b]0;title\x07 end\n\n"
    "Officials said [@click=app.quit]boom[/] at noon on Monday. \x1b[2JThe [/x] vote passed [b]easily[/b].\n\n"
    "A second paragraph says [link=https://example.com]nothing[/link] in particular.\n"
)


async def test_markup_and_escapes_in_articles_are_shown_literally(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(INJECTION, encoding="utf-8")
    app = make_app([str(evil), SEEDS[0]])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        text = view_text(screen.view)
        assert "[@click=app.quit]boom[/]" in text
        assert "[/x]" in text
        assert "[b]easily[/b]" in text
        assert "\x1b" not in text and "\x07" not in text
        header = screen.query_one(HeaderBar).text("left")
        assert "[@click=app.quit]boom[/]" in header and "[/x]" in header
        option = str(screen.article_list.get_option_at_index(screen.article_list.option_of(0)).prompt)
        assert "[/x]" in option
        # Click on the literal "boom" text: nothing runs, the app keeps going.
        y = next(i for i, line in enumerate(text.splitlines()) if "boom" in line)
        x = text.splitlines()[y].index("boom")
        await pilot.click(ComparisonView, offset=(x, y))
        await pilot.click("#headers", offset=(25, 0))
        await pilot.pause()
        assert not app._exit
        assert app.is_running
        # The palette lists the title as plain text too.
        await pilot.press("ctrl+p")
        await pilot.press(*"boom")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        assert not app._exit


# ------------------------------------------------------------ start-up and speed paths
def test_forked_preload_matches_loading_in_process():
    from reader.tui.preload import prepare, start_process

    child = start_process(SEEDS[:3])
    if child is None:
        pytest.skip("no fork on this platform")
    files, problems = child.found.result(timeout=60)
    assert files == SEEDS[:3] and problems == []
    loaded = child.loaded.result(timeout=60)
    here = prepare(files)
    lib = loaded.library
    assert [a.path for a in lib.articles] == [a.path for a in here.library.articles]
    assert [len(a.sentences) for a in lib.articles] == [len(a.sentences) for a in here.library.articles]
    assert loaded.pair == here.pair == (0, 1)
    assert loaded.first is not None and here.first is not None
    assert loaded.first.rows == here.first.rows
    assert loaded.first.left is lib.articles[0], "one pickle: shared objects stay shared"
    assert [[a.path for a in s.articles] for s in loaded.stories] == [[a.path for a in s.articles] for s in here.stories]
    assert loaded.stories[0].articles[0] is lib.articles[0]
    assert lib.cached(lib.articles[0], lib.articles[1]) is loaded.first, "the first pair is in the library's cache"


def test_forked_preload_reports_problems(tmp_path):
    from reader.tui.preload import start_process

    child = start_process([str(tmp_path / "missing.txt")])
    if child is None:
        pytest.skip("no fork on this platform")
    files, problems = child.found.result(timeout=60)
    assert files == [] and len(problems) == 1
    assert child.loaded.result(timeout=60) is None, "nothing found: nothing prepared"


async def test_preloaded_comparison_is_in_the_first_frame():
    from concurrent.futures import Future

    from reader.tui.preload import prepare

    future: Future = Future()
    future.set_result(prepare(SEEDS))
    app = ReaderApp(SEEDS, preload=future)
    async with app.run_test(size=SIZE):
        screen = app.screen
        # on_mount took the finished preload: no worker, no "loading" frame.
        assert screen.view.comparison is not None
        assert shown(screen) == (SEEDS[0], SEEDS[1])
        assert screen.view.has_focus
        assert screen.article_list.grouped, "the stories came with the preload"


async def test_key_bar_shows_bindings_and_clicking_a_key_presses_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        line = str(screen.query_one("#keys").render())
        assert "Next match" in line and "Swap" in line and "palette" in line
        await pilot.click("#keys", offset=(line.index("Swap"), 0))
        await ready(app, pilot)
        assert shown(screen) == (SEEDS[1], SEEDS[0])


async def test_goto_row_and_counterpart_use_visible_positions():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        last = view.visible_rows[-1].index
        assert view.goto_row(last) and view.cursor == view.row_count - 1
        assert not view.goto_row(10**6)
        assert view.position_of(view.visible_rows[3].index) == 3


def _contrast(style) -> float:
    def lum(t):
        def ch(c):
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(t.red) + 0.7152 * ch(t.green) + 0.0722 * ch(t.blue)
    a, b = lum(style.color.triplet), lum(style.bgcolor.triplet)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


async def test_dim_text_stays_readable_in_every_theme():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        for theme in sorted(app.available_themes):
            if theme == "textual-ansi":
                continue  # terminal's own colours: no RGB to measure
            app.theme = theme
            await pilot.pause()
            view._styles.clear()
            if view._style("comparison--boilerplate").color.triplet is None:
                continue  # an ANSI-colour theme: no RGB to measure
            for names in (("comparison--boilerplate",), ("comparison--gutter", "comparison--unique"),
                          ("comparison--gutter", "comparison--paraphrase")):
                assert _contrast(view._style(*names)) >= 2.0, (theme, names)


async def test_article_list_hides_itself_on_a_narrow_terminal():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        assert not screen.article_list.display
        lw, rw = screen.view._text_widths()
        assert lw >= 30 and rw >= 30, "the columns get the room"
        await pilot.press("backslash")  # the user can still show it
        await pilot.pause()
        assert screen.article_list.display
