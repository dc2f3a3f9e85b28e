"""Pilot helpers shared by the TUI tests (import only after ``pytest.importorskip("textual")``)."""

from __future__ import annotations

from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.screens.story import StoryScreen


async def on_screen(app: ReaderApp, pilot, *, grouped: bool = False, workers: bool = True,
                    tries: int = 400) -> MainScreen:
    """Wait until the pair asked for is compared and on screen (and, with ``grouped``, the list
    grouped into stories). ``workers=False`` does not wait for the background workers to finish
    (a test that watches a folder being read)."""
    for _ in range(tries):
        if workers:
            await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, MainScreen):
            if app.articles and screen.settled and (not grouped or screen.stories is not None):
                return screen
        if not workers:
            await pilot.pause(0.01)
    raise AssertionError("the comparison never appeared" + (" with the list grouped" if grouped else ""))


async def command(pilot, text: str) -> None:
    """Run a command from the palette: ctrl+p, type ``text``, enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def open_story(app: ReaderApp, pilot) -> StoryScreen:
    """Press v and wait for the story overview with its tables filled."""
    await pilot.press("v")
    for _ in range(400):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, StoryScreen) and app.screen.overview is not None:
            return app.screen
    raise AssertionError("the story overview never appeared")
