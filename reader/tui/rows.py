"""The rows of the pair view, as a model: no widget, no Textual, testable on its own.

One :class:`RowView` per engine Row (the text of each side, its links, wrapped on demand);
a :class:`RowModel` chooses the rows shown (all, without boilerplate, or only rows with a
sentence one side alone has), lays them out for a width (a prefix sum of row heights maps a
screen line to its row), and answers the questions the keys ask: where is the next match or
unique sentence, where does a moved match's right sentence belong, which rows show a link's
other end, where does a text occur. ``ComparisonView`` only renders it and keeps the cursor.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import chain
from typing import Literal

from reader.corpus.model import Article
from reader.engine.types import Comparison, Match, Row
from reader.render.marks import other_links, sentence_links
from reader.tui.widgets.wrap import wrap

Side = Literal["left", "right"]


@dataclass(slots=True)
class SideText:
    """One side of a row, ready to wrap: the joined text (newlines and tabs as spaces)."""

    text: str = ""
    boilerplate: bool = False


@dataclass(slots=True, eq=False)
class RowView:
    """One engine Row as shown: the text of each side, wrapped for the current width.

    Word-diff emphasis is computed on first render (``Match.diff`` is lazy in the engine:
    a 5,000-sentence pair only pays for the rows someone looks at).
    """

    row: Row
    index: int  # index into Comparison.rows
    left: SideText
    right: SideText
    match: Match | None
    boilerplate: bool = False
    """Every sentence on the row is boilerplate."""
    others: tuple[list[int], list[int]] = ([], [])
    """Per side: indexes into ``Comparison.matches`` of the links of that side's sentences
    other than the row's match (links to sentences on other rows), in match order."""
    linked: tuple[Match | None, Match | None] = (None, None)
    """Per side: the link that colours it: the row's match, else its most confident other link."""
    lines_left: list[tuple[int, int]] = field(default_factory=list)
    lines_right: list[tuple[int, int]] = field(default_factory=list)
    wrapped_for: tuple[int, int] = (-1, -1)
    """The (left, right) text widths ``lines_*`` were wrapped for."""
    _emphasis: tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]] | None = None

    @property
    def height(self) -> int:
        return max(1, len(self.lines_left), len(self.lines_right))

    def unique(self, side: Side) -> bool:
        """``side`` has a sentence on this row with no link at all (and it is not boilerplate)."""
        ids = self.row.left if side == "left" else self.row.right
        st = self.left if side == "left" else self.right
        return bool(ids) and not st.boilerplate and (self.linked[0] if side == "left" else self.linked[1]) is None

    def wrap_to(self, lw: int, rw: int) -> None:
        if self.wrapped_for != (lw, rw):
            self.lines_left = wrap(self.left.text, lw) if self.row.left else []
            self.lines_right = wrap(self.right.text, rw) if self.row.right else []
            self.wrapped_for = (lw, rw)

    def emphasis(self, side: Side) -> list[tuple[int, int, str]]:
        """Character ranges of ``side``'s text to emphasise, each with its component class:
        ``comparison--diff`` (words that differ from the other side) or
        ``comparison--conflict`` (a detail the two state differently: a number, date, name,
        place or event verb), in order, not overlapping."""
        if self._emphasis is None:
            self._emphasis = (self._ranges("left"), self._ranges("right"))
        return self._emphasis[0] if side == "left" else self._emphasis[1]

    def _ranges(self, side: Side) -> list[tuple[int, int, str]]:
        match = self.match
        if match is None or match.kind == "verbatim":
            return []
        diff = [op.left if side == "left" else op.right for op in match.diff if op.op != "equal"]
        conflicts = [c.left_span if side == "left" else c.right_span for c in match.conflicts]
        out: list[tuple[int, int, str]] = []
        for s, e in sorted(conflicts):
            if e > s and (not out or s >= out[-1][1]):
                out.append((s, e, "comparison--conflict"))
        for s, e in diff:  # diff words outside the conflicts
            if e <= s:
                continue
            pieces = [(s, e)]
            for cs, ce, _ in [r for r in out if r[2] == "comparison--conflict"]:
                pieces = [p for a, b in pieces for p in ((a, min(b, cs)), (max(a, ce), b)) if p[1] > p[0]]
            out.extend((a, b, "comparison--diff") for a, b in pieces)
        out.sort()
        return out


