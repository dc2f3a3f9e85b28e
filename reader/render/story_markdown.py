"""One story's overview as Markdown: CommonMark with GFM pipe tables (GitHub, GitLab, most
editors render them). Every piece of article, note and path text is escaped, so it can never
become a link, HTML, emphasis, a heading or a list; ``|`` is escaped inside table cells."""

from __future__ import annotations

from reader.corpus.errors import plural
from reader.corpus.sanitize import display_path
from reader.render.markdown_out import md_escape
from reader.render.marks import KIND_MARK, KIND_MEANING
from reader.render.story_report import FLAG_MARK, NOTE_MARK, ONLY_MARK, StoryReport


def _cell_text(text: str) -> str:
    return md_escape(text) or " "


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _mark(r: StoryReport, fact, k: int) -> str:
    kind = r.cell(fact, k)
    if not kind:
        return ""
    if kind == "only":
        return f"{ONLY_MARK} only"
    return KIND_MARK[kind]


def _fact_cell(r: StoryReport, fact) -> str:
    out = md_escape(fact.text)
    marks = r.fact_marks(fact)
    if any(mk.flagged for _, mk in marks):
        out += f" {FLAG_MARK}"
    for (a, _s), mk in marks:
        if mk.note.strip():
            out += f" — {NOTE_MARK} *{md_escape(r.labels[a])}:* {md_escape(mk.note)}"
    return out


def to_markdown(r: StoryReport) -> str:
    ov = r.overview
    n = len(r.articles)
    marks = " · ".join(f"{KIND_MARK[k]} {v}" for k, v in KIND_MEANING.items())
    out = [
        f"# Story: {md_escape(r.title) or '(untitled)'}",
        "",
        f"- **Articles:** {n} · **Facts:** {len(ov.facts)} ({r.count('all') if n > 1 else 0} reported by all, "
        f"{r.count('one')} by one outlet only) · **Pairs:** {len(ov.pairs)}",
        f"- **Marks:** {marks} · {ONLY_MARK} only this outlet · {FLAG_MARK} flagged · {NOTE_MARK} note",
        "",
        "## Articles",
        "",
        "By date where known (who ran it first).",
        "",
        _row(["#", "outlet", "date", "title", "path"]),
        _row(["--:", "---", "---", "---", "---"]),
    ]
    for k, a in enumerate(r.articles):
        out.append(_row([str(k + 1), _cell_text(r.labels[k]), _cell_text(a.date or "—"), _cell_text(a.title),
                         _cell_text(display_path(a.path))]))
    out.append("")
    if ov.pairs:
        out += [
            "## Pairs",
            "",
            "Every pair of the story's articles, the pair that shares most first.",
            "",
            _row(["rank", "pair", "similarity", "links", "only left", "only right", "copied"]),
            _row(["--:", "---", "--:", "--:", "--:", "--:", ":-:"]),
        ]
        for rank, p in enumerate(ov.pairs, 1):
            pair = md_escape(r.pair_label(p.left, p.right)) + ("" if p.one_event else " (different events?)")
            out.append(_row([str(rank), pair, f"{p.similarity:.0%}", str(p.links), str(p.left_unique),
                             str(p.right_unique), r.copy_cell(p.left, p.right) or " "]))
        out.append("")
        out += ["## Who copied whom", ""]
        lines = r.derivation_lines()
        if lines:
            for text, evidence in lines:
                out.append(f"- {md_escape(text)}")
                out += [f"  - {md_escape(e)}" for e in evidence]
        else:
            out.append("No pair reads as a copy of another: each reports in its own words.")
        out.append("")
    out += ["## Conflicting details", "",
            "Linked sentences that state a detail differently (a number, date, name, place or what happened).", ""]
    if ov.conflicts:
        out += [_row(["pair", "kind", "one says", "the other says", "sentences"]), _row(["---", "---", "---", "---", "---"])]
        for pair, kind, ls, rs, lt, rt in r.conflict_rows():
            out.append(_row([md_escape(pair), kind, _cell_text(ls), _cell_text(rs),
                             _cell_text(lt) + " / " + _cell_text(rt)]))
    else:
        out.append("None found.")
    out.append("")
    if ov.quotes:
        flagged = sum(1 for q in ov.quotes if q.flagged)
        said = f"{flagged} worded or attributed differently between outlets (⚠)" if flagged else \
            "none worded or attributed differently between outlets"
        out += ["## Quotes", "", f"{plural(len(ov.quotes), 'quote')}; {said}.", ""]
        for q in ov.quotes:
            who = f"**{md_escape(q.speaker)}**: " if q.speaker else ""
            out.append(f"- {'⚠ ' if q.flagged else ''}{who}“{md_escape(q.text)}” — {md_escape(r.quote_carriers(q))}")
            for o in q.occurrences:
                note = r.occurrence_note(o)
                if note:
                    out.append(f"  - **{md_escape(r.labels[o.article])}** {md_escape(note)}: “{md_escape(o.text)}”")
        out.append("")
    out += ["## Facts", "",
            "A fact is a group of sentences across the articles that report the same thing; its text is its "
            "most central sentence. Each outlet's column says how it reports the fact.", ""]
    header = _row(["#", "fact", *(_cell_text(label) for label in r.labels)])
    rule = _row(["--:", "---", *(":-:" for _ in r.labels)])
    for g in r.groups():
        out += [f"### {md_escape(g.heading)} ({len(g.facts)})", "", header, rule]
        for f in g.facts:
            out.append(_row([str(f.id), _fact_cell(r, f), *(_mark(r, f, k) or " " for k in range(n))]))
        out.append("")
    out += [
        "## Coverage",
        "",
        _row(["outlet", "facts it reports", "only it reports"]),
        _row(["---", "--:", "--:"]),
        *(_row([_cell_text(r.labels[c.article]), str(c.facts), str(c.exclusive)]) for c in ov.coverage),
        "",
    ]
    marked = r.marked_sentences()
    if marked:
        out += ["## Flags and notes", ""]
        for (a, s), mk in marked:
            facts = r.facts_of.get((a, s), [])
            where = f" (fact {', '.join(str(f.id) for f in facts)})" if facts else ""
            line = f"- {FLAG_MARK + ' ' if mk.flagged else ''}**{md_escape(r.labels[a])} #{s}**{where}: " \
                   f"{md_escape(r.sentence_text((a, s)))}"
            if mk.note.strip():
                line += f" — {NOTE_MARK} {md_escape(mk.note)}"
            out.append(line)
        out.append("")
    if r.problems:
        out += [f"## Skipped ({plural(len(r.problems), 'file')})", ""]
        out += [f"- {md_escape(p)}" for p in r.problems]
        out.append("")
    return "\n".join(out)
