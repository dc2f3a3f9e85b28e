"""Sentence splitting (placeholder: replaced by the real splitter)."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?]['\"\u2019\u201d)]*\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, outer whitespace excluded."""
    spans = []
    pos = 0
    for m in _END.finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
