"""The status line: similarity, counts, the match under the cursor, and where ``r`` went."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.engine.types import Comparison
from reader.tui.widgets.comparison import QUOTE_MARK, LinkCycle, RowView

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.story.quotes import Quote


def _ids(side: str, ids: list[int]) -> str:
    return f"{side} " + "+".join(f"#{i}" for i in ids)


def _links(n: int) -> str:
    return f"{n} link" if n == 1 else f"{n} links"


def cycle_parts(comparison: Comparison, cycle: LinkCycle) -> list[str | tuple[str, str]]:
    """Where ``r`` is: "left #2, link 1 of 2: partial, confidence 0.66, right #3 · r next"."""
    origin = _ids(cycle.side, cycle.ids)
    n = len(cycle.links)
    m = cycle.link(comparison)
    if m is None:
        return [(origin, "bold"), f" again, {_links(n)} elsewhere", ("  r: the first" if n > 1 else "  r: to it", "dim")]
    # Of two sentences on the row (a quote split in two), name the one this link starts from.
    own = [i for i in (m.left if cycle.side == "left" else m.right) if i in cycle.ids]
    if own and len(own) < len(cycle.ids):
        origin = _ids(cycle.side, own)
    return [
        (origin, "bold"), f", link {cycle.step} of {n}: ", (m.kind, "bold"),
        f", confidence {m.score:.2f}, ", (_ids(cycle.target_side, cycle.target_ids(comparison)), "bold"),
        ("  r: next" if cycle.step < n else "  r: back", "dim"),
    ]


def link_label(m) -> list[str | tuple[str, str]]:
    """"paraphrase, confidence 0.93" — or "your link (paraphrase)" for a link the user made."""
    if m.by_user:
        return [("your link", "bold"), f" ({m.kind})"]
    return [(m.kind, "bold"), f", confidence {m.score:.2f}"]


def quote_parts(q: Quote, side: int) -> list[str | tuple[str, str]]:
    """What differs in a quote between the two articles: the focused side's words against the other's."""
    own = next((o for o in q.occurrences if o.article == side), None)
    if own is None:
        return []
    parts: list[str | tuple[str, str]] = [(f"{QUOTE_MARK} quote ", "bold")]
    if own.altered:
        parts.append("worded differently")
        for n, c in enumerate(own.changes[:2]):
            parts.append(": " if n == 0 else "; ")
            if c.was and c.was == c.now:
                parts += [(f"“{c.was}”", "bold"), " moved"]
            elif c.was and c.now:
                parts += [(f"“{c.now}”", "bold"), " here, ", (f"“{c.was}”", "bold"), " there"]
            elif c.now:
                parts += [(f"“{c.now}”", "bold"), " only here"]
            else:
                parts += [(f"“{c.was}”", "bold"), " only there"]
        if len(own.changes) > 2:
            parts.append((f" (+{len(own.changes) - 2} more)", "dim"))
    if own.speaker_differs:
        other = next((o.speaker for o in q.occurrences if o.article != side and o.speaker), "")
        parts += [("; " if own.altered else ""), "said by ", (own.speaker, "bold"), " here, ", (other, "bold"),
                  " there"]
    return parts


def status_content(
    comparison: Comparison | None,
    row: RowView | None,
    position: tuple[int, int],
    side: str,
    marks: tuple[int, int],
    collapsed: bool,
    cycle: LinkCycle | None = None,
    quotes: list[tuple[Quote, int]] = (),  # type: ignore[assignment]
    only_unique: bool = False,
) -> Content:
    if comparison is None:
        return Content("comparing…")
    st = comparison.stats
    parts: list[str | tuple[str, str]] = []
    if cycle is not None:  # first: what r just did must show even on a narrow terminal
        parts += cycle_parts(comparison, cycle) + [("  │ ", "dim")]
    # Next: a conflicting detail or a differently worded quote on this row is what a
    # fact-checker looks for, and must show even on a narrow terminal.
    if row is not None and row.match is not None and row.match.conflicts:
        conflicts = row.match.conflicts
        c = conflicts[0]
        parts += [("conflict ", "bold"), f"{c.kind}: ", (c.left, "bold"), " ≠ ", (c.right, "bold")]
        if len(conflicts) > 1:
            parts.append((f" (+{len(conflicts) - 1} more)", "dim"))
        parts.append(("  │ ", "dim"))
    for q, qside in quotes[:1]:
        parts += quote_parts(q, qside) + [("  │ ", "dim")]
    if not st.one_event:  # first: it explains why so little is linked
        parts += [("different events? only word-for-word links", "bold"), ("  e: link anyway", "dim"),
                  ("  │ ", "dim")]
    # The row under the cursor before the pair's counts: on a narrow terminal it is what shows.
    before = len(parts)
    if row is not None and cycle is None:
        focused = side if (row.row.left if side == "left" else row.row.right) else (
            "right" if side == "left" else "left")
        others = row.others[0] if focused == "left" else row.others[1]
        linked = row.linked[0] if focused == "left" else row.linked[1]
        if row.match is not None:
            parts += link_label(row.match)
            if row.match.moved:
                parts.append(("  moved (m: jump)", "italic"))
            if others:
                parts.append((f"  {len(others)} more {'link' if len(others) == 1 else 'links'} (r: jump)", "italic"))
        elif row.boilerplate:
            parts += [("boilerplate", "bold")]
        elif linked is not None:  # alone on its row, linked to sentences on other rows
            if len(others) == 1:
                parts += [*link_label(linked), ", on another row"]
            else:
                parts += [f"{_links(len(others))} elsewhere, best ", *link_label(linked)]
            parts.append(("  (r: jump)", "italic"))
        elif row.row.left or row.row.right:
            parts += [(f"only the {focused} article has this", "bold")]
    if len(parts) > before:
        parts.append(("  │ ", "dim"))
    parts += [
        ("similarity ", "dim"), (f"{st.similarity:.0%}", "bold"),
        ("  links ", "dim"), str(st.links), (f" ({st.matched} aligned)", "dim"),
    ]
    parts += [
        ("  unique ", "dim"), f"{st.left_unique} | {st.right_unique}",
    ]
    if st.left_boilerplate or st.right_boilerplate:
        parts += [("  boilerplate ", "dim"), f"{st.left_boilerplate} | {st.right_boilerplate}"]
        if collapsed:
            parts.append((" (hidden)", "dim"))
    parts += [("  │ row ", "dim"), f"{position[0] + 1}/{position[1]} ", (side, "dim")]
    if only_unique:
        parts.append(("  only unique (f: all)", "bold"))
    flags, notes = marks
    if flags or notes:
        parts.append(("  │", "dim"))
    if flags:
        parts += [(" ⚑ ", "dim"), str(flags)]
    if notes:
        parts += [(" ✎ ", "dim"), str(notes)]
    return Content.assemble(*parts)


class StatusBar(Static):
    """One line under the comparison."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._shown: Content | None = None

    @property
    def text(self) -> str:
        """The line shown, as plain text."""
        return self._shown.plain if self._shown is not None else ""

    def show(self, content: Content) -> None:
        """Show ``content``; nothing happens if it is what is shown already.

        Never a layout pass (one fixed-height line): a cursor move repaints this line only.
        """
        shown = self._shown  # (Content's == compares the text only, not the styles)
        if shown is None or content.plain != shown.plain or content.spans != shown.spans:
            self._shown = content
            self.update(content, layout=False)
