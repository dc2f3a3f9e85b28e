"""A readable Markdown report of a comparison (valid CommonMark; article text escaped)."""

from __future__ import annotations

import re

from reader.corpus.sanitize import display_path

from reader.engine.types import Comparison, Match
from reader.render.marks import KIND_MARK, KIND_MEANING, event_note, further_links

# Characters that start inline constructs anywhere (emphasis, code, links, images, HTML,
# entities, autolinks); block markers only matter at the start of a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>!&|~])")
_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#+\-=>])")


def _line_start(text: str) -> str:
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else "\\" + m.group(3), text)


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally (no links, HTML, emphasis, lists).

    Whitespace runs become one space, so the text stays on its line; ordinary
    punctuation ("6.4 metres", "U.S.-led") is left readable.
    """
    return _line_start(_INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split())))


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with the ``spans`` (what changed; whole words) in bold."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos or end <= start:
            continue
        out.append(_INLINE_SPECIAL.sub(r"\\\1", text[pos:start]))
        out.append("**" + _INLINE_SPECIAL.sub(r"\\\1", text[start:end]) + "**")
        pos = end
    out.append(_INLINE_SPECIAL.sub(r"\\\1", text[pos:]))
    return _line_start(" ".join("".join(out).split()))


def to_markdown(c: Comparison) -> str:
    L, R = c.left, c.right
    s = c.stats
    further = further_links(c)
    on_rows = [r.match for r in c.rows if r.match is not None]
    counts = (f"{s.links} {'link' if s.links == 1 else 'links'} "
              f"({s.matched} aligned on rows, {len(further)} further)")
    out = [
        f"# Comparison: {md_escape(L.title)} / {md_escape(R.title)}",
        "",
        f"- **Left:** {md_escape(L.title)} — {md_escape(L.source)} (`{display_path(L.path).replace('`', '')}`)",
        f"- **Right:** {md_escape(R.title)} — {md_escape(R.source)} (`{display_path(R.path).replace('`', '')}`)",
        f"- **Similarity:** {s.similarity:.0%} · {counts} · "
        f"{s.left_unique} only left · {s.right_unique} only right",
        f"- **Kinds:** {' · '.join(f'{KIND_MARK[k]} {v}' for k, v in KIND_MEANING.items())}; "
        "words that differ in **bold**",
        *([f"- **Note:** {md_escape(event_note(c))}"] if event_note(c) else []),
        "",
        "## Matches",
        "",
    ]
    conflicts = [(m, x) for m in c.matches for x in m.conflicts]
    if conflicts:
        out[out.index("## Matches"):out.index("## Matches")] = [
            "## Conflicting details", "",
            "Linked sentences that state a detail differently (number, date, name, place, what happened).", "",
            *(f"- **{x.kind}:** left {_ids(m.left)} “{md_escape(x.left)}” ≠ right {_ids(m.right)} "
              f"“{md_escape(x.right)}”" for m, x in conflicts),
            "",
        ]
    for k in on_rows:
        out += _link(c.matches[k])
    if not on_rows:
        out += ["_none_", ""]
    if further:
        out += [
            "## Further links",
            "",
            "Sentences that also report the same thing as a sentence of the other article, "
            "beyond the one-to-one matches above (a sentence may have several).",
            "",
        ]
        for k in further:
            out += _link(c.matches[k])
    # Unique: no link at all, aligned or not.
    for title, art, side in (("Only in the left article", L, "left"), ("Only in the right article", R, "right")):
        linked = {i for m in c.matches for i in getattr(m, side)}
        unique = [x for x in art.sentences if x.id not in linked and not x.boilerplate]
        out += [f"## {title} ({md_escape(art.source)})", ""]
        out += [f"- {md_escape(x.text)}" for x in unique] or ["_nothing_"]
        out.append("")
    for art, side in ((L, "left"), (R, "right")):
        bp = [x for x in art.sentences if x.boilerplate]
        if bp:
            out += [f"## Boilerplate ({side}: {md_escape(art.source)})", ""]
            out += [f"- {md_escape(x.text)}" for x in bp]
            out.append("")
    return "\n".join(out)


def _link(m: Match) -> list[str]:
    """One link: a heading (mark, kind, confidence, sentence numbers) and both sentences quoted."""
    lt, rt = m.texts
    if m.kind == "verbatim":
        lt_md, rt_md = md_escape(lt), md_escape(rt)
    else:  # the words that differ in bold
        changed = [d for d in m.diff if d.op != "equal"]
        lt_md = _marked(lt, [d.left for d in changed])
        rt_md = _marked(rt, [d.right for d in changed])
    moved = (" · moved" if m.moved and m.aligned else "") + (" · your link (a correction)" if m.by_user else "")
    out = [
        f"### {KIND_MARK[m.kind]} {m.kind} ({m.score:.2f}){moved} — left {_ids(m.left)}, right {_ids(m.right)}",
        "",
        f"> **L:** {lt_md}",
        ">",
        f"> **R:** {rt_md}",
        "",
    ]
    for x in m.conflicts:
        out += [f"- **Conflict ({x.kind}):** left says “{md_escape(x.left)}”, right says “{md_escape(x.right)}”", ""]
    return out


def _ids(ids: list[int]) -> str:
    return "+".join(f"#{i}" for i in ids)
