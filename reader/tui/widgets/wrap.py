"""Fast greedy word wrap that returns character offsets (no textual, no rich rendering).

The comparison view wraps thousands of sentences per width; it needs only the
``(start, end)`` offsets of each line so styles (word diffs) can be sliced per line.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

_WORD = re.compile(r"\S+\s*")


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of ``text`` wrapped to ``width`` cells, as (start, end) offsets.

    Trailing spaces of a line are excluded from its end. A word longer than the width
    is broken across lines. Empty text gives one empty line.
    """
    width = max(1, width)
    if _width(text) <= width:
        return [(0, len(text.rstrip()))]
    lines: list[tuple[int, int]] = []
    line_start = 0
    line_end = 0  # end of the last word on the current line (no trailing space)
    used = 0  # cells used on the current line, including trailing space
    for m in _WORD.finditer(text):
        ws, we = m.span()
        word_end = ws + len(m.group().rstrip())
        wlen = _width(text[ws:word_end])
        if used and used + wlen > width:
            lines.append((line_start, line_end))
            line_start, used = ws, 0
        if wlen > width:  # hard-break a long word
            pos = ws
            while _width(text[pos:word_end]) > width - used:
                cut = pos + max(1, _fit(text, pos, word_end, width - used))
                lines.append((line_start, cut))
                line_start, pos, used = cut, cut, 0
            line_end = word_end
            used = _width(text[line_start:we])
            continue
        line_end = word_end
        used += _width(text[ws:we])
    if line_start < len(text) or not lines:
        lines.append((line_start, max(line_start, line_end)))
    return lines


def _fit(text: str, start: int, end: int, cells: int) -> int:
    """How many characters from ``start`` fit in ``cells`` cells."""
    n = 0
    used = 0
    for ch in text[start:end]:
        w = _width(ch)
        if used + w > cells:
            break
        used += w
        n += 1
    return n


_PATTERNS: dict[int, re.Pattern[str]] = {}


def _pattern(width: int) -> re.Pattern[str]:
    pat = _PATTERNS.get(width)
    if pat is None:
        w1 = width - 1
        pat = re.compile(rf"\S.{{0,{w1}}}(?=\s|$)|\S.{{0,{w1}}}")
        _PATTERNS[width] = pat
    return pat


def single_width(text: str) -> bool:
    """True if every character of ``text`` takes exactly one cell (so cells == characters)."""
    return text.isascii() or all(get_character_cell_size(c) == 1 for c in set(text))


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Like :func:`wrap_offsets`, with a regex fast path for text of single-width characters.

    (Curly quotes, dashes and accented letters are single-width: most news text takes
    the fast path. Wide or zero-width characters take the cell-counting path.)
    """
    width = max(1, width)
    if len(text) <= width or not single_width(text):
        return wrap_offsets(text, width)
    out: list[tuple[int, int]] = []
    for m in _pattern(width).finditer(text):
        s, e = m.span()
        while e > s and text[e - 1] == " ":
            e -= 1
        out.append((s, e))
    return out or [(0, 0)]
