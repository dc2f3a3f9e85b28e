"""The overview of one story: every pair of its articles, the facts across them, coverage,
quotes, conflicting details and who copied whom.

Pairs are compared through the story's library (``Library.compare``: a pair is computed once,
and is the same comparison ``reader compare`` and the pair view show); the facts are built from
their links (:mod:`.facts`), the quotes from the articles' own words (:mod:`.quotes`), the
conflicts are those of the links (:mod:`reader.engine.details`), and the derivations weigh
copied shares, dates, chrome and quote wording (:mod:`.derived`).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.corpus.sanitize import one_line
from reader.record import Record
from reader.story.derived import Derivation, derive
from reader.story.facts import Fact, build_facts, pair_edges
from reader.story.quotes import Quote, build_quotes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.engine.details import Conflict
    from reader.engine.types import Comparison
    from reader.story.grouping import Story


def outlet_labels(articles: list[Article], limit: int = 24) -> list[str]:
    """A short name per article: its source (numbered when two share one), else "article N"."""
    base = [one_line(a.source, limit) or f"article {k + 1}" for k, a in enumerate(articles)]
    seen: dict[str, int] = {}
    total = {b: base.count(b) for b in base}
    out = []
    for b in base:
        seen[b] = seen.get(b, 0) + 1
        out.append(f"{b} {seen[b]}" if total[b] > 1 else b)
    return out


class PairSummary(Record):
    """Articles ``left`` < ``right`` (indexes into the story's articles) and what they share."""

    __slots__ = ("left", "right", "similarity", "links", "left_unique", "right_unique", "one_event")

    def __init__(self, left: int, right: int, similarity: float, links: int, left_unique: int, right_unique: int,
                 one_event: bool):
        self.left = left
        self.right = right
        self.similarity = similarity
        self.links = links
        self.left_unique = left_unique
        self.right_unique = right_unique
        self.one_event = one_event


class Coverage(Record):
    """How many of the story's facts an article reports, and how many it alone reports."""

    __slots__ = ("article", "facts", "exclusive")

    def __init__(self, article: int, facts: int, exclusive: int):
        self.article = article
        self.facts = facts
        self.exclusive = exclusive


class StoryConflict(Record):
    """A conflicting detail of one link of the pair ``left`` < ``right``: ``match`` indexes
    that comparison's matches."""

    __slots__ = ("left", "right", "match", "conflict")

    def __init__(self, left: int, right: int, match: int, conflict: Conflict):
        self.left = left
        self.right = right
        self.match = match
        self.conflict = conflict


class Overview(Record):
    """``pairs`` sorted so the pair that shares most comes first; ``facts`` by how many articles
    report them; ``comparisons[(i, j)]`` the comparison of articles i < j; ``quotes`` by how
    many articles carry them; ``conflicts`` in pair order; ``derivations`` one per pair (i < j)."""

    __slots__ = ("story", "articles", "pairs", "facts", "coverage", "comparisons", "quotes", "conflicts",
                 "derivations", "labels")

    def __init__(self, story: Story, pairs: list[PairSummary], facts: list[Fact], coverage: list[Coverage],
                 comparisons: dict[tuple[int, int], Comparison], quotes: list[Quote] | None = None,
                 conflicts: list[StoryConflict] | None = None, derivations: list[Derivation] | None = None):
        self.story = story
        self.articles = story.articles
        self.pairs = pairs
        self.facts = facts
        self.coverage = coverage
        self.comparisons = comparisons
        self.quotes = quotes or []
        self.conflicts = conflicts or []
        self.derivations = derivations or []
        self.labels = outlet_labels(list(story.articles))

    def derivation(self, i: int, j: int) -> Derivation | None:
        """The derivation record of articles ``i`` and ``j`` (either order)."""
        a, b = min(i, j), max(i, j)
        return next((d for d in self.derivations if d.left == a and d.right == b), None)

    @property
    def derived(self) -> list[Derivation]:
        """The pairs whose direction of copying the evidence supports."""
        return [d for d in self.derivations if d.source is not None]

    def quotes_in(self, article: int, sentence: int) -> list[Quote]:
        """The quotes an article's sentence carries."""
        return [q for q in self.quotes for o in q.occurrences if o.article == article and sentence in o.sentences]

    def facts_of(self, article: int, sentence: int) -> list[Fact]:
        """The facts a sentence belongs to."""
        return [f for f in self.facts if (article, sentence) in f.members]

    def filtered(self, which: str, article: int | None = None) -> list[Fact]:
        """``all``: reported by every article; ``only``: by one article alone (``article``, or
        any); ``all_but_one``: by every article but one; ``any``: every fact."""
        n = len(self.articles)
        if which == "all":
            return [f for f in self.facts if len(f.articles) == n]
        if which == "only":
            return [f for f in self.facts if len(f.articles) == 1 and (article is None or f.articles == [article])]
        if which == "all_but_one":
            return [f for f in self.facts if len(f.articles) == n - 1 and n > 2]
        return list(self.facts)


def build_overview(compare: Callable[[Article, Article], Comparison], story: Story,
                   progress: Callable[[int, int], None] | None = None) -> Overview:
    """``compare``: how pairs are compared (``Library.compare``, so each is computed once)."""
    arts = story.articles
    n = len(arts)
    todo = [(i, j) for i in range(n) for j in range(i + 1, n)]
    comparisons: dict[tuple[int, int], Comparison] = {}
    edges = []
    for k, (i, j) in enumerate(todo, 1):
        c = compare(arts[i], arts[j])
        comparisons[i, j] = c
        edges.extend(pair_edges(i, j, c))
        if progress is not None:
            progress(k, len(todo))
    pairs = [PairSummary(i, j, c.stats.similarity, c.stats.links, c.stats.left_unique, c.stats.right_unique,
                         c.stats.one_event) for (i, j), c in comparisons.items()]
    pairs.sort(key=lambda p: (-p.similarity, -p.links, p.left, p.right))
    facts = build_facts(arts, edges)
    coverage = [Coverage(k, sum(1 for f in facts if k in f.articles),
                         sum(1 for f in facts if f.articles == [k])) for k in range(n)]
    quotes = build_quotes(arts)
    conflicts = [StoryConflict(i, j, k, x) for (i, j), c in sorted(comparisons.items())
                 for k, m in enumerate(c.matches) for x in m.conflicts]
    derivations = derive(list(arts), outlet_labels(list(arts)), comparisons, quotes)
    return Overview(story, pairs, facts, coverage, comparisons, quotes, conflicts, derivations)
