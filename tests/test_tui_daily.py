"""Daily use (issue 11): what a new user stumbled on in the pair view, each as it behaves now —
flags and notes on one-sided rows, plain words on the status line, the help, the footer and the
note editor at 80x24, the unique-only filter, citing a sentence, and coming back to where one was."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Button, Static  # noqa: E402

from pilot import on_screen  # noqa: E402

from reader.corpus.discover import collect_paths  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.help import HelpScreen  # noqa: E402
from reader.tui.screens.note_editor import NoteEditor  # noqa: E402
from reader.tui.widgets.keybar import KeyBar  # noqa: E402
from reader.tui.widgets.status import StatusBar  # noqa: E402

HERE = Path(__file__).resolve().parent
CHAIN = HERE / "data" / "copychain"
STORIES = HERE / "stories"


def files(folder: Path) -> list[str]:
    return [str(p) for p in collect_paths([str(folder)])[0]]


def status(app) -> str:
    return app.screen.query_one(StatusBar).text


async def to_row(app, pilot, screen, test) -> None:
    for _ in range(60):
        if screen.view.current is not None and test(screen.view.current):
            return
        await pilot.press("j")
    raise AssertionError("no such row")


async def test_a_flag_on_a_one_sided_row_goes_to_the_sentence_that_is_there():
    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        await to_row(app, pilot, screen, lambda v: v.row.right and not v.row.left)
        assert screen.view.focus_side == "left", "the empty column is focused"
        sid = screen.view.current.row.right[0]
        await pilot.press("space")
        await pilot.pause()
        right = screen.view.comparison.right
        assert app.notes.marks_for(right).get(sid), "flagged the right sentence, the only one on the row"


async def test_the_status_line_says_what_the_numbers_are_and_the_row_comes_first():
    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        await to_row(app, pilot, screen, lambda v: v.match is not None and not v.match.conflicts)
        line = status(app)
        assert ", confidence " in line
        assert line.index("confidence") < line.index("similarity"), "the row before the pair's counts"
        await to_row(app, pilot, screen, lambda v: bool(v.row.right) and not v.row.left)
        assert "only the right article has this" in status(app)


async def test_help_shows_the_marks_first_and_explains_the_numbers():
    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(160, 45)) as pilot:
        await on_screen(app, pilot, grouped=True)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert text.index("Marks") < text.index("Keys")
        assert "how sure reader is that the two sentences report the same thing" in text


async def test_at_80x24_the_footer_keeps_help_and_the_note_editor_its_buttons():
    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        bar = screen.query_one(KeyBar)
        assert "Help" in str(bar.render()) and "Quit" in str(bar.render())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        for button in app.screen.query(Button):
            region = button.region
            assert region.height > 0 and region.bottom <= 24, f"{button.id} on screen"
        hint = app.screen.query_one("#note-hint")
        assert hint.region.height > 0 and "ctrl+s save" in str(hint.render())


async def test_f_shows_only_the_sentences_one_side_alone_has():
    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        total = screen.view.row_count
        await pilot.press("f")
        await pilot.pause()
        rows = screen.view.visible_rows
        assert 0 < len(rows) < total and all(v.unique("left") or v.unique("right") for v in rows)
        assert "only unique (f: all)" in status(app) and f"row 1/{len(rows)}" in status(app), "said, at once"
        await pilot.press("f")
        await pilot.pause()
        assert screen.view.row_count == total


async def test_y_copies_the_sentence_as_a_citation():
    app = ReaderApp(files(CHAIN))
    copied = []
    app.copy_to_clipboard = copied.append  # the terminal's clipboard (OSC 52) is not there in a test
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        await to_row(app, pilot, screen, lambda v: v.left.text.startswith("The head of"))
        await pilot.press("y")
        await pilot.pause()
    assert copied == ["“The head of the Tamsin Harbor Authority apologized Friday for weeks of ferry delays that "
                      "stranded thousands of commuters.” — Coastline Wire, “Harbor authority chief apologizes for "
                      "ferry delays”, 2024-05-10."]


async def test_reopening_the_same_files_comes_back_to_the_pair_and_sentence():
    paths = files(STORIES)
    app = ReaderApp(paths)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        first = (screen.view.comparison.left.path, screen.view.comparison.right.path)
        await pilot.press("J", "J", "J", "J", "R")  # another story's article on the right
        screen = await on_screen(app, pilot, grouped=True)
        await pilot.press("j", "j", "backslash")
        chosen = (screen.view.comparison.left.path, screen.view.comparison.right.path)
        row = screen.view.current.row
        assert chosen != first
        await pilot.press("q")
    app = ReaderApp(paths)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        await pilot.pause()
        assert (screen.view.comparison.left.path, screen.view.comparison.right.path) == chosen
        assert screen.view.current.row.left == row.left, "the cursor on the same sentence"
        assert not screen.article_list.display, "the list hidden, as left"


async def test_find_goes_through_the_hits_and_lists_those_in_other_articles():
    from reader.tui.screens.hits import HitsScreen
    from reader.tui.widgets.find import FindBar

    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        pair = (screen.view.comparison.left.source, screen.view.comparison.right.source)
        assert pair == ("Coastline Wire", "Eastgate Gazette")
        await pilot.press("slash")
        await pilot.pause()
        bar = screen.query_one(FindBar)
        assert bar.display and bar.has_focus
        await pilot.press(*"gangway", "enter")
        await pilot.pause()
        first = screen.view.current
        assert "gangway" in (first.left.text + first.right.text)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.current is not first or screen.view.focus_side == "right", "the next hit"
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display and screen.view.has_focus
        await pilot.press("f3")  # the same find again, bar closed
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, HitsScreen)
        assert [a.source for a, _ in app.screen.hits] == ["DailyBuzz Now", "DailyBuzz Now"]
        await pilot.press("enter")
        screen = await on_screen(app, pilot)
        c = screen.view.comparison
        assert (c.left.source, c.right.source) == ("Coastline Wire", "DailyBuzz Now")
        assert "gangway" in screen.view.current.right.text and screen.view.focus_side == "right"


async def test_the_header_names_the_web_address_and_opens_it(tmp_path):
    import json

    for k, host in enumerate(("news.example", "paper.example")):
        (tmp_path / f"{k}.json").write_text(json.dumps({
            "title": "Harbor authority chief apologizes", "source": f"Outlet {k}",
            "url": f"https://{host}/story/1", "text": "The head of the harbor authority apologized on Friday."
        }), encoding="utf-8")
    app = ReaderApp([str(tmp_path / "0.json"), str(tmp_path / "1.json")])
    opened = []
    app.open_url = lambda url, **kw: opened.append(url)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot)
        headers = screen.query_one("#headers")
        assert "↗ news.example" in headers.text("left") and "↗ paper.example" in headers.text("right")
        await pilot.press("O")
        await pilot.click("#headers", offset=(120, 1))
    assert opened == ["https://news.example/story/1", "https://paper.example/story/1"]


async def test_correcting_the_machine_link_unlink_and_not_the_same():
    from reader.notes.store import NoteStore

    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        view = screen.view
        c = view.comparison
        renn = next(s.id for s in c.left.sentences if s.text.startswith("Union leader"))
        commuters = next(s.id for s in c.right.sentences if s.text.startswith("Commuters"))
        assert not any(renn in m.left and commuters in m.right for m in c.matches)
        view.find_sentence("left", renn)
        await pilot.press("c")
        view.find_sentence("right", commuters)
        await pilot.press("c")
        screen = await on_screen(app, pilot)
        c = screen.view.comparison
        [mine] = [m for m in c.matches if renn in m.left and commuters in m.right]
        assert mine.by_user, "the user's link, on screen at once"
        assert screen.view.current is not None and commuters in screen.view.current.row.right, "the cursor stays"
        assert "your link" in status(app)
        await pilot.press("x")  # on the user's own link: takes it back
        screen = await on_screen(app, pilot)
        assert not any(renn in m.left and commuters in m.right for m in screen.view.comparison.matches)
        # "not the same" on an engine link: gone, and it stays gone
        view = screen.view
        engine = next(m for m in view.comparison.matches if m.aligned and m.kind == "paraphrase")
        view.find_sentence("left", engine.left[0])
        await pilot.press("X")
        screen = await on_screen(app, pilot)
        assert not any(m.left == engine.left and m.right == engine.right for m in screen.view.comparison.matches)
        await pilot.press("ctrl+z")  # the sentences left the row: ctrl+z takes the correction back
        screen = await on_screen(app, pilot)
        assert any(m.left == engine.left and m.right == engine.right for m in screen.view.comparison.matches)
        screen.view.find_sentence("left", engine.left[0])
        await pilot.press("X")
        screen = await on_screen(app, pilot)
    store = NoteStore.open()
    left, right = c.left, c.right
    assert [k.action for k in store.corrections_for(left, right)] == ["not_same"], "kept with the notes"
    store.close()
    app = ReaderApp(files(CHAIN))
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_screen(app, pilot, grouped=True)
        assert not any(m.left == engine.left and m.right == engine.right for m in screen.view.comparison.matches), \
            "a new session shows the pair corrected"
