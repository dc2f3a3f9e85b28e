"""The comparison: both articles side by side, one aligned row per engine Row.

One ScrollView using the Line API (``render_line(y) -> Strip``): per width the rows are
wrapped once (both columns, row height = the taller side), a prefix sum of row heights
maps a screen line to its row (bisect), and rendered strips are kept in an LRU cache that
is cleared on resize and on theme/style change. Article text only ever becomes Segment
text: it is never parsed as markup.
"""

from __future__ import annotations

from typing import Literal

from rich.cells import cell_len
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

from reader.engine.types import Comparison
from reader.render.marks import BOILER_MARK, KIND_MARK, MOVED_MARK, UNIQUE_MARK, badge
from reader.tui.rows import LinkCycle, RowModel, RowView, Side

GUTTER = 6  # flag, note mark, kind mark, moved mark, link badge, quote mark (or a space)
QUOTE_MARK = "❝"
"""In the gutter: the sentence holds a quote the other article words differently (or
attributes to someone else)."""
SEPARATOR = 1
FLAG_MARK = "⚑"
NOTE_MARK = "✎"
FLAGGED, NOTED = 1, 2  # bits of a sentence's mark (see reader.notes.session)


class ComparisonView(ScrollView, can_focus=True, inherit_bindings=False):
    """Two aligned columns of sentences with a row cursor and a focused column.

    It has no bindings of its own (the scroll keys of ScrollView are dropped): the main
    screen binds every key, so all of them can be remapped by id.
    """

    COMPONENT_CLASSES = {
        "comparison--verbatim",
        "comparison--near",
        "comparison--paraphrase",
        "comparison--partial",
        "comparison--badge",
        "comparison--unique",
        "comparison--boilerplate",
        "comparison--diff",
        "comparison--cursor",
        "comparison--cursor-other",
        "comparison--gutter",
        "comparison--moved",
        "comparison--flag",
        "comparison--note",
        "comparison--separator",
        "comparison--conflict",
        "comparison--quote",
    }

    cursor: reactive[int] = reactive(0, init=False, always_update=False)
    """Index of the cursor row among the *visible* rows."""
    focus_side: reactive[Side] = reactive("left", init=False)
    collapse_boilerplate: reactive[bool] = reactive(False, init=False)
    only_unique: reactive[bool] = reactive(False, init=False)
    """Show only the rows with a sentence one side alone has (key f)."""

    class CursorMoved(Message):
        """The cursor row or focused column changed (the status line listens)."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.comparison: Comparison | None = None
        self.marks: tuple[dict[int, int], dict[int, int]] = ({}, {})
        """Sentence id -> FLAGGED | NOTED bits, for the left and the right article."""
        self.quote_marks: tuple[set[int], set[int]] = (set(), set())
        """Per side: the sentences holding a quote the other article words differently."""
        self.model = RowModel()
        """The rows, which are shown and their layout (reader.tui.rows): this widget renders it."""
        self._layout_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(2048)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._jump_back: tuple[int, int] | None = None  # (from row index, to row index)
        self._cycle: LinkCycle | None = None
        self._cycling = False  # r is moving the cursor (other moves end its cycle)

    # ----------------------------------------------------------------- data
    def set_comparison(
        self, comparison: Comparison | None, marks: tuple[dict[int, int], dict[int, int]] = ({}, {})
    ) -> None:
        self.comparison = comparison
        self.marks = marks
        self.model = RowModel(comparison)
        self.model.hide_boilerplate = self.collapse_boilerplate
        self.model.only_unique = self.only_unique
        self._jump_back = None
        self._cycle = None
        self._layout_width = -1
        self._relayout(keep_row=None)
        self.set_reactive(ComparisonView.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.post_message(self.CursorMoved())

    @property
    def row_count(self) -> int:
        return len(self.model.visible)

    @property
    def current(self) -> RowView | None:
        visible = self.model.visible
        if 0 <= self.cursor < len(visible):
            return visible[self.cursor]
        return None

    @property
    def visible_rows(self) -> list[RowView]:
        return self.model.visible

    def _text_widths(self) -> tuple[int, int]:
        width = max(2 * GUTTER + SEPARATOR + 2, self.scrollable_content_region.width)
        inner = width - 2 * GUTTER - SEPARATOR
        return inner // 2, inner - inner // 2

    def _relayout(self, keep_row: int | None, in_layout: bool = False) -> None:
        """Choose the visible rows, wrap them for the current width; keep ``keep_row`` (a Row index) under the cursor.

        Before the first layout the width is unknown: rows are chosen but not wrapped
        (one line each) and ``on_resize`` wraps them once the width is known.
        """
        model = self.model
        model.hide_boilerplate = self.collapse_boilerplate
        model.only_unique = self.only_unique
        model.select()
        visible = model.visible
        width = self.scrollable_content_region.width
        if width > 0:
            self._layout_width = width
            total = model.layout(*self._text_widths())
        else:
            self._layout_width = -1
            total = model.height
        self._cache.clear()
        if in_layout:  # already inside the screen's layout pass: update without asking for another
            self.set_reactive(ComparisonView.virtual_size, Size(width, total))
            self._scroll_update(self.virtual_size)
        else:
            self.virtual_size = Size(width, total)
        if keep_row is not None and visible:
            self.set_reactive(ComparisonView.cursor, model.nearest_position(keep_row))
            self.call_after_refresh(self.scroll_to_cursor)
        self.refresh()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Called by the screen *during* its layout pass. Re-wrapping here (rather than in
        # on_resize, a message later) lets the new height go into the same pass: setting
        # ``virtual_size`` from on_resize costs a second layout and full repaint of the screen.
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.scrollable_content_region.width
        if width > 0 and width != self._layout_width and self.is_attached:
            row = self.current.index if self.current else None
            self._relayout(keep_row=row, in_layout=True)
        return changed

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

    def watch_only_unique(self) -> None:
        row = self.current.index if self.current else None
        self._relayout(keep_row=row)
        self.post_message(self.CursorMoved())

    def watch_focus_side(self) -> None:
        if not self._cycling:
            self._cycle = None  # moving on ends r's cycle
        self._refresh_row(self.cursor)
        self.post_message(self.CursorMoved())

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._cycling:
            self._cycle = None
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved())

    def set_quote_marks(self, marks: tuple[set[int], set[int]]) -> None:
        """The sentences (per side) holding a quote the other side words differently."""
        if marks != self.quote_marks:
            self.quote_marks = marks
            self._cache.clear()
            self.refresh()

    def set_marks(self, marks: tuple[dict[int, int], dict[int, int]]) -> None:
        """New flag/note marks (after an edit here or in another reader): repaint if they differ."""
        if marks != self.marks:
            self.marks = marks
            self._cache.clear()
            self.refresh()

    def find_sentence(self, side: Side, sentence_id: int) -> bool:
        """Put the cursor on the row showing ``side``'s sentence ``sentence_id`` (showing
        boilerplate again if that row is hidden)."""
        row = self.model.row_of(side, sentence_id)
        if row is None:
            return False
        if self.position_of(row) is None:  # hidden: show every row again
            self.only_unique = False
            if self.position_of(row) is None and self.collapse_boilerplate:
                self.collapse_boilerplate = False
        self.focus_side = side
        return self.goto_row(row)

    def _refresh_row(self, pos: int) -> None:
        """Re-render only the lines of one row (cursor and flag changes)."""
        if not 0 <= pos < len(self.model.visible):
            return
        top, bottom = self.model.row_span(pos)
        for y in range(top, bottom):
            self._cache.discard(y)
        scroll_y = self.scroll_offset.y
        height = self.scrollable_content_region.height
        top, bottom = max(top, scroll_y), min(bottom, scroll_y + height)
        if top < bottom:  # only the part on screen (ScrollView.refresh_lines takes content lines)
            self.refresh_lines(top, bottom - top)

    def row_span(self, pos: int) -> tuple[int, int]:
        return self.model.row_span(pos)

    def scroll_to_cursor(self) -> None:
        if not self.model.visible:
            return
        top, bottom = self.row_span(self.cursor)
        height = self.scrollable_content_region.height
        y = self.scroll_offset.y
        if top < y or bottom - top > height:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > y + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def row_at_line(self, y: int) -> int:
        return self.model.row_at_line(y)

    # --------------------------------------------------------------- moving
    def move(self, delta: int) -> None:
        if self.model.visible:
            self.cursor = max(0, min(len(self.model.visible) - 1, self.cursor + delta))

    def page(self, direction: int) -> None:
        if not self.model.visible:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        top, _ = self.row_span(self.cursor)
        target = self.row_at_line(top + direction * height)
        if target == self.cursor:
            target = self.cursor + direction
        self.move(target - self.cursor)

    def position_of(self, row_index: int) -> int | None:
        """The visible position of ``Row`` index ``row_index`` (None if hidden)."""
        return self.model.position_of(row_index)

    def goto_row(self, row_index: int) -> bool:
        """Put the cursor on the visible row showing ``Row`` index ``row_index``."""
        pos = self.position_of(row_index)
        if pos is None:
            return False
        self.cursor = pos
        return True

    def find(self, direction: int, kind: Literal["match", "unique"]) -> bool:
        """Move to the next/previous matched row or row with a unique sentence."""
        pos = self.model.find(self.cursor, direction, kind)
        if pos is None:
            return False
        v = self.model.visible[pos]
        if kind == "unique" and not v.unique(self.focus_side):  # focus the sentence found, so space/a apply to it
            self.focus_side = "right" if self.focus_side == "left" else "left"
        self.cursor = pos
        return True

    @property
    def jumped(self) -> bool:
        """``m`` went to where the right article has a moved sentence (pressing it again goes back)."""
        return self._jump_back is not None

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
        target = self.model.natural_row(cur.match)
        if target is None:
            return False
        self._jump_back = (cur.index, target)
        return self.goto_row(target)

    def row_of(self, side: Side, sentence_id: int) -> int | None:
        """The Row index showing ``side``'s sentence ``sentence_id``."""
        return self.model.row_of(side, sentence_id)

    @property
    def link_cycle(self) -> LinkCycle | None:
        """The link cycle the cursor is on (where ``r`` last put it), else None."""
        cycle, cur = self._cycle, self.current
        if cycle is None or cur is None or cycle.at != cur.index or cycle.focus != self.focus_side:
            return None
        return cycle

    def next_link(self) -> LinkCycle | None:
        """``r``: go to the row showing the next other link of the sentence under the cursor.

        The sentence is the focused column's (the other column's when the focused one is
        empty on this row). Pressing again goes on to the next link, after the last one
        back to the sentence itself, and round again. The cycle is returned (with no links
        when the sentence has none); None when the row has no sentence.
        """
        cur = self.current
        if cur is None or self.comparison is None:
            return None
        cycle = self.link_cycle
        if cycle is None:
            side: Side = self.focus_side
            ids = cur.row.left if side == "left" else cur.row.right
            if not ids:
                side = "right" if side == "left" else "left"
                ids = cur.row.left if side == "left" else cur.row.right
            if not ids:
                return None
            links = list(cur.others[0] if side == "left" else cur.others[1])
            links.sort(key=lambda k: (self.model.link_row(k, side), k))  # top to bottom
            cycle = LinkCycle(side, cur.index, list(ids), links, 0, cur.index, side)
            if not links:
                self._cycle = None
                return cycle
        self._cycle = cycle
        cycle.step = (cycle.step + 1) % (len(cycle.links) + 1)
        side = cycle.target_side
        target = cycle.origin if cycle.step == 0 else self.model.link_row(cycle.links[cycle.step - 1], cycle.side)
        if self.position_of(target) is None and self.collapse_boilerplate:
            self._cycling = True
            try:
                self.collapse_boilerplate = False  # the linked sentence is hidden boilerplate: show it
            finally:
                self._cycling = False
        cycle.at, cycle.focus = target, side  # before moving: the status shows the cycle at once
        self._cycling = True
        try:
            self.focus_side = side
            self.goto_row(target)
        finally:
            self._cycling = False
        return cycle

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.model.visible:
            return
        self.focus()
        y = offset.y + self.scroll_offset.y
        if y >= self.model.height:
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
            comps = [self.get_component_styles(name) for name in names]
            for comp in comps:  # the background first: text colours blend over the final one
                if comp.has_rule("background"):
                    bg = bg + comp.background
            for comp in comps:
                if comp.has_rule("color"):
                    color = comp.color
                    if color.auto:  # $text-muted etc. are "auto N%": contrast with the background
                        color = bg.get_contrast_text(color.a)
                    fg = bg + color if color.a < 1 else color
                if comp.has_rule("text_style"):
                    text_style += comp.text_style
            style = base + Style(color=fg.rich_color, bgcolor=bg.rich_color) + text_style
            self._styles[names] = style
        return style

    def _plain_style(self) -> Style:
        """``self.rich_style`` (it walks the DOM on every call), cached with the other styles."""
        style = self._styles.get(("",))
        if style is None:
            style = self._styles[("",)] = self.rich_style
        return style

    def line_text(self, y: int) -> str:
        """The text of content line ``y`` (0: the first row's first line) as drawn, gutter
        marks included: what a screen reader or a test reads, wherever the view is scrolled."""
        return self._render_content_line(y, self.scrollable_content_region.width).text

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
        model = self.model
        if not model.visible or y >= model.height:
            return Strip.blank(width, self._plain_style())
        pos = self.row_at_line(y)
        view = model.visible[pos]
        k = y - model.offsets[pos]
        inner = max(2 * GUTTER + SEPARATOR + 2, width) - 2 * GUTTER - SEPARATOR
        lw, rw = inner // 2, inner - inner // 2
        is_cursor = pos == self.cursor
        segments: list[Segment] = []
        for side, text_width in (("left", lw), ("right", rw)):
            if side == "right":
                segments.append(Segment("│", self._style("comparison--separator")))
            segments.extend(self._side_segments(view, side, k, text_width, is_cursor))
        total = 2 * GUTTER + SEPARATOR + lw + rw  # each side is exactly GUTTER + its width
        if total == width:
            return Strip(segments, width)
        return Strip(segments, total).adjust_cell_length(width, self._plain_style())

    def _side_base(self, view: RowView, side: Side, is_cursor: bool) -> tuple[str, ...]:
        ids = view.row.left if side == "left" else view.row.right
        st = view.left if side == "left" else view.right
        linked = view.linked[0] if side == "left" else view.linked[1]
        names: list[str] = []
        if ids:
            if st.boilerplate:
                names.append("comparison--boilerplate")
            elif linked is not None:
                names.append(f"comparison--{linked.kind}")
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
        # Gutter: flag, note mark, kind mark, moved mark, link badge, space (first line of a row only).
        if k == 0 and ids:
            linked = view.linked[0] if side == "left" else view.linked[1]
            others = view.others[0] if side == "left" else view.others[1]
            marks = self.marks[0] if side == "left" else self.marks[1]
            bits = 0
            for i in ids:
                bits |= marks.get(i, 0)
            if st.boilerplate:
                mark = BOILER_MARK
            elif linked is not None:
                mark = KIND_MARK[linked.kind]
            else:
                mark = UNIQUE_MARK
            cursor_names = base_names[-1:] if is_cursor else ()
            if bits & FLAGGED:
                out.append(Segment(FLAG_MARK, self._style("comparison--flag", *cursor_names)))
            else:
                out.append(Segment(" ", gutter_style))
            if bits & NOTED:
                out.append(Segment(NOTE_MARK, self._style("comparison--note", *cursor_names)))
            else:
                out.append(Segment(" ", gutter_style))
            mark_names = base_names[:1] if base_names and not st.boilerplate else ()
            out.append(Segment(mark, self._style("comparison--gutter", *mark_names)))
            moved = view.match is not None and view.match.moved
            out.append(Segment(MOVED_MARK if moved else " ", self._style("comparison--moved") if moved else gutter_style))
            if others:
                out.append(Segment(badge(len(others)), self._style("comparison--badge", *cursor_names)))
            else:
                out.append(Segment(" ", gutter_style))
            quoted = self.quote_marks[0] if side == "left" else self.quote_marks[1]
            if quoted and any(i in quoted for i in ids):
                out.append(Segment(QUOTE_MARK, self._style("comparison--quote", *cursor_names)))
            else:
                out.append(Segment(" ", gutter_style))
        else:
            out.append(Segment(" " * GUTTER, gutter_style))
        if k >= len(lines):
            out.append(Segment(" " * width, base if ids else self._style(*base_names)))
            return out
        start, end = lines[k]
        text = st.text
        emphasis = view.emphasis(side) if view.match is not None else ()
        if emphasis:
            pos = start
            for es, ee, name in emphasis:
                if ee <= pos or es >= end:
                    continue
                es, ee = max(es, pos), min(ee, end)
                if es > pos:
                    out.append(Segment(text[pos:es], base))
                out.append(Segment(text[es:ee], self._style(*base_names, name)))
                pos = ee
            if pos < end:
                out.append(Segment(text[pos:end], base))
        else:
            out.append(Segment(text[start:end], base))
        used = cell_len(text[start:end])
        if used < width:
            out.append(Segment(" " * (width - used), base))
        return out