@dataclass(slots=True, eq=False)
class LinkCycle:
    """Where ``r`` is in the other links of one sentence (or adjacent pair) of one side."""

    side: Side
    """The column of the sentence whose links are cycled."""
    origin: int
    """The Row index showing that sentence."""
    ids: list[int]
    links: list[int]
    """Indexes into ``Comparison.matches``: the sentence's links other than its row's match."""
    step: int = 0
    """0: on the sentence itself; k: on the row of the sentence that link k (1-based) joins it to."""
    at: int = -1
    """The Row index the cursor was put on."""
    focus: Side = "left"
    """The column focused there."""

    @property
    def target_side(self) -> Side:
        return self.side if self.step == 0 else ("right" if self.side == "left" else "left")

    def link(self, comparison: Comparison) -> Match | None:
        return comparison.matches[self.links[self.step - 1]] if self.step else None

    def target_ids(self, comparison: Comparison) -> list[int]:
        m = self.link(comparison)
        if m is None:
            return self.ids
        return m.right if self.side == "left" else m.left


def _side_text(article: Article, ids: list[int]) -> SideText:
    if not ids:
        return SideText()
    sentences = article.sentences
    if len(ids) == 1:
        s = sentences[ids[0]]
        text, boiler = s.text, s.boilerplate
    else:
        text = " ".join(sentences[i].text for i in ids)
        boiler = all(sentences[i].boilerplate for i in ids)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", " ").replace("\t", " ")
    return SideText(text, boiler)


def build_row_views(comparison: Comparison) -> list[RowView]:
    """One RowView per Row: linear, no diffs, no wrapping (both happen on demand)."""
    views = []
    left, right, matches = comparison.left, comparison.right, comparison.matches
    left_links, right_links = sentence_links(comparison)
    # Only links beyond the rows need looking up per sentence (none while every link is aligned).
    spine = sum(1 for r in comparison.rows if r.match is not None) == len(matches)
    no_links: tuple[list[int], list[int]] = ([], [])
    for index, row in enumerate(comparison.rows):
        lt = _side_text(left, row.left)
        rt = _side_text(right, row.right)
        sides = [t for t, ids in ((lt, row.left), (rt, row.right)) if ids]
        match = matches[row.match] if row.match is not None else None
        if spine:
            others, linked = no_links, (match, match)
        else:
            lo = other_links(left_links, row.left, row.match)
            ro = other_links(right_links, row.right, row.match)
            others = (lo, ro)
            linked = (
                match or (max((matches[k] for k in lo), key=_confidence) if lo else None),
                match or (max((matches[k] for k in ro), key=_confidence) if ro else None),
            )
        views.append(
            RowView(
                row, index, lt, rt, match,
                bool(sides) and all(t.boilerplate for t in sides),
                others, linked,
            )
        )
    return views


def _confidence(m: Match) -> float:
    return m.score


