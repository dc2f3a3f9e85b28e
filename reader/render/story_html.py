"""One story's overview as one self-contained HTML file, for sharing.

No network and no script: the styles are inline (light and dark through
``prefers-color-scheme``), a Content-Security-Policy forbids loading anything (``default-src
'none'``), and every piece of text — article text, titles, sources, paths, notes — goes through
:func:`esc` (``html.escape`` of the sanitised text; control and bidi characters dropped). Ids and
class names are made from numbers and fixed words only.

What it holds: the articles; the pair matrix as a heat table (similarity in %, colour by value)
and the pairs ranked; the facts table with a column per outlet, grouped (reported by all, by
some, by one outlet), each mark linking to that outlet's sentence; coverage; and each article's
text with its sentences marked by the facts they belong to, each linking back to its fact. The
user's flags and notes show on the facts and sentences they touch.
"""

from __future__ import annotations

import html

from reader import __version__
from reader.corpus.errors import plural
from reader.corpus.formats import is_url
from reader.corpus.sanitize import display_path, sanitize
from reader.render.marks import KIND_MARK, KIND_MEANING
from reader.render.story_report import FLAG_MARK, NOTE_MARK, ONLY_MARK, StoryReport

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def esc(text: object) -> str:
    """Text as HTML: sanitised (no control or bidi characters), then escaped (quotes too)."""
    return html.escape(sanitize(str(text)), quote=True)


def _sid(a: int, s: int) -> str:
    return f"s-{a}-{s}"


STYLE = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1c1d21; --muted: #5e6068; --line: #d8d9de; --panel: #f4f5f7;
  --link: #1d4ed8; --heat: 37 99 235; --hot-fg: #ffffff;
  --verbatim: #15803d; --near: #a16207; --paraphrase: #0e7490; --partial: #4338ca; --only: #be185d;
  --all-bg: 21 128 61; --some-bg: 14 116 144; --one-bg: 190 24 93;
  --flag: #dc2626; --target: #f59e0b;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16171b; --fg: #e4e5ea; --muted: #a0a3ad; --line: #34363e; --panel: #1f2026;
    --link: #8ab4ff; --heat: 59 130 246; --hot-fg: #ffffff;
    --verbatim: #4ade80; --near: #facc15; --paraphrase: #22d3ee; --partial: #a5b4fc; --only: #f472b6;
    --all-bg: 74 222 128; --some-bg: 34 211 238; --one-bg: 244 114 182;
    --flag: #f87171; --target: #fbbf24;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       margin: 0 auto; padding: 1.5rem 2rem 4rem; max-width: 78rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
