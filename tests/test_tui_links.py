"""Many-to-many links in the TUI: the count badge, the partial mark, unique = no link at all,
and r cycling through a sentence's other links. Built on the hand-made comparison in
linked.py (the engine decides which links exist; this is only how they are shown)."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

pytest.importorskip("textual")

from linked import linked_comparison  # noqa: E402
from pilot import command, on_screen  # noqa: E402

from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.preload import Loaded  # noqa: E402
from reader.tui.screens.help import HelpScreen  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402

SIZE = (160, 45)
SMALL = (80, 24)


def linked_app(comparison=None) -> ReaderApp:
    c = comparison or linked_comparison()
    future: Future[Loaded] = Future()
    future.set_result(Loaded.showing(c))
    return ReaderApp([c.left.path, c.right.path], preload=future)


async def ready(app: ReaderApp, pilot) -> MainScreen:
    return await on_screen(app, pilot, tries=100)


def first_lines(screen: MainScreen) -> list[str]:
    """The first rendered line of each visible row."""
    view = screen.view
    width = view.scrollable_content_region.width
    return [view.line_text(view.row_span(p)[0]) for p in range(view.row_count)]


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#status").render())


def gutters(line: str, screen: MainScreen) -> tuple[str, str]:
    """The left and right gutters (flag, note, kind, moved, badge, space) of a row's first line."""
    from reader.tui.widgets.comparison import GUTTER, SEPARATOR

    lw, _ = screen.view._text_widths()
    return line[:GUTTER], line[GUTTER + lw + SEPARATOR:][:GUTTER]


# -------------------------------------------------------------------- marks
@pytest.mark.parametrize("size", [SIZE, SMALL])
async def test_badge_partial_mark_and_unique_marks(size):
    app = linked_app()
    async with app.run_test(size=size) as pilot:
        screen = await ready(app, pilot)
        g = [gutters(line, screen) for line in first_lines(screen)]
        assert g[0] == ("  ~ ¹ ", "  ~ ¹ "), "title: one further link on each side"
        assert g[1] == ("  ~   ", "  ~ ¹ ")
        assert g[2] == ("  ◐ ² ", "  ◐   "), "partial match; left #2 has two links on other rows"
        assert g[3][0] == "  +   ", "no link at all: unique"
        assert g[4][0] == "  ~ ¹ ", "alone on its row but linked elsewhere: its link's kind, not +"
        assert g[5][1] == "  ◐ ¹ "
        assert g[6][1] == "  +   "
        assert g[7] == ("  ~   ", "  ~ ¹ ")
        row = screen.view.visible_rows[5]
        assert screen.view._side_base(row, "right", False) == ("comparison--partial",)
        assert screen.view._side_base(screen.view.visible_rows[6], "right", False) == ("comparison--unique",)


async def test_partial_and_badge_have_their_own_theme_colours():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        partial = view._style("comparison--partial").bgcolor
        others = {view._style(f"comparison--{k}").bgcolor for k in ("verbatim", "near", "paraphrase", "unique")}
        assert partial is not None and partial not in others
        assert view._style("comparison--badge").bold


async def test_unique_navigation_skips_sentences_linked_elsewhere():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("u")
        assert view.cursor == 3
        await pilot.press("u")
        assert view.cursor == 6, "rows 4 (left #4) and 5 (right #3) have further links: not unique"
        await pilot.press("u")
        assert view.cursor == 6
        await pilot.press("U")
        assert view.cursor == 3


# ----------------------------------------------------------------------- r
async def test_r_cycles_through_other_links_and_back():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        assert "paraphrase, confidence 0.83  1 more link (r: jump)" in status(screen)
        assert "links 8 (4 aligned)  unique 1 | 1" in status(screen)
        await pilot.press("j", "j")
        assert view.cursor == 2 and view.focus_side == "left"
        assert "partial, confidence 0.74  2 more links (r: jump)" in status(screen)
        await pilot.press("r")
        assert view.cursor == 0 and view.focus_side == "right", "link 1 (top to bottom): right #0"
        assert "left #2, link 1 of 2: partial, confidence 0.52, right #0" in status(screen)
        await pilot.press("r")
        assert view.cursor == 5 and view.focus_side == "right"
        assert "left #2, link 2 of 2: partial, confidence 0.66, right #3" in status(screen)
        await pilot.press("r")
        assert view.cursor == 2 and view.focus_side == "left", "after the last link: back to the sentence"
        assert "left #2 again, 2 links elsewhere" in status(screen)
        await pilot.press("r")
        assert view.cursor == 0
        assert "link 1 of 2" in status(screen)
        await pilot.press("j")  # moving on ends the cycle: the status is the row's own again
        assert "link 1 of 2" not in status(screen)
        assert "paraphrase, confidence 0.91" in status(screen)
        await pilot.press("k")  # back on right #0: r now starts from right #0, not left #2
        assert view.cursor == 0 and view.focus_side == "right"
        assert "link 1 of 2" not in status(screen)
        await pilot.press("r")
        assert view.cursor == 2
        assert "right #0, link 1 of 1: partial, confidence 0.52, left #2" in status(screen)


