"""Re-attach notes to the sentences of an article whose text has changed.

Pure functions, no database and no textual: :func:`reanchor` takes the stored anchors of
some notes and the article as loaded now, and says where each note belongs.

A note is anchored by its sentence's exact text, about :data:`CONTEXT` characters of text
before and after it, and its offsets. When the article changes:

1. **Exact**: a sentence with the same text (whitespace-insensitive). When the text occurs
   several times, the copy whose surroundings best match the stored context wins, then the
   one nearest the old offset. -> status ``ok`` (or the note's ``changed`` status is kept).
2. **Fuzzy**: a sentence similar to the old one (``rapidfuzz.fuzz.ratio``) *and* standing
   in similar surroundings, clearly better than the runner-up, and not one of the old
   sentence's own neighbours (a sentence that stood beside the deleted one is a different
   sentence, however similar). -> status ``changed``; the store keeps the original text.
3. Otherwise -> ``orphaned``. When in doubt, orphan: a note is never moved to a sentence
   that may be the wrong one. An orphaned note keeps its text and is listed everywhere.

Each sentence takes at most one note: ``taken`` holds sentence ids already claimed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from reader.corpus.model import Article, Sentence

Status = Literal["ok", "changed", "orphaned"]
CONTEXT = 80  # characters of text kept before and after a noted sentence

# Fuzzy acceptance: a reworded sentence in the same place. Deliberately strict.
FUZZY_STRONG = 0.85  # sentence similarity that needs only moderate context agreement
FUZZY_STRONG_CONTEXT = 0.5
FUZZY_WEAK = 0.6  # a heavier rewording needs its surroundings to agree closely
FUZZY_WEAK_CONTEXT = 0.8
FUZZY_MARGIN = 0.1  # over the runner-up's combined score
NEIGHBOUR_MIN = 12  # characters of overlap that identify a stored neighbour


@dataclass(slots=True, frozen=True)
class Anchor:
    """Where a note was attached: the sentence text, its surroundings and offsets."""

    text: str
    before: str
    after: str
    start: int
    end: int
    sentence_id: int
    original_text: str | None = None  # the text before a fuzzy re-attachment, if any


@dataclass(slots=True, frozen=True)
class Placement:
    """The result for one anchor: a sentence id (None when orphaned) and the status."""

    sentence_id: int | None
    status: Status
    exact: bool = False
    reverted: bool = False  # matched the note's original_text exactly (the edit was undone)


def norm(text: str) -> str:
    return " ".join(text.split())


def context_of(article: Article, sentence: Sentence) -> tuple[str, str]:
    """The text before and after a sentence, up to :data:`CONTEXT` characters each."""
    t = article.text
    return t[max(0, sentence.start - CONTEXT) : sentence.start], t[sentence.end : sentence.end + CONTEXT]


def anchor_of(article: Article, sentence: Sentence) -> Anchor:
    before, after = context_of(article, sentence)
    return Anchor(sentence.text, before, after, sentence.start, sentence.end, sentence.id)


def _sim(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b) / 100.0


def _context_sim(anchor: Anchor, article: Article, s: Sentence) -> float:
    before, after = context_of(article, s)
    # Compare the parts nearest the sentence: the windows may be cut at different places.
    return (_sim(anchor.before[-CONTEXT:], before) + _sim(anchor.after[:CONTEXT], after)) / 2


def _was_neighbour(anchor: Anchor, candidate: str) -> bool:
    """True when ``candidate`` is (the visible part of) a sentence that stood right beside
    the anchored one: it is then another sentence, never the anchored one reworded."""
    c = norm(candidate)
    b, a = norm(anchor.before), norm(anchor.after)
    if len(c) < NEIGHBOUR_MIN:
        return False
    if b and (b.endswith(c) or (len(b) >= NEIGHBOUR_MIN and c.endswith(b))):
        return True
    if a and (a.startswith(c) or (len(a) >= NEIGHBOUR_MIN and c.startswith(a))):
        return True
    return False


def reanchor(anchors: list[Anchor], article: Article, taken: set[int] | None = None) -> list[Placement]:
    """Where each anchor belongs in ``article`` (same order as ``anchors``).

    ``taken``: sentence ids that already carry a note; they are never given another one.
    """
    taken = set() if taken is None else set(taken)
    by_text: dict[str, list[Sentence]] = {}
    for s in article.sentences:
        by_text.setdefault(norm(s.text), []).append(s)
    result: list[Placement | None] = [None] * len(anchors)

    # 1. exact text (then the original text, for an edit that was undone)
    for i, anchor in enumerate(anchors):
        for text, reverted in ((anchor.text, False), (anchor.original_text, True)):
            if text is None:
                continue
            free = [s for s in by_text.get(norm(text), ()) if s.id not in taken]
            if not free:
                continue
            best = max(free, key=lambda s: (round(_context_sim(anchor, article, s), 2), -abs(s.start - anchor.start)))
            taken.add(best.id)
            status: Status = "changed" if anchor.original_text is not None and not reverted else "ok"
            result[i] = Placement(best.id, status, exact=True, reverted=reverted)
            break

    # 2. fuzzy: reworded in place
    for i, anchor in enumerate(anchors):
        if result[i] is not None:
            continue
        target = norm(anchor.text)
        scored: list[tuple[float, float, float, Sentence]] = []
        for s in article.sentences:
            sent = fuzz.ratio(target, norm(s.text), score_cutoff=FUZZY_WEAK * 100 - 15) / 100.0
            if sent <= 0:
                continue
            ctx = _context_sim(anchor, article, s)
            scored.append((0.7 * sent + 0.3 * ctx, sent, ctx, s))
        scored.sort(key=lambda x: x[0], reverse=True)
        placement = Placement(None, "orphaned")
        if scored:
            combined, sent, ctx, s = scored[0]
            runner_up = scored[1][0] if len(scored) > 1 else 0.0
            good = (sent >= FUZZY_STRONG and ctx >= FUZZY_STRONG_CONTEXT) or (
                sent >= FUZZY_WEAK and ctx >= FUZZY_WEAK_CONTEXT
            )
            if (
                good
                and combined - runner_up >= FUZZY_MARGIN
                and s.id not in taken
                and not _was_neighbour(anchor, s.text)
            ):
                taken.add(s.id)
                placement = Placement(s.id, "changed")
        result[i] = placement
    return [p if p is not None else Placement(None, "orphaned") for p in result]
