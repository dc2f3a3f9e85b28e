"""The JSON, Markdown and terminal-text views of a comparison with many-to-many links
(built by hand in linked.py: aligned matches, further links, partial kinds)."""

from __future__ import annotations

import io
import json

from linked import LEFT, RIGHT, linked_comparison
from markdown_it import MarkdownIt

from reader.render.json_out import to_json
from reader.render.markdown_out import to_markdown
from reader.render.marks import badge, further_links, other_links, sentence_links
from reader.render.text_out import render_text


def _text(c, width: int = 120) -> str:
    out = io.StringIO()
    render_text(c, width=width, file=out)
    return out.getvalue()


# ------------------------------------------------------------------ marks
def test_badge_counts_in_one_cell():
    assert badge(0) == ""
    assert [badge(n) for n in (1, 2, 9)] == ["¹", "²", "⁹"]
    assert badge(10) == badge(25) == "⁺"


def test_other_links_leave_out_the_rows_own_match():
    c = linked_comparison()
    left, right = sentence_links(c)
    assert left[2] == [3, 4, 5]
    assert other_links(left, [2], 4) == [3, 5]
    assert other_links(right, [5], 7) == [6]
    assert other_links(left, [3], None) == []
    assert other_links(left, [1, 2], 2) == [3, 4, 5], "a group: the links of either sentence, once each"
    assert further_links(c) == [1, 3, 5, 6]


# ------------------------------------------------------------------- JSON
def test_json_marks_aligned_links_and_counts_every_link():
    d = json.loads(to_json(linked_comparison()))
    assert [m["aligned"] for m in d["matches"]] == [True, False, True, False, True, False, False, True]
    assert {m["kind"] for m in d["matches"]} == {"paraphrase", "partial"}
    assert d["stats"]["links"] == 8 and d["stats"]["matched"] == 4
    further = [(m["left"], m["right"]) for m in d["matches"] if not m["aligned"]]
    assert further == [([0], [1]), ([2], [0]), ([2], [3]), ([4], [5])]
    # rows are built from the aligned links only: every row pair is an aligned match
    aligned = {(tuple(m["left"]), tuple(m["right"])) for m in d["matches"] if m["aligned"]}
    assert {(tuple(r["left"]), tuple(r["right"])) for r in d["rows"] if r["left"] and r["right"]} == aligned
    for m in d["matches"]:
        assert set(m) == {"left", "right", "kind", "score", "moved", "aligned", "by_user", "diff", "conflicts"}


# --------------------------------------------------------------- Markdown
def _sections(md: str) -> dict[str, str]:
    out, title = {}, ""
    for line in md.splitlines():
        if line.startswith("## "):
            title = line[3:]
            out[title] = ""
        elif title:
            out[title] += line + "\n"
    return out


def test_markdown_lists_further_links_with_kind_confidence_and_both_sentences():
    md = to_markdown(linked_comparison())
    sections = _sections(md)
    matches, further = sections["Matches"], sections["Further links"]
    assert matches.count("### ") == 4 and further.count("### ") == 4
    assert "### ◐ partial (0.66) — left #2, right #3" in further
    assert "### ~ paraphrase (0.58) — left #4, right #5" in further
    assert "### ◐ partial (0.74) — left #2, right #2" in matches
    # both sentences of a further link are quoted (changed words in bold)
    block = further.split("### ◐ partial (0.66)")[1].split("###")[0]
    plain = block.replace("**", "")
    assert LEFT[2] in plain and RIGHT[3] in plain
    assert "**Automation at**" in block
    # a legend names every kind, partial included
    assert "◐ partial (one side reports only part of what the other does)" in md
    assert "8 links (4 aligned on rows, 4 further)" in md


