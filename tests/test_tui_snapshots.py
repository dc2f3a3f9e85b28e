"""SVG snapshots of the screens people look at (pytest-textual-snapshot 1.1.0, textual 8.2.8).

Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

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
