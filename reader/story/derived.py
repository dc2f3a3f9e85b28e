"""Who copied whom: how much of each article of a pair is copied or edited from the other, and
which way the copying went when the evidence says so.

For every pair, the *copied share* of an article is the share of its body sentences that a
``verbatim`` or ``near`` link (a copy, or an edited copy) joins to the other article; sentences
that are mostly a quotation count on neither side (two outlets quoting one statement or tweet
have not copied each other). A
direction is stated only when the copying is substantial (:data:`MIN_SHARE` of the copy's
sentences) and every piece of evidence points the same way:

* **dates** — both articles dated, on different days: the earlier one is the original;
* **chrome** — one article carries nearly all of the other's sentences (:data:`CONTAINED`)
  plus clearly more site chrome (boilerplate lines): it is the copy, wrapped in a site;
* **quotes** — of the quotes both carry, one side's wording is the one most outlets carry and
  the other's is altered (needs three or more articles: with two, a difference is a tie);
* **additions** — in the edited copies, one side only ever adds words to the other's sentences
  (the other's sentence is inside it), in most of them: it is the rewrite. Supporting
  evidence only — never enough alone, as trimming a sentence looks the same from the other side.

Independent reports of one event share facts but few copied sentences: they get no direction.
No textual here.
"""

from __future__ import annotations

import re

from reader.engine.event import days_apart, parse_day
from reader.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.engine.types import Comparison
    from reader.story.quotes import Quote

MIN_SHARE = 0.4
"""A direction is stated only when at least this share of the copy's sentences is copied or edited."""
CONTAINED = 0.8
"""Share of the original's sentences the copy must carry for the chrome evidence."""
QUOTED = 0.6
"""A sentence this much inside quotation marks is a quote, not copying."""
MORE_CHROME = 3
"""How many more boilerplate lines the copy must carry than the original for the chrome evidence."""


class Derivation(Record):
    """Articles ``left`` < ``right`` of the story and how much each copies from the other:
    ``left_copied`` sentences of ``left_total`` (left's body sentences that are not mostly a
    quotation) are copies or edits of right's, and the other way round. ``source``/``copy`` are set when the evidence supports a
    direction (``evidence``: one plain sentence per reason), else None."""

    __slots__ = ("left", "right", "left_copied", "left_total", "right_copied", "right_total", "source", "copy",
                 "evidence", "verbatim")

    def __init__(self, left: int, right: int, left_copied: int, left_total: int, right_copied: int, right_total: int):
        self.left = left
        self.right = right
        self.left_copied = left_copied
        self.left_total = left_total
        self.right_copied = right_copied
        self.right_total = right_total
        self.source: int | None = None
        self.copy: int | None = None
        self.evidence: list[str] = []
        self.verbatim = 0
        """Of the copy's copied sentences, how many are word for word."""

    def share(self, article: int) -> float:
        """The share of ``article``'s body sentences copied or edited from the other."""
        if article == self.left:
            return self.left_copied / self.left_total if self.left_total else 0.0
        return self.right_copied / self.right_total if self.right_total else 0.0

    def copied(self, article: int) -> tuple[int, int]:
        """(copied, total) body sentences of ``article``."""
        return (self.left_copied, self.left_total) if article == self.left else (self.right_copied, self.right_total)


def _copied(c: Comparison, lskip: set[int], rskip: set[int]) -> tuple[set[int], set[int]]:
    """Body sentences of each side copied or edited from the other (``*skip``: the sentences
    that do not count, boilerplate and those mostly a quotation — two outlets quoting one tweet
    have not copied each other)."""
    left: set[int] = set()
    right: set[int] = set()
    for m in c.matches:
        if m.kind in ("verbatim", "near"):
            left.update(m.left)
            right.update(m.right)
    return left - lskip, right - rskip


def _skipped(a: Article) -> set[int]:
    return {s.id for s in a.sentences if s.boilerplate or _mostly_quoted(s.text)}


def _mostly_quoted(text: str) -> bool:
    from reader.story.quotes import _spans

    if not any(c in text for c in "\"“”"):
        return False
    inside = sum(b - a for a, b in _spans(text))
    return inside >= QUOTED * len(text)


_WIRE = re.compile(r"\b(?:Associated Press|Reuters|Agence France-Presse|AFP|Bloomberg News|\(AP\)|"
                   r"contributed to this report)", re.IGNORECASE)


def _credits_wire(a: Article) -> bool:
    """The article credits a news agency: two outlets running one wire story share its text
    without one copying the other, so a date alone says nothing about who copied whom."""
    return bool(_WIRE.search(a.text))


def _additions(c: Comparison) -> tuple[int, int, int]:
    """Of the edited copies (``near`` links): how many only add words on the right, only on the left, in all."""
    right_adds = left_adds = total = 0
    for m in c.matches:
        if m.kind != "near":
            continue
        total += 1
        ops = {d.op for d in m.diff if d.op != "equal"}
        if ops == {"insert"}:
            right_adds += 1
        elif ops == {"delete"}:
            left_adds += 1
    return right_adds, left_adds, total


