"""What every static report of one story shows (``reader story``: text, Markdown, HTML, JSON).

A :class:`StoryReport` wraps the story layer's overview (:mod:`reader.story.overview`: pairs,
facts, coverage — the same comparisons ``reader compare`` shows) with what the reports add: a
short label per outlet for table columns, the facts grouped by who reports them (by all, by
some, by one outlet), and the user's flags and notes on the sentences (given as plain
:class:`Mark` records, so this layer never opens the notes store). No textual, no rich here.
"""

from __future__ import annotations

from reader.story.overview import outlet_labels
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

    # ------------------------------------------------------------------ copying, quotes, conflicts
    def copy_arrow(self, left: int, right: int) -> str:
        """The pair table's arrow: "→" when ``right`` reads as a copy of ``left``, "←" the other
        way, "" when the evidence names no direction."""
        d = self.overview.derivation(left, right)
        if d is None or d.source is None:
            return ""
        return "→" if d.source == left else "←"

    def copy_cell(self, left: int, right: int) -> str:
        """"→ 70%" (the copy's share copied or edited from the original), or ""."""
        d = self.overview.derivation(left, right)
        if d is None or d.source is None or d.copy is None:
            return ""
        return f"{self.copy_arrow(left, right)} {d.share(d.copy):.0%}"

    def derivation_lines(self) -> list[tuple[str, list[str]]]:
        """Each pair worth a word on copying: its sentence and the evidence (directed pairs first)."""
        from reader.story.derived import sentence

        ov = self.overview
        directed = [(sentence(d, self.labels), list(d.evidence)) for d in ov.derived]
        shared = [(sentence(d, self.labels), []) for d in ov.derivations if d.source is None and sentence(d, self.labels)]
        return directed + shared

    def conflict_rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """(pair, kind, what the left says, what the right says, left sentence, right sentence) per conflict."""
        ov = self.overview
        rows = []
        for sc in ov.conflicts:
            m = ov.comparisons[sc.left, sc.right].matches[sc.match]
            rows.append((self.pair_label(sc.left, sc.right), sc.conflict.kind,
                         f"{self.labels[sc.left]}: {sc.conflict.left}", f"{self.labels[sc.right]}: {sc.conflict.right}",
                         m.texts[0], m.texts[1]))
        return rows

    def quote_carriers(self, quote) -> str:
        return ", ".join(self.labels[o.article] for o in quote.occurrences)

    def occurrence_note(self, o) -> str:
        """How one outlet's occurrence of a quote differs ("" when it does not)."""
        from reader.story.quotes import describe_changes

        bits = []
        if o.altered:
            said = describe_changes(o)
            whom = f" from {self.labels[o.against]}" if o.against is not None else ""
            bits.append(said.replace("worded differently", f"words it differently{whom}", 1))
        if o.speaker_differs:
            bits.append(f"attributes it to {o.speaker}")
        return "; ".join(bits)
