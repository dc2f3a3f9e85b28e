"""Result types of comparing two articles. No textual here."""

from __future__ import annotations

from typing import Literal

from reader.corpus.model import Article
from reader.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.engine.details import Conflict
    from reader.engine.diff import DiffOp

Kind = Literal["verbatim", "near", "paraphrase", "partial"]


class Match(Record):
    """A link: sentences of the left article that report the same thing as sentences of the right.

    ``left``/``right`` are sentence ids (one, or two adjacent ones for a 2-1 / 1-2 group);
    ``texts`` the joined text of each side. Links are many-to-many: a sentence may take part
    in several. The ``aligned`` ones are one-to-one (or adjacent groups) and form the spine
    the display rows are built from; the others join sentences shown on different rows.
    ``kind`` is ``verbatim``, ``near`` (an edited copy), ``paraphrase``, or ``partial`` (one
    side reports only part of what the other does). ``score`` is the engine's confidence
    (0..1) that the two report the same thing. ``by_user``: the user made (or confirmed) this
    link (:mod:`reader.engine.corrections`); its score is then 1.0.
    """

    __slots__ = ("left", "right", "kind", "score", "moved", "aligned", "texts", "by_user", "_diff", "_conflicts")

    def __init__(self, left: list[int], right: list[int], kind: Kind, score: float, moved: bool = False,
                 texts: tuple[str, str] = ("", ""), aligned: bool = True, by_user: bool = False):
        self.left = left
        self.right = right
        self.kind = kind
        self.score = score
        self.moved = moved
        self.aligned = aligned
        self.texts = texts
        self.by_user = by_user
        self._diff: list[DiffOp] | None = None
        self._conflicts: list[Conflict] | None = None

    @property
    def diff(self) -> list[DiffOp]:
        """Word-level differences, computed on first use (cheap to skip when unseen)."""
        if self._diff is None:
            from reader.engine.diff import word_diff  # diff imports nothing of this module

            self._diff = word_diff(*self.texts)
        return self._diff

    @property
    def conflicts(self) -> list[Conflict]:
        """Details both sides state differently (a number, date, name, place or event verb),
        computed on first use; see :mod:`reader.engine.details`. A link off the aligned spine
        (one sentence of several linked to another) must be near certain to say so: it is the
        kind that joins two sentences that only share a frame ("… killed three people …")."""
        if self._conflicts is None:
            from reader.engine.details import OFF_SPINE_MIN_SCORE, conflicts

            if not self.aligned and self.score < OFF_SPINE_MIN_SCORE or self.kind == "verbatim":
                self._conflicts = []
            else:
                self._conflicts = conflicts(self.texts[0], self.texts[1], self.kind, self.score, self.diff)
        return self._conflicts


class Row(Record):
    """One aligned display row: sentence ids on each side (either may be empty).

    ``match`` indexes ``Comparison.matches`` when the row shows a match, else None.
    """

    __slots__ = ("left", "right", "match")

    def __init__(self, left: list[int], right: list[int], match: int | None = None):
        self.left = left
        self.right = right
        self.match = match


class Stats(Record):
    """Summary figures. ``matched`` counts aligned matches (rows), ``links`` every link;
    a sentence is unique (``left_unique``/``right_unique``) only when it has no link at all.
    ``similarity`` (0..1) is the share of both articles' body sentences that have a link,
    weighted by the engine's confidence in their best link. ``same_event`` (0..1) is the engine's
    confidence that the two articles report the same event at all; ``one_event`` is whether they
    were linked as such (below the event threshold, unless asked to, only verbatim lines link)."""

    __slots__ = ("similarity", "left_unique", "right_unique", "matched", "left_boilerplate", "right_boilerplate",
                 "links", "same_event", "one_event")

    def __init__(self, similarity: float, left_unique: int, right_unique: int, matched: int,
                 left_boilerplate: int, right_boilerplate: int, links: int | None = None):
        self.similarity = similarity
        self.left_unique = left_unique
        self.right_unique = right_unique
        self.matched = matched
        self.left_boilerplate = left_boilerplate
        self.right_boilerplate = right_boilerplate
        self.links = matched if links is None else links
        self.same_event = 1.0
        self.one_event = True


class Comparison(Record):
    __slots__ = ("left", "right", "matches", "rows", "stats")

    def __init__(self, left: Article, right: Article, matches: list[Match], rows: list[Row], stats: Stats):
        self.left = left
        self.right = right
        self.matches = matches
        self.rows = rows
        self.stats = stats

    def match_of(self, side: Literal["left", "right"], sentence_id: int) -> Match | None:
        """The aligned match a sentence takes part in, else its most confident link, else None."""
        best = None
        for m in self.matches:
            if sentence_id in (m.left if side == "left" else m.right):
                if m.aligned:
                    return m
                if best is None or m.score > best.score:
                    best = m
        return best
