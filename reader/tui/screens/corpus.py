"""A built corpus's stories (``reader corpus DIR``), and its outlets × outlets view.

The list comes from DuckDB over the corpus's Parquet tables (:class:`reader.archive.stored.StoredCorpus`),
a page at a time, the most widely covered stories first; the filter line narrows it (words of a
title, ``outlet:``, ``from:``/``to:``, ``outlets:``, ``articles:``) as it is typed. Enter opens a
story: its articles are read and its comparisons restored off the UI thread, then its overview
and pair view come up (:meth:`reader.tui.corpus.CorpusApp.show_story`).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from reader.corpus.errors import one_line, plural
from reader.tui.commands import BindingCommands
from reader.tui.screens.story import StoryTable
from reader.tui.widgets.keybar import KeyBar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.archive.stored import Filter, StoredCorpus, StoryRow

PAGE = 200
"""Stories fetched at a time (more when the cursor reaches the last one)."""
FILTER_DELAY = 0.25
"""Seconds after the last key before the filter is applied."""

CORPUS_BINDINGS = [
    Binding("enter", "open", "Open story", id="reader.corpus_open", tooltip="The story's overview and pairs"),
    Binding("slash", "filter", "Filter", id="reader.corpus_filter",
            tooltip="Narrow the list: words of a title, outlet:, from:, to:, outlets:, articles:"),
    Binding("t", "outlets", "Outlets", id="reader.corpus_outlets",
            tooltip="Outlets × outlets: how much of each one's articles the others carry too (copied or edited)"),
    Binding("down", "to_list", "To the list", id="reader.corpus_to_list", show=False),
    Binding("escape", "clear", "Clear filter", id="reader.corpus_clear", show=False),
]


class CorpusCommands(BindingCommands):
    PREFIX = "Corpus: "

    def bindings(self) -> list[Binding]:
        return CORPUS_BINDINGS


def _dates(row: StoryRow) -> str:
    first, last = (row.first_date or "")[:10], (row.last_date or "")[:10]
    if not first:
        return ""
    return first if last in ("", first) else f"{first} – {last[5:] if last[:4] == first[:4] else last}"


class CorpusScreen(Screen[None]):
    BINDINGS = CORPUS_BINDINGS
    COMMANDS = {CorpusCommands}
    AUTO_FOCUS = "#corpus-table"

    def __init__(self, corpus: StoredCorpus) -> None:
        super().__init__(id="corpus")
        self.corpus = corpus
        self.filter: Filter | None = None
        self.total = 0
        self.shown: list[StoryRow] = []
        self._query = 0
        """Bumped by every new query: an older one's answer is dropped."""
        self._opening: str | None = None
        self._wide = False

    def compose(self) -> ComposeResult:
        from reader.archive.stored import FILTER_HELP

        yield KeyBar(id="corpus-keys")
        yield Static(self._title(), id="corpus-title", markup=False)
        yield Input(placeholder=f"filter: {FILTER_HELP}", id="corpus-filter")
        yield Static("", id="corpus-info", markup=False)
        yield StoryTable(id="corpus-table", cursor_type="row", zebra_stripes=True)

    def _title(self) -> Content:
        rows = self.corpus.rows
        return Content.assemble(
            ("Corpus", "bold"), ("  │  ", "dim"), (one_line(str(self.corpus.folder), 120), "bold"), ("  │  ", "dim"),
            f"{rows.get('articles', 0):,} articles, {rows.get('stories', 0):,} stories, {rows.get('pairs', 0):,} pairs, "
            f"{rows.get('links', 0):,} links",
        )

    @property
    def table(self) -> DataTable:
        return self.query_one("#corpus-table", DataTable)

    def on_mount(self) -> None:
        self._columns()
        self.run_query(None, 0)

    def on_resize(self) -> None:
        self._columns()
        self._fill(self.shown, keep=True)

    def _columns(self) -> None:
        table = self.table
        width = max(40, self.size.width or self.app.size.width)
        self._wide = width >= 120
        dates = 23 if width >= 100 else 10
        fixed = [7, 8, 7, dates] + ([22] if self._wide else [])
        title = max(20, width - sum(fixed) - 2 * (len(fixed) + 1) - 2)
        table.clear(columns=True)
        table.add_column("Outlets", key="outlets", width=7)
        table.add_column("Articles", key="articles", width=8)
        table.add_column("Linked", key="linked", width=7)
        table.add_column("Dates" if dates > 10 else "First", key="dates", width=dates)
        table.add_column("Story", key="story", width=title)
        if self._wide:
            table.add_column("Sources", key="sources", width=22)

    # ------------------------------------------------------------ querying
    @work(thread=True, exclusive=True, group="query")
    def run_query(self, f: Filter | None, offset: int) -> None:
        """Stories from ``offset`` (off the UI thread: DuckDB may read a large table)."""
        from reader.archive import CorpusError

        self._query += 1
        ticket = self._query
        try:
            total, rows = self.corpus.stories(f, offset, PAGE)
        except CorpusError as exc:
            self.app.call_from_thread(self.notify, str(exc), markup=False, severity="error", timeout=6)
            return
        except Exception as exc:  # noqa: BLE001 - a damaged table: said, never a crash
            self.app.call_from_thread(self.notify, one_line(f"the corpus could not be read: {exc}", 300),
                                      markup=False, severity="error", timeout=8)
            return
        if ticket == self._query:
            self.app.call_from_thread(self._answered, f, offset, total, rows)

    def _answered(self, f: Filter | None, offset: int, total: int, rows: list[StoryRow]) -> None:
        self.filter, self.total = f, total
        if offset == 0:
            self.shown = rows
            self._fill(rows)
        else:
            self.shown.extend(rows)
            self._add(rows)
        self._info()

    def _fill(self, rows: list[StoryRow], keep: bool = False) -> None:
        table = self.table
        cursor = table.cursor_row if keep else 0
        table.clear()
        self._add(rows)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def _add(self, rows: list[StoryRow]) -> None:
        table = self.table
        short = table.columns and list(table.columns.values())[3].width <= 10
        for r in rows:
            linked = Text(f"{r.linked}/{r.pairs}" if r.pairs else "", justify="right",
                          style="bold" if r.pairs and r.linked * 2 < r.pairs else "")
            cells = [Text(str(r.outlets), justify="right"), Text(str(r.articles), justify="right"), linked,
                     Text((r.first_date or "")[:10] if short else _dates(r)),  # Text: never read as markup
                     Text(one_line(r.title, 300) or "(untitled)", overflow="ellipsis", no_wrap=True)]
            if self._wide:
                cells.append(Text(one_line(", ".join(r.sources or []), 300), style="dim", overflow="ellipsis",
                                  no_wrap=True))
            table.add_row(*cells, key=r.story_id)

    def _info(self) -> None:
        f = self.filter
        said = f.describe() if f is not None else ""
        text = (f"{self.total:,} of {self.corpus.rows.get('stories', self.total):,} stories: {said}" if said
                else f"{self.total:,} {'story' if self.total == 1 else 'stories'}, the most widely covered first")
        if self.total > len(self.shown):
            text += f" · {len(self.shown):,} listed (more as you scroll)"
        if not self.total:
            text += " · nothing matches: escape clears the filter" if said else ""
        self.query_one("#corpus-info", Static).update(Content(text))

    @on(DataTable.RowHighlighted, "#corpus-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.shown) - 1 and len(self.shown) < self.total:
            self.run_query(self.filter, len(self.shown))

    @on(Input.Changed, "#corpus-filter")
    def _typed(self) -> None:
        if getattr(self, "_timer", None) is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    @on(Input.Submitted, "#corpus-filter")
    def _submitted(self) -> None:
        self._apply_filter()
        self.table.focus()

    def _apply_filter(self) -> None:
        from reader.archive import CorpusError
        from reader.archive.stored import parse_filter

        self._timer = None
        text = self.query_one("#corpus-filter", Input).value
        try:
            f = parse_filter(text)
        except CorpusError as exc:
            self.query_one("#corpus-info", Static).update(Content(str(exc)))
            return
        if not f.describe():
            f = None
        self.run_query(f, 0)

    # ------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return bool(self.query_one("#corpus-filter", Input).value)
        if action == "open":
            return bool(self.shown)
        return True

    def action_to_list(self) -> None:
        """↓ in the filter line goes down to the list (the list's own ↓ moves its cursor)."""
        self.table.focus()

    def filter_outlet(self, outlet: str) -> None:
        """Show the stories of one outlet (from the outlets view)."""
        box = self.query_one("#corpus-filter", Input)
        box.value = f'outlet:"{outlet}"' if '"' not in outlet else f"outlet:{outlet.split()[0]}"
        self._apply_filter()
        self.table.focus()

    def action_filter(self) -> None:
        self.query_one("#corpus-filter", Input).focus()

    def action_clear(self) -> None:
        box = self.query_one("#corpus-filter", Input)
        box.value = ""
        self._apply_filter()
        self.table.focus()

    def action_outlets(self) -> None:
        self.app.push_screen(OutletsScreen(self.corpus))

    def action_open(self) -> None:
        if self.focused is not None and self.focused.id == "corpus-filter":
            self._submitted()
            return
        row = self.table.cursor_row
        if not 0 <= row < len(self.shown):
            return
        story = self.shown[row]
        self._opening = story.story_id
        self.query_one("#corpus-info", Static).update(
            Content(f"opening “{one_line(story.title, 80)}” ({plural(story.articles, 'article')})…"))
        self.open_story(story.story_id)

    @on(DataTable.RowSelected, "#corpus-table")
    def _clicked(self) -> None:
        self.action_open()

    @work(thread=True, exclusive=True, group="open")
    def open_story(self, story_id: str) -> None:
        """The story's articles read and its comparisons restored (nothing aligned again)."""
        from reader.archive import CorpusError

        try:
            opened = self.corpus.open_story(story_id)
            overview = opened.overview()
        except CorpusError as exc:
            self.app.call_from_thread(self._not_opened, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bad row or file: said, never a crash
            self.app.call_from_thread(self._not_opened, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._opened, story_id, opened, overview)

    def _not_opened(self, reason: str) -> None:
        self._opening = None
        self._info()
        self.notify(one_line(f"The story could not be opened: {reason}", 300), markup=False, severity="error",
                    timeout=8)

    def _opened(self, story_id: str, opened, overview) -> None:
        if self._opening != story_id or self.app.screen is not self:
            return  # another story was asked for meanwhile, or the reader moved on
        self._opening = None
        self._info()
        # Articles left out are said by the pair view (w lists them); changed ones here.
        if opened.changed:
            self.notify(f"{plural(len(opened.changed), 'article')} changed since the corpus was built: "
                        "compared afresh (w lists them)", markup=False, severity="warning",
                        timeout=8)
        if len(opened.story.articles) == 1:
            self.notify("A story of one article: nothing to compare it with (it is shown on both sides).",
                        markup=False, timeout=6)
        self.app.show_story(opened, overview)  # type: ignore[attr-defined]


class OutletsScreen(Screen[None]):
    """Outlets × outlets: for each outlet (row), the mean share of sentences its articles have in
    common with another outlet's on the same story (copied or edited), and how many of its
    articles read as copies of that outlet's; under it, the highlighted outlet in words."""

    BINDINGS = [Binding("enter", "stories", "Its stories", id="reader.outlets_stories",
                        tooltip="The story list, filtered to the outlet under the cursor"),
                Binding("escape,t", "close", "Back", id="reader.outlets_close")]
    AUTO_FOCUS = "#outlets-table"
    LIMIT = 26

    def __init__(self, corpus: StoredCorpus) -> None:
        super().__init__(id="outlets")
        self.corpus = corpus
        self.rows: list[dict] = []
        self.names: list[str] = []

    def compose(self) -> ComposeResult:
        yield KeyBar(id="outlets-keys")
        yield Static(Content.assemble(("Outlets × outlets", "bold"), ("  │  ", "dim"),
                                      "a cell: the share of the row outlet's sentences that the column outlet's "
                                      "article on the same story has too, word for word or edited (mean; either "
                                      "may have copied); n→: n of the row's articles read as copies of the "
                                      "column's; blank: no story in common"), id="outlets-title", markup=False)
        yield StoryTable(id="outlets-table", cursor_type="row", zebra_stripes=True, fixed_columns=1)
        yield Static("", id="outlets-detail", markup=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="outlets")
    def load(self) -> None:
        try:
            rows = self.corpus.outlet_rows()
            counts = self.corpus.outlets()
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, one_line(f"the outlets could not be read: {exc}", 300),
                                      markup=False, severity="error")
            return
        self.app.call_from_thread(self._loaded, rows, counts)

    def _loaded(self, rows: list[dict], counts: list[tuple[str, int]]) -> None:
        self.rows = rows
        shared = {r["outlet"] for r in rows}
        self.names = [o for o, _ in counts if o in shared][: self.LIMIT]
        table = self.query_one("#outlets-table", DataTable)
        table.clear(columns=True)
        if not self.names:
            self.query_one("#outlets-detail", Static).update(Content("No two outlets share a story in this corpus."))
            return
        letters = [chr(ord("A") + k) for k in range(len(self.names))]
        table.add_column("", key="name", width=min(28, max(len(one_line(n, 28)) for n in self.names) + 4))
        for letter in letters:
            table.add_column(letter, key=letter, width=8)
        cell = {(r["outlet"], r["other"]): r for r in rows}
        for k, name in enumerate(self.names):
            cells: list = [Text(f"{letters[k]} {one_line(name, 24)}")]
            for other in self.names:
                r = cell.get((name, other))
                if other == name:
                    cells.append(Text("  ·", style="dim"))
                elif r is None:
                    cells.append(Text(""))
                else:
                    t = Text(f"{r['mean_shared']:>4.0%}", style="bold" if r["mean_shared"] >= 0.5 else "")
                    if r["copies"]:
                        t.append(f" {r['copies']}→", style="bold")
                    cells.append(t)
            table.add_row(*cells, key=name)
        if len([o for o, _ in counts if o in shared]) > self.LIMIT:
            self.notify(f"The {self.LIMIT} outlets with most articles are shown (reader corpus DIR --outlets lists all).",
                        markup=False, timeout=5)
        self._detail(0)

    @on(DataTable.RowHighlighted, "#outlets-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    @on(DataTable.RowSelected, "#outlets-table")
    def _clicked(self) -> None:
        self.action_stories()

    def _detail(self, row: int) -> None:
        from reader.archive.stored import outlet_line

        if not 0 <= row < len(self.names):
            return
        name = self.names[row]
        mine = [r for r in self.rows if r["outlet"] == name]
        n = mine[0]["articles"] if mine else 0
        lines = [f"{one_line(name, 60)} ({n:,} {'article' if n == 1 else 'articles'}):"]
        for r in mine[:6]:
            lines.append("  " + outlet_line(r))
        if len(mine) > 6:
            lines.append(f"  … and {len(mine) - 6} more outlets")
        self.query_one("#outlets-detail", Static).update(Content("\n".join(lines)))

    def action_stories(self) -> None:
        row = self.query_one("#outlets-table", DataTable).cursor_row
        if not 0 <= row < len(self.names):
            return
        name = self.names[row]
        self.dismiss()
        corpus = next((s for s in self.app.screen_stack if isinstance(s, CorpusScreen)), None)
        if corpus is not None:
            corpus.filter_outlet(name)

    def action_close(self) -> None:
        self.dismiss()
