"""Result types of comparing two articles. No textual here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.corpus.model import Article

Kind = Literal["verbatim", "near", "paraphrase"]
KINDS: tuple[Kind, ...] = ("verbatim", "near", "paraphrase")


@dataclass(slots=True, frozen=True)
class DiffOp:
    """One step of a word-level diff between the two sides of a match.

    ``op`` is ``equal``, ``delete`` (only on the left), ``insert`` (only on the right)
    or ``replace``. ``left``/``right`` are ``(start, end)`` character offsets into the
    left/right *match text* (the sentences of that side joined by a single space).
    """

    op: Literal["equal", "delete", "insert", "replace"]
    left: tuple[int, int]
    right: tuple[int, int]


@dataclass(slots=True)
class Match:
    """Sentences of the left article that report the same thing as sentences of the right.

    ``left``/``right`` are sentence ids (one, or two adjacent ones for a 2-1 / 1-2 match).
    """

    left: list[int]
    right: list[int]
    kind: Kind
    score: float
    moved: bool = False
    texts: tuple[str, str] = ("", "")  # the joined text of each side
    _diff: list[DiffOp] | None = field(default=None, repr=False, compare=False)

    @property
    def diff(self) -> list[DiffOp]:
        """Word-level differences, computed on first use (cheap to skip when unseen)."""
        if self._diff is None:
            from reader.engine.diff import word_diff

            self._diff = word_diff(*self.texts)
        return self._diff


@dataclass(slots=True)
class Row:
    """One aligned display row: sentence ids on each side (either may be empty).

    ``match`` indexes ``Comparison.matches`` when the row shows a match, else None.
    """

    left: list[int]
    right: list[int]
    match: int | None = None


@dataclass(slots=True)
class Stats:
    similarity: float
    left_unique: int
    right_unique: int
    matched: int
    left_boilerplate: int
    right_boilerplate: int


@dataclass(slots=True)
class Comparison:
    left: Article
    right: Article
    matches: list[Match]
    rows: list[Row]
    stats: Stats

    def match_of(self, side: Literal["left", "right"], sentence_id: int) -> Match | None:
        """The match a sentence takes part in, if any."""
        for m in self.matches:
            if sentence_id in (m.left if side == "left" else m.right):
                return m
        return None
