"""Quotes, conflicting details and who copied whom in the TUI (issue 10): the pair view marks a
quote worded differently and colours conflicting details; the story overview has a Quotes and a
Conflicts tab and says who copied whom under the pairs table (tests/data/copychain, invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, OptionList, Static  # noqa: E402

from pilot import on_screen, open_story  # noqa: E402

from reader.corpus.discover import collect_paths  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.screens.story import QuoteScreen, StoryScreen  # noqa: E402
from reader.tui.widgets.status import StatusBar  # noqa: E402

CHAIN = Path(__file__).resolve().parent / "data" / "copychain"


def files() -> list[str]:
    paths, problems = collect_paths([str(CHAIN)])
    assert not problems
    return [str(p) for p in paths]


def status(app) -> str:
    return app.screen.query_one(StatusBar).text


def sources(screen: MainScreen) -> tuple[str, str]:
    c = screen.view.comparison
    return c.left.source, c.right.source


def cells(screen: StoryScreen, table: str) -> list[list[str]]:
    t = screen.query_one(f"#{table}-table", DataTable)
    return [[str(c) for c in t.get_row_at(i)] for i in range(t.row_count)]


async def test_the_pair_view_marks_quotes_and_colours_conflicting_details():
    app = ReaderApp(files())
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        for _ in range(50):  # the quotes are found off the UI thread
            await app.workers.wait_for_complete()
            await pilot.pause()
            if screen.view.quote_marks != (set(), set()):
                break
        assert sources(screen) == ("Coastline Wire", "Eastgate Gazette")
        c = screen.view.comparison
        left_renn = next(s.id for s in c.left.sentences if "Renn said" in s.text)
        right_brill = next(s.id for s in c.right.sentences if "Ada Brill" in s.text)
        assert screen.view.quote_marks == ({left_renn}, {right_brill}), "the quote given to another speaker"
        # The row of "12 people" / "Eleven people": the status names the conflict, the words are coloured.
        while "12 people" not in (screen.view.current.left.text if screen.view.current else ""):
            await pilot.press("j")
        assert "conflict number: 12 people ≠ Eleven people" in status(app)
        row = screen.view.current
        spans = [(s, e) for s, e, name in row.emphasis("left") if name == "comparison--conflict"]
        assert [row.left.text[s:e] for s, e in spans] == ["12 people"]
        spans = [(s, e) for s, e, name in row.emphasis("right") if name == "comparison--conflict"]
        assert [row.right.text[s:e] for s, e in spans] == ["Eleven people"]
        while "Renn said" not in (screen.view.current.left.text if screen.view.current else ""):
            await pilot.press("j")
        assert "❝ quote said by Renn here, Ada Brill there" in status(app)


async def test_the_overview_says_who_copied_whom_and_lists_quotes_and_conflicts():
    app = ReaderApp(files())
    async with app.run_test(size=(160, 45)) as pilot:
        await on_screen(app, pilot, grouped=True)
        story = await open_story(app, pilot)
        pairs = cells(story, "pairs")
        copy_col = [r[-1] for r in pairs]
        assert copy_col.count("→ 75%") == 1 and copy_col.count("") == 2, "one pair has a direction"
        row = next(i for i, r in enumerate(pairs) if r[-1])
        story.query_one("#pairs-table", DataTable).move_cursor(row=row)
        await pilot.pause()
        said = str(story.query_one("#pairs-copying", Static).render())
        assert "DailyBuzz Now reads as a rewrite of Coastline Wire: 6 of DailyBuzz Now's 8 sentences" in said
        assert "published first" in said
        other = next(i for i, r in enumerate(pairs) if not r[-1])
        story.query_one("#pairs-table", DataTable).move_cursor(row=other)
        await pilot.pause()
        assert "reads as a rewrite" not in str(story.query_one("#pairs-copying", Static).render())

        await pilot.press("4")
        await pilot.pause()
        quotes = cells(story, "quotes")
        assert [r[0] for r in quotes] == ["!", "!", ""], "two quotes flagged"
        assert quotes[0][3:] == ["•", "•", "≠"], "the copy words the director's quote differently"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        options = app.screen.query_one("#quote-occurrences", OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(texts) == 3 and "drops “deeply”" in texts[2]
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("5")
        await pilot.pause()
        conflicts = cells(story, "conflicts")
        assert sorted((r[0], r[1], r[2]) for r in conflicts) == sorted([
            ("number", "Coastline Wire: 12 people", "Eastgate Gazette: Eleven people"),
            ("date", "Coastline Wire: Friday", "DailyBuzz Now: Saturday"),
            ("number", "Eastgate Gazette: Eleven people", "DailyBuzz Now: 12 people"),
        ])
        date_row = next(i for i, r in enumerate(conflicts) if r[0] == "date")
        story.query_one("#conflicts-table", DataTable).move_cursor(row=date_row)
        await pilot.press("enter")
        main = await on_screen(app, pilot)
        assert sources(main) == ("Coastline Wire", "DailyBuzz Now")
        assert "apologized Friday" in main.view.current.left.text
        assert "conflict date: Friday ≠ Saturday" in status(app)


async def test_the_new_tabs_fit_at_80_columns():
    app = ReaderApp(files())
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(app, pilot, grouped=True)
        story = await open_story(app, pilot)
        for key, table in (("4", "quotes"), ("5", "conflicts")):
            await pilot.press(key)
            await pilot.pause()
            t = story.query_one(f"#{table}-table", DataTable)
            assert t.row_count == 3
            assert sum(c.width for c in t.columns.values()) + 2 * len(t.columns) <= 80, table
            await pilot.press("j")  # j and k move in the overview's tables as in the pair view
            assert t.cursor_row == 1
            await pilot.press("k")
            assert t.cursor_row == 0
        rows = cells(story, "conflicts")
        assert ("date", "A: Friday", "C: Saturday") in {(r[0], r[1], r[2]) for r in rows}, \
            "at 80 columns the outlets are letters, so the details fit"