class RowModel:
    """The rows of one comparison, which of them are shown, and their layout.

    ``hide_boilerplate`` drops rows whose every sentence is boilerplate; ``only_unique`` keeps
    only rows with a sentence that one side alone has. Positions are indexes into ``visible``;
    row indexes are indexes into ``views`` (= ``Comparison.rows``).
    """

    def __init__(self, comparison: Comparison | None = None) -> None:
        self.comparison = comparison
        self.views: list[RowView] = build_row_views(comparison) if comparison else []
        self.hide_boilerplate = False
        self.only_unique = False
        self.visible: list[RowView] = []
        self.visible_index: list[int] = []
        self.offsets: list[int] = [0]
        self._right_row: dict[int, int] | None = None
        self._rows_of: tuple[dict[int, int], dict[int, int]] | None = None
        self.select()

    # ------------------------------------------------------------------ which rows, laid out how
    def select(self) -> None:
        """Choose the visible rows from the switches (the layout is then one line per row
        until :meth:`layout` wraps them)."""
        rows = self.views
        if self.hide_boilerplate:
            rows = [v for v in rows if not v.boilerplate]
        if self.only_unique:
            rows = [v for v in rows if v.unique("left") or v.unique("right")]
        self.visible = rows
        self.visible_index = [v.index for v in rows]
        self.offsets = list(range(len(rows) + 1))

    def layout(self, left_width: int, right_width: int) -> int:
        """Wrap the visible rows for these text widths; the total height in lines."""
        offsets = [0] * (len(self.visible) + 1)
        total = 0
        for i, v in enumerate(self.visible, 1):
            v.wrap_to(left_width, right_width)  # no-op for rows already wrapped at this width
            total += v.height
            offsets[i] = total
        self.offsets = offsets
        return total

    @property
    def height(self) -> int:
        return self.offsets[-1]

    def row_span(self, pos: int) -> tuple[int, int]:
        return self.offsets[pos], self.offsets[pos + 1]

    def row_at_line(self, y: int) -> int:
        return max(0, min(len(self.visible) - 1, bisect_right(self.offsets, y) - 1))

    def position_of(self, row_index: int) -> int | None:
        """The visible position of ``Row`` index ``row_index`` (None if hidden)."""
        pos = bisect_right(self.visible_index, row_index) - 1
        if pos >= 0 and self.visible_index[pos] == row_index:
            return pos
        return None

    def nearest_position(self, row_index: int) -> int:
        """The visible position of that row, or of the last visible row before it."""
        return max(0, bisect_right(self.visible_index, row_index) - 1)

    # ------------------------------------------------------------------ questions the keys ask
    def find(self, pos: int, direction: int, kind: Literal["match", "unique"]) -> int | None:
        """The next (``direction`` 1) or previous (-1) visible position after ``pos`` showing a
        match, or a sentence with no link at all."""
        n = len(self.visible)
        pos += direction
        while 0 <= pos < n:
            v = self.visible[pos]
            if kind == "match" and v.match is not None:
                return pos
            if kind == "unique" and (v.unique("left") or v.unique("right")):
                return pos
            pos += direction
        return None

    def natural_row(self, match: Match) -> int | None:
        """For a moved match (shown on its left sentence's row): the row where the right
        article's own order would put it — the row of the right sentence just before it (or
        just after, for the first sentence), among the visible ones."""
        if self.comparison is None:
            return None
        if self._right_row is None:  # built once per comparison, on the first jump
            self._right_row = {j: v.index for v in self.views for j in v.row.right}
        where = self._right_row
        n = len(self.comparison.right.sentences)
        for j in chain(range(min(match.right) - 1, -1, -1), range(max(match.right) + 1, n)):
            row = where.get(j)
            if row is not None and self.position_of(row) is not None:
                return row
        return None

    def row_of(self, side: Side, sentence_id: int) -> int | None:
        """The Row index showing ``side``'s sentence ``sentence_id``."""
        if self._rows_of is None:  # built once per comparison, on first use
            self._rows_of = (
                {i: v.index for v in self.views for i in v.row.left},
                {j: v.index for v in self.views for j in v.row.right},
            )
        return self._rows_of[0 if side == "left" else 1].get(sentence_id)

    def link_row(self, k: int, side: Side) -> int:
        """The Row index showing the far end of link ``k`` seen from ``side`` (its first row)."""
        m = self.comparison.matches[k]  # type: ignore[union-attr]
        far: Side = "right" if side == "left" else "left"
        rows = [r for r in (self.row_of(far, i) for i in (m.right if side == "left" else m.left)) if r is not None]
        return min(rows) if rows else -1

    def search(self, query: str) -> list[tuple[int, Side, int]]:
        """Every sentence of the two articles whose text holds ``query`` (case-insensitive), as
        (Row index, side, sentence id), in reading order (row, then left before right)."""
        q = query.casefold().strip()
        if not q or self.comparison is None:
            return []
        hits: list[tuple[int, Side, int]] = []
        for side, article in (("left", self.comparison.left), ("right", self.comparison.right)):
            for s in article.sentences:
                if q in s.text.casefold():
                    row = self.row_of(side, s.id)  # type: ignore[arg-type]
                    if row is not None:
                        hits.append((row, side, s.id))  # type: ignore[arg-type]
        hits.sort(key=lambda h: (h[0], h[1] != "left", h[2]))
        return hits
