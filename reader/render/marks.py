"""Marks shared by every view of a comparison (terminal text, Markdown, the TUI), and
the links of each sentence. No textual, no rich here."""

from __future__ import annotations

from reader.engine.types import Comparison

KIND_MARK = {"verbatim": "=", "near": "≈", "paraphrase": "~", "partial": "◐"}
KIND_MEANING = {
    "verbatim": "verbatim (the same words)",
    "near": "near (an edited copy)",
    "paraphrase": "paraphrase (reworded)",
    "partial": "partial (one side reports only part of what the other does)",
}
UNIQUE_MARK = "+"
BOILER_MARK = "·"
MOVED_MARK = "↕"
MANY_MARK = "⁺"
"""The link badge for ten or more other links."""
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def badge(count: int) -> str:
    """One cell counting a sentence's links beyond its own row: ``¹``…``⁹``, ``⁺`` for ten or more."""
    if count <= 0:
        return ""
    return _SUPERSCRIPT[count] if count < 10 else MANY_MARK


def sentence_links(c: Comparison) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Sentence id -> indexes into ``c.matches`` of every link it takes part in, per side."""
    left: dict[int, list[int]] = {}
    right: dict[int, list[int]] = {}
    for k, m in enumerate(c.matches):
        for i in m.left:
            left.setdefault(i, []).append(k)
        for j in m.right:
            right.setdefault(j, []).append(k)
    return left, right


def other_links(index: dict[int, list[int]], ids: list[int], shown: int | None) -> list[int]:
    """The links of sentences ``ids`` other than ``shown`` (the aligned match on their row),
    in match order, each once."""
    if not index:
        return []
    if len(ids) == 1:
        return [k for k in index.get(ids[0], ()) if k != shown]
    return sorted({k for i in ids for k in index.get(i, ()) if k != shown})


def further_links(c: Comparison) -> list[int]:
    """Indexes of the links no row shows as its match: the links beyond the aligned spine."""
    shown = {r.match for r in c.rows if r.match is not None}
    return [k for k in range(len(c.matches)) if k not in shown]


def event_note(c: Comparison) -> str:
    """One plain line when the two articles were judged to report different events, else ""."""
    st = c.stats
    if st.one_event:
        return ""
    return (f"These two articles seem to report different events (confidence that they report the same one: "
            f"{st.same_event:.0%}), so only word-for-word lines are linked. To link them anyway: "
            f"reader compare --same-event.")