def derive(articles: list[Article], labels: list[str], comparisons: dict[tuple[int, int], Comparison],
           quotes: list[Quote]) -> list[Derivation]:
    """One :class:`Derivation` per compared pair (``comparisons[(i, j)]``, i < j); ``labels``
    name the articles in the evidence sentences."""
    out = []
    skipped: dict[int, set[int]] = {}  # per article of the story, computed once
    for (i, j), c in sorted(comparisons.items()):
        for k, a in ((i, c.left), (j, c.right)):
            if k not in skipped:
                skipped[k] = _skipped(a)
        lc, rc = _copied(c, skipped[i], skipped[j])
        lt = len(c.left.sentences) - len(skipped[i])
        rt = len(c.right.sentences) - len(skipped[j])
        d = Derivation(i, j, len(lc), lt, len(rc), rt)
        out.append(d)
        if not c.stats.one_event:
            continue
        votes: list[tuple[int, str]] = []  # (the original, why)
        gap = days_apart(articles[i].date, articles[j].date)
        if gap:
            first, later = (i, j) if parse_day(articles[i].date) < parse_day(articles[j].date) else (j, i)
            votes.append((first, f"{labels[first]} was published first ({articles[first].date}; "
                                 f"{labels[later]} {articles[later].date})."))
        lb = sum(1 for s in c.left.sentences if s.boilerplate)
        rb = sum(1 for s in c.right.sentences if s.boilerplate)
        if lt and rt:
            if len(lc) >= CONTAINED * lt and rb >= lb + MORE_CHROME:
                votes.append((i, f"{labels[j]} carries {len(lc)} of {possessive(labels[i])} {lt} sentences plus "
                                 f"{rb} lines of site chrome ({labels[i]}: {lb})."))
            elif len(rc) >= CONTAINED * rt and lb >= rb + MORE_CHROME:
                votes.append((j, f"{labels[i]} carries {len(rc)} of {possessive(labels[j])} {rt} sentences plus "
                                 f"{lb} lines of site chrome ({labels[j]}: {rb})."))
        qv = _quote_votes(i, j, quotes, labels)
        if qv is not None:
            votes.append(qv)
        if not votes:
            continue
        originals = {v for v, _ in votes}
        if len(originals) != 1:
            continue  # the evidence disagrees: say nothing
        if len(votes) == 1 and gap and (_credits_wire(articles[i]) or _credits_wire(articles[j])):
            continue  # only the dates, and a wire story both may have run: say nothing
        src = originals.pop()
        dst = j if src == i else i
        if d.share(dst) < MIN_SHARE:
            continue  # too little copied: independent reports of one event
        ra, la, total = _additions(c)
        adds_by_copy = ra if dst == j else la
        if total >= 3 and adds_by_copy >= 0.6 * total:
            votes.append((src, f"In {adds_by_copy} of {total} edited sentences {labels[dst]} only adds words "
                               f"to {possessive(labels[src])}."))
        d.source, d.copy = src, dst
        d.evidence = [why for _, why in votes]
        d.verbatim = len({k for m in c.matches if m.kind == "verbatim" for k in (m.right if dst == j else m.left)}
                         & (rc if dst == j else lc))
    return out


def _quote_votes(i: int, j: int, quotes: list[Quote], labels: list[str]) -> tuple[int, str] | None:
    """Shared quotes whose wording one side keeps as most outlets do and the other alters."""
    keeps = {i: 0, j: 0}
    for q in quotes:
        if len(q.occurrences) < 3:
            continue
        occ = {o.article: o for o in q.occurrences}
        if i in occ and j in occ and occ[i].altered != occ[j].altered:
            keeps[j if occ[i].altered else i] += 1
    if keeps[i] and not keeps[j]:
        return i, (f"{labels[i]} words {keeps[i]} shared quote{'s' if keeps[i] > 1 else ''} as most outlets do; "
                   f"{labels[j]} alters {'them' if keeps[i] > 1 else 'it'}.")
    if keeps[j] and not keeps[i]:
        return j, (f"{labels[j]} words {keeps[j]} shared quote{'s' if keeps[j] > 1 else ''} as most outlets do; "
                   f"{labels[i]} alters {'them' if keeps[j] > 1 else 'it'}.")
    return None


def sentence(d: Derivation, labels: list[str]) -> str:
    """The plain statement of a pair's derivation, or "" when nothing is copied worth saying."""
    if d.source is not None and d.copy is not None:
        n, total = d.copied(d.copy)
        what = "a copy" if d.verbatim >= 0.7 * max(1, n) else "a rewrite"
        return (f"{labels[d.copy]} reads as {what} of {labels[d.source]}: {n} of {possessive(labels[d.copy])} "
                f"{total} sentences (quotations aside) are copies or edits of {possessive(labels[d.source])}.")
    if d.share(d.left) >= MIN_SHARE or d.share(d.right) >= MIN_SHARE:
        return (f"{labels[d.left]} and {labels[d.right]} share copied or edited sentences "
                f"({d.left_copied} of {d.left_total}, {d.right_copied} of {d.right_total}, quotations aside); "
                f"which came first, the evidence does not say.")
    return ""


def possessive(name: str) -> str:
    """"Reuters'" but "Fox's"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"