.muted, .meta { color: var(--muted); }
.legend span { display: inline-block; margin-right: 1rem; }
.row { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
.row > section { min-width: 0; }
.row > section > p { width: 0; min-width: 100%; }
nav a { margin-right: 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .55rem; vertical-align: top; text-align: left; }
thead th { position: sticky; top: 0; background: var(--bg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.heat td, table.heat th { text-align: center; border: 1px solid var(--line); min-width: 3.8rem; }
table.heat td.cell { background: rgb(var(--heat) / calc(var(--v) * 0.9)); font-variant-numeric: tabular-nums; }
table.heat td.cell a { color: inherit; display: block; }
table.heat td.hot { color: var(--hot-fg); font-weight: 600; }
table.heat td.self { color: var(--muted); }
table.facts { width: 100%; }
table.facts td.mark { text-align: center; font-weight: 700; width: 4.5rem; }
table.facts td.mark a { display: block; }
table.facts td.mark .where { display: block; font-size: .7rem; font-weight: 400; }
table.facts td.mark .where a { display: inline; color: var(--muted); margin: 0 .1rem; }
tr.group th { background: var(--panel); font-size: .95rem; padding-top: .6rem; }
.k-verbatim, .k-verbatim a { color: var(--verbatim); }
.k-near, .k-near a { color: var(--near); }
.k-paraphrase, .k-paraphrase a { color: var(--paraphrase); }
.k-partial, .k-partial a { color: var(--partial); }
.k-only, .k-only a { color: var(--only); }
.flag { color: var(--flag); font-weight: 700; }
.conflict { color: var(--flag); font-weight: 700; }
.altered { color: #b7791f; }
ul.quotes li { margin: .3em 0; }
.note { display: block; margin: .2rem 0 0; padding: .15rem .5rem; border-left: 3px solid var(--target);
        background: var(--panel); font-style: italic; white-space: pre-wrap; }
.bar { display: inline-block; height: .7rem; width: calc(var(--w) * 8rem); background: rgb(var(--heat) / .55);
       margin-right: .5rem; vertical-align: middle; }
article { border-top: 1px solid var(--line); margin-top: 1.5rem; }
article p { margin: .5rem 0; max-width: 52rem; }
article p.headline { font-weight: 700; font-size: 1.1rem; }
.s { border-radius: 3px; padding: 0 .08rem; unicode-bidi: isolate; }
.s.all { background: rgb(var(--all-bg) / .16); }
.s.some { background: rgb(var(--some-bg) / .16); }
.s.one { text-decoration: underline dotted rgb(var(--one-bg) / .9); text-underline-offset: .2rem; }
.s.bp { color: var(--muted); font-style: italic; }
.s:target, tr:target { outline: 2px solid var(--target); background: rgb(245 158 11 / .22); }
sup.refs { font-size: .7rem; margin: 0 .15rem 0 .05rem; }
sup.refs a { margin-right: .15rem; }
td.text { min-width: 22rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
"""


def _mark_cell(r: StoryReport, fact, k: int) -> str:
    """How outlet ``k`` reports the fact, linking to its sentence (sentences: a lede may join
    its headline's fact)."""
    kind = r.cell(fact, k)
    if not kind:
        return '<td class="mark"></td>'
    sentences = [s for a, s in fact.members if a == k]
    symbol = f"{ONLY_MARK} only" if kind == "only" else KIND_MARK[kind]
    meaning = "only this outlet reports it" if kind == "only" else KIND_MEANING[kind]
    where = ", ".join(f"#{s}" for s in sentences)
    refs = "".join(f'<a href="#{_sid(k, s)}">#{s}</a>' for s in sentences)
    return (f'<td class="mark k-{kind}"><a href="#{_sid(k, sentences[0])}" '
            f'title="{esc(r.labels[k])} {where}: {esc(meaning)}">{esc(symbol)}</a>'
            f'<span class="where">{refs}</span></td>')


def _notes_html(r: StoryReport, marks) -> str:
    out = []
    for (a, s), mk in marks:
        if mk.note.strip():
            out.append(f'<span class="note">{NOTE_MARK} <a href="#{_sid(a, s)}">{esc(r.labels[a])} #{s}</a>: '
                       f"{esc(mk.note)}</span>")
    return "".join(out)


def _heat(r: StoryReport) -> list[str]:
    ov = r.overview
    n = len(r.articles)
    if n < 2:
        return []
    by = {(p.left, p.right): p for p in ov.pairs}
    out = ['<div class="scroll"><table class="heat">',
           "<thead><tr><th></th>" + "".join(f'<th scope="col">{esc(label)}</th>' for label in r.labels)
           + "</tr></thead><tbody>"]
    for i in range(n):
        cells = [f'<th scope="row">{esc(r.labels[i])}</th>']
        for j in range(n):
            if i == j:
                cells.append('<td class="self">—</td>')
                continue
            p = by[(min(i, j), max(i, j))]
            v = max(0.0, min(1.0, p.similarity))
            hot = " hot" if v >= 0.7 else ""
            cells.append(f'<td class="cell{hot}" style="--v:{v:.3f}"><a href="#pair-{p.left}-{p.right}" '
                         f'title="{esc(r.pair_label(p.left, p.right))}: {p.links} links">{v:.0%}</a></td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return out


def _ranked(r: StoryReport) -> list[str]:
    ov = r.overview
    if not ov.pairs:
        return []
    out = ['<div class="scroll"><table class="pairs"><thead><tr><th class="num">#</th><th>pair</th>'
           '<th class="num">similarity</th><th class="num">links</th><th class="num">only left</th>'
           '<th class="num">only right</th><th>copied</th><th></th></tr></thead><tbody>']
    for rank, p in enumerate(ov.pairs, 1):
        note = "" if p.one_event else "different events?"
        out.append(
            f'<tr id="pair-{p.left}-{p.right}"><td class="num">{rank}</td>'
            f'<td><a href="#article-{p.left}">{esc(r.labels[p.left])}</a> / '
            f'<a href="#article-{p.right}">{esc(r.labels[p.right])}</a></td>'
            f'<td class="num">{p.similarity:.0%}</td><td class="num">{p.links}</td>'
            f'<td class="num">{p.left_unique}</td><td class="num">{p.right_unique}</td>'
            f'<td>{esc(r.copy_cell(p.left, p.right))}</td>'
            f'<td class="muted">{note}</td></tr>')
    out.append("</tbody></table></div>")
    return out


def _copying(r: StoryReport) -> list[str]:
    lines = r.derivation_lines()
    if not lines:
        return ['<p class="muted">No pair reads as a copy of another: each reports in its own words.</p>']
    out = ["<ul>"]
    for text, evidence in lines:
        ev = "".join(f"<li class=\"muted\">{esc(e)}</li>" for e in evidence)
        out.append(f"<li>{esc(text)}{'<ul>' + ev + '</ul>' if ev else ''}</li>")
    out.append("</ul>")
    return out


def _conflicts(r: StoryReport) -> list[str]:
    out = ['<div class="scroll"><table class="conflicts"><thead><tr><th>kind</th><th>one says</th>'
           "<th>the other says</th><th>sentences</th></tr></thead><tbody>"]
    for pair, kind, ls, rs, lt, rt in r.conflict_rows():
        out.append(f'<tr><td>{esc(kind)}</td><td class="conflict">{esc(ls)}</td><td class="conflict">{esc(rs)}</td>'
                   f'<td>{esc(lt)}<br><span class="muted">{esc(rt)}</span></td></tr>')
    out.append("</tbody></table></div>")
    return out


def _quotes(r: StoryReport) -> list[str]:
    out = ["<ul class=\"quotes\">"]
    for q in r.overview.quotes:
        who = f"<b>{esc(q.speaker)}</b>: " if q.speaker else ""
        mark = '<span class="altered">⚠</span> ' if q.flagged else ""
        notes = "".join(f'<li class="altered">{esc(r.labels[o.article])} {esc(r.occurrence_note(o))}: '
                        f"“{esc(o.text)}”</li>" for o in q.occurrences if r.occurrence_note(o))
        out.append(f'<li id="quote-{q.id}">{mark}{who}“{esc(q.text)}” <span class="muted">— '
                   f"{esc(r.quote_carriers(q))}</span>{'<ul>' + notes + '</ul>' if notes else ''}</li>")
    out.append("</ul>")
    return out


def _facts(r: StoryReport) -> list[str]:
    n = len(r.articles)
    cols = 3 + n
    out = ['<div class="scroll"><table class="facts"><thead><tr><th class="num">#</th><th>fact</th>'
           + "".join(f'<th scope="col">{esc(label)}</th>' for label in r.labels)
           + '<th></th></tr></thead>']
    for g in r.groups():
        out.append(f'<tbody class="{g.key}"><tr class="group"><th colspan="{cols}">{esc(g.heading)} '
                   f'<span class="muted">({len(g.facts)})</span></th></tr>')
        for f in g.facts:
            marks = r.fact_marks(f)
            flag = f' <span class="flag" title="flagged">{FLAG_MARK}</span>' if any(mk.flagged for _, mk in marks) else ""
            out.append(
                f'<tr id="fact-{f.id}" class="fact {r.breadth(f)}"><td class="num"><a href="#fact-{f.id}">{f.id}</a></td>'
                f'<td class="text">{esc(f.text)}{flag}{_notes_html(r, marks)}</td>'
                + "".join(_mark_cell(r, f, k) for k in range(n))
                + "<td></td></tr>")
        out.append("</tbody>")
    out.append("</table></div>")
    return out


def _coverage(r: StoryReport) -> list[str]:
    ov = r.overview
    most = max((c.facts for c in ov.coverage), default=0) or 1
    out = ['<table class="coverage"><thead><tr><th>outlet</th><th>facts it reports</th>'
           '<th class="num">only it reports</th></tr></thead><tbody>']
    for c in ov.coverage:
        out.append(f'<tr><td><a href="#article-{c.article}">{esc(r.labels[c.article])}</a></td>'
                   f'<td><span class="bar" style="--w:{c.facts / most:.3f}"></span>{c.facts}</td>'
                   f'<td class="num">{c.exclusive}</td></tr>')
    out.append("</tbody></table>")
    return out


def _article(r: StoryReport, k: int) -> list[str]:
    a = r.articles[k]
    meta = [esc(a.source)]
    if a.date:
        meta.append(esc(a.date))
    url = a.url or ""
    if is_url(url):
        meta.append(f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(display_path(url))}</a>')
    meta.append(f"<span>{esc(display_path(a.path))}</span>")
    out = [f'<article id="article-{k}"><h3>{esc(r.labels[k])}: {esc(a.title)}</h3>',
           f'<p class="meta">{" · ".join(meta)}</p>']
    paragraph: int | None = None
    parts: list[str] = []

    def close() -> None:
        if parts:
            cls = ' class="headline"' if paragraph == 0 else ""
            out.append(f"<p{cls}>" + " ".join(parts) + "</p>")
            parts.clear()

    for s in a.sentences:
        if s.paragraph != paragraph:
            close()
            paragraph = s.paragraph
        facts = r.facts_of.get((k, s.id), [])
        classes = ["s"]
        if s.boilerplate:
            classes.append("bp")
        elif facts:
            widest = max(facts, key=lambda f: len(f.articles))
            classes.append(r.breadth(widest))
        title = "boilerplate" if s.boilerplate else ""
        span = (f'<span class="{" ".join(classes)}" id="{_sid(k, s.id)}"'
                + (f' title="{title}"' if title else "") + f">{esc(s.text)}</span>")
        if facts:
            span += '<sup class="refs">' + "".join(
                f'<a href="#fact-{f.id}" title="fact {f.id}">{f.id}</a>' for f in facts) + "</sup>"
        mk = r.mark(k, s.id)
        if mk is not None:
            if mk.flagged:
                span += f'<span class="flag" title="flagged">{FLAG_MARK}</span>'
            if mk.note.strip():
                span += f'<span class="note">{NOTE_MARK} {esc(mk.note)}</span>'
        parts.append(span)
    close()
    out.append("</article>")
    return out


def to_html(r: StoryReport) -> str:
    ov = r.overview
    n = len(r.articles)
    title = r.title or "(untitled)"
    legend = "".join(f'<span class="k-{k}">{KIND_MARK[k]} {esc(v)}</span>' for k, v in KIND_MEANING.items())
    legend += (f'<span class="k-only">{ONLY_MARK} only this outlet</span>'
               f'<span><span class="flag">{FLAG_MARK}</span> flagged</span><span>{NOTE_MARK} note</span>')
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f'<meta name="generator" content="reader {esc(__version__)}">',
        f"<title>Story: {esc(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{esc(title)}</h1>",
        f'<p class="muted">{plural(n, "article")} · {plural(len(ov.facts), "fact")} '
        f'({r.count("all") if n > 1 else 0} reported by all, {r.count("one")} by one outlet only) · '
        f'{plural(len(ov.pairs), "pair")}</p>',
        f'<p class="legend muted">{legend}</p>',
        '<nav><a href="#articles">Articles</a><a href="#pairs">Pairs</a><a href="#copying">Who copied whom</a>'
        '<a href="#conflicts">Conflicts</a><a href="#quotes">Quotes</a><a href="#facts">Facts</a>'
        '<a href="#coverage">Coverage</a><a href="#texts">Texts</a></nav></header>',
        '<section id="articles"><h2>Articles</h2><p class="muted">By date where known (who ran it first).</p>',
        '<div class="scroll"><table><thead><tr><th>outlet</th><th>date</th><th>title</th><th>path</th></tr></thead><tbody>',
    ]
    for k, a in enumerate(r.articles):
        out.append(f'<tr><td><a href="#article-{k}">{esc(r.labels[k])}</a></td><td>{esc(a.date or "—")}</td>'
                   f'<td>{esc(a.title)}</td><td class="muted">{esc(display_path(a.path))}</td></tr>')
    out.append("</tbody></table></div></section>")
    out.append('<div class="row"><section id="pairs"><h2>Pairs</h2>')
    if n < 2:
        out.append('<p class="muted">One article: no pairs.</p>')
    else:
        out.append('<p class="muted">Similarity of each pair (its share of linked sentences); the darker, the more '
                   'it shares. A cell leads to the pair in the ranking.</p>')
    out += ['<div class="row">'] + _heat(r) + _ranked(r) + ["</div></section>"]
    out.append('<section id="coverage"><h2>Coverage</h2><p class="muted">How many of the story\'s facts each '
               "outlet reports, and how many only it reports.</p>")
    out += _coverage(r)
    out.append("</section></div>")
    out.append('<section id="copying"><h2>Who copied whom</h2><p class="muted">How much of each article is copied '
               "or edited from another, and which way, when the evidence says so (→ in the pairs table: the right "
               "article reads as a copy of the left).</p>")
    out += _copying(r)
    out.append("</section>")
    out.append('<section id="conflicts"><h2>Conflicting details</h2><p class="muted">Linked sentences that state a '
               "detail differently: a number, date, name, place or what happened.</p>")
    out += _conflicts(r) if ov.conflicts else ['<p class="muted">None found.</p>']
    out.append("</section>")
    out.append(f'<section id="quotes"><h2>Quotes</h2><p class="muted">{plural(len(ov.quotes), "quote")}; ⚠ worded '
               "or attributed differently between outlets.</p>")
    out += _quotes(r) if ov.quotes else []
    out.append("</section>")
    out.append('<section id="facts"><h2>Facts</h2><p class="muted">A fact is a group of sentences across the '
               "articles that report the same thing; its text is its most central sentence. Each outlet's mark "
               "says how it reports the fact and links to its sentences.</p>")
    out += _facts(r)
    out.append("</section>")
    marked = r.marked_sentences()
    if marked:
        out.append('<section id="notes"><h2>Flags and notes</h2><ul>')
        for (a, s), mk in marked:
            facts = r.facts_of.get((a, s), [])
            refs = ", ".join(f'<a href="#fact-{f.id}">fact {f.id}</a>' for f in facts)
            flag = f'<span class="flag">{FLAG_MARK}</span> ' if mk.flagged else ""
            note = f'<span class="note">{NOTE_MARK} {esc(mk.note)}</span>' if mk.note.strip() else ""
            out.append(f'<li>{flag}<a href="#{_sid(a, s)}">{esc(r.labels[a])} #{s}</a>'
                       f'{" (" + refs + ")" if refs else ""}: {esc(r.sentence_text((a, s)))}{note}</li>')
        out.append("</ul></section>")
    out.append('<section id="texts"><h2>Texts</h2><p class="legend muted">'
               '<span class="s all">reported by all</span><span class="s some">by some</span>'
               '<span class="s one">by this outlet only</span><span class="s bp">boilerplate</span>'
               " · the small numbers link to the facts</p>")
    for k in range(n):
        out += _article(r, k)
    out.append("</section>")
    if r.problems:
        out.append(f'<section id="skipped"><h2>Skipped ({plural(len(r.problems), "file")})</h2><ul>')
        out += [f"<li>{esc(p)}</li>" for p in r.problems]
        out.append("</ul></section>")
    out.append(f"<footer>Made by reader {esc(__version__)}.</footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
