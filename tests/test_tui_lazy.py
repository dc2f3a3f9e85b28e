"""Big and hostile folders in the TUI: listed from a peek, loaded when shown, problems on w."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual")

from pilot import on_screen  # noqa: E402

from reader.corpus import load as load_mod  # noqa: E402
from reader.corpus.discover import collect_paths  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.story.library import LAZY_THRESHOLD  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.screens.problems import ProblemsScreen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 45)
WORDS = "the minister said officials would meet again next week to discuss trade energy prices".split()
MARKUP_TITLE = "[@click=app.quit]boom[/] headline"


def story(i: int) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12)]
    title = " ".join(words[:5]).capitalize() + f" {i}"
    body = " ".join(words).capitalize() + f" on day {i}. " + " ".join(reversed(words)).capitalize() + "."
    return f"{title}\n\n{body}\n\nA closing line number {i} follows here.\n"


def make_folder(d: Path, n: int) -> list[str]:
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (d / f"a{i:04d}.txt").write_text(story(i), encoding="utf-8")
    paths, problems = collect_paths([str(d)])
    assert problems == []
    return [str(p) for p in paths]


async def ready(app: ReaderApp, pilot) -> MainScreen:
    """The requested pair on screen, while the folder may still be read in the background."""
    assert isinstance(app.screen, MainScreen)
    return await on_screen(app, pilot, workers=False)


def shown(screen: MainScreen) -> tuple[str, str]:
    c = screen.view.comparison
    assert c is not None
    return c.left.path, c.right.path


def option_text(screen: MainScreen, index: int) -> str:
    return screen.article_list.get_option_at_index(screen.article_list.option_of(index)).prompt.plain


@pytest.fixture(autouse=True)
def _fresh_cache():
    load_mod.clear_cache()
    yield
    load_mod.clear_cache()


# ------------------------------------------------------------ big folder
async def test_two_thousand_files_are_listed_and_only_the_pair_is_loaded(tmp_path, monkeypatch):
    monkeypatch.setattr(MainScreen, "start_filling", lambda self: None)  # no background loading
    paths = make_folder(tmp_path / "many", 2000)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        assert screen.article_list.option_count == 2000
        assert len(app.articles) == 2000
        assert shown(screen) == (paths[0], paths[1])
        assert app.articles[0].sentences and app.articles[1].sentences
        assert app.pending == set(paths[2:]), "only the two shown are loaded"
        assert "… sentences" in option_text(screen, 1999)
        assert not app.articles[1999].sentences
        assert app.articles[1999].title.endswith(" 1999"), "titles come from the peek"
        assert len(app._notifications) == 0


async def test_choosing_a_listed_article_loads_it(tmp_path, monkeypatch):
    monkeypatch.setattr(MainScreen, "start_filling", lambda self: None)  # only the chosen load
    paths = make_folder(tmp_path / "many", 60)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        target = 50
        assert paths[target] in app.pending and not app.articles[target].sentences
        assert "… sentences" in option_text(screen, target)
        screen.article_list.highlighted_article = target
        await pilot.press("L")
        screen = await ready(app, pilot)
        assert shown(screen) == (paths[target], paths[1])
        assert app.articles[target].sentences and paths[target] not in app.pending
        assert f"{len(app.articles[target].sentences)} sentences" in option_text(screen, target)
        screen.article_list.highlighted_article = target + 3
        await pilot.press("R")
        screen = await ready(app, pilot)
        assert shown(screen) == (paths[target], paths[target + 3])
        assert option_text(screen, target).startswith("L ") and option_text(screen, target + 3).startswith(" R")


async def test_background_loader_fills_in_sentence_counts(tmp_path):
    paths = make_folder(tmp_path / "many", 40)
    app = ReaderApp(paths)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        for _ in range(500):
            if not app.pending:
                break
            await pilot.pause(0.02)
        assert not app.pending
        assert all(a.sentences for a in app.articles)
        assert all("… sentences" not in option_text(screen, i) for i in range(len(paths)))


# ------------------------------------------------------------ hostile folder
def hostile_folder(d: Path, good: int) -> None:
    d.mkdir()
    make_folder(d, good)
    (d / "0_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (d / "0_nul.txt").write_bytes(b"Headline\n\nText with a \x00 NUL byte in it.\n")
    (d / "[@click=app.quit]bad[b] name.txt").write_bytes(b"\x00\x01\x02binary")
    (d / "b_empty.txt").write_bytes(b"")
    (d / "b_cp1252.txt").write_bytes("Le café rouvre\n\nLe maire a déclaré que la façade était rénovée.\n".encode("cp1252"))
    (d / "b_markup.txt").write_text(f"{MARKUP_TITLE}\n\nThe mayor \x1b[2Jsaid the plan was \u202eapproved\u202c on Monday.\n")
    (d / "broken.txt").symlink_to(d / "gone.txt")
    (d / "zz_binary.txt").write_bytes(b"\x7fELF\x00\x00\x00\x00" + bytes(range(256)) * 4)


@pytest.mark.parametrize("good", [4, LAZY_THRESHOLD + 10])
async def test_hostile_folder_one_summary_and_problems_key(tmp_path, good):
    d = tmp_path / "hostile"
    hostile_folder(d, good)
    paths, problems = collect_paths([str(d)])
    app = ReaderApp([str(p) for p in paths], problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        assert len(app._notifications) == 1, "one notification summarises what was skipped"
        note = next(iter(app._notifications))
        skipped = 4 if good > LAZY_THRESHOLD else 5  # zz_binary.txt: loaded later, or now
        assert note.title == f"Skipped {skipped} files" and "w: every problem" in note.message
        plain = [option_text(screen, i) for i in range(len(app.articles))]
        assert any(MARKUP_TITLE in p for p in plain), "markup titles are listed literally"
        assert all("\x1b" not in p and "\u202e" not in p for p in plain)
        empty = next(i for i, a in enumerate(app.articles) if a.path.endswith("b_empty.txt"))
        for _ in range(400):  # loaded (eagerly, or by the background loader)
            if app.articles[empty].path not in app.pending:
                break
            await pilot.pause(0.02)
        assert option_text(screen, empty).rstrip().endswith("empty")

        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = app.screen.query_one("#problems-text").render().plain
        assert "0_binary.txt: binary file, skipped" in text
        assert "0_nul.txt: binary file, skipped" in text
        assert "[@click=app.quit]bad[b] name.txt: binary file, skipped" in text, "literal brackets"
        assert "broken.txt: broken symbolic link, skipped" in text
        assert "b_cp1252.txt: decoded as cp1252 (assumed)" in text
        assert "b_empty.txt: empty" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("j", "s", "b", "]", "}", "G", "g")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_file_failing_when_chosen_is_reported_not_fatal(tmp_path, monkeypatch):
    monkeypatch.setattr(MainScreen, "start_filling", lambda self: None)
    d = tmp_path / "hostile"
    hostile_folder(d, LAZY_THRESHOLD + 10)
    paths, problems = collect_paths([str(d)])
    app = ReaderApp([str(p) for p in paths], problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        before = shown(screen)
        bad = next(i for i, a in enumerate(app.articles) if a.path.endswith("zz_binary.txt"))
        app._notifications.clear()
        screen.article_list.highlighted_article = bad
        await pilot.press("R")
        for _ in range(200):
            await pilot.pause(0.01)
            if app.articles[bad].path in app.failed:
                break
        await pilot.pause()
        assert app.articles[bad].path in app.failed
        assert any("zz_binary.txt: binary file, skipped" in n.message for n in app._notifications)
        assert shown(screen) == before, "the pair shown stays"
        assert "could not be read" in option_text(screen, bad)
        assert any("zz_binary.txt: binary file, skipped" in p for p in app.problems)
        await pilot.press("R")  # chosen again: told again, never a crash
        await pilot.pause()
        assert app.is_running and shown(screen) == before
        await pilot.press("w")
        await pilot.pause()
        assert "zz_binary.txt: binary file, skipped" in app.screen.query_one("#problems-text").render().plain


# ------------------------------------------------------------ nothing loadable
def test_nothing_loadable_exits_2_with_one_line_per_problem(tmp_path):
    d = tmp_path / "bins"
    d.mkdir()
    for i in range(3):
        (d / f"bin{i}.txt").write_bytes(b"\x00\x01\x02" + bytes(range(256)) * 4)
    (d / "broken.txt").symlink_to(d / "gone.txt")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "reader", str(d)], capture_output=True, text=True, env=env,
                       timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("reader: ") for line in lines), r.stderr
    assert sum("binary file, skipped" in line for line in lines) == 3
    assert "Traceback" not in r.stderr and r.stdout == ""


async def test_empty_files_are_listed_last_and_not_shown_first(tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "0-empty.txt").write_text("", encoding="utf-8")
    (d / "a.txt").write_text(story(1), encoding="utf-8")
    (d / "b.txt").write_text(story(2), encoding="utf-8")
    paths, _ = collect_paths([str(d)])
    app = ReaderApp([str(p) for p in paths])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(app, pilot)
        left, right = shown(screen)
        assert Path(left).name == "a.txt" and Path(right).name == "b.txt"
        assert [Path(a.path).name for a in app.articles][-1] == "0-empty.txt"
