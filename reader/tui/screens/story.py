"""The story overview (key v): every pair of a story's articles, the facts across them, coverage.

Three tabs over one :class:`~reader.story.overview.Overview`, computed by the story layer
(``Library.overview``) in a worker thread with a progress bar, and kept by the App for the
session (its comparisons are the library's: opening a pair from here costs nothing):

* **Pairs**: every pair, the pair that shares most first; enter shows it side by side.
* **Facts**: one row per fact, a column per article marking how it reports it; filters by
  who reports it; enter shows each article's sentence (``FactScreen``) and from there the
  pair view at that sentence.
* **Coverage**: per article, the facts it reports and those only it reports.
* **Quotes**: each quote, who said it, which outlets carry it (!: worded or attributed
  differently); enter lists each outlet's wording, the changed words marked, and opens the pair.
* **Conflicts**: the details linked sentences state differently; enter shows that pair there.

Under the pairs table, who copied whom for the pair under the cursor (its arrow in the table:
``→`` the later article reads as a copy of the earlier, ``←`` the other way).

Articles are in the story's order (by date where known), so a pair's left article ran first.
Every cell is a ``rich.text.Text`` and every other piece of article text a ``Content``: all of
it is untrusted, and DataTable parses markup in ``str`` cells.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, OptionList, ProgressBar, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from reader.corpus.errors import one_line, plural
from reader.render.marks import KIND_MARK, KIND_MEANING, UNIQUE_MARK
from reader.tui.commands import BindingCommands
from reader.tui.messages import NotesChanged
from reader.tui.widgets.comparison import FLAG_MARK, FLAGGED, NOTE_MARK, NOTED
from reader.tui.widgets.keybar import KeyBar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.story.facts import Fact
    from reader.story.grouping import Story
    from reader.story.overview import Overview

ONLY_MARK = UNIQUE_MARK
"""In an article's column: only this article reports the fact (as ``+`` in the pair view)."""
KIND_COLOUR = {"verbatim": "success", "near": "warning", "paraphrase": "primary", "partial": "secondary",
               "only": "error"}
"""Theme colour of each kind's mark (the pair view's kind colours)."""
PROGRESS_EVERY = 0.05  # seconds between progress-bar updates from the worker

STORY_BINDINGS = [
    Binding("enter", "open", "Open", id="reader.story_open",
            tooltip="Pairs: show the pair side by side. Facts: each article's sentence, and the pair view there"),
    Binding("1", "tab('pairs')", "Pairs", id="reader.story_pairs"),
    Binding("2", "tab('facts')", "Facts", id="reader.story_facts"),
    Binding("3", "tab('coverage')", "Coverage", id="reader.story_coverage"),
    Binding("4", "tab('quotes')", "Quotes", id="reader.story_quotes",
            tooltip="Each quote, who said it, which outlets carry it; ! worded or attributed differently"),
    Binding("5", "tab('conflicts')", "Conflicts", id="reader.story_conflicts",
            tooltip="Details linked sentences state differently: numbers, dates, names, places, what happened"),
    Binding("a", "filter('all')", "By all", id="reader.facts_all", tooltip="Facts every article reports"),
    Binding("b", "filter('all_but_one')", "All but one", id="reader.facts_all_but_one",
            tooltip="Facts every article but one reports"),
    Binding("o", "filter('only')", "Only one", id="reader.facts_only",
            tooltip="Facts one article alone reports (again: each article in turn)"),
    Binding("e", "filter('any')", "Every fact", id="reader.facts_any"),
    Binding("escape,v", "close", "Pair view", id="reader.story_close"),
    Binding("w", "app.problems", "Problems", id="reader.story_problems", show=False,
            tooltip="Files skipped (and why) and warnings about the articles"),
]

def outlet_labels(articles: list[Article]) -> list[str]:
    """A short name per article: its source (numbered when two articles share one)."""
    from reader.story.overview import outlet_labels as labels

    return labels(articles, 40)