async def test_r_uses_the_focused_column_or_the_only_sentence_on_the_row():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("l")  # right #0: its other link is left #2
        await pilot.press("r")
        assert view.cursor == 2 and view.focus_side == "left"
        assert "right #0, link 1 of 1: partial, confidence 0.52, left #2" in status(screen)
        view.cursor = 5  # right #3 alone on its row, focus on the empty left column
        view.focus_side = "left"
        await pilot.pause()
        assert "partial, confidence 0.66, on another row  (r: jump)" in status(screen)
        await pilot.press("r")
        assert view.cursor == 2 and view.focus_side == "left"
        assert "right #3, link 1 of 1" in status(screen)


async def test_r_says_when_there_are_no_other_links():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("j")  # left #1: its match is on its row, nothing else
        await pilot.press("r")
        assert view.cursor == 1
        messages = [n.message for n in app._notifications]
        assert any("Left #1 has no other links" in m and "The right one has 1 other link: l, then r." in m
                   for m in messages)
        await pilot.press("j", "j")  # left #3: unique
        await pilot.press("r")
        assert view.cursor == 3
        assert any(n.message == "Left #3 has no links." for n in app._notifications)


async def test_r_shows_a_linked_sentence_hidden_as_boilerplate():
    c = linked_comparison()
    c.right.sentences[3].boilerplate = True
    app = linked_app(c)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("b")
        assert view.collapse_boilerplate and view.row_count == 7
        view.cursor = 2
        await pilot.press("r", "r")
        assert not view.collapse_boilerplate
        assert view.current.row.right == [3]


async def test_r_at_80_columns_says_which_link_first():
    app = linked_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("G", "l", "r")
        assert screen.view.current.row.left == [4]
        await pilot.pause()
        painted = screen.query_one("#status").render_line(0).text  # what fits on the screen
        assert "right #5, link 1 of 1: paraphrase, confidence 0.58, left #4" in painted


async def test_m_still_jumps_on_moved_matches():
    c = linked_comparison()
    c.matches[7].moved = True  # pretend left #5 / right #5 crossed others
    app = linked_app(c)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        view = screen.view
        await pilot.press("G")
        await pilot.press("m")
        assert view.current.row.right == [4], "next to right #4, where the right article tells it"
        await pilot.press("m")
        assert view.cursor == 7


# ------------------------------------------------------------ help, palette
async def test_help_palette_and_footer_explain_links():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        keys = str(screen.query_one("#keys").render())
        assert "r Other links" in keys
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert any(line.startswith("r ") and "Other links" in line for line in text.splitlines())
        assert "◐  partial" in text and "²  links to sentences on other rows" in text
        assert "no link at all" in text and "r goes to the row of its next link" in text
        await pilot.press("escape")
        await pilot.pause()
        await command(pilot, "other links")
        assert isinstance(app.screen, MainScreen)
        assert "left #0, link 1 of 1: paraphrase, confidence 0.55, right #1" in status(screen)


async def test_r_can_be_remapped_by_id():
    app = linked_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        app.set_keymap({"reader.next_link": "x"})
        await pilot.press("x")
        assert screen.view.cursor == 1


async def test_e_links_two_articles_of_different_events_anyway(tmp_path):
    from reader.tui.app import ReaderApp

    a, b = tmp_path / "port.txt", tmp_path / "vote.txt"
    a.write_text("Dockworkers end nine-day strike at the Port of Lindell\n\n"
                 "Dockworkers at the Port of Lindell voted on Monday to end a nine-day strike.\n\n"
                 "The agreement raises wages by 12 percent over four years.\n", encoding="utf-8")
    b.write_text("City council approves budget for new school buildings\n\n"
                 "The city council voted on Monday to approve a budget for three new school buildings.\n\n"
                 "The plan raises property taxes by 2 percent over four years.\n", encoding="utf-8")
    app = ReaderApp([str(a), str(b)])
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen

        async def shown():
            for _ in range(100):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if screen.settled:
                    return screen.view.comparison
            raise AssertionError("no comparison")

        c = await shown()
        assert not c.stats.one_event and not c.matches
        assert "different events" in str(screen.query_one("StatusBar").render())
        await pilot.press("e")
        await pilot.pause()
        c = await shown()
        for _ in range(50):
            if c.stats.one_event:
                break
            await pilot.pause()
            c = screen.view.comparison
        assert c.stats.one_event and c.matches, "linked as one event"
        await pilot.press("e")
        for _ in range(50):
            await pilot.pause()
            if not screen.view.comparison.stats.one_event:
                break
        assert not screen.view.comparison.stats.one_event, "e again undoes it"
