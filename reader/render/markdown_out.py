"""A readable Markdown report of a comparison (valid CommonMark; article text escaped)."""

from __future__ import annotations

import re

from reader.engine.types import Comparison

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^>])")


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it literally (no links, HTML, emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(c: Comparison) -> str:
    L, R = c.left, c.right
    s = c.stats
    out = [
        f"# Comparison: {md_escape(L.title)} / {md_escape(R.title)}",
        "",
        f"- **Left:** {md_escape(L.title)} — {md_escape(L.source)} (`{L.path.replace('`', '')}`)",
        f"- **Right:** {md_escape(R.title)} — {md_escape(R.source)} (`{R.path.replace('`', '')}`)",
        f"- **Similarity:** {s.similarity:.0%} · {s.matched} matches · "
        f"{s.left_unique} only left · {s.right_unique} only right",
        "",
        "## Matches",
        "",
    ]
    for m in c.matches:
        lt = " ".join(L.sentences[i].text for i in m.left)
        rt = " ".join(R.sentences[j].text for j in m.right)
        moved = " · moved" if m.moved else ""
        out.append(f"### {m.kind} ({m.score:.2f}){moved} — left {_ids(m.left)}, right {_ids(m.right)}")
        out.append("")
        out.append(f"> **L:** {md_escape(lt)}")
        out.append(">")
        out.append(f"> **R:** {md_escape(rt)}")
        out.append("")
    for title, art, side in (("Only in the left article", L, "left"), ("Only in the right article", R, "right")):
        matched = {i for m in c.matches for i in getattr(m, side)}
        unique = [x for x in art.sentences if x.id not in matched and not x.boilerplate]
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


def _ids(ids: list[int]) -> str:
    return "+".join(f"#{i}" for i in ids)
