"""Terminal views of ``reader stories`` (the stories of a pile) and ``reader story`` (one story's
overview: pairs ranked, facts with a column per outlet, coverage). rich; article text is never
markup."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.corpus.errors import plural
from reader.corpus.sanitize import display_path, one_line
from reader.render.marks import KIND_MARK
from reader.render.story_report import FLAG_MARK, NOTE_MARK, ONLY_MARK, StoryReport
from reader.render.text_out import KIND_STYLE, UNIQUE_STYLE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.story.grouping import Story


def _console(file, width: int | None) -> Console:
    return Console(file=file, width=width, highlight=False, emoji=False, markup=False)


def render_stories(stories: list[Story], file, width: int | None = None) -> None:
    """Each story: its title, outlets and count, then its articles (source, date, title, path)."""
    console = _console(file, width)
    n = sum(len(s.articles) for s in stories)
    console.print(Text(f"{plural(len(stories), 'story', 'stories')} from {plural(n, 'article')}", style="bold"))
    for s in stories:
        console.print()
        outlets = ", ".join(dict.fromkeys(one_line(x, 60) for x in s.sources))
        head = Text(one_line(s.title, 300) or "(untitled)", style="bold")
        head.append(f"\n{plural(len(s.articles), 'article')} · {outlets}", style="dim")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, min_width=3)
        grid.add_column(ratio=1)
        grid.add_row(Text(f"{s.id}.", style="bold"), head)
        console.print(grid)
        table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        table.add_column(width=3, no_wrap=True)
        table.add_column(no_wrap=True, max_width=22)
        table.add_column(ratio=1)
        for a in s.articles:
            line = Text()
            if a.date:
                line.append(one_line(a.date, 25) + "  ", style="bold")
            line.append(one_line(a.title, 300) or "(untitled)")
            line.append("\n" + display_path(a.path), style="dim")
            table.add_row("", Text(one_line(a.source, 60)), line)
        console.print(table)


def _cell(r: StoryReport, fact, k: int) -> Text:
    kind = r.cell(fact, k)
    if not kind:
        return Text("")
    if kind == "only":
        return Text(ONLY_MARK, style=UNIQUE_STYLE)
    return Text(KIND_MARK[kind], style=KIND_STYLE[kind])


def _fact_text(r: StoryReport, fact) -> Text:
    text = Text(fact.text)
    marks = r.fact_marks(fact)
    if any(mk.flagged for _, mk in marks):
        text.append(f" {FLAG_MARK}", style="bold red")
    for (a, _s), mk in marks:
        if mk.note.strip():
            text.append(f"\n{NOTE_MARK} {r.labels[a]}: ", style="bold")
            text.append(" ".join(mk.note.split()), style="italic")
    return text


def render_story(r: StoryReport, file, width: int | None = None) -> None:
    console = _console(file, width)
    ov = r.overview
    n = len(r.articles)
    console.print(Text(f"Story: {one_line(r.title, 300) or '(untitled)'}", style="bold"))
    console.print(Text(
        f"{plural(n, 'article')} · {plural(len(ov.facts), 'fact')} ({r.count('all') if n > 1 else 0} reported by all, "
        f"{r.count('one')} by one outlet only) · {plural(len(ov.pairs), 'pair')}"))

    console.print(Text("\nArticles (by date where known)", style="bold"))
    arts = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True, padding=(0, 1))
    arts.add_column("outlet", no_wrap=True, max_width=24)
    arts.add_column("date", no_wrap=True, width=10)
    arts.add_column("title", ratio=3)
    arts.add_column("path", ratio=2, style="dim", overflow="fold")
    for k, a in enumerate(r.articles):
        arts.add_row(Text(r.labels[k]), Text(one_line(a.date or "—", 10)), Text(a.title), Text(display_path(a.path)))
    console.print(arts)

    if ov.pairs:
        console.print(Text("\nPairs (the pair that shares most first)", style="bold"))
        pairs = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 1))
        pairs.add_column("#", justify="right")
        pairs.add_column("pair")
        pairs.add_column("similarity", justify="right")
        pairs.add_column("links", justify="right")
        pairs.add_column("only left", justify="right")
        pairs.add_column("only right", justify="right")
        pairs.add_column("copied", justify="center")
        pairs.add_column("")
        for rank, p in enumerate(ov.pairs, 1):
            pairs.add_row(str(rank), Text(r.pair_label(p.left, p.right)), f"{p.similarity:.0%}", str(p.links),
                          str(p.left_unique), str(p.right_unique), r.copy_cell(p.left, p.right),
                          "" if p.one_event else Text("different events?", style="bold"))
        console.print(pairs)
        console.print(Text("\nWho copied whom", style="bold"))
        lines = r.derivation_lines()
        if not lines:
            console.print(Text("No pair reads as a copy of another: each reports in its own words."))
        for text, evidence in lines:
            console.print(Text("• " + text))
            for e in evidence:
                console.print(Text("    " + e, style="dim"))

    console.print(Text("\nConflicting details (linked sentences that state a detail differently)", style="bold"))
    if not ov.conflicts:
        console.print(Text("None found."))
    if ov.conflicts:
        for pair, kind, ls, rs, lt, rt in r.conflict_rows():
            line = Text()
            line.append(f"{kind}: ", style="bold")
            line.append(ls, style="bold red")
            line.append("  ≠  ")
            line.append(rs, style="bold red")
            line.append(f"\n    {one_line(lt, 300)}\n    {one_line(rt, 300)}", style="dim")
            console.print(line)

    if ov.quotes:
        flagged = sum(1 for q in ov.quotes if q.flagged)
        flagged_note = f"{flagged} worded or attributed differently: ⚠" if flagged else "none worded or attributed differently"
        console.print(Text(f"\nQuotes ({len(ov.quotes)}; {flagged_note})", style="bold"))
        for q in ov.quotes:
            line = Text("⚠ " if q.flagged else "  ", style="bold yellow")
            if q.speaker:
                line.append(q.speaker + ": ", style="bold")
            line.append(f"“{one_line(q.text, 400)}”")
            line.append(f" — {r.quote_carriers(q)}", style="dim")
            console.print(line)
            for o in q.occurrences:
                note = r.occurrence_note(o)
                if note:
                    console.print(Text(f"    {r.labels[o.article]} {note}", style="yellow"))

    for g in r.groups():
        console.print(Text(f"\n{g.heading} ({len(g.facts)})", style="bold"))
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True, padding=(0, 1))
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("fact", ratio=1)
        for label in r.labels:
            table.add_column(Text(label), justify="center", max_width=12)
        for f in g.facts:
            table.add_row(str(f.id), _fact_text(r, f), *(_cell(r, f, k) for k in range(n)))
        console.print(table)

    console.print(Text("\nCoverage", style="bold"))
    cov = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 1))
    cov.add_column("outlet")
    cov.add_column("facts it reports", justify="right")
    cov.add_column("only it reports", justify="right")
    for c in ov.coverage:
        cov.add_row(Text(r.labels[c.article]), str(c.facts), str(c.exclusive))
    console.print(cov)

    marked = r.marked_sentences()
    if marked:
        console.print(Text("\nFlags and notes", style="bold"))
        for (a, s), mk in marked:
            line = Text()
            line.append(f"{FLAG_MARK if mk.flagged else ' '} ", style="bold red")
            line.append(f"{r.labels[a]} #{s}", style="bold")
            facts = r.facts_of.get((a, s), [])
            if facts:
                line.append(f" (fact {', '.join(str(f.id) for f in facts)})")
            line.append(": " + r.sentence_text((a, s)))
            if mk.note.strip():
                line.append(f"\n  {NOTE_MARK} " + " ".join(mk.note.split()), style="italic")
            console.print(line)

    legend = (f"= verbatim  ≈ near  ~ paraphrase  {KIND_MARK['partial']} partial (reports only part)  "
              f"{ONLY_MARK} only this outlet  {FLAG_MARK} flagged  {NOTE_MARK} note")
    console.print(Text("\n" + legend, style="dim"))
