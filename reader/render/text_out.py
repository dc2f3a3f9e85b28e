"""Side-by-side terminal view of a comparison (rich; article text is never markup).

The table shows the aligned rows; a small superscript beside a sentence counts its links
to sentences on other rows, and those links follow the table under "Further links",
each with its kind, confidence and both sentences.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.corpus.errors import plural
from reader.engine.types import Comparison, Match
from reader.render.marks import (
    BOILER_MARK, KIND_MARK, MOVED_MARK, UNIQUE_MARK, badge, event_note, further_links, other_links, sentence_links,
)

KIND_STYLE = {"verbatim": "green", "near": "yellow", "paraphrase": "cyan", "partial": "blue"}
UNIQUE_STYLE = "bold magenta"
BADGE_STYLE = "bold"


def _side_text(c: Comparison, m: Match | None, side: str, ids: list[int], linked: Match | None = None) -> Text:
    """The sentences ``ids`` of ``side``: coloured by the kind of ``m`` (the match on the
    row, with the words that differ emphasised) or of ``linked`` (its best link elsewhere)."""
    art = c.left if side == "left" else c.right
    body = " ".join(art.sentences[i].text for i in ids)
    text = Text(body)
    if not ids:
        return text
    if all(art.sentences[i].boilerplate for i in ids):
        text.stylize("dim italic")
        return text
    if m is None:
        text.stylize(KIND_STYLE[linked.kind] if linked is not None else "bold")
        return text
    text.stylize(KIND_STYLE[m.kind])
    if m.kind != "verbatim":
        for op in m.diff:
            if op.op == "equal":
                continue
            s, e = op.left if side == "left" else op.right
            if e > s:
                text.stylize("bold reverse", s, e)
        for x in m.conflicts:  # a conflicting detail: white on red
            s, e = x.left_span if side == "left" else x.right_span
            text.stylize("bold white on red", s, e)
    return text


def _gutter(c: Comparison, side: str, ids: list[int], links: list[int], on_row: bool) -> Text:
    """A side's own mark (only when the row shows no match: unique, boilerplate, or the kind
    of its best link elsewhere) and its badge (how many links it has on other rows)."""
    art = c.left if side == "left" else c.right
    out = Text()
    if not ids:
        return out
    if on_row:
        out.append(" ")
    elif all(art.sentences[i].boilerplate for i in ids):
        out.append(BOILER_MARK, style="dim")
    elif links:
        kind = _best(c, links).kind
        out.append(KIND_MARK[kind], style=KIND_STYLE[kind])
    else:
        out.append(UNIQUE_MARK, style=UNIQUE_STYLE)
    out.append(badge(len(links)), style=BADGE_STYLE)
    return out


def _best(c: Comparison, links: list[int]) -> Match:
    return max((c.matches[k] for k in links), key=lambda m: m.score)


def render_text(c: Comparison, width: int | None = None, file=None) -> None:
    console = Console(file=file or sys.stdout, width=width, highlight=False, emoji=False, markup=False)
    st = c.stats
    further = further_links(c)
    header = Text()
    header.append("Left:  ", style="bold")
    header.append(f"{c.left.title} — {c.left.source}\n")
    header.append("Right: ", style="bold")
    header.append(f"{c.right.title} — {c.right.source}\n")
    counts = f"{plural(st.links, 'link', 'links')} ({st.matched} aligned on rows, {len(further)} further)"
    header.append(
        f"similarity {st.similarity:.0%} · {counts} · {st.left_unique} only left · "
        f"{st.right_unique} only right · boilerplate {st.left_boilerplate}/{st.right_boilerplate}"
    )
    note = event_note(c)
    if note:
        header.append("\n" + note, style="bold")
    mine = sum(1 for m in c.matches if m.by_user)
    if mine:
        header.append(f"\n{plural(mine, 'link')} of these {'is yours' if mine == 1 else 'are yours'} "
                      "(corrections made in reader; --no-corrections shows the engine's alone)", style="italic")
    for m in c.matches:
        for x in m.conflicts:
            header.append(f"\nconflict ({x.kind}): ", style="bold")
            header.append(f"left #{'+'.join(map(str, m.left))} “{x.left}”", style="bold red")
            header.append(" ≠ ")
            header.append(f"right #{'+'.join(map(str, m.right))} “{x.right}”", style="bold red")
    console.print(header)
    left_links, right_links = sentence_links(c)
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False, box=None, pad_edge=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(Text(c.left.source), ratio=1)
    table.add_column("", width=2, no_wrap=True)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(Text(c.right.source), ratio=1)
    for row in c.rows:
        m = c.matches[row.match] if row.match is not None else None
        lo = other_links(left_links, row.left, row.match)
        ro = other_links(right_links, row.right, row.match)
        if m is not None:
            mark = Text(KIND_MARK[m.kind] + (MOVED_MARK if m.moved else " "), style=KIND_STYLE[m.kind])
        else:
            mark = Text("")
        table.add_row(
            _gutter(c, "left", row.left, lo, m is not None),
            _side_text(c, m, "left", row.left, _best(c, lo) if lo else None),
            mark,
            _gutter(c, "right", row.right, ro, m is not None),
            _side_text(c, m, "right", row.right, _best(c, ro) if ro else None),
        )
    console.print(table)
    if further:
        console.print(Text(
            "\nFurther links — these also report the same thing, though shown on different rows above:",
            style="bold",
        ))
        links = Table(show_header=True, header_style="bold", expand=True, show_lines=True, box=None, pad_edge=False)
        links.add_column("", width=15, no_wrap=True)
        links.add_column(Text(c.left.source), ratio=1)
        links.add_column(Text(c.right.source), ratio=1)
        for k in further:
            fm = c.matches[k]
            links.add_row(
                Text(f"{KIND_MARK[fm.kind]} {fm.kind}\nconfidence {fm.score:.2f}\n"
                     f"left {'+'.join(f'#{i}' for i in fm.left)}\nright {'+'.join(f'#{j}' for j in fm.right)}",
                     style=KIND_STYLE[fm.kind]),
                _side_text(c, fm, "left", fm.left),
                _side_text(c, fm, "right", fm.right),
            )
        console.print(links)
    legend = (f"= verbatim  ≈ near  ~ paraphrase  {KIND_MARK['partial']} partial (one side tells only part)  "
              f"{MOVED_MARK} moved  {UNIQUE_MARK} only this side  {BOILER_MARK} boilerplate")
    if further:
        legend += "  ¹ ² … links to sentences on other rows (listed under Further links)"
    console.print(Text(legend, style="dim"))
