"""The status line: similarity, counts, and the match under the cursor."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.engine.types import Comparison
from reader.tui.widgets.comparison import RowView


def status_content(
    comparison: Comparison | None,
    row: RowView | None,
    position: tuple[int, int],
    side: str,
    marks: tuple[int, int],
    collapsed: bool,
) -> Content:
    if comparison is None:
        return Content("comparing…")
    st = comparison.stats
    parts: list[str | tuple[str, str]] = [
        ("similarity ", "dim"), (f"{st.similarity:.0%}", "bold"),
        ("  matched ", "dim"), str(st.matched),
        ("  unique ", "dim"), f"{st.left_unique} | {st.right_unique}",
    ]
    if st.left_boilerplate or st.right_boilerplate:
        parts += [("  boilerplate ", "dim"), f"{st.left_boilerplate}/{st.right_boilerplate}"]
        if collapsed:
            parts.append((" (hidden)", "dim"))
    parts += [("  │ row ", "dim"), f"{position[0] + 1}/{position[1]} ", (side, "dim")]
    if row is not None:
        if row.match is not None:
            parts += [("  │ ", "dim"), (row.match.kind, "bold"), f" {row.match.score:.2f}"]
            if row.match.moved:
                parts.append(("  moved (m: jump)", "italic"))
        elif row.boilerplate:
            parts += [("  │ ", "dim"), ("boilerplate", "bold")]
        elif row.row.left or row.row.right:
            parts += [("  │ ", "dim"), ("unique " + ("left" if row.row.left else "right"), "bold")]
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

    def show(self, content: Content) -> None:
        """Show ``content``; nothing happens if it is what is shown already.

        Never a layout pass (one fixed-height line): a cursor move repaints this line only.
        """
        shown = self._shown  # (Content's == compares the text only, not the styles)
        if shown is None or content.plain != shown.plain or content.spans != shown.spans:
            self._shown = content
            self.update(content, layout=False)
