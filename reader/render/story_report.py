"""What every static report of one story shows (``reader story``: text, Markdown, HTML, JSON).

A :class:`StoryReport` wraps the story layer's overview (:mod:`reader.story.overview`: pairs,
facts, coverage — the same comparisons ``reader compare`` shows) with what the reports add: a
short label per outlet for table columns, the facts grouped by who reports them (by all, by
some, by one outlet), and the user's flags and notes on the sentences (given as plain
:class:`Mark` records, so this layer never opens the notes store). No textual, no rich here.
"""

from __future__ import annotations

from reader.corpus.sanitize import one_line
from reader.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.story.facts import Fact
    from reader.story.overview import Overview

Node = tuple[int, int]  # (article index in the story, sentence id)

ONLY_MARK = "+"
"""The mark of a fact that one outlet alone reports (its cell in the facts table)."""
FLAG_MARK = "⚑"
NOTE_MARK = "✎"


class Mark(Record):
    """The user's flag and/or note on one sentence."""

    __slots__ = ("flagged", "note")

    def __init__(self, flagged: bool, note: str = ""):
        self.flagged = flagged
        self.note = note


class Group(Record):
    """Facts reported alike: ``key`` "all", "some", "only-K" (article K alone) or "facts" (a
    story of one article); ``heading`` says so in words."""

    __slots__ = ("key", "heading", "facts")

    def __init__(self, key: str, heading: str, facts: list[Fact]):
        self.key = key
        self.heading = heading
        self.facts = facts


def outlet_labels(articles: list[Article], limit: int = 24) -> list[str]:
    """A short column label per article: its source (numbered when two share one)."""
    base = [one_line(a.source, limit) or f"article {k + 1}" for k, a in enumerate(articles)]
    seen: dict[str, int] = {}
    total = {b: base.count(b) for b in base}
    out = []
    for b in base:
        seen[b] = seen.get(b, 0) + 1
        out.append(f"{b} {seen[b]}" if total[b] > 1 else b)
    return out


class StoryReport:
    """One story's overview as the reports show it."""

    def __init__(self, overview: Overview, marks: dict[Node, Mark] | None = None, problems: list[str] = ()):  # type: ignore[assignment]
        self.overview = overview
        self.story = overview.story
        self.title = overview.story.title
        self.articles: list[Article] = list(overview.articles)
        self.labels = outlet_labels(self.articles)
        self.marks: dict[Node, Mark] = dict(marks or {})
        self.problems = list(problems)
        """Files that could not be read (one line each)."""
        self.facts_of: dict[Node, list[Fact]] = {}
        for f in overview.facts:
            for m in f.members:
                self.facts_of.setdefault(m, []).append(f)

    # ------------------------------------------------------------------ facts
    @property
    def facts(self) -> list[Fact]:
        return self.overview.facts

    def breadth(self, fact: Fact) -> str:
        """"all", "some" or "one": how many of the story's outlets report the fact."""
        n = len(self.articles)
        if len(fact.articles) == 1:
            return "one"
        return "all" if len(fact.articles) == n else "some"

    def groups(self) -> list[Group]:
        """Reported by all, by some, then by one outlet (one group per outlet); empty groups
        are left out. A story of one article has one group."""
        n = len(self.articles)
        facts = self.overview.facts
        if n <= 1:
            return [Group("facts", "Facts", list(facts))] if facts else []
        out = [Group("all", f"Reported by all {n}", [f for f in facts if len(f.articles) == n])]
        if n > 2:
            out.append(Group("some", f"Reported by 2 of {n}" if n == 3 else f"Reported by some (2 to {n - 1} of {n})",
                             [f for f in facts if 1 < len(f.articles) < n]))
        for k, label in enumerate(self.labels):
            out.append(Group(f"only-{k}", f"Only in {label}", [f for f in facts if f.articles == [k]]))
        return [g for g in out if g.facts]

    def count(self, breadth: str) -> int:
        return sum(1 for f in self.overview.facts if self.breadth(f) == breadth)

    def cell(self, fact: Fact, article: int) -> str:
        """The facts-table cell of one outlet: how it reports the fact (a kind), "only", or ""."""
        return fact.kinds.get(article, "") if article in fact.articles else ""

    # ------------------------------------------------------------------ flags and notes
    def mark(self, article: int, sentence: int) -> Mark | None:
        return self.marks.get((article, sentence))

    def fact_marks(self, fact: Fact) -> list[tuple[Node, Mark]]:
        """The flags and notes on the fact's sentences, by article."""
        return [(m, self.marks[m]) for m in fact.members if m in self.marks]

    def fact_flagged(self, fact: Fact) -> bool:
        return any(mk.flagged for _, mk in self.fact_marks(fact))

    def marked_sentences(self) -> list[tuple[Node, Mark]]:
        """Every flagged or noted sentence of the story, in article and sentence order."""
        return sorted(self.marks.items())

    def sentence_text(self, node: Node) -> str:
        a, s = node
        return self.articles[a].sentences[s].text

    def pair_label(self, left: int, right: int) -> str:
        return f"{self.labels[left]} / {self.labels[right]}"
