"""The main screen: article list (grouped into stories), the aligned comparison, a status line
and the footer.

Articles, their loading and every comparison come from the App's story-layer library
(``app.library``); this screen only decides what to show and runs the library's work in
worker threads.
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList

from reader.corpus.model import Article
from reader.engine.types import Comparison
from reader.tui.commands import BindingCommands, Command
from reader.tui.messages import ArticleLoaded, NotesChanged
from reader.tui.widgets.article_list import ArticleList, list_groups
from reader.tui.widgets.comparison import FLAGGED, NOTED, ComparisonView
from reader.tui.widgets.headers import HeaderBar, header_content, web_url
from reader.tui.widgets.keybar import KeyBar
from reader.tui.widgets.status import StatusBar, status_content

if TYPE_CHECKING:
    from reader.story.grouping import Story
    from reader.story.quotes import Quote
    from reader.tui.preload import Loaded

PROGRESS_DELAY = 0.25  # seconds of comparison work before the loading indicator shows
FILL_BATCH = 0.5  # seconds between article-list updates from the background loader
FILL_PAUSE = 0.002  # seconds the background loader sleeps between files (keys come first)

REMEMBER_AFTER = 1.0
"""Seconds after the cursor settles before the place is saved (reader.tui.state)."""
NARROW = 110
"""Below this many columns the article list starts hidden (the comparison needs the room)."""

MAIN_BINDINGS = [
    Binding("j,down", "cursor_down", "Down", id="reader.cursor_down", show=False),
    Binding("k,up", "cursor_up", "Up", id="reader.cursor_up", show=False),
    Binding("pagedown", "page_down", "Page down", id="reader.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="reader.page_up", show=False),
    Binding("home,g", "top", "Top", id="reader.top", show=False),
    Binding("end,G", "bottom", "Bottom", id="reader.bottom", show=False),
    Binding("n", "next_match", "Next match", id="reader.next_match"),
    Binding("N", "prev_match", "Previous match", id="reader.prev_match", show=False),
    Binding("u", "next_unique", "Next unique", id="reader.next_unique"),
    Binding("U", "prev_unique", "Previous unique", id="reader.prev_unique", show=False),
    Binding("m", "jump_moved", "Moved ↕", id="reader.jump_moved",
            tooltip="On a moved match: jump to where the right article has it, and back"),
    Binding("r", "next_link", "Other links", id="reader.next_link",
            tooltip="Go to the next sentence the focused one is also linked to (the ¹ ² … badge counts them)"),
    Binding("h,left", "focus_left", "Left column", id="reader.focus_left", show=False),
    Binding("l,right", "focus_right", "Right column", id="reader.focus_right", show=False),
    Binding("space", "flag", "Flag", id="reader.flag",
            tooltip="Flag or unflag the focused column's sentence on this row"),
    Binding("a", "edit_note", "Note", id="reader.note_edit",
            tooltip="Write or edit a note on the focused column's sentence"),
    Binding("o,ctrl+n", "notes", "Notes", id="reader.notes_screen",
            tooltip="Every flag and note, across all articles"),
    Binding("b", "toggle_boilerplate", "Boilerplate", id="reader.toggle_boilerplate",
            tooltip="Hide or show site chrome (dimmed lines: menus, sign-ups, captions)"),
    Binding("f", "toggle_unique", "Only unique", id="reader.toggle_unique", show=False,
            tooltip="Show only the sentences one side alone has (again: every row)"),
    Binding("slash", "find", "Find", id="reader.find", show=False,
            tooltip="Find words in the story's articles (enter: next hit, shift+enter: previous)"),
    Binding("f3", "find_step(1)", "Next hit", id="reader.find_next", show=False),
    Binding("shift+f3,f15", "find_step(-1)", "Previous hit", id="reader.find_prev", show=False),  # f15: shift+F3 in xterm-like terminals
    Binding("f4", "find_elsewhere", "Hits in other articles", id="reader.find_elsewhere", show=False,
            tooltip="The story's other articles that hold what you looked for: enter shows that pair"),
    Binding("O", "open_url", "Open web page", id="reader.open_url", show=False,
            tooltip="Open the focused article's web address in the browser (or click its header)"),
    Binding("c", "link", "Link two sentences", id="reader.link", show=False,
            tooltip="Correct reader: c on a sentence, then c on the other article's sentence that reports the same"),
    Binding("x", "unlink('unlink')", "Unlink", id="reader.unlink", show=False,
            tooltip="Correct reader: remove the link on this row (a link you made: undo it)"),
    Binding("X", "unlink('not_same')", "Not the same", id="reader.not_same", show=False,
            tooltip="Correct reader: the two sentences on this row do not report the same thing"),
    Binding("ctrl+z", "undo_correction", "Undo correction", id="reader.undo_correction", show=False,
            tooltip="Take back the last correction made in this session (link, unlink, not the same)"),
    Binding("y", "cite", "Cite", id="reader.cite", show=False,
            tooltip="Copy the sentence under the cursor with its outlet, title, date and URL"),
    Binding("backslash,ctrl+b", "toggle_list", "Articles", id="reader.toggle_list"),
    Binding("J", "list_down", "Article list: next", id="reader.list_down", show=False),
    Binding("K", "list_up", "Article list: previous", id="reader.list_up", show=False),
    Binding("L", "choose_left", "Highlighted → left", id="reader.choose_left", show=False),
    Binding("R", "choose_right", "Highlighted → right", id="reader.choose_right", show=False),
    Binding("left_square_bracket", "step_left(-1)", "Previous left article (in its story)", id="reader.prev_left",
            show=False),
    Binding("right_square_bracket", "step_left(1)", "Next left article (in its story)", id="reader.next_left",
            show=False),
    Binding("left_curly_bracket", "step_right(-1)", "Previous right article (in its story)", id="reader.prev_right",
            show=False),
    Binding("right_curly_bracket", "step_right(1)", "Next right article (in its story)", id="reader.next_right",
            show=False),
    Binding("s", "swap", "Swap", id="reader.swap"),
    Binding("v", "story", "Story", id="reader.story",
            tooltip="The story's overview: every pair of its articles, the facts across them, coverage"),
    Binding("e", "same_event", "Link as one event", id="reader.same_event", show=False,
            tooltip="Link these two articles as reports of one event, though reader judged them different "
                    "(press again to undo)"),
    Binding("w", "app.problems", "Problems", id="reader.problems", show=False,
            tooltip="Files skipped (and why) and warnings about the articles"),
]


class MainCommands(BindingCommands):
    """The pair view's commands: its keys, and putting any article on a side."""

    def bindings(self) -> list[Binding]:
        return MAIN_BINDINGS

    def extra(self) -> list[Command]:
        from reader.corpus.sanitize import display_path

        screen = self.screen
        articles = screen.articles  # type: ignore[attr-defined]
        out: list[Command] = []
        for i, article in enumerate(articles):
            title = article.title or display_path(article.path)
            # Help text is parsed as markup by the palette: never put article text in it.
            where = f"Article {i + 1} of {len(articles)}"
            out.append((f"Show on left: {title}", partial(screen.show_pair, i, screen.right), where))  # type: ignore[attr-defined]
            out.append((f"Show on right: {title}", partial(screen.show_pair, screen.left, i), where))  # type: ignore[attr-defined]
        return out