def letter(k: int) -> str:
    """A one-cell name for article ``k`` of a story too wide for its outlets' names."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[k] if k < 26 else "abcdefghijklmnopqrstuvwxyz"[(k - 26) % 26]


def partner(overview: Overview, fact: Fact, k: int) -> int:
    """Which article to show beside article ``k`` for ``fact``: the one whose sentence stands
    for the fact, else another article reporting it, else the article ``k`` shares most with."""
    if fact.central[0] != k:
        return fact.central[0]
    other = next((a for a in fact.articles if a != k), None)
    if other is not None:
        return other
    best = next((p for p in overview.pairs if k in (p.left, p.right)), None)
    if best is not None:
        return best.right if best.left == k else best.left
    return 0 if k else min(1, len(overview.articles) - 1)


def mark_text(bits: int) -> str:
    return (FLAG_MARK if bits & FLAGGED else " ") + (NOTE_MARK if bits & NOTED else " ")


def sentence_with_diff(text: str, central: str) -> Content:
    """``text`` with the words that differ from the fact's ``central`` sentence emphasised."""
    content = Content(text)
    if text == central:
        return content
    from reader.engine.diff import word_diff

    for op in word_diff(central, text):
        if op.op != "equal" and op.right[1] > op.right[0]:
            content = content.stylize("bold underline", *op.right)
    return content


class _Closed(Exception):
    """The overview's screen was closed while its pairs were compared."""


class FactList(OptionList, inherit_bindings=False):
    """An OptionList whose enter is the screen's (shown in the key bar, remappable)."""

    BINDINGS = [b for b in OptionList.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")]


class StoryTable(DataTable, inherit_bindings=False):
    """A DataTable without its own enter binding, so the screen's (remappable, shown in the
    key bar) "Open" gets the key; clicking a row still selects it. j and k move as in the pair view."""

    BINDINGS = [b for b in DataTable.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")] + [
        Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "Top", show=False), Binding("G,end", "scroll_bottom", "Bottom", show=False)]


class StoryCommands(BindingCommands):
    """The overview's commands ("Story: Facts tab", …)."""

    PREFIX = "Story: "

    def bindings(self) -> list[Binding]:
        return STORY_BINDINGS

    def name(self, binding: Binding) -> str:
        return super().name(binding) + (" tab" if binding.action.startswith("tab(") else "")