def test_markdown_only_lists_sentences_without_any_link():
    sections = _sections(to_markdown(linked_comparison()))
    only_left = [line[2:] for line in sections["Only in the left article (left)"].splitlines() if line.startswith("- ")]
    only_right = [line[2:] for line in sections["Only in the right article (right)"].splitlines() if line.startswith("- ")]
    assert only_left == ['"This deal protects the people who built this port," said union president Ana Ruiz.']
    assert only_right == [RIGHT[4]], "right #3 has only a further link: it is not unique"


def test_markdown_without_further_links_has_no_such_section():
    c = linked_comparison()
    keep = [k for k, m in enumerate(c.matches) if m.aligned]
    renumber = {k: n for n, k in enumerate(keep)}
    c.matches = [c.matches[k] for k in keep]
    for row in c.rows:
        row.match = renumber[row.match] if row.match is not None else None
    md = to_markdown(c)
    assert "Further links" not in md and "further link" not in md
    only_left = _sections(md)["Only in the left article (left)"]
    assert "About 2,400 workers" in only_left, "without its link, left #4 is unique again"


def test_markdown_with_links_is_still_safe_commonmark():
    c = linked_comparison()
    c.right.sentences[3].text = "[click](javascript:alert(1)) <b>x</b>"
    c.matches[5].texts = (c.matches[5].texts[0], c.right.sentences[3].text)
    tokens = MarkdownIt("commonmark").parse(to_markdown(c))
    assert not any(t.type in ("html_block", "html_inline", "link_open") for t in tokens)


# ------------------------------------------------------------ terminal text
def _row_line(out: str, start: str) -> str:
    """The line of the side-by-side table (after the 3 header lines) holding ``start``."""
    table = out.split("Further links")[0].splitlines()[3:]
    return next(line for line in table if start in line)


def test_text_marks_badges_partial_and_unique():
    out = _text(linked_comparison())
    title = _row_line(out, "Harbour strike ends")
    assert title.lstrip().startswith("¹"), "left #0 has one link beyond its row"
    assert "~" in title
    wages = _row_line(out, "The agreement raises wages")
    assert wages.lstrip().startswith("²") and "◐" in wages
    assert _row_line(out, "This deal protects").startswith("+"), "no link at all: unique"
    assert _row_line(out, "About 2,400 workers").startswith("~¹"), "linked elsewhere: its kind, not +"
    automation = _row_line(out, "Automation at the port")
    assert "◐¹" in automation and "+" not in automation
    assert "+" in _row_line(out, "The mayor praised")
    assert "8 links (4 aligned on rows, 4 further) · 1 only left · 1 only right" in out
    assert "◐ partial" in out.splitlines()[-1] or "◐ partial" in out.splitlines()[-2], "legend"


def test_text_lists_further_links_after_the_table():
    out = _text(linked_comparison(), width=160)
    tail = out.split("Further links")[1]
    lines = tail.splitlines()
    assert sum("confidence" in line for line in lines) == 4
    partial = next(i for i, line in enumerate(lines) if "The agreement raises" in line and "Automation at" in line)
    assert lines[partial].startswith("◐ partial")
    assert lines[partial + 1].startswith("confidence 0.66")
    assert any("About 2,400 workers" in line and "Ships would start" in line for line in lines)


def test_text_without_further_links_is_as_before():
    c = linked_comparison()
    c.matches = [m for m in c.matches if m.aligned]
    for row in c.rows:
        row.match = {0: 0, 2: 1, 4: 2, 7: 3}.get(row.match) if row.match is not None else None
    out = _text(c)
    assert "Further links" not in out and "0 further" in out
    assert _row_line(out, "About 2,400 workers").startswith("+")
    assert "¹" not in out and "²" not in out


def test_text_treats_article_text_as_plain():
    c = linked_comparison()
    c.left.sentences[4].text = "[bold red]not markup[/] \\[x]"
    c.matches[6].texts = (c.left.sentences[4].text, c.matches[6].texts[1])
    out = _text(c, width=160)
    assert out.count("[bold red]not markup[/]") == 2, "in the table and under Further links"
