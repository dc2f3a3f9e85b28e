"""SVG snapshots of the screens people look at (pytest-textual-snapshot 1.1.0, textual 8.2.8).

Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

from reader.resources import seeds_dir  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402

SIZE = (160, 45)
SEEDS = sorted(str(p) for p in seeds_dir().glob("*.txt"))


async def _ready(pilot) -> None:
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.screen.view.comparison is not None and not app.screen.view.loading:
            break
    await pilot.pause()


def test_main_screen(snap_compare):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("n", "n", "space")
        await pilot.pause()

    assert snap_compare(ReaderApp(SEEDS), terminal_size=SIZE, run_before=run_before)


def test_main_screen_without_list_light_theme(snap_compare):
    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await _ready(pilot)
        await pilot.press("backslash", "l", "u")
        await pilot.pause()

    assert snap_compare(ReaderApp(SEEDS), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare):
    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(ReaderApp(SEEDS), terminal_size=SIZE, run_before=run_before)


def _seed_notes() -> None:
    """Two notes with fixed times (the notes screen shows when), one on each shown article."""
    import sqlite3

    from reader.corpus.load import load_article
    from reader.notes.store import NoteStore

    store = NoteStore.open()
    left, right = load_article(SEEDS[0]), load_article(SEEDS[1])
    store.set_flag(left, left.sentences[1], True)
    store.set_note(left, left.sentences[1], "Compare with the wire copy:\nwho said it first?")
    store.set_note(right, right.sentences[3], "Paraphrased, not quoted [/x]")
    path = store.path
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE notes SET created = '2024-05-01T09:30:00.000Z', updated = '2024-05-02T14:05:00.000Z'")


def test_notes_screen(snap_compare, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    _seed_notes()

    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("o")
        await pilot.pause()

    assert snap_compare(ReaderApp(SEEDS), terminal_size=SIZE, run_before=run_before)


def test_note_editor(snap_compare):
    _seed_notes()

    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "a")
        await pilot.pause()
        await pilot.press("enter", *"And a third line.")
        await pilot.pause()

    assert snap_compare(ReaderApp(SEEDS), terminal_size=SIZE, run_before=run_before)


def test_links_at_80_columns(snap_compare):
    """Hand-made many-to-many links: badges, the partial mark, and r's status at 80×24."""
    from concurrent.futures import Future

    from linked import linked_comparison

    from reader.tui.preload import Loaded

    c = linked_comparison()
    future: Future[Loaded] = Future()
    future.set_result(Loaded.showing(c))

    async def run_before(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "j", "r")
        await pilot.pause()

    assert snap_compare(ReaderApp([c.left.path, c.right.path], preload=future), terminal_size=(80, 24),
                        run_before=run_before)


STORIES = sorted(str(p) for p in (Path(__file__).resolve().parent / "stories").glob("*.json"))


async def _overview(pilot) -> None:
    await _ready(pilot)
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.screen.view.comparison is not None and app.screen.stories is not None:
            break
    await pilot.press("v")
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(app.screen, "overview", None) is not None:
            break


def test_story_overview_pairs(snap_compare):
    """v on three invented reports of one event: the Pairs tab."""
    assert snap_compare(ReaderApp(STORIES), terminal_size=SIZE, run_before=_overview)


def test_story_overview_facts(snap_compare):
    """The Facts tab, a flag on one fact, the cursor on the third fact."""
    def flag() -> None:
        from reader.corpus.load import load_article
        from reader.notes.store import NoteStore

        store = NoteStore.open()
        a = load_article(next(p for p in STORIES if p.endswith("port-1.json")))
        store.set_flag(a, a.sentences[1], True)
        store.close()

    flag()

    async def run_before(pilot) -> None:
        await _overview(pilot)
        await pilot.press("2", "down", "down")
        await pilot.pause()

    assert snap_compare(ReaderApp(STORIES), terminal_size=SIZE, run_before=run_before)


def test_story_overview_facts_at_80_columns(snap_compare):
    async def run_before(pilot) -> None:
        await _overview(pilot)
        await pilot.press("2", "b")
        await pilot.pause()

    assert snap_compare(ReaderApp(STORIES), terminal_size=(80, 24), run_before=run_before)
