"""``reader corpus DIR`` in the TUI: a built corpus's stories, and each story's overview and pair
views from what the build stored.

The App is reader's own (:class:`~reader.tui.app.ReaderApp`: notes, help, palette, themes); its
first screen is the story list (:class:`~reader.tui.screens.corpus.CorpusScreen`). Opening a
story hands the App a library of the story's articles holding their restored comparisons
(:mod:`reader.archive.stored`), so the pair view and the story overview are the ones ``reader``
shows for a folder — with nothing aligned again. A story opens on its overview the first time,
and in the pair view where the reader left it after that. Escape in the pair view goes back to
the list.
"""

from __future__ import annotations

from concurrent.futures import Future

from textual.binding import Binding

from reader.story.library import Library
from reader.tui.app import ReaderApp
from reader.tui.preload import Loaded
from reader.tui.screens.corpus import CorpusScreen
from reader.tui.screens.help import CORPUS_HELP
from reader.tui.screens.main import MainScreen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.archive.stored import Opened, StoredCorpus
    from reader.story.overview import Overview


def _done(value: Loaded) -> Future[Loaded]:
    f: Future[Loaded] = Future()
    f.set_result(value)
    return f


class CorpusApp(ReaderApp):
    """The corpus browser: the story list first, a story's overview and pairs on top of it."""

    BINDINGS = [*ReaderApp.BINDINGS,
                Binding("escape", "stories", "Stories", id="reader.corpus_stories",
                        tooltip="Back to the corpus's story list")]

    HELP_LEAD = CORPUS_HELP

    def __init__(self, corpus: StoredCorpus) -> None:
        super().__init__([], preload=_done(Loaded(Library())))
        self.corpus = corpus
        self.sub_title = str(corpus.folder)

    def get_default_screen(self) -> CorpusScreen:
        return CorpusScreen(self.corpus)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stories":
            return isinstance(self.screen, MainScreen)
        return True

    def show_story(self, opened: Opened, overview: Overview) -> None:
        """The story's pair view (the pair that shares most), its overview on top."""
        from reader.tui.screens.story import StoryScreen

        self.action_stories()
        self.library = opened.library
        self.paths = [a.path for a in opened.story.articles]
        self.listing_problems = list(opened.problems)
        self.overviews = {tuple(self.paths): overview}
        top = overview.pairs[0] if overview.pairs else None
        self.preload = _done(Loaded(opened.library, (top.left, top.right) if top else None, stories=[opened.story]))
        self.push_screen(MainScreen())
        from reader.tui.state import load_place

        if load_place(self.paths).get("left"):
            # Opened before: back in the pair view where the reader left it, as reader does.
            self.notify("Back where you left this story; v shows its overview.", markup=False, timeout=4)
        elif len(opened.story.articles) > 1:
            self.push_screen(StoryScreen(opened.story))

    def action_stories(self) -> None:
        """Back to the story list (remembering where the pair view was)."""
        while not isinstance(self.screen, CorpusScreen) and len(self.screen_stack) > 1:
            if isinstance(self.screen, MainScreen):
                self.screen.remember()
            self.pop_screen()

    def on_unmount(self) -> None:
        super().on_unmount()
        self.corpus.close()


def run_corpus(corpus: StoredCorpus, *, headless: bool = False) -> int:
    app = CorpusApp(corpus)
    app.run(headless=headless)
    return app.return_code or 0
