"""The overview of one story: every pair of its articles, the facts across them, coverage.

Pairs are compared through the story's library (``Library.compare``: a pair is computed once,
and is the same comparison ``reader compare`` and the pair view show); the facts are built from
their links (:mod:`.facts`).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.record import Record
from reader.story.facts import Fact, build_facts, pair_edges

TYPE_CHECKING = False
if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.engine.types import Comparison
    from reader.story.grouping import Story


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


class Overview(Record):
    """``pairs`` sorted so the pair that shares most comes first; ``facts`` by how many articles
    report them; ``comparisons[(i, j)]`` the comparison of articles i < j."""

    __slots__ = ("story", "articles", "pairs", "facts", "coverage", "comparisons")

    def __init__(self, story: Story, pairs: list[PairSummary], facts: list[Fact], coverage: list[Coverage],
                 comparisons: dict[tuple[int, int], Comparison]):
        self.story = story
        self.articles = story.articles
        self.pairs = pairs
        self.facts = facts
        self.coverage = coverage
        self.comparisons = comparisons

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
    return Overview(story, pairs, facts, coverage, comparisons)
