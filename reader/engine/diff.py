"""Word-level differences between the two sides of a match."""

from __future__ import annotations

from typing import Literal

from rapidfuzz.distance import Indel

from reader.engine.text import word_spans
from reader.record import Record


class DiffOp(Record):
    """One step of a word-level diff between the two sides of a match.

    ``op`` is ``equal``, ``delete`` (only on the left), ``insert`` (only on the right)
    or ``replace``. ``left``/``right`` are ``(start, end)`` character offsets into the
    left/right *match text* (the sentences of that side joined by a single space).
    """

    __slots__ = ("op", "left", "right")

    def __init__(self, op: Literal["equal", "delete", "insert", "replace"], left: tuple[int, int], right: tuple[int, int]):
        self.op = op
        self.left = left
        self.right = right


def word_diff(left: str, right: str) -> list[DiffOp]:
    """Diff two texts word by word (case- and punctuation-insensitive).

    Offsets are character ranges in ``left``/``right``; an ``equal`` run covers the words
    both sides share, the others what was deleted, inserted or replaced.
    """
    lw, rw = word_spans(left), word_spans(right)
    ops: list[DiffOp] = []
    for tag, a0, a1, b0, b1 in Indel.opcodes([w for w, _, _ in lw], [w for w, _, _ in rw]):
        ls = (lw[a0][1], lw[a1 - 1][2]) if a1 > a0 else (_pos(lw, a0, left), _pos(lw, a0, left))
        rs = (rw[b0][1], rw[b1 - 1][2]) if b1 > b0 else (_pos(rw, b0, right), _pos(rw, b0, right))
        ops.append(DiffOp(tag, ls, rs))  # type: ignore[arg-type]
    return _merge_replace(ops)


def _pos(spans, k, text):
    return spans[k][1] if k < len(spans) else len(text)


def _merge_replace(ops: list[DiffOp]) -> list[DiffOp]:
    """Indel has no 'replace': turn a delete next to an insert into one replace."""
    out: list[DiffOp] = []
    for op in ops:
        if out and {out[-1].op, op.op} == {"delete", "insert"}:
            prev = out.pop()
            d, i = (prev, op) if prev.op == "delete" else (op, prev)
            out.append(DiffOp("replace", d.left, i.right))
        else:
            out.append(op)
    return out
