"""Side-by-side terminal view of a comparison (rich; article text is never markup)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.corpus.errors import plural
from reader.engine.types import Comparison, Match

KIND_STYLE = {"verbatim": "green", "near": "yellow", "paraphrase": "cyan"}
KIND_MARK = {"verbatim": "=", "near": "≈", "paraphrase": "~"}


def _side_text(c: Comparison, m: Match | None, side: str, ids: list[int]) -> Text:
    art = c.left if side == "left" else c.right
    body = " ".join(art.sentences[i].text for i in ids)
    text = Text(body)
    if not ids:
        return text
    if m is None:
        if all(art.sentences[i].boilerplate for i in ids):
            text.stylize("dim italic")
        else:
            text.stylize("bold" if side == "left" else "bold")
        return text
    text.stylize(KIND_STYLE[m.kind])
    if m.kind != "verbatim":
        for op in m.diff:
            if op.op == "equal":
                continue
            s, e = op.left if side == "left" else op.right
            if e > s:
                text.stylize("bold reverse", s, e)
    return text


def render_text(c: Comparison, width: int | None = None, file=None) -> None:
    console = Console(file=file or sys.stdout, width=width, highlight=False, emoji=False, markup=False)
    st = c.stats
    header = Text()
    header.append("Left:  ", style="bold")
    header.append(f"{c.left.title} — {c.left.source}\n")
    header.append("Right: ", style="bold")
    header.append(f"{c.right.title} — {c.right.source}\n")
    header.append(
        f"similarity {st.similarity:.0%} · {plural(st.matched, 'match', 'matches')} · {st.left_unique} only left · "
        f"{st.right_unique} only right · boilerplate {st.left_boilerplate}/{st.right_boilerplate}"
    )
    console.print(header)
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False, box=None, pad_edge=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(Text(c.left.source), ratio=1)
    table.add_column("", width=3, no_wrap=True)
    table.add_column(Text(c.right.source), ratio=1)
    for row in c.rows:
        m = c.matches[row.match] if row.match is not None else None
        if m is not None:
            mark = Text(KIND_MARK[m.kind] + ("↕" if m.moved else " "), style=KIND_STYLE[m.kind])
            lmark = Text(" ")
        else:
            mark = Text(" ")
            bp = (row.left and c.left.sentences[row.left[0]].boilerplate) or (
                row.right and c.right.sentences[row.right[0]].boilerplate
            )
            lmark = Text("·" if bp else ("+" if row.left else " "), style="dim" if bp else "bold magenta")
            if row.right and not bp:
                mark = Text(" +", style="bold magenta")
            elif row.right:
                mark = Text(" ·", style="dim")
        table.add_row(lmark, _side_text(c, m, "left", row.left), mark, _side_text(c, m, "right", row.right))
    console.print(table)
    console.print(Text("= verbatim  ≈ near  ~ paraphrase  ↕ moved  + only this side  · boilerplate", style="dim"))
