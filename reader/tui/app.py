"""The reader App: holds the session (one story-layer Library, notes) and composes screens.

Articles, their loading and every comparison come from ``app.library``
(:class:`reader.story.library.Library`): the TUI is a view of the story layer and never does
corpus work of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future

from textual.app import App
from textual.binding import Binding

from reader.corpus.model import Article
from reader.notes.session import NotesSession
from reader.resources import styles_dir
from reader.story.library import Library
from reader.tui.commands import AppCommands
from reader.tui.config import load_config, save_config
from reader.tui.messages import ArticleLoaded, NotesChanged
from reader.tui.preload import Loaded
from reader.tui.preload import start as start_preload
from reader.tui.screens.main import MainScreen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.story.overview import Overview


NOTES_POLL = 2.0  # seconds between checks for notes changed by another reader


class ReaderApp(App[int]):
    """``reader PATH...``: articles side by side, aligned sentence by sentence."""

    TITLE = "reader"
    HELP_LEAD = ""
    """A paragraph help starts with (the corpus browser's says how to use it)."""
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "comparison.tcss"]
    COMMANDS = App.COMMANDS | {AppCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="reader.help"),
        Binding("q", "quit", "Quit", id="reader.quit"),
        Binding("ctrl+q", "quit", "Quit", id="reader.quit_now", show=False, priority=True),
    ]

    def __init__(self, paths: Iterable[str], problems: Iterable[str] = (), preload: Future[Loaded] | None = None) -> None:
        super().__init__()
        self.paths: list[str] = list(paths)
        self.preload = preload if preload is not None else start_preload(self.paths)
        self.listing_problems: list[str] = list(problems)
        """What could not be opened while the command line was expanded, one line each."""
        self.library = Library()
        """The articles, their loading and every comparison (replaced by the preload's)."""
        self.overviews: dict[tuple[str, ...], Overview] = {}
        """Story overviews computed this session, by their articles' paths."""
        self.notes = NotesSession(self._notes_report)
        """Flags and notes (the store opens after the first paint, or on first use)."""
        self._config = load_config()
        theme = self._config.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        keys = self._config.get("keys")
        if isinstance(keys, dict):
            # {"reader.cursor_down": "j,down", ...}: binding id -> comma-separated keys
            self.set_keymap({k: v for k, v in keys.items() if isinstance(k, str) and isinstance(v, str)})

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(NOTES_POLL, self.poll_notes)

    # ------------------------------------------------------------ the library
    @property
    def articles(self) -> list[Article]:
        return self.library.articles

    @property
    def pending(self) -> set[str]:
        """Paths of listed articles not read yet (stubs)."""
        return self.library.pending

    @property
    def failed(self) -> dict[str, str]:
        """Listed articles that could not be read when asked for: path -> one-line reason."""
        return self.library.failed

    @property
    def problems(self) -> list[str]:
        """What could not be opened, one line each: found while listing, while loading, and
        listed articles that failed when read later."""
        return [*self.listing_problems, *self.library.problems, *self.library.failed.values()]

    def is_loaded(self, article: Article) -> bool:
        return article.path not in self.library.pending

    def index_of(self, article: Article) -> int:
        """The index of ``article`` (this very object) in the library, or -1."""
        return next((i for i, a in enumerate(self.library.articles) if a is article), -1)

    def load_now(self, article: Article) -> Article | None:
        """``article`` read (here, now: one file) if it is a stub; None if it cannot be."""
        index = self.index_of(article)
        if index < 0:
            return None
        loaded = self.library.load(index)
        for screen in self.screen_stack:
            screen.post_message(ArticleLoaded(index))
        return loaded

    def jump_to(self, article: Article, sentence_id: int) -> None:
        """Show ``article`` with the cursor on its sentence ``sentence_id`` (from the notes list)."""
        main = next(s for s in self.screen_stack if isinstance(s, MainScreen))
        main.jump_to(article, sentence_id)

    def action_problems(self) -> None:
        from reader.tui.screens.problems import ProblemsScreen

        if self.screen.id == "problems":
            self.pop_screen()
        else:
            self.push_screen(ProblemsScreen(*self.problems_summary()))

    def problems_summary(self) -> tuple[list[str], list[str]]:
        """(skipped, warnings): one line each, plain text."""
        from reader.corpus.errors import one_line

        skipped = [one_line(p, 600) for p in self.problems]
        warnings = [one_line(f"{a.path}: {', '.join(a.warnings)}", 600)
                    for a in self.articles if a.warnings and self.is_loaded(a)]
        return skipped, warnings

    # ------------------------------------------------------------ notes
    def open_notes(self) -> None:
        """Open the notes store (after the first paint) and show the marks it holds."""
        if self._exit or self.notes.opened:
            return  # quitting already: no database to open
        self.notes.store  # noqa: B018 - opens it, reporting any warning
        self.notes_changed()

    def _notes_report(self, message: str, severity: str) -> None:
        self.notify(message, markup=False, severity=severity, timeout=10)  # type: ignore[arg-type]

    def poll_notes(self) -> None:
        """Refresh what is shown when the notes changed (in another reader, say)."""
        if self.notes.poll():
            self.notes_changed()

    def notes_changed(self) -> None:
        """Tell every screen that shows notes to refresh them (those that do handle NotesChanged)."""
        for screen in self.screen_stack:
            screen.post_message(NotesChanged())

    def on_app_focus(self) -> None:
        self.poll_notes()

    async def action_quit(self) -> None:
        """Remember where the reader is (reopening these files comes back), then quit."""
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            main.remember()
        await super().action_quit()

    def on_unmount(self) -> None:
        self.notes.close()

    def _theme_changed(self, theme) -> None:
        if self._config.get("theme") != theme.name:
            self._config["theme"] = theme.name
            save_config(self._config)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen, binding_rows

        if self.screen.id == "help":
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(binding_rows(self, self.screen), self.HELP_LEAD))