class MainScreen(Screen[None]):
    BINDINGS = MAIN_BINDINGS
    COMMANDS = {MainCommands}
    AUTO_FOCUS = "#comparison"  # focused before the first frame (not the list, then the view)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.left = 0
        self.right = 0
        self._pending: tuple[str, str] | None = None
        self._one_event: set[tuple[str, str]] = set()
        """Pairs the user asked to link as one event (key e), though reader judged them different."""
        self._painted_once = False
        self._remember_timer = None
        self._undo: list[tuple[Article, Article, list[int], list[int]]] = []
        """The corrections made in this session, latest last (ctrl+z takes them back)."""
        self._link_from: tuple[str, list[int]] | None = None
        """``c`` was pressed on this side's sentences: the next ``c`` on the other side links them."""
        self._find_query = ""
        self._find_pair: tuple[str, str] | None = None
        self._find_elsewhere: list[tuple[Article, int]] = []
        """Hits of the last find in the story's other articles: (article, sentence id)."""
        self._quotes: list[Quote] = []
        """The quotes of the pair on screen that the two articles word differently."""
        self._list_choice: bool | None = None
        """Shown/hidden by the user's key; None: automatic (hidden on a narrow terminal)."""
        self._wanted: tuple[int, int] | None = None
        """The pair waiting for its articles to load."""
        self._jump: tuple[str, str, int] | None = None
        """(article path, side, sentence id) to put the cursor on once that pair is shown."""
        self.stories: list[Story] | None = None
        """The library's stories once grouped (every article read); None: the list is flat."""
        self._grouping = False
        self._comparing: tuple[str, str] | None = None
        """The pair being compared in a worker (the loading indicator shows after a moment)."""

    @property
    def reader(self) -> "ReaderApp":  # noqa: F821 - the App (not imported: it imports this screen)
        return self.app  # type: ignore[return-value]

    @property
    def articles(self) -> list[Article]:
        return self.reader.articles

    @property
    def settled(self) -> bool:
        """The pair last asked for is on screen (compared, drawn), and no other is awaited."""
        c = self.view.comparison
        return c is not None and self._wanted is None and self._pending == (c.left.path, c.right.path)

    @property
    def view(self) -> ComparisonView:
        return self.query_one(ComparisonView)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def compose(self) -> ComposeResult:
        # No containers: the key bar and the list are "split" off the screen's bottom and
        # left edges (styles/app.tcss); headers, comparison and status stack in what is left.
        yield KeyBar(id="keys")
        yield ArticleList(id="articles")
        yield HeaderBar(id="headers")
        yield ComparisonView(id="comparison")
        yield StatusBar(id="status")

    def on_mount(self) -> None:
        view = self.view
        view.focus()
        for attribute in ("cursor", "focus_side", "collapse_boilerplate", "only_unique"):
            self.watch(view, attribute, self._cursor_moved, init=False)
        future = self.reader.preload
        if future is not None and future.done() and future.exception() is None:
            # Usually the preload has finished while Textual was importing: show the
            # comparison in the very first frame (no "loading" frame, no second layout).
            self._loaded(future.result())
            return
        self.query_one(StatusBar).show(Content(f"loading {len(self.reader.paths)} article files…"))
        self.load_articles(list(self.reader.paths))

    # -------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="load")
    def load_articles(self, paths: list[str]) -> None:
        """Wait for the preload (started before Textual) or open the library here."""
        from reader.tui.preload import prepare

        future = self.reader.preload
        try:
            loaded = future.result() if future is not None else prepare(paths)
        except Exception:  # the preload failed (e.g. its process died): do it here
            loaded = prepare(paths)
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: Loaded | None) -> None:
        reader = self.reader
        if loaded is not None:
            reader.library = loaded.library
            self.stories = loaded.stories
        self._notify_skipped(reader.problems)
        articles = self.articles
        if not articles:
            self.query_one(HeaderBar).show(Content("no articles could be opened"), Content(""))
            self.query_one(StatusBar).show(Content("nothing to compare"))
            return
        pair = loaded.pair if loaded is not None and loaded.pair is not None else (0, min(1, len(articles) - 1))
        pair = self._remembered(pair)
        self.left, self.right = pair
        self._refresh_list()
        self.show_pair(*pair)

    def _remembered(self, pair: tuple[int, int]) -> tuple[int, int]:
        """The pair (and cursor, and list) the reader left these files at, if it is still there."""
        from reader.tui.state import load_place

        place = load_place(self.reader.paths)
        if "list" in place and self._list_choice is None:
            self._list_choice = place["list"]
            self._show_list(place["list"])
        where = {a.path: k for k, a in enumerate(self.articles)}
        left, right = where.get(place.get("left", "")), where.get(place.get("right", ""))
        if left is None or right is None:
            return pair
        side, sentence = place.get("side"), place.get("sentence")
        if side is not None and sentence is not None:
            self._jump = (self.articles[left if side == "left" else right].path, side, sentence)
        return left, right

    def remember(self) -> None:
        """Save where the reader is for these files (the pair, the sentence under the cursor,
        the list shown or not): reopening them comes back here."""
        from reader.tui.state import save_place

        view = self.view
        c = view.comparison
        if c is None or not self.articles:
            return
        place: dict = {"left": c.left.path, "right": c.right.path}
        row = view.current
        if row is not None:
            side = view.focus_side
            ids = row.row.left if side == "left" else row.row.right
            if not ids:
                side = "right" if side == "left" else "left"
                ids = row.row.left if side == "left" else row.row.right
            if ids:
                place.update(side=side, sentence=ids[0])
        if self._list_choice is not None:
            place["list"] = self._list_choice
        save_place(self.reader.paths, place)

    def _problems_key(self) -> str:
        return self._key_for("app.problems", "w")

    def _key_for(self, action: str, default: str) -> str:
        """The key shown for ``action`` (as remapped), for messages that name it."""
        for key, active in self.active_bindings.items():
            if active.binding.action == action:
                return self.app.get_key_display(active.binding)
        return default

    def _notify_skipped(self, problems: list[str]) -> None:
        """One notification for everything skipped at start-up: how many, the first reasons."""
        if not problems:
            return
        from reader.corpus.errors import one_line

        first = [one_line(p, 160) for p in problems[:2]]
        more = f"\n… and {len(problems) - 2} more" if len(problems) > 2 else ""
        message = "\n".join(first) + more + f"\n{self._problems_key()}: every problem and why"
        what = "file" if len(problems) == 1 else "files"
        self.notify(message, title=f"Skipped {len(problems)} {what}", severity="warning", markup=False, timeout=10)

    def _states(self) -> dict[str, str]:
        reader = self.reader
        states = dict.fromkeys(reader.pending, "pending")
        states.update(dict.fromkeys(reader.failed, "failed"))
        return states

    def _refresh_list(self) -> None:
        """Show the articles, grouped into stories once they are, keeping the highlighted
        article (and the L/R tags) where they were."""
        lst = self.article_list
        groups = list_groups(self.articles, self.stories) if self.stories is not None else None
        lst.show_articles(self.articles, self.left, self.right, self._states(), groups)

    # ------------------------------------------------------- stories
    def _group_stories(self) -> None:
        """Group the articles into stories (every one read), off the UI thread."""
        if self.stories is None and not self._grouping and not self.app._exit:
            self._grouping = True
            self.group_stories()

    @work(thread=True, exclusive=True, group="group")
    def group_stories(self) -> None:
        stories = self.reader.library.stories()
        self.app.call_from_thread(self._grouped, stories)

    def _grouped(self, stories: list[Story]) -> None:
        """The list becomes stories; the pair on screen and the comparison's cursor stay —
        unless reading the whole set re-marked its boilerplate (a line found in other stories
        is chrome): then the pair is compared again with the new marks."""
        self._grouping = False
        self.stories = stories
        self._refresh_list()
        c = self.view.comparison
        if c is not None and self._comparing is None:
            forced = (c.left.path, c.right.path) in self._one_event
            if self.reader.library.cached(c.left, c.right, same_event=forced) is not c:
                self.show_pair(self.left, self.right)

    def story_of(self, index: int) -> Story | None:
        """The story of article ``index`` (None before grouping, or for an unreadable one)."""
        if self.stories is None or not 0 <= index < len(self.articles):
            return None
        article = self.articles[index]
        return next((s for s in self.stories if any(a is article for a in s.articles)), None)

    def action_story(self) -> None:
        """v: the overview of the story on screen (the left article's; the right one's when
        the left one is a story of one)."""
        if not self.articles:
            return
        reader = self.reader
        if self.stories is None and not reader.pending and len(self.articles) <= 2:
            self.one_story()
            return
        if self.stories is None:
            waiting = sum(1 for p in reader.pending if p not in reader.failed)
            self.notify(f"The articles are grouped into stories once every one is read ({waiting} to go).",
                        markup=False, timeout=4)
            return
        story = next((s for s in (self.story_of(self.left), self.story_of(self.right))
                      if s is not None and len(s.articles) >= 2), None)
        if story is None:
            self.notify("No other article reports this one's event: it is a story of one. "
                        "Choose an article of a story in the list (L or R).", markup=False, timeout=5)
            return
        self._open_story(story)

    def _open_story(self, story: Story) -> None:
        if len(story.articles) < 2:
            self.notify("Only one article is open: there is nothing to compare it with.", markup=False, timeout=4)
            return
        from reader.tui.screens.story import StoryScreen

        self.app.push_screen(StoryScreen(story))

    @work(thread=True, exclusive=True, group="group")
    def one_story(self) -> None:
        """Two articles (or one): taken as one story, titled and ordered by the story layer."""
        from reader.story.grouping import one_story

        story = one_story([a for a in self.articles if self.reader.is_loaded(a)])
        self.app.call_from_thread(self._open_story, story)

    def show_at(self, left: int, right: int, side: str | None = None, sentence_id: int | None = None) -> None:
        """Show articles ``left`` and ``right`` side by side, with the cursor on ``side``'s
        sentence ``sentence_id`` when given (from the story overview)."""
        if side is not None and sentence_id is not None:
            article = self.articles[left if side == "left" else right]
            self._jump = (article.path, side, sentence_id)
        self.show_pair(left, right)
        self.view.focus()


    # ------------------------------------------------------- lazy loading
    def article_changed(self, index: int) -> None:
        """Listed article ``index`` was loaded (or failed): redraw its list entry."""
        if 0 <= index < len(self.articles):
            path = self.articles[index].path
            state = "failed" if path in self.reader.failed else ("pending" if path in self.reader.pending else "")
            self.article_list.update_articles(self.articles, [index], {path: state})
        self._group_when_read()

    def _group_when_read(self) -> None:
        reader = self.reader
        if self.stories is None and all(p in reader.failed for p in reader.pending):
            self._group_stories()

    @work(thread=True, group="lazy")
    def load_listed(self, indices: list[int], paths: list[str], pair: tuple[int, int]) -> None:
        """Read the chosen stubs (off the UI thread), then show the pair."""
        from reader.story.library import load_one

        results = [(i, *load_one(p)) for i, p in zip(indices, paths)]
        self.app.call_from_thread(self._listed_loaded, results, pair)

    def _settle(self, index: int, article: Article | None, problem: str | None) -> bool:
        """Record a stub read in a worker (UI thread); True if it is loaded now."""
        library = self.reader.library
        if not 0 <= index < len(self.articles):
            return False
        library.settle(index, article, problem)
        return library.is_loaded(self.articles[index])

    def _listed_loaded(self, results, pair: tuple[int, int]) -> None:
        reader = self.reader
        failed = []
        for index, article, problem in results:
            if not self._settle(index, article, problem) and self.articles[index].path in reader.failed:
                failed.append(reader.failed[self.articles[index].path])
            self.article_changed(index)
        if self._wanted != pair:
            return  # another pair was chosen meanwhile
        self._wanted = None
        if failed:
            for line in failed:
                self.notify(line, title="Could not read this article", severity="warning", markup=False, timeout=8)
            self._update_headers()
            self.article_list.mark(self.articles, self.left, self.right)
            self._update_status()
            return
        self.show_pair(*pair)

    def start_filling(self) -> None:
        """After the first paint: read the listed articles in the background (then group
        them), or group the articles if the preload did not. Two articles are not grouped:
        they are the pair on screen, and ``v`` takes them as one story, as ``reader story``
        does (grouping two very long articles would keep a core busy for a second)."""
        if self.app._exit:
            return
        if self.reader.pending:
            self.fill_listed()
        elif len(self.articles) > 2:
            self._group_when_read()

    @work(thread=True, exclusive=True, group="fill")
    def fill_listed(self) -> None:
        """Load every listed stub, a file at a time, yielding to the UI between files;
        the list's sentence counts are updated in batches."""
        import time

        from textual.worker import get_current_worker

        from reader.story.library import load_one

        worker = get_current_worker()
        reader = self.reader
        todo = [(i, a.path) for i, a in enumerate(list(self.articles)) if a.path in reader.pending]
        batch: list = []
        last = time.monotonic()
        for index, path in todo:
            if worker.is_cancelled:
                return
            if path not in reader.pending:
                continue  # chosen meanwhile
            batch.append((index, *load_one(path)))
            time.sleep(FILL_PAUSE)
            if time.monotonic() - last >= FILL_BATCH:
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._filled, batch)
                batch, last = [], time.monotonic()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._filled, batch)

    def _filled(self, results) -> None:
        """A batch from the background loader. Failures found here are not announced (the
        start-up summary is the one notification): the list marks them "could not be
        read" and w lists them with the reason."""
        reader = self.reader
        changed: dict[str, str] = {}
        indices = []
        for index, article, problem in results:
            if index >= len(self.articles) or self.articles[index].path not in reader.pending:
                continue  # chosen (and loaded) meanwhile
            self._settle(index, article, problem)
            path = self.articles[index].path
            changed[path] = "failed" if path in reader.failed else ""
            indices.append(index)
        if indices:
            self.article_list.update_articles(self.articles, indices, changed)
        self._group_when_read()

    # ----------------------------------------------------------- comparing
    def show_pair(self, left: int, right: int) -> None:
        if not self.articles:
            return
        reader = self.reader
        chosen = [i for i in dict.fromkeys((left, right))]
        bad = [reader.failed[self.articles[i].path] for i in chosen if self.articles[i].path in reader.failed]
        if bad:
            for line in bad:
                self.notify(line, title="Could not read this article", severity="warning", markup=False, timeout=8)
            return
        stubs = [i for i in chosen if self.articles[i].path in reader.pending]
        if stubs:
            self._wanted = (left, right)
            self.query_one(StatusBar).show(Content("loading…"))
            self.load_listed(stubs, [self.articles[i].path for i in stubs], (left, right))
            return
        self._wanted = None
        self.left, self.right = left, right
        la, ra = self.articles[left], self.articles[right]
        self._update_headers()
        self.article_list.mark(self.articles, left, right)
        key = (la.path, ra.path)
        self._pending = key
        forced = key in self._one_event
        cached = reader.library.cached(la, ra, same_event=forced)
        if cached is not None:
            self._display(cached)
            return
        self.query_one(StatusBar).show(Content("comparing…"))
        self._comparing = key
        self.compare_articles(la, ra, key, forced)
        self.set_timer(PROGRESS_DELAY, lambda: self._show_progress(key))

    def _show_progress(self, key: tuple[str, str]) -> None:
        if self._comparing == key:
            self.view.loading = True

    @work(thread=True, exclusive=True, group="compare")
    def compare_articles(self, left: Article, right: Article, key: tuple[str, str], forced: bool = False) -> None:
        from reader.tui.preload import warm_diffs

        from reader.story.quotes import pair_quotes

        result = self.reader.library.compare(left, right, same_event=forced)  # kept in its cache
        warm_diffs(result)  # here, off the UI thread
        quotes = pair_quotes(left, right)
        self.app.call_from_thread(self._compared, key, result, forced, quotes)

    def _compared(self, key: tuple[str, str], comparison: Comparison, forced: bool = False,
                  quotes: list[Quote] | None = None) -> None:
        if key == self._pending and forced == (key in self._one_event):
            self._display(comparison, quotes)

    @work(thread=True, exclusive=True, group="quotes")
    def find_quotes(self, left: Article, right: Article, key: tuple[str, str]) -> None:
        from reader.story.quotes import pair_quotes

        quotes = pair_quotes(left, right)
        self.app.call_from_thread(self._quotes_found, key, quotes)

    def _quotes_found(self, key: tuple[str, str], quotes: list[Quote]) -> None:
        c = self.view.comparison
        if c is not None and (c.left.path, c.right.path) == key:
            self._set_quotes(quotes)
            self._update_status()

    def _set_quotes(self, quotes: list[Quote]) -> None:
        """The quotes the two articles word differently: marked in the gutter, told in the status line."""
        self._quotes = quotes
        self.view.set_quote_marks((
            {i for q in quotes for o in q.occurrences if o.article == 0 for i in o.sentences},
            {i for q in quotes for o in q.occurrences if o.article == 1 for i in o.sentences},
        ))

    def _display(self, comparison: Comparison, quotes: list[Quote] | None = None) -> None:
        self._comparing = None
        view = self.view
        view.loading = False
        view.set_comparison(comparison, self._marks(comparison))
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(REMEMBER_AFTER, self.remember)
        self._set_quotes(quotes or [])
        if quotes is None:  # a comparison from the cache: its quotes are found off the UI thread,
            # after the first paint (a worker holding the GIL would slow the start-up frame)
            key = (comparison.left.path, comparison.right.path)
            if self._painted_once:
                self.find_quotes(comparison.left, comparison.right, key)
            else:
                self.app.call_after_refresh(self.find_quotes, comparison.left, comparison.right, key)
        self._apply_jump()
        self._update_status()
        if not self._painted_once:
            self._painted_once = True
            if os.environ.get("READER_EXIT_AFTER_FIRST_PAINT"):
                self.app.call_after_refresh(self.app.exit)
            # The notes store (and its imports) waits until the comparison is on screen.
            self.app.call_after_refresh(self.reader.open_notes)
            self.app.call_after_refresh(self.start_filling)

    # --------------------------------------------------------------- notes
    def _marks(self, comparison: Comparison | None) -> tuple[dict[int, int], dict[int, int]]:
        notes = self.reader.notes
        if comparison is None or not notes.opened:
            return {}, {}
        return notes.marks_for(comparison.left), notes.marks_for(comparison.right)

    @on(NotesChanged)
    def _on_notes_changed(self) -> None:
        self.notes_changed()

    @on(ArticleLoaded)
    def _on_article_loaded(self, message: ArticleLoaded) -> None:
        self.article_changed(message.index)

    def notes_changed(self) -> None:
        """The notes changed (here, on another screen or in another reader): new marks."""
        view = self.view
        if view.comparison is not None:
            view.set_marks(self._marks(view.comparison))
            self._update_status()

    def on_screen_resume(self) -> None:
        self.reader.poll_notes()

    def _target(self) -> tuple[Article, list[int]] | None:
        """The focused column's article and sentence ids on the cursor row."""
        view = self.view
        row, comparison = view.current, view.comparison
        if row is None or comparison is None:
            return None
        side = view.focus_side
        ids = row.row.left if side == "left" else row.row.right
        if not ids:  # a one-sided row: the sentence that is there, whichever column is focused
            side = "right" if side == "left" else "left"
            ids = row.row.left if side == "left" else row.row.right
        if not ids:
            self.notify("No sentence on this row.", markup=False, timeout=2)
            return None
        return (comparison.left if side == "left" else comparison.right), list(ids)

    def action_flag(self) -> None:
        target = self._target()
        if target is None:
            return
        article, ids = target
        self.reader.notes.toggle_flags(article, [article.sentences[i] for i in ids])
        self.notes_changed()

    def action_edit_note(self) -> None:
        target = self._target()
        if target is None:
            return
        article, ids = target
        notes = self.reader.notes
        existing = notes.notes_for(article)
        # A row side of several sentences: the note goes on the first one that has one.
        sid = next((i for i in ids if i in existing and existing[i].note.strip()), ids[0])
        sentence = article.sentences[sid]
        note = existing.get(sid)

        def save(text: str) -> None:
            try:
                notes.store.set_note(article, sentence, text)
            finally:
                notes.invalidate()
                self.reader.notes_changed()

        from reader.tui.screens.note_editor import NoteEditor

        self.app.push_screen(
            NoteEditor(article.title, article.source, sentence.text, note.note if note else "", save)
        )

    def action_notes(self) -> None:
        from reader.tui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen())

    def jump_to(self, article: Article, sentence_id: int) -> None:
        """Show ``article`` (where it is shown already, else on the left) with the cursor
        on the row holding its sentence ``sentence_id``."""
        index = next(i for i, a in enumerate(self.articles) if a is article)
        if index == self.left:
            side = "left"
        elif index == self.right:
            side = "right"
        else:
            side = "left"
        self._jump = (article.path, side, sentence_id)
        if side == "left" and index != self.left:
            self.show_pair(index, self.right)
        elif self.view.comparison is not None and self._pending == (
            self.view.comparison.left.path, self.view.comparison.right.path
        ):
            self._apply_jump()
        self.view.focus()

    def _apply_jump(self) -> None:
        jump, comparison = self._jump, self.view.comparison
        if jump is None or comparison is None:
            return
        path, side, sentence_id = jump
        if (comparison.left if side == "left" else comparison.right).path != path:
            return  # not shown yet: _display calls again
        self._jump = None
        self.view.find_sentence(side, sentence_id)  # type: ignore[arg-type]

    def _update_headers(self) -> None:
        headers = self.query_one(HeaderBar)
        la, ra = self.articles[self.left], self.articles[self.right]
        headers.show(header_content(la, "left"), header_content(ra, "right"), (web_url(la), web_url(ra)))
        headers.focus_side(self.view.focus_side)

    def _row_quotes(self) -> list[tuple[Quote, int]]:
        """The flagged quotes of the sentences on the cursor row, with the side (0 left, 1 right)
        of the focused column's occurrence."""
        row = self.view.current
        if row is None or not self._quotes:
            return []
        side = 0 if self.view.focus_side == "left" else 1
        ids = (row.row.left, row.row.right)
        if not ids[side]:
            side = 1 - side
        return [(q, side) for q in self._quotes for o in q.occurrences
                if o.article == side and any(i in o.sentences for i in ids[side])]

    def _update_status(self) -> None:
        view = self.view
        left, right = view.marks
        both = list(left.values()) + list(right.values())
        marks = (sum(1 for b in both if b & FLAGGED), sum(1 for b in both if b & NOTED))
        self.query_one(StatusBar).show(
            status_content(
                view.comparison, view.current, (view.cursor, view.row_count), view.focus_side,
                marks, view.collapse_boilerplate, view.link_cycle, self._row_quotes(), view.only_unique,
            )
        )

    def _cursor_moved(self) -> None:
        """Watcher of the view's cursor, column and boilerplate switch.

        A watcher runs in the same call as the change, so the status line and headers are
        repainted in the same frame as the rows (a CursorMoved message would arrive after
        the frame and cost a second one per key).
        """
        if self.articles:
            self._update_status()
            self.query_one(HeaderBar).focus_side(self.view.focus_side)
            # Where the reader is, saved a second after the cursor settles (and at quit).
            if self._remember_timer is not None:
                self._remember_timer.stop()
            self._remember_timer = self.set_timer(REMEMBER_AFTER, self.remember)

    @on(OptionList.OptionSelected, "#articles")
    def _list_selected(self, event: OptionList.OptionSelected) -> None:
        index = self.article_list.article_at(event.option_index)
        if index is not None:
            self.show_pair(self.left, index)

    # ------------------------------------------------------------- actions
    def action_cursor_down(self) -> None:
        self.view.move(1)

    def action_cursor_up(self) -> None:
        self.view.move(-1)

    def action_page_down(self) -> None:
        self.view.page(1)

    def action_page_up(self) -> None:
        self.view.page(-1)

    def action_top(self) -> None:
        self.view.move(-self.view.cursor)

    def action_bottom(self) -> None:
        self.view.move(self.view.row_count)

    def action_next_match(self) -> None:
        self.view.find(1, "match") or self.app.bell()

    def action_prev_match(self) -> None:
        self.view.find(-1, "match") or self.app.bell()

    def action_next_unique(self) -> None:
        self.view.find(1, "unique") or self.app.bell()

    def action_prev_unique(self) -> None:
        self.view.find(-1, "unique") or self.app.bell()

    def action_jump_moved(self) -> None:
        if not self.view.jump_counterpart():
            self.notify("Not on a moved match (moved matches carry ↕).", markup=False, timeout=2)
        elif self.view.jumped:  # jumped to the place, not back
            self.notify("This is where the right article has that sentence: just after the right-hand "
                        "sentence of this row. m takes you back.", markup=False, timeout=4)

    def action_next_link(self) -> None:
        view = self.view
        cycle = view.next_link()
        if cycle is None:
            if view.current is not None:
                self.notify("No sentence on this row.", markup=False, timeout=2)
            return
        if not cycle.links:
            row = view.current
            other = "right" if cycle.side == "left" else "left"
            ids = "+".join(f"#{i}" for i in cycle.ids)
            linked = row is not None and (row.linked[0] if cycle.side == "left" else row.linked[1]) is not None
            message = (f"{cycle.side.capitalize()} {ids} has no other links (its match is on this row)."
                       if linked else f"{cycle.side.capitalize()} {ids} has no links.")
            more = len(row.others[0] if other == "left" else row.others[1]) if row is not None else 0
            if more:
                key = self._key_for("focus_left" if other == "left" else "focus_right", other[0])
                message += f" The {other} one has {'1 other link' if more == 1 else f'{more} other links'}: {key}, then r."
            self.notify(message, markup=False, timeout=3)
            return
        self._update_status()  # the cursor may not have moved (a link on the same row)

    def action_focus_left(self) -> None:
        self.view.focus_side = "left"
        self.view.focus()

    def action_focus_right(self) -> None:
        self.view.focus_side = "right"
        self.view.focus()

    def action_toggle_boilerplate(self) -> None:
        self.view.collapse_boilerplate = not self.view.collapse_boilerplate

    def action_toggle_unique(self) -> None:
        view = self.view
        view.only_unique = not view.only_unique
        if view.only_unique and not view.row_count:
            view.only_unique = False
            self.notify("Every sentence here has a link: nothing is only one side's.", markup=False, timeout=3)
            return
        self.notify("Only sentences one side alone has (f: every row again)." if view.only_unique
                    else "Every row again.", markup=False, timeout=2)

    # ------------------------------------------------------------------ find
    def action_find(self) -> None:
        """Open the find bar (mounted on first use: start-up never pays for an input field)."""
        from reader.tui.widgets.find import FindBar

        bars = self.query(FindBar)
        if bars:
            bar = bars.first()
        else:
            bar = FindBar(id="find")
            self.mount(bar, before=self.query_one(StatusBar))
        bar.display = True
        bar.focus()

    def on_find_bar_step(self, event) -> None:
        """FindBar.Step: the next (or previous) hit of what was typed."""
        self.find_text(event.query, event.direction)

    def on_find_bar_closed(self) -> None:
        self.view.focus()

    def action_find_step(self, direction: int) -> None:
        if not self._find_query:
            self.action_find()
            return
        self.find_text(self._find_query, direction)

    def story_articles(self) -> list[Article]:
        """The articles of the left article's story (every loaded article before grouping)."""
        c = self.view.comparison
        if c is not None and self.stories is not None:
            for story in self.stories:
                if any(a.path == c.left.path for a in story.articles):
                    return list(story.articles)
        return [a for a in self.articles if self.reader.is_loaded(a)]

    def find_text(self, query: str, direction: int = 1) -> None:
        """Go to the next (or previous) sentence of the pair holding ``query`` (case-insensitive);
        say how many hits there are here and in the story's other articles (F4 lists those)."""
        from reader.corpus.sanitize import one_line

        view, c = self.view, self.view.comparison
        query = query.strip()
        if not query or c is None:
            return
        if query != self._find_query or (c.left.path, c.right.path) != self._find_pair:
            self._find_query, self._find_pair = query, (c.left.path, c.right.path)
            q = query.casefold()
            self._find_elsewhere = [(a, s.id) for a in self.story_articles() if a.path not in self._find_pair
                                    for s in a.sentences if q in s.text.casefold()]
        hits = view.model.search(query)
        elsewhere = len(self._find_elsewhere)
        more = f" · {elsewhere} in other articles of the story (F4 lists them)" if elsewhere else ""
        if not hits:
            self.notify(one_line(f"“{query}”: not in these two articles{more}", 200), markup=False, timeout=4)
            return
        cur = view.current
        here = (cur.index, view.focus_side) if cur is not None else (-1, "left")
        order = [(row, side) for row, side, _ in hits]
        if direction > 0:
            nxt = next((k for k, h in enumerate(order) if (h[0], h[1] != "left") > (here[0], here[1] != "left")), 0)
        else:
            prev = [k for k, h in enumerate(order) if (h[0], h[1] != "left") < (here[0], here[1] != "left")]
            nxt = prev[-1] if prev else len(order) - 1
        row, side, sid = hits[nxt]
        view.find_sentence(side, sid)
        self.notify(one_line(f"“{query}”: {nxt + 1} of {len(hits)} here{more}", 200), markup=False, timeout=3)

    def action_find_elsewhere(self) -> None:
        """The story's other articles that hold the words looked for; enter shows that pair."""
        if not self._find_elsewhere:
            self.notify("No hits in the story's other articles (/ to find).", markup=False, timeout=3)
            return
        from reader.tui.screens.hits import HitsScreen

        def chosen(hit: tuple[Article, int] | None) -> None:
            if hit is None:
                return
            article, sid = hit
            index = self.reader.index_of(article)
            if index >= 0:
                self.show_at(self.left, index, "right", sid)

        self.app.push_screen(HitsScreen(self._find_query, self._find_elsewhere), chosen)

    def action_open_url(self) -> None:
        c = self.view.comparison
        article = (c.left if self.view.focus_side == "left" else c.right) if c is not None else None
        url = web_url(article)
        if url is None:
            self.notify("This article has no web address.", markup=False, timeout=3)
            return
        self.app.open_url(url)

    # ------------------------------------------------------------------ corrections
    def _side_target(self) -> tuple[str, list[int]] | None:
        target = self._target()
        c = self.view.comparison
        if target is None or c is None:
            return None
        article, ids = target
        return ("left" if article is c.left else "right"), ids

    def action_link(self) -> None:
        """``c`` on a sentence, then ``c`` on the other article's: link them (the user's link)."""
        picked = self._side_target()
        if picked is None:
            return
        side, ids = picked
        if self._link_from is None or self._link_from[0] == side:
            self._link_from = picked
            other = "right" if side == "left" else "left"
            self.notify(f"Link: now go to the {other} article's sentence that reports the same and press c "
                        f"again (c on this side starts over).", markup=False, timeout=6)
            return
        first, self._link_from = self._link_from, None
        left_ids, right_ids = (first[1], ids) if first[0] == "left" else (ids, first[1])
        self._correct("link", left_ids, right_ids, "Linked: your link shows wherever this pair does.")

    def action_unlink(self, action: str) -> None:
        """Remove the link on the cursor row (``x``: unlink; ``X``: the two are not the same); on a
        link the user made, ``x`` takes it back."""
        row, c = self.view.current, self.view.comparison
        if row is None or c is None:
            return
        match = row.match or (row.linked[0] if self.view.focus_side == "left" else row.linked[1])
        if match is None:
            self.notify("No link on this row to remove.", markup=False, timeout=3)
            return
        if match.by_user and action == "unlink":
            removed = self.reader.notes.store.remove_corrections(c.left, c.right, match.left, match.right)
            self._corrections_changed("Your link is taken back." if removed else "")
            return
        said = "Not the same: reader will not link these two." if action == "not_same" else "Unlinked."
        self._correct(action, match.left, match.right, said)

    def _correct(self, action: str, left_ids: list[int], right_ids: list[int], said: str) -> None:
        from reader.notes.store import NotesError

        c = self.view.comparison
        if c is None:
            return
        store = self.reader.notes.store
        try:
            store.add_correction(c.left, c.right, list(left_ids), list(right_ids), action)
        except NotesError as exc:
            self.notify(str(exc), markup=False, severity="error", timeout=8)
            return
        self._undo.append((c.left, c.right, list(left_ids), list(right_ids)))
        self._corrections_changed(said + " (ctrl+z takes it back)")

    def action_undo_correction(self) -> None:
        """Take back the last correction made in this session."""
        if not self._undo:
            self.notify("No correction of this session to take back.", markup=False, timeout=3)
            return
        left, right, left_ids, right_ids = self._undo.pop()
        self.reader.notes.store.remove_corrections(left, right, left_ids, right_ids)
        self._corrections_changed("Correction taken back.")

    def _corrections_changed(self, said: str) -> None:
        """Show the pair again with the corrections (the library applies them; the engine does
        not run again), the cursor where it was."""
        store = self.reader.notes.store
        if not store.persistent:  # notes in memory this session: the library asks the store itself
            self.reader.library.corrections = store.corrections_for
        view = self.view
        row = view.current
        if row is not None:
            side = view.focus_side
            ids = row.row.left if side == "left" else row.row.right
            if ids:
                article = view.comparison.left if side == "left" else view.comparison.right  # type: ignore[union-attr]
                self._jump = (article.path, side, ids[0])
        self.show_pair(self.left, self.right)
        if said:
            self.notify(said, markup=False, timeout=3)

    def action_cite(self) -> None:
        """Copy the sentence under the cursor with its outlet, title, date and URL (a citation)."""
        target = self._target()
        if target is None:
            return
        article, ids = target
        text = " ".join(article.sentences[i].text for i in ids)
        from reader.corpus.sanitize import one_line
        from reader.render.cite import citation

        self.app.copy_to_clipboard(citation(article, text))
        self.notify(f"Copied with its source: {one_line(text, 60)}", markup=False, timeout=3)

    def action_toggle_list(self) -> None:
        self._list_choice = not self.article_list.display  # the user decided: no more auto
        self._show_list(self._list_choice)

    def _show_list(self, show: bool) -> None:
        lst = self.article_list
        if lst.display != show:
            lst.display = show
        if not show and lst.has_focus:
            self.view.focus()

    def on_resize(self, event: events.Resize) -> None:
        # On a narrow terminal the list would leave a few letters per column: hide it
        # (until the user shows it with the key); show it again when there is room.
        if self._list_choice is None:
            self._show_list(event.size.width >= NARROW)

    def action_list_down(self) -> None:
        self.article_list.action_cursor_down()

    def action_list_up(self) -> None:
        self.article_list.action_cursor_up()

    def _highlighted(self) -> int | None:
        return self.article_list.highlighted_article

    def action_choose_left(self) -> None:
        index = self._highlighted()
        if index is not None:
            self.show_pair(index, self.right)

    def action_choose_right(self) -> None:
        index = self._highlighted()
        if index is not None:
            self.show_pair(self.left, index)

    def _step(self, index: int, delta: int) -> int:
        """The article ``delta`` places from ``index`` in its group of the list (its story;
        the stories of one together; every article while the list is flat), wrapping."""
        group = self.article_list.group_of(index) or list(range(len(self.articles)))
        if index not in group or len(group) < 2:
            self.app.bell()
            return index
        return group[(group.index(index) + delta) % len(group)]

    def action_step_left(self, delta: int) -> None:
        if self.articles:
            self.show_pair(self._step(self.left, delta), self.right)

    def action_step_right(self, delta: int) -> None:
        if self.articles:
            self.show_pair(self.left, self._step(self.right, delta))

    def action_swap(self) -> None:
        if self.articles:
            self.show_pair(self.right, self.left)

    def action_same_event(self) -> None:
        """Link the pair on screen as one event (or undo that): reader judged them different."""
        c = self.view.comparison
        if c is None:
            return
        pair = (c.left.path, c.right.path)
        if pair in self._one_event:
            self._one_event.discard(pair)
            self.notify("Back to reader's own judgement of the two articles.", markup=False, timeout=3)
        elif c.stats.one_event:
            self.notify("These two are already linked as reports of one event.", markup=False, timeout=3)
            return
        else:
            self._one_event.add(pair)
            self.notify("Linking the two as reports of one event (e again to undo).", markup=False, timeout=3)
        self.show_pair(self.left, self.right)
