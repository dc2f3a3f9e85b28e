"""The article list: stories as groups (a header per story, then its articles), or a flat list
while a big folder is still being read; each article with its title, source, sentence count and
whether it is shown left / right.

Option indexes are not article indexes once the list is grouped: headers sit between the
articles, and a story lists its articles by date. :meth:`ArticleList.article_at`,
:meth:`ArticleList.option_of` and :attr:`ArticleList.highlighted_article` translate.
"""

from __future__ import annotations

from reader.corpus.errors import one_line, plural

from textual import events
from textual.geometry import Size
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.model import Article
from reader.story.library import is_empty

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.story.grouping import Story

Group = tuple[Content | None, list[int]]
"""A header (None: no header) and the article indexes under it, in the order shown."""


def article_prompt(article: Article, *, left: bool, right: bool, state: str = "") -> Content:
    """Two lines built from plain text (article titles are untrusted: never markup).

    ``state`` is "" for a loaded article, "pending" for one listed but not read yet
    (sentence count "…"), "failed" for one that could not be read.
    """
    tag = ("L" if left else " ") + ("R" if right else " ")
    tag_style = "bold reverse" if (left or right) else ""
    title = one_line(article.title, 300) or "(untitled)"
    source = one_line(article.source, 120) or "unknown source"
    if state == "failed":
        detail: tuple[str, str] = (f"{source} · could not be read (w: why)", "dim italic")
    elif state == "pending":
        detail = (f"{source} · … sentences", "dim")
    elif is_empty(article):
        detail = (f"{source} · empty", "dim italic")
    else:
        detail = (f"{source} · {plural(len(article.sentences), 'sentence')}",
                  "dim italic" if article.source_guessed else "dim")  # a file name: a guess
    return Content.assemble(
        (tag, tag_style),
        " ",
        (title, "strike" if state == "failed" else "bold"),
        "\n   ",
        detail,
    )


def outlets(articles: list[Article]) -> str:
    """The sources of ``articles``, each once, in order."""
    names = dict.fromkeys(one_line(a.source, 60) or "unknown source" for a in articles)
    return ", ".join(names)


def story_header(story: Story) -> Content:
    """A story's header row: its title; how many articles, from which outlets."""
    return Content.assemble(
        ("▌", "$accent"), (one_line(story.title, 300) or "(untitled)", "bold"),
        "\n ", (f"{plural(len(story.articles), 'article')} · {outlets(story.articles)}", "italic"),
    )


def alone_header(count: int) -> Content:
    return Content.assemble(
        ("▌", "$accent"), ("Stories of one", "bold"),
        "\n ", (f"{plural(count, 'article')} no other article reports", "italic"),
    )


def list_groups(articles: list[Article], stories: list[Story]) -> list[Group]:
    """The list's groups: each story of two or more articles under its header, then every
    story of one (and any article in no story: unreadable) together under one header."""
    index = {id(a): k for k, a in enumerate(articles)}
    groups: list[Group] = []
    alone: list[int] = []
    placed: set[int] = set()
    for story in stories:
        members = [index[id(a)] for a in story.articles if id(a) in index]
        placed.update(members)
        if len(members) >= 2:
            groups.append((story_header(story), members))
        else:
            alone += members
    alone += [k for k in range(len(articles)) if k not in placed]
    if alone:
        groups.append((alone_header(len(alone)), alone))
    return groups


