"""The comparison: both articles side by side, one aligned row per engine Row.

One ScrollView using the Line API (``render_line(y) -> Strip``): per width the rows are
wrapped once (both columns, row height = the taller side), a prefix sum of row heights
maps a screen line to its row (bisect), and rendered strips are kept in an LRU cache that
is cleared on resize and on theme/style change. Article text only ever becomes Segment
text: it is never parsed as markup.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.engine.types import Comparison, Match, Row
from reader.tui.widgets.wrap import wrap

Side = Literal["left", "right"]

GUTTER = 4  # flag, kind mark, moved badge, space
SEPARATOR = 1
KIND_MARK = {"verbatim": "=", "near": "≈", "paraphrase": "~"}
UNIQUE_MARK = "+"
BOILER_MARK = "·"
MOVED_MARK = "↕"
FLAG_MARK = "⚑"


@dataclass(slots=True)
class SideText:
    """One side of a row, ready to wrap: the joined text and emphasised ranges."""

    text: str = ""
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    boilerplate: bool = False


@dataclass(slots=True)
class RowView:
    row: Row
    index: int  # index into Comparison.rows
    left: SideText
    right: SideText
    match: Match | None
    lines_left: list[tuple[int, int]] = field(default_factory=list)
    lines_right: list[tuple[int, int]] = field(default_factory=list)

    @property
    def boilerplate(self) -> bool:
        sides = [s for s, ids in ((self.left, self.row.left), (self.right, self.row.right)) if ids]
        return bool(sides) and all(s.boilerplate for s in sides)


def _side_text(comparison: Comparison, side: Side, ids: list[int], match: Match | None) -> SideText:
    article = comparison.left if side == "left" else comparison.right
    sentences = [article.sentences[i] for i in ids]
    text = " ".join(s.text for s in sentences).replace("\n", " ").replace("\t", " ")
    emphasis: list[tuple[int, int]] = []
    if match is not None and match.kind != "verbatim":
        for op in match.diff:
            if op.op != "equal":
                s, e = op.left if side == "left" else op.right
                if e > s:
                    emphasis.append((s, e))
    return SideText(text, emphasis, bool(sentences) and all(s.boilerplate for s in sentences))


def build_row_views(comparison: Comparison) -> list[RowView]:
    views = []
    for index, row in enumerate(comparison.rows):
        match = comparison.matches[row.match] if row.match is not None else None
        views.append(
            RowView(
                row, index,
                _side_text(comparison, "left", row.left, match),
                _side_text(comparison, "right", row.right, match),
                match,
            )
        )
    return views


class ComparisonView(ScrollView, can_focus=True, inherit_bindings=False):
    """Two aligned columns of sentences with a row cursor and a focused column.

    It has no bindings of its own (the scroll keys of ScrollView are dropped): the main
    screen binds every key, so all of them can be remapped by id.
    """

    COMPONENT_CLASSES = {
        "comparison--verbatim",
        "comparison--near",
        "comparison--paraphrase",
        "comparison--unique",
        "comparison--boilerplate",
        "comparison--diff",
        "comparison--cursor",
        "comparison--cursor-other",
        "comparison--gutter",
        "comparison--moved",
        "comparison--flag",
        "comparison--separator",
    }

    cursor: reactive[int] = reactive(0, init=False, always_update=False)
    """Index of the cursor row among the *visible* rows."""
    focus_side: reactive[Side] = reactive("left", init=False)
    collapse_boilerplate: reactive[bool] = reactive(False, init=False)

    class CursorMoved(Message):
        """The cursor row or focused column changed (the status line listens)."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.comparison: Comparison | None = None
        self.flags: set[tuple[str, int]] = set()
        self._views: list[RowView] = []
        self._visible: list[RowView] = []
        self._offsets: list[int] = [0]
        self._layout_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(2048)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._jump_back: tuple[int, int] | None = None  # (from row index, to row index)

    # ----------------------------------------------------------------- data
    def set_comparison(self, comparison: Comparison | None, flags: set[tuple[str, int]]) -> None:
        self.comparison = comparison
        self.flags = flags
        self._views = build_row_views(comparison) if comparison else []
        self._jump_back = None
        self._layout_width = -1
        self._relayout(keep_row=None)
        self.set_reactive(ComparisonView.cursor, 0)
        self.scroll_to(y=0, animate=False)
        self.post_message(self.CursorMoved())

    @property
    def row_count(self) -> int:
        return len(self._visible)

    @property
    def current(self) -> RowView | None:
        if 0 <= self.cursor < len(self._visible):
            return self._visible[self.cursor]
        return None

    @property
    def visible_rows(self) -> list[RowView]:
        return self._visible

    def _text_widths(self) -> tuple[int, int]:
        width = max(2 * GUTTER + SEPARATOR + 2, self.scrollable_content_region.width)
        inner = width - 2 * GUTTER - SEPARATOR
        return inner // 2, inner - inner // 2

    def _relayout(self, keep_row: int | None) -> None:
        """Wrap every visible row for the current width; keep ``keep_row`` (a Row index) under the cursor."""
        lw, rw = self._text_widths()
        self._layout_width = self.scrollable_content_region.width
        hide = self.collapse_boilerplate
        visible = [v for v in self._views if not (hide and v.boilerplate)]
        offsets = [0]
        total = 0
        for v in visible:
            v.lines_left = wrap(v.left.text, lw) if v.row.left else []
            v.lines_right = wrap(v.right.text, rw) if v.row.right else []
            total += max(1, len(v.lines_left), len(v.lines_right))
            offsets.append(total)
        self._visible = visible
        self._offsets = offsets
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        if keep_row is not None and visible:
            positions = [v.index for v in visible]
            pos = bisect_right(positions, keep_row) - 1
            self.set_reactive(ComparisonView.cursor, max(0, pos))
            self.call_after_refresh(self.scroll_to_cursor)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            row = self.current.index if self.current else None
            self._relayout(keep_row=row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def watch_collapse_boilerplate(self) -> None:
        row = self.current.index if self.current else None
        self._relayout(keep_row=row)
        self.post_message(self.CursorMoved())

    def watch_focus_side(self) -> None:
        self._refresh_row(self.cursor)
        self.post_message(self.CursorMoved())

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved())

    def refresh_flags(self) -> None:
        self._refresh_row(self.cursor)

    def _refresh_row(self, pos: int) -> None:
        if not 0 <= pos < len(self._visible):
            return
        top, bottom = self._offsets[pos], self._offsets[pos + 1]
        for y in range(top, bottom):
            self._cache.discard(y)
        self.refresh_lines(top, bottom - top)

    def row_span(self, pos: int) -> tuple[int, int]:
        return self._offsets[pos], self._offsets[pos + 1]

    def scroll_to_cursor(self) -> None:
        if not self._visible:
            return
        top, bottom = self.row_span(self.cursor)
        height = self.scrollable_content_region.height
        y = self.scroll_offset.y
        if top < y or bottom - top > height:
            self.scroll_to(y=top, animate=False)
        elif bottom > y + height:
            self.scroll_to(y=bottom - height, animate=False)

    def row_at_line(self, y: int) -> int:
        return max(0, min(len(self._visible) - 1, bisect_right(self._offsets, y) - 1))

    # --------------------------------------------------------------- moving
    def move(self, delta: int) -> None:
        if self._visible:
            self.cursor = max(0, min(len(self._visible) - 1, self.cursor + delta))

    def page(self, direction: int) -> None:
        if not self._visible:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        top, _ = self.row_span(self.cursor)
        target = self.row_at_line(top + direction * height)
        if target == self.cursor:
            target = self.cursor + direction
        self.move(target - self.cursor)

    def goto_row(self, row_index: int) -> bool:
        """Put the cursor on the visible row showing ``Row`` index ``row_index``."""
        for pos, v in enumerate(self._visible):
            if v.index == row_index:
                self.cursor = pos
                return True
        return False

    def find(self, direction: int, kind: Literal["match", "unique"]) -> bool:
        """Move to the next/previous matched row or row with a unique sentence."""
        n = len(self._visible)
        pos = self.cursor + direction
        while 0 <= pos < n:
            v = self._visible[pos]
            if kind == "match" and v.match is not None:
                self.cursor = pos
                return True
            if kind == "unique" and v.match is None and not v.boilerplate:
                self.cursor = pos
                return True
            pos += direction
        return False

    def jump_counterpart(self) -> bool:
        """For a moved match, jump to where the right article's order would put it, and back.

        A moved match is shown on its left sentence's row. Its counterpart position is the
        row holding the right sentence just before it in the right article (or just after,
        for the first sentence). Pressing again on that row jumps back to the match.
        """
        cur = self.current
        if cur is None or self.comparison is None:
            return False
        if self._jump_back and self._jump_back[1] == cur.index:
            back = self._jump_back[0]
            self._jump_back = None
            return self.goto_row(back)
        if cur.match is None or not cur.match.moved:
            return False
        target = self._natural_row(cur.match)
        if target is None:
            return False
        self._jump_back = (cur.index, target)
        return self.goto_row(target)

    def _natural_row(self, match: Match) -> int | None:
        where: dict[int, int] = {}
        for v in self._visible:
            for j in v.row.right:
                where[j] = v.index
        n = len(self.comparison.right.sentences) if self.comparison else 0
        for j in list(range(min(match.right) - 1, -1, -1)) + list(range(max(match.right) + 1, n)):
            row = where.get(j)
            if row is not None:
                return row
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._visible:
            return
        self.focus()
        y = offset.y + self.scroll_offset.y
        if y >= self._offsets[-1]:
            return
        lw, _ = self._text_widths()
        self.focus_side = "left" if offset.x < GUTTER + lw + SEPARATOR else "right"
        self.cursor = self.row_at_line(y)

    # ------------------------------------------------------------ rendering
    def _style(self, *names: str) -> Style:
        """The widget style with component styles layered on, alpha blended by hand.

        (``get_component_rich_style`` does not blend translucent theme colours such as
        ``$success 18%`` over the background, so tints are computed here.)
        """
        style = self._styles.get(names)
        if style is None:
            base = self.rich_style
            bg = Color.from_rich_color(base.bgcolor) if base.bgcolor else self.background_colors[1]
            fg = Color.from_rich_color(base.color) if base.color else self.styles.color
            text_style = Style()
            for name in names:
                comp = self.get_component_styles(name)
                if comp.has_rule("background"):
                    bg = bg + comp.background
                if comp.has_rule("color"):
                    fg = bg + comp.color if comp.color.a < 1 else comp.color
                if comp.has_rule("text_style"):
                    text_style += comp.text_style
            style = base + Style(color=fg.rich_color, bgcolor=bg.rich_color) + text_style
            self._styles[names] = style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_y = self.scroll_offset.y
        line = y + scroll_y
        width = self.scrollable_content_region.width
        strip = self._cache.get(line)
        if strip is None or strip.cell_length != width:
            strip = self._render_content_line(line, width)
            self._cache[line] = strip
        return strip

    def _render_content_line(self, y: int, width: int) -> Strip:
        if not self._visible or y >= self._offsets[-1]:
            return Strip.blank(width, self.rich_style)
        pos = self.row_at_line(y)
        view = self._visible[pos]
        k = y - self._offsets[pos]
        lw, rw = self._text_widths()
        is_cursor = pos == self.cursor
        segments: list[Segment] = []
        for side, text_width in (("left", lw), ("right", rw)):
            if side == "right":
                segments.append(Segment("│", self._style("comparison--separator")))
            segments.extend(self._side_segments(view, side, k, text_width, is_cursor))
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _side_base(self, view: RowView, side: Side, is_cursor: bool) -> tuple[str, ...]:
        ids = view.row.left if side == "left" else view.row.right
        st = view.left if side == "left" else view.right
        names: list[str] = []
        if ids:
            if st.boilerplate:
                names.append("comparison--boilerplate")
            elif view.match is not None:
                names.append(f"comparison--{view.match.kind}")
            else:
                names.append("comparison--unique")
        if is_cursor:
            names.append("comparison--cursor" if side == self.focus_side else "comparison--cursor-other")
        return tuple(names)

    def _side_segments(self, view: RowView, side: Side, k: int, width: int, is_cursor: bool) -> list[Segment]:
        ids = view.row.left if side == "left" else view.row.right
        st = view.left if side == "left" else view.right
        lines = view.lines_left if side == "left" else view.lines_right
        base_names = self._side_base(view, side, is_cursor)
        base = self._style(*base_names)
        gutter_style = self._style("comparison--gutter", *base_names[-1:] if is_cursor else ())
        out: list[Segment] = []
        # Gutter: flag, kind mark, moved badge, space (first line of a row only).
        if k == 0 and ids:
            article = self.comparison.left if side == "left" else self.comparison.right  # type: ignore[union-attr]
            flagged = any((article.path, i) in self.flags for i in ids)
            if st.boilerplate:
                mark = BOILER_MARK
            elif view.match is not None:
                mark = KIND_MARK[view.match.kind]
            else:
                mark = UNIQUE_MARK
            out.append(Segment(FLAG_MARK if flagged else " ", self._style("comparison--flag", *base_names[-1:] if is_cursor else ()) if flagged else gutter_style))
            mark_names = base_names[:1] if base_names and not st.boilerplate else ()
            out.append(Segment(mark, self._style("comparison--gutter", *mark_names)))
            moved = view.match is not None and view.match.moved
            out.append(Segment(MOVED_MARK if moved else " ", self._style("comparison--moved") if moved else gutter_style))
            out.append(Segment(" ", gutter_style))
        else:
            out.append(Segment(" " * GUTTER, gutter_style))
        if k >= len(lines):
            out.append(Segment(" " * width, base if ids else self._style(*base_names)))
            return out
        start, end = lines[k]
        text = st.text
        used = 0
        if st.emphasis and view.match is not None:
            diff_style = self._style(*base_names, "comparison--diff")
            pos = start
            for es, ee in st.emphasis:
                if ee <= pos or es >= end:
                    continue
                es, ee = max(es, pos), min(ee, end)
                if es > pos:
                    out.append(Segment(text[pos:es], base))
                out.append(Segment(text[es:ee], diff_style))
                pos = ee
            if pos < end:
                out.append(Segment(text[pos:end], base))
        else:
            out.append(Segment(text[start:end], base))
        used = Segment.get_line_length(out) - GUTTER
        if used < width:
            out.append(Segment(" " * (width - used), base))
        return out
