"""The article list: title, source, sentence count, and which article is left / right."""

from __future__ import annotations

from reader.corpus.errors import plural

from textual import events
from textual.geometry import Size
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.errors import one_line
from reader.corpus.model import Article
from reader.tui.lazy import is_empty


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
        detail = (f"{source} · {plural(len(article.sentences), 'sentence')}", "dim")
    return Content.assemble(
        (tag, tag_style),
        " ",
        (title, "strike" if state == "failed" else "bold"),
        "\n   ",
        detail,
    )


class ArticleList(OptionList):
    """OptionList of articles; the screen decides what choosing one means."""

    _marked: tuple[int, int] = (-1, -1)

    _measured_width: int = -1

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

    _states: dict[str, str] = {}

    def show_articles(self, articles: list[Article], left: int, right: int,
                      states: dict[str, str] | None = None) -> None:
        """``states``: path -> "pending" / "failed" (see :func:`article_prompt`)."""
        highlighted = self.highlighted
        self._marked = (left, right)
        self._states = dict(states or {})
        self._measured_width = -1
        self.set_class(len(articles) >= self.MANY, "-many")
        self.clear_options()
        st = self._states
        self.add_options(
            Option(article_prompt(a, left=i == left, right=i == right, state=st.get(a.path, "")), id=f"article-{i}")
            for i, a in enumerate(articles)
        )
        if articles:
            self.highlighted = highlighted if highlighted is not None and highlighted < len(articles) else left

    def mark(self, articles: list[Article], left: int, right: int) -> None:
        """Update the L/R tags without rebuilding the list (only the options that change)."""
        if (left, right) == self._marked:
            return
        old = self._marked
        self._marked = (left, right)
        self.update_articles(articles, set(old) | {left, right})

    def update_articles(self, articles: list[Article], indices, states: dict[str, str] | None = None) -> None:
        """Redraw the options at ``indices`` (an article loaded, failed or re-tagged)."""
        if states is not None:
            self._states = {**self._states, **states}
        left, right = self._marked
        for i in indices:
            if 0 <= i < len(articles) and i < self.option_count:
                a = articles[i]
                prompt = article_prompt(a, left=i == left, right=i == right, state=self._states.get(a.path, ""))
                self.replace_option_prompt_at_index(i, prompt)