class StoryScreen(Screen[None]):
    BINDINGS = STORY_BINDINGS
    COMMANDS = {StoryCommands}
    AUTO_FOCUS = "#pairs-table"

    def __init__(self, story: Story) -> None:
        super().__init__(id="story")
        self.story = story
        self.overview: Overview | None = None
        self.which = "any"
        """The facts filter: all, all_but_one, only, any."""
        self.only: int | None = None
        """With ``only``: the article whose facts are shown (None: any one article)."""
        self.facts: list[Fact] = []
        """The facts shown (filtered), in table order."""
        self.marks: list[dict[int, int]] = []
        """Per article: sentence id -> FLAGGED | NOTED bits."""
        self._last_progress = 0.0
        self._placed = False

    @property
    def reader(self) -> "ReaderApp":  # noqa: F821 - the App (not imported: it imports the screens)
        return self.app  # type: ignore[return-value]

    @property
    def articles(self) -> list[Article]:
        return self.story.articles

    def compose(self) -> ComposeResult:
        yield KeyBar(id="story-keys")
        yield Static(self._title(), id="story-title", markup=False)
        with Horizontal(id="story-progress"):
            yield Static(Content(f"comparing {plural(self._pair_count(), 'pair')}…"), id="story-progress-label",
                         markup=False)
            yield ProgressBar(total=max(1, self._pair_count()), show_eta=False, id="story-progress-bar")
        with TabbedContent(id="story-tabs", initial="pairs"):
            with TabPane("Pairs", id="pairs"):
                yield StoryTable(id="pairs-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="pairs-copying", markup=False)
            with TabPane("Facts", id="facts"):
                yield Static("", id="facts-filter", markup=False)
                yield StoryTable(id="facts-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Coverage", id="coverage"):
                yield StoryTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Quotes", id="quotes"):
                yield Static("", id="quotes-info", markup=False)
                yield StoryTable(id="quotes-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Conflicts", id="conflicts"):
                yield Static("", id="conflicts-info", markup=False)
                yield StoryTable(id="conflicts-table", cursor_type="row", zebra_stripes=True)

    def _pair_count(self) -> int:
        n = len(self.articles)
        return n * (n - 1) // 2

    def _title(self) -> Content:
        n = len(self.articles)
        from reader.tui.widgets.article_list import outlets

        return Content.assemble(
            ("Story", "bold"), ("  │  ", "dim"), (one_line(self.story.title, 200) or "(untitled)", "bold"),
            ("  │  ", "dim"), f"{plural(n, 'article')}, {plural(self._pair_count(), 'pair')}",
            ("  │  ", "dim"), (outlets(self.articles), "dim"),
        )

    def on_mount(self) -> None:
        key = self._key()
        cached = self.reader.overviews.get(key)
        if cached is not None:
            self._built(cached)
        else:
            self.build_overview()

    def _key(self) -> tuple[str, ...]:
        return tuple(a.path for a in self.articles)

    # ------------------------------------------------------------ computing
    @work(thread=True, exclusive=True, group="overview")
    def build_overview(self) -> None:
        """The overview from the story layer (its pairs compared through the library, each
        once), off the UI thread; the progress bar follows. Closing the screen stops it after
        the pair being compared (those compared stay in the library for next time)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Closed
            now = time.monotonic()
            if done == total or now - self._last_progress >= PROGRESS_EVERY:
                self._last_progress = now
                self.app.call_from_thread(self._progress, done, total)

        try:
            overview = self.reader.library.overview(self.story, progress=progress)
        except _Closed:
            return
        except Exception as exc:  # noqa: BLE001 - an article the engine chokes on never kills the app
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, one_line(f"{type(exc).__name__}: {exc}", 300))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._built, overview)

    def _failed(self, reason: str) -> None:
        self.notify(f"The story's overview could not be built: {reason}", markup=False, severity="error",
                    timeout=10)
        if self.is_attached:
            self.query_one("#story-progress-label", Static).update(Content("could not be built"))

    def _progress(self, done: int, total: int) -> None:
        if not self.is_attached:
            return
        self.query_one("#story-progress-bar", ProgressBar).update(total=total, progress=done)
        self.query_one("#story-progress-label", Static).update(Content(f"comparing pairs: {done} of {total}"))

    def _built(self, overview: Overview) -> None:
        self.reader.overviews[self._key()] = overview
        if not self.is_attached:
            return  # closed while the pairs were compared: kept for next time
        self.overview = overview
        self.query_one("#story-progress").display = False
        self._read_marks()
        self._fill()
        self.refresh_bindings()

    # ------------------------------------------------------------ tables
    def _read_marks(self) -> None:
        notes = self.reader.notes
        self.marks = [notes.marks_for(a) for a in self.articles]

    def fact_marks(self, fact: Fact) -> int:
        bits = 0
        for k, sid in fact.members:
            bits |= self.marks[k].get(sid, 0) if k < len(self.marks) else 0
        return bits

    def _fill(self) -> None:
        if self.overview is None:
            return
        self._fill_pairs()
        self._fill_facts()
        self._fill_coverage()
        self._fill_quotes()
        self._fill_conflicts()

    def _width(self) -> int:
        return max(60, self.size.width or self.app.size.width)

    def _article_label(self, k: int, width: int) -> str:
        a = self.articles[k]
        label = outlet_labels(self.articles)[k]
        return one_line(f"{label} · {a.title or '(untitled)'}", width)

    def _fill_pairs(self) -> None:
        ov = self.overview
        assert ov is not None
        table = self.query_one("#pairs-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        narrow = self._width() < 120
        fixed = {"rank": 2 if narrow else 3, "similarity": 5 if narrow else 10, "links": 5, "left_unique": 6,
                 "right_unique": 6, "copied": 6}
        rest = self._width() - sum(fixed.values()) - 2 * (len(fixed) + 2) - 3
        side = max(12, rest // 2)
        for key, label, width in (("rank", "#", fixed["rank"]), ("left", "Earlier article", side),
                                  ("right", "Later article", side),
                                  ("similarity", "Sim." if narrow else "Similarity", fixed["similarity"]),
                                  ("links", "Links", fixed["links"]), ("left_unique", "Only ◀", fixed["left_unique"]),
                                  ("right_unique", "Only ▶", fixed["right_unique"]),
                                  ("copied", "Copy", fixed["copied"])):
            table.add_column(Text(label), width=width, key=key)
        for rank, p in enumerate(ov.pairs, 1):
            similarity = Text(f"{p.similarity:.0%}", style="bold")
            if not p.one_event:
                similarity.append(" ≠", style="dim")
            table.add_row(
                Text(str(rank), style="dim"),
                Text(self._article_label(p.left, side), no_wrap=True),
                Text(self._article_label(p.right, side), no_wrap=True),
                similarity,
                Text(str(p.links)),
                Text(str(p.left_unique)),
                Text(str(p.right_unique)),
                self._copy_cell(p.left, p.right),
                key=f"{p.left}-{p.right}",
            )
        if ov.pairs:
            if not self._placed:  # first filled: on the pair the pair view shows, if it is one of these
                self._placed = True
                keep = self._shown_pair(ov)
            table.move_cursor(row=min(max(keep, 0), len(ov.pairs) - 1), animate=False)
        self._show_copying()

    def _shown_pair(self, ov: Overview) -> int:
        """The row of the pair on the pair view under this screen (0 if it is not in the story)."""
        main = next((s for s in self.reader.screen_stack if s.id == "main"), None)
        c = getattr(getattr(main, "view", None), "comparison", None)
        if c is None:
            return 0
        shown = {c.left.path, c.right.path}
        return next((k for k, p in enumerate(ov.pairs)
                     if {self.articles[p.left].path, self.articles[p.right].path} == shown), 0)

    def _copy_cell(self, left: int, right: int) -> Text:
        """"→ 70%": the later article reads as a copy of the earlier (its share copied or edited);
        "←" the other way; blank when the evidence names no direction."""
        d = self.overview.derivation(left, right) if self.overview else None
        if d is None or d.source is None or d.copy is None:
            return Text("")
        return Text(f"{'→' if d.source == left else '←'} {d.share(d.copy):.0%}", style="bold")

    def _show_copying(self) -> None:
        """Under the pairs table: who copied whom in the pair under the cursor, and why."""
        ov = self.overview
        if ov is None or not self.is_attached:
            return
        from reader.story.derived import possessive, sentence

        row = self.query_one("#pairs-table", DataTable).cursor_row
        parts: list[str | tuple[str, str]] = []
        if 0 <= row < len(ov.pairs):
            p = ov.pairs[row]
            d = ov.derivation(p.left, p.right)
            labels = outlet_labels(self.articles)
            said = sentence(d, labels) if d is not None else ""
            if said:
                parts.append((said, "bold"))
                for e in d.evidence:  # type: ignore[union-attr]
                    parts += ["\n  ", (e, "dim")]
            elif d is not None:
                parts.append((f"No copying to speak of: {d.left_copied} of {possessive(labels[p.left])} "
                              f"{d.left_total} and {d.right_copied} of {possessive(labels[p.right])} {d.right_total} "
                              "sentences (quotations aside) are copies or edits of the other's.", "dim"))
        directed = len(ov.derived)
        said = ("No pair of the story reads as a copy of another." if not directed else
                f"{plural(directed, 'pair')} of the story read{'s' if directed == 1 else ''} as a copy "
                "(→ / ← in the Copy column).")
        parts += ["\n", (said, "dim")]
        self.query_one("#pairs-copying", Static).update(Content.assemble(*parts))

    @on(DataTable.RowHighlighted, "#pairs-table")
    def _pair_highlighted(self) -> None:
        self._show_copying()

    # ------------------------------------------------------------ quotes and conflicts
    def _fill_quotes(self) -> None:
        ov = self.overview
        assert ov is not None
        table = self.query_one("#quotes-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        labels, width, letters = self._columns()
        speaker_w = 16 if self._width() >= 100 else 10
        text_width = max(16, self._width() - 2 - speaker_w - len(labels) * (width + 2) - 6 - 3)
        table.add_column(Text(""), width=1, key="flag")
        table.add_column(Text("Said by"), width=speaker_w, key="speaker")
        table.add_column(Text("Quote"), width=text_width, key="text")
        for k, label in enumerate(labels):
            table.add_column(Text(label), width=width, key=f"a{k}")
        for q in ov.quotes:
            occ = {o.article: o for o in q.occurrences}
            cells = [Text("!" if q.flagged else "", style="bold yellow"),
                     Text(one_line(q.speaker or "—", speaker_w), no_wrap=True, style="bold" if q.speaker else "dim"),
                     Text(one_line(f"“{q.text}”", text_width), no_wrap=True)]
            for k in range(len(labels)):
                o = occ.get(k)
                if o is None:
                    cells.append(Text(""))
                elif o.altered or o.speaker_differs:
                    cells.append(Text("≠", style="bold yellow"))
                else:
                    cells.append(Text("•", style="bold"))
            table.add_row(*cells, key=str(q.id))
        if ov.quotes:
            table.move_cursor(row=min(max(keep, 0), len(ov.quotes) - 1), animate=False)
        flagged = sum(1 for q in ov.quotes if q.flagged)
        parts: list[str | tuple[str, str]] = [
            ("Quotes: ", "bold"), f"{plural(len(ov.quotes), 'quote')}, "
            + (f"{flagged} worded or attributed differently (!)" if flagged else "all worded and attributed alike")]
        if letters:
            parts += ["\n", *self._letter_key()]
        parts += ["\n", ("• carries it as most outlets do  ≠ words it differently or names another speaker  "
                         "·  enter: each outlet's wording", "dim")]
        self.query_one("#quotes-info", Static).update(Content.assemble(*parts))

    def _fill_conflicts(self) -> None:
        ov = self.overview
        assert ov is not None
        table = self.query_one("#conflicts-table", DataTable)
        table.clear(columns=True)
        width = self._width()
        letters = width < 120 and len(self.articles) > 1
        names = [letter(k) for k in range(len(self.articles))] if letters else outlet_labels(self.articles)
        side = max(14, min(34, (width - 10) // 4))
        text_width = max(16, width - 7 - 2 * side - 2 * 4 - 3)
        table.add_column(Text("Kind"), width=7, key="kind")
        table.add_column(Text("One says"), width=side, key="left")
        table.add_column(Text("The other says"), width=side, key="right")
        table.add_column(Text("Sentence"), width=text_width, key="text")
        for n, sc in enumerate(ov.conflicts):
            m = ov.comparisons[sc.left, sc.right].matches[sc.match]
            c = sc.conflict
            table.add_row(
                Text(c.kind, style="bold"),
                Text(one_line(f"{names[sc.left]}: {c.left}", side), no_wrap=True, style="bold red"),
                Text(one_line(f"{names[sc.right]}: {c.right}", side), no_wrap=True, style="bold red"),
                Text(one_line(m.texts[0], text_width), no_wrap=True),
                key=str(n),
            )
        info: list[str | tuple[str, str]] = [("Conflicting details: ", "bold")]
        if ov.conflicts:
            info.append(f"{plural(len(ov.conflicts), 'conflicting detail')} in linked sentences "
                        "(only clear disagreements: a detail one side leaves out is not one)")
            if letters:
                info += ["\n", *self._letter_key()]
            info += ["\n", ("enter: the pair, at that sentence", "dim")]
        else:
            info.append("none — no linked sentences state a number, date, name, place or event differently")
        self.query_one("#conflicts-info", Static).update(Content.assemble(*info))

    def _columns(self) -> tuple[list[str], int, bool]:
        """The facts table's article columns: labels, their width, and whether they are
        letters (the filter line says which article each is). The fact's text keeps at least
        half the width."""
        labels = outlet_labels(self.articles)
        n = len(labels)
        width = self._width()
        longest = max(len(s) for s in labels)
        for cap in (16, 10):
            want = max(3, min(cap, longest))
            if 2 + max(30, width // 2) + n * (want + 2) + 7 <= width:
                return [one_line(s, want) for s in labels], want, False
        return [letter(k) for k in range(n)], 1, True

    def _fill_facts(self) -> None:
        ov = self.overview
        assert ov is not None
        table = self.query_one("#facts-table", DataTable)
        current = self.current_fact
        table.clear(columns=True)
        labels, width, letters = self._columns()
        text_width = max(16, self._width() - 2 - len(labels) * (width + 2) - 4 - 3)
        table.add_column(Text(""), width=2, key="marks")
        table.add_column(Text("Fact"), width=text_width, key="text")
        for k, label in enumerate(labels):
            table.add_column(Text(label), width=width, key=f"a{k}")
        theme = self.app.current_theme
        colours = {kind: getattr(theme, name, None) or "" for kind, name in KIND_COLOUR.items()}
        self.facts = ov.filtered(self.which, self.only if self.which == "only" else None)
        for f in self.facts:
            cells = [Text(mark_text(self.fact_marks(f)), style="bold"), Text(one_line(f.text, text_width), no_wrap=True)]
            for k in range(len(labels)):
                kind = f.kinds.get(k)
                mark = "" if kind is None else ONLY_MARK if kind == "only" else KIND_MARK.get(kind, "?")
                cells.append(Text(mark, style=f"bold {colours.get(kind, '')}".strip() if kind else ""))
            table.add_row(*cells, key=str(f.id))
        if current is not None and current in self.facts:
            table.move_cursor(row=self.facts.index(current), animate=False)
        self._show_filter(letters)

    def _letter_key(self) -> list[str | tuple[str, str]]:
        """"A Valley Courier  B Harbour Ledger …": which article each column letter stands for."""
        return [part for k, name in enumerate(outlet_labels(self.articles))
                for part in ((letter(k), "bold"), f": {one_line(name, 24)}   ")]

    def _show_filter(self, letters: bool) -> None:
        ov = self.overview
        assert ov is not None
        n = len(self.articles)
        names = outlet_labels(self.articles)
        if self.which == "all":
            what = f"reported by all {n} articles"
        elif self.which == "all_but_one":
            what = f"reported by all but one of the {n} articles" + (" (none with two articles)" if n <= 2 else "")
        elif self.which == "only":
            what = ("reported by one article alone" if self.only is None
                    else f"reported only by {names[self.only]}")
        else:
            what = "every fact"
        parts: list[str | tuple[str, str]] = [
            ("Facts: ", "bold"), what, f" ({plural(len(self.facts), 'fact')} of {len(ov.facts)})",
        ]
        if letters:
            parts += ["\n", *self._letter_key()]
        marks = "  ".join(f"{m} {kind}" for kind, m in KIND_MARK.items())
        parts += ["\n", (f"{marks}  {ONLY_MARK} only this article  ·  a all · b all but one · o only one · e every fact",
                         "dim")]
        self.query_one("#facts-filter", Static).update(Content.assemble(*parts))

    def _fill_coverage(self) -> None:
        ov = self.overview
        assert ov is not None
        table = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        names = outlet_labels(self.articles)
        width = self._width()
        outlet = min(20, max(len(n) for n in names))
        columns = [("outlet", "Article", outlet), ("title", "Title", 0)]
        if width >= 100:
            columns.append(("date", "Date", 16))
        columns += [("facts", "Facts", 5), ("exclusive", "Only it", 7), ("share", "Share", 5)]
        title_width = max(12, width - sum(w for _, _, w in columns) - 2 * len(columns) - 3)
        for key, label, w in columns:
            table.add_column(Text(label), width=w or title_width, key=key)
        total = len(ov.facts) or 1
        for c in ov.coverage:
            a = self.articles[c.article]
            cells = {
                "outlet": Text(one_line(names[c.article], outlet), style="bold", no_wrap=True),
                "title": Text(one_line(a.title or "(untitled)", title_width), no_wrap=True),
                "date": Text(one_line(a.date or "", 16), style="dim", no_wrap=True),
                "facts": Text(str(c.facts)),
                "exclusive": Text(str(c.exclusive)),
                "share": Text(f"{c.facts / total:.0%}", style="dim"),
            }
            table.add_row(*(cells[key] for key, _, _ in columns), key=str(c.article))

    def on_resize(self) -> None:
        if self.overview is not None:
            self._fill()

    @on(NotesChanged)
    def notes_changed(self) -> None:
        """Flags or notes changed (here or in another reader): new marks on the facts."""
        if self.overview is not None:
            self._read_marks()
            self._fill_facts()

    def on_screen_resume(self) -> None:
        self.reader.poll_notes()

    # ------------------------------------------------------------ keys
    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    @property
    def current_fact(self) -> Fact | None:
        if not self.facts or not self.is_attached:
            return None
        row = self.query_one("#facts-table", DataTable).cursor_row
        return self.facts[row] if 0 <= row < len(self.facts) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return self.overview is not None and self.tab == "facts"
        if action == "open":
            if self.overview is None or self.tab == "coverage":
                return None
            if self.tab == "conflicts" and not self.overview.conflicts:
                return None
            if self.tab == "quotes" and not self.overview.quotes:
                return None
            return True
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()
        table = self.query_one(f"#{self.tab}-table", DataTable)
        table.focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_filter(self, which: str) -> None:
        if self.overview is None:
            return
        if which == "only":
            n = len(self.articles)
            if self.which != "only":
                self.only = None
            else:  # any one article -> the first -> ... -> the last -> any one article
                self.only = 0 if self.only is None else (self.only + 1 if self.only + 1 < n else None)
        self.which = which
        self._fill_facts()
        table = self.query_one("#facts-table", DataTable)
        if self.facts:
            table.move_cursor(row=0, animate=False)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        ov = self.overview
        if ov is None:
            return
        if self.tab == "pairs":
            row = self.query_one("#pairs-table", DataTable).cursor_row
            if 0 <= row < len(ov.pairs):
                p = ov.pairs[row]
                self.open_pair(p.left, p.right)
        elif self.tab == "facts":
            fact = self.current_fact
            if fact is not None:
                self.app.push_screen(FactScreen(self, fact), self._fact_chosen)
        elif self.tab == "quotes":
            row = self.query_one("#quotes-table", DataTable).cursor_row
            if 0 <= row < len(ov.quotes):
                self.app.push_screen(QuoteScreen(self, ov.quotes[row]), self._quote_chosen)
        elif self.tab == "conflicts":
            row = self.query_one("#conflicts-table", DataTable).cursor_row
            if 0 <= row < len(ov.conflicts):
                sc = ov.conflicts[row]
                m = ov.comparisons[sc.left, sc.right].matches[sc.match]
                self.open_pair(sc.left, sc.right, "left", m.left[0])

    def _quote_chosen(self, choice: tuple[int, int] | None) -> None:
        """From the quote's dialog: (article, sentence) to show, beside the outlet whose wording
        differs most from it (or the next that carries the quote)."""
        if choice is None or self.overview is None:
            return
        k, sid = choice
        q = next((q for q in self.overview.quotes if any(o.article == k and sid in o.sentences for o in q.occurrences)),
                 None)
        others = [o.article for o in q.occurrences if o.article != k] if q is not None else []
        if not others:
            self._fact_chosen(choice)
            return
        other = others[0]
        left, right = sorted((k, other))
        self.open_pair(left, right, "left" if k == left else "right", sid)

    def _fact_chosen(self, member: tuple[int, int] | None) -> None:
        if member is None or self.overview is None:
            return
        k, sid = member
        fact = next((f for f in self.overview.facts if member in f.members), None)
        other = partner(self.overview, fact, k) if fact is not None else (1 if k == 0 else 0)
        left, right = sorted((k, other))
        self.open_pair(left, right, "left" if k == left else "right", sid)

    def open_pair(self, left: int, right: int, side: str | None = None, sentence_id: int | None = None) -> None:
        """Back to the pair view, showing story articles ``left`` and ``right`` (the earlier one
        on the left: the overview compared them so), the cursor on a sentence if given."""
        reader = self.reader
        li, ri = reader.index_of(self.articles[left]), reader.index_of(self.articles[right])
        main = next((s for s in reader.screen_stack if s.id == "main"), None)
        if li < 0 or ri < 0 or main is None:
            self.notify("That article is no longer open.", markup=False, timeout=3)
            return
        self.dismiss()
        main.show_at(li, ri, side, sentence_id)  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss()


FACT_BINDINGS = [
    Binding("enter", "jump", "Show in the pair view", id="reader.fact_jump",
            tooltip="The pair view with this sentence under the cursor"),
    Binding("escape", "close", "Back", id="reader.fact_close"),
]


class FactScreen(ModalScreen[tuple[int, int] | None]):
    """One fact: each article's sentence that reports it, the words that differ from the
    sentence that stands for the fact emphasised; enter opens the pair view there."""

    BINDINGS = FACT_BINDINGS
    AUTO_FOCUS = "#fact-sentences"

    def __init__(self, story: StoryScreen, fact: Fact) -> None:
        super().__init__(id="fact")
        self.story = story
        self.fact = fact

    def compose(self) -> ComposeResult:
        story, fact = self.story, self.fact
        arts = story.articles
        names = outlet_labels(arts)
        central = arts[fact.central[0]].sentences[fact.central[1]].text
        with Vertical(id="fact-dialog") as dialog:
            dialog.border_title = Content(f"Fact {fact.id}: {plural(len(fact.articles), 'article')}")
            options = []
            for k, sid in fact.members:
                a = arts[k]
                kind = fact.kinds.get(k, "")
                mark = ONLY_MARK if kind == "only" else KIND_MARK.get(kind, "")
                meaning = "only this article reports it" if kind == "only" else KIND_MEANING.get(kind, kind)
                bits = story.marks[k].get(sid, 0) if k < len(story.marks) else 0
                head = Content.assemble(
                    (mark_text(bits), "bold"), (f"{mark} ", "bold"), (names[k], "bold"),
                    (" · ", "dim"), (one_line(a.title or "(untitled)", 120), "dim"),
                    (f"  #{sid}", "dim"),
                    ("  stands for the fact" if (k, sid) == fact.central else f"  {meaning}", "dim italic"),
                )
                text = a.sentences[sid].text
                body = sentence_with_diff(text, central) if (k, sid) != fact.central else Content(text)
                options.append(Option(Content.assemble(head, "\n", body, "\n"), id=f"m-{k}-{sid}"))
            yield FactList(*options, id="fact-sentences")
        yield KeyBar(id="fact-keys")

    def action_jump(self) -> None:
        lst = self.query_one("#fact-sentences", OptionList)
        k = lst.highlighted
        if k is not None and 0 <= k < len(self.fact.members):
            self.dismiss(self.fact.members[k])

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_jump()

    def action_close(self) -> None:
        self.dismiss(None)


QUOTE_BINDINGS = [
    Binding("enter", "jump", "Show in the pair view", id="reader.quote_jump",
            tooltip="The pair view with this outlet's sentence under the cursor"),
    Binding("escape", "close", "Back", id="reader.quote_close"),
]


def occurrence_content(o, text_changes: bool = True) -> Content:
    """An occurrence's words with the ones that differ from the quote's majority wording emphasised."""
    content = Content(f"“{o.text}”")
    if not text_changes:
        return content
    for c in o.changes:
        if c.now:
            at = o.text.find(c.now)
            if at >= 0:
                content = content.stylize("bold reverse", at + 1, at + 1 + len(c.now))
    return content


class QuoteScreen(ModalScreen[tuple[int, int] | None]):
    """One quote: each outlet's wording and speaker, the changed words marked; enter opens the
    pair view at that outlet's sentence."""

    BINDINGS = QUOTE_BINDINGS
    AUTO_FOCUS = "#quote-occurrences"

    def __init__(self, story: StoryScreen, quote) -> None:
        super().__init__(id="quote")
        self.story = story
        self.quote = quote

    def compose(self) -> ComposeResult:
        q = self.quote
        names = outlet_labels(self.story.articles)
        with Vertical(id="fact-dialog") as dialog:
            who = f" — {q.speaker}" if q.speaker else ""
            dialog.border_title = Content(one_line(f"Quote {q.id}{who}: {plural(len(q.occurrences), 'outlet')}", 100))
            options = []
            for o in q.occurrences:
                note = self.story_note(o)
                head = Content.assemble(
                    ("≠ " if o.altered or o.speaker_differs else "• ", "bold yellow" if note else "bold"),
                    (names[o.article], "bold"),
                    (f" · said by {o.speaker}" if o.speaker else " · no speaker named", "dim"),
                    ("  #" + "+#".join(str(i) for i in o.sentences), "dim"),
                    (f"  {note}" if note else "  as most outlets carry it", "italic"),
                )
                options.append(Option(Content.assemble(head, "\n", occurrence_content(o), "\n"),
                                      id=f"q-{o.article}"))
            yield FactList(*options, id="quote-occurrences")
        yield KeyBar(id="quote-keys")

    def story_note(self, o) -> str:
        from reader.story.quotes import describe_changes

        bits = []
        if o.altered:
            said = describe_changes(o)
            if o.against is not None:
                said = said.replace("worded differently", f"worded differently from "
                                    f"{outlet_labels(self.story.articles)[o.against]}", 1)
            bits.append(said)
        if o.speaker_differs:
            bits.append("another speaker")
        return one_line("; ".join(bits), 160)

    def action_jump(self) -> None:
        k = self.query_one("#quote-occurrences", OptionList).highlighted
        occs = self.quote.occurrences
        if k is not None and 0 <= k < len(occs) and occs[k].sentences:
            self.dismiss((occs[k].article, occs[k].sentences[0]))

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_jump()

    def action_close(self) -> None:
        self.dismiss(None)