class ArticleList(OptionList):
    """OptionList of articles (in groups); the screen decides what choosing one means."""

    _marked: tuple[int, int] = (-1, -1)

    _measured_width: int = -1

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._option_of: dict[int, int] = {}
        """Article index -> option index."""
        self._article_at: list[int | None] = []
        """Option index -> article index (None for a header)."""
        self._group_of: dict[int, list[int]] = {}
        """Article index -> the article indexes of its group, in the order shown."""
        self._states: dict[str, str] = {}

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # Measure the options inside the screen's layout pass, as soon as the width is
        # known, rather than while painting (which asks for a second layout and paint).
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.scrollable_content_region.width
        if self.options and width != self._measured_width:
            self._clear_caches()
            self._update_lines()
            self._measured_width = width
        return changed

    MANY = 40
    """From this many articles, each entry is two unwrapped lines (class ``-many``): the
    list then knows every entry's height without measuring 2,000 titles."""

    def _update_lines(self) -> None:
        if not self.has_class("-many") or not self.scrollable_content_region:
            super()._update_lines()
            return
        # Unwrapped (styles/app.tcss): an entry is as many lines as its prompt has.
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        options = self.options
        for index in range(next_index, len(options)):
            prompt = options[index].prompt
            text = prompt.plain if isinstance(prompt, Content) else str(prompt)
            count = text.count("\n") + 1
            line_cache.index_to_line[index] = len(lines)
            line_cache.heights[index] = count
            lines.extend([(index, n) for n in range(count)])
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, len(lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _on_resize(self, event: events.Resize) -> None:
        # OptionList clears its caches and repaints on every Resize (a message after the
        # layout pass, so after the first frame). Measured already for this width: skip it.
        if self.scrollable_content_region.width == self._measured_width:
            event.prevent_default()

    # ------------------------------------------------------------ articles <-> options
    def article_at(self, option_index: int | None) -> int | None:
        """The article shown at ``option_index`` (None for a header)."""
        if option_index is None or not 0 <= option_index < len(self._article_at):
            return None
        return self._article_at[option_index]

    def option_of(self, article_index: int) -> int | None:
        return self._option_of.get(article_index)

    @property
    def highlighted_article(self) -> int | None:
        return self.article_at(self.highlighted)

    @highlighted_article.setter
    def highlighted_article(self, article_index: int) -> None:
        option = self.option_of(article_index)
        if option is not None:
            self.highlighted = option

    def group_of(self, article_index: int) -> list[int]:
        """The article indexes of ``article_index``'s group (its story), in the order shown."""
        return self._group_of.get(article_index, [])

    @property
    def grouped(self) -> bool:
        return any(a is None for a in self._article_at)

    # ------------------------------------------------------------ showing
    def show_articles(self, articles: list[Article], left: int, right: int,
                      states: dict[str, str] | None = None, groups: list[Group] | None = None) -> None:
        """Show ``articles`` in ``groups`` (None: flat, in their order). ``states``: path ->
        "pending" / "failed" (see :func:`article_prompt`). The highlighted article stays
        highlighted (and in view)."""
        keep = self.highlighted_article
        self._marked = (left, right)
        self._states = dict(states or {})
        self._measured_width = -1
        if groups is None:
            groups = [(None, list(range(len(articles))))]
        self.set_class(len(articles) >= self.MANY, "-many")
        st = self._states
        options: list[Option] = []
        self._article_at = []
        self._option_of = {}
        self._group_of = {}
        for g, (header, members) in enumerate(groups):
            if header is not None:
                options.append(Option(header, id=f"story-{g}", disabled=True))
                self._article_at.append(None)
            for i in members:
                a = articles[i]
                self._option_of[i] = len(options)
                self._group_of[i] = members
                options.append(Option(article_prompt(a, left=i == left, right=i == right,
                                                     state=st.get(a.path, "")), id=f"article-{i}"))
                self._article_at.append(i)
        self.clear_options()
        self.add_options(options)
        if articles:
            target = keep if keep is not None and keep in self._option_of else left
            self.highlighted_article = target
            self.call_after_refresh(self.scroll_to_highlight)

    def mark(self, articles: list[Article], left: int, right: int) -> None:
        """Update the L/R tags without rebuilding the list (only the options that change)."""
        if (left, right) == self._marked:
            return
        old = self._marked
        self._marked = (left, right)
        self.update_articles(articles, set(old) | {left, right})

    def update_articles(self, articles: list[Article], indices, states: dict[str, str] | None = None) -> None:
        """Redraw the articles at ``indices`` (loaded, failed or re-tagged)."""
        if states is not None:
            self._states = {**self._states, **states}
        left, right = self._marked
        for i in indices:
            option = self._option_of.get(i)
            if 0 <= i < len(articles) and option is not None and option < self.option_count:
                a = articles[i]
                prompt = article_prompt(a, left=i == left, right=i == right, state=self._states.get(a.path, ""))
                self.replace_option_prompt_at_index(option, prompt)
