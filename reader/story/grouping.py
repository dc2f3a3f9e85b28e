"""Group articles into stories: articles that report the same event.

1. Each article becomes a vector of its stems, weighted by how rare each is *in this pile* (a
   word every article uses says nothing about which event an article reports) — the cosine of
   every pair sharing a stem is accumulated through an inverted index.
2. Each article's closest few (and any pair above :data:`CLOSE`) are judged by the grouping
   model (``GROUP_FEATURES``): the engine's event signals (:mod:`reader.engine.event`: shared
   rare words in general English, the closest sentences of the two — the alignment itself — and
   the headlines), the pile cosine and how it ranks among both articles' other neighbours (in
   a pile of stories on one topic, an article's own story is still its closest), and dates
   when both carry one; dated reports further apart than the event model allows are never one
   story. Fitted on PAC by ``benchmarks/train_matcher.py`` (``group`` in
   ``reader/engine/data/matcher.json``).
3. Average-linkage clustering: two groups merge when the mean probability over all their cross
   pairs reaches the model's threshold, strongest pairs first. So a chain of loosely related
   articles does not become one story.

A story's title is the headline of its most central article; an article unlike any other is a
story of one. Articles within a story are ordered by date where known (who ran it first).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from math import fsum

from reader.corpus.model import Article
from reader.record import Record

NEIGHBOURS = 4  # each article's closest articles judged by the event model
CLOSE = 0.2  # ... and every pair at least this close
FLOOR = 0.02  # pairs less close than this are never the same event


class Story(Record):
    """Articles that report one event. ``id`` counts from 1 in the order stories are listed
    (most articles first, then earliest)."""

    __slots__ = ("id", "title", "articles")

    def __init__(self, id: int, title: str, articles: list[Article]):
        self.id = id
        self.title = title
        self.articles = articles

    @property
    def sources(self) -> list[str]:
        return [a.source for a in self.articles]


GROUP_FEATURES = (
    "general_cosine",  # the event model's signals (reader.engine.event): rarity in general English,
    "best_sentences",  # the closest sentences of the two (the alignment itself),
    "titles",  # and the headlines
    "pile_cosine",  # cosine of the stem vectors, weighted by rarity among the articles of the pile
    "rank_high",  # 1 / (1 + rivals: articles closer to one of the two than the other is, and less
    "rank_low",  #     close to the other: a third report of the same event is no rival): better, worse side
    "ratio_high",  # pile cosine over the closest rival's (or itself): the larger side
    "ratio_low",
    "both_dated",  # both articles carry a date
    "same_day",  # ... at most a day apart
)


class Pile:
    """The articles to group, prepared once: units, pile vectors, the cosines of all pairs."""

    def __init__(self, articles: list[Article]):
        from reader.engine.compare import units

        self.articles = articles
        self.units = [units(a)[0] for a in articles]
        self.close = _cosines(_pile_vectors(self.units))
        self.near: dict[int, dict[int, float]] = {}
        for (i, j), c in self.close.items():
            self.near.setdefault(i, {})[j] = c
            self.near.setdefault(j, {})[i] = c

    def candidates(self) -> list[tuple[int, int]]:
        return _candidates(len(self.articles), self.close)

    def cosine(self, i: int, j: int) -> float:
        return self.close.get((i, j) if i < j else (j, i), 0.0)

    def _rivals(self, i: int, j: int, c: float) -> tuple[int, float]:
        """How many articles are closer to ``i`` than ``j`` is, yet less close to ``j`` than
        ``i`` is, and the closest of them (or ``c``)."""
        near_j = self.near.get(j, {})
        n, best = 0, c
        for k, ck in self.near.get(i, {}).items():
            if k != j and ck > c and near_j.get(k, 0.0) < c:
                n += 1
                best = max(best, ck)
        return n, best

    def features(self, i: int, j: int) -> list[float]:
        """The signals of a pair of articles (``GROUP_FEATURES``); i < j."""
        from reader.engine.event import days_apart, event_features
        from reader.engine.match import candidate_closeness, prepare

        left, right = self.units[i], self.units[j]
        if left and right:
            event = event_features(left, right, candidate_closeness(left, right, prepare(left, right)))
        else:
            event = [0.0, 0.0, 0.0]
        c = self.cosine(i, j)
        (ni, bi), (nj, bj) = self._rivals(i, j, c), self._rivals(j, i, c)
        rank_i, rank_j = 1.0 / (1 + ni), 1.0 / (1 + nj)
        ratio_i, ratio_j = (c / bi if bi else 0.0), (c / bj if bj else 0.0)
        gap = days_apart(self.articles[i].date, self.articles[j].date)
        return event + [
            c, max(rank_i, rank_j), min(rank_i, rank_j), max(ratio_i, ratio_j), min(ratio_i, ratio_j),
            0.0 if gap is None else 1.0,
            1.0 if gap is not None and gap <= 1 else 0.0,
        ]

    def far_apart(self, i: int, j: int) -> bool:
        """Both dated, and further apart than one event's reports ever are (the event model's rule)."""
        from reader.engine.event import days_apart, max_days_apart

        gap = days_apart(self.articles[i].date, self.articles[j].date)
        return gap is not None and gap > max_days_apart()


def group(articles: list[Article], progress: Callable[[int, int], None] | None = None) -> list[Story]:
    """Every article in exactly one story."""
    n = len(articles)
    if n == 0:
        return []
    pile = Pile(articles)
    pairs = pile.candidates()
    judge = _Judge(pile)
    for k, (i, j) in enumerate(pairs, 1):
        judge(i, j)
        if progress is not None:
            progress(k, len(pairs))
    clusters = _cluster(n, judge)
    return _stories(articles, clusters, pile.close)


def _pile_vectors(units_of) -> list[dict[str, float]]:
    """Stem vectors: sentence counts (log-scaled) times rarity among the articles of the pile."""
    df: dict[str, int] = {}
    counts = []
    for us in units_of:
        tf: dict[str, int] = {}
        for u in us:
            for s in u.stems:
                tf[s] = tf.get(s, 0) + 1
        counts.append(tf)
        for s in tf:
            df[s] = df.get(s, 0) + 1
    n = len(units_of)
    out = []
    for tf in counts:
        v = {s: (1.0 + math.log(c)) * math.log((n + 1) / (df[s] + 0.5)) for s, c in tf.items()}
        norm = math.sqrt(fsum(x * x for x in v.values())) or 1.0
        out.append({s: x / norm for s, x in v.items()})
    return out


def _cosines(vectors: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine of every pair (i < j) of articles that share a stem (of weight above 0)."""
    index: dict[str, list[tuple[int, float]]] = {}
    for k, v in enumerate(vectors):
        for s, x in v.items():
            if x > 0:
                index.setdefault(s, []).append((k, x))
    acc: dict[tuple[int, int], float] = {}
    for post in index.values():
        if len(post) < 2:
            continue
        for a in range(len(post)):
            i, x = post[a]
            for b in range(a + 1, len(post)):
                j, y = post[b]
                acc[i, j] = acc.get((i, j), 0.0) + x * y
    return acc


def _candidates(n: int, close: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    nearest: dict[int, list[tuple[float, int]]] = {}
    for (i, j), c in close.items():
        if c >= FLOOR:
            nearest.setdefault(i, []).append((c, j))
            nearest.setdefault(j, []).append((c, i))
    pairs = {key for key, c in close.items() if c >= CLOSE}
    for i, near in nearest.items():
        for _, j in sorted(near, reverse=True)[:NEIGHBOURS]:
            pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


class _Judge:
    """The grouping model's probability that two articles report one event, computed once."""

    def __init__(self, pile: Pile) -> None:
        from reader.engine import model

        self.pile = pile
        self.layer = model.layer("group")
        self.cache: dict[tuple[int, int], float] = {}

    def __call__(self, i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        p = self.cache.get(key)
        if p is None:
            if self.pile.close.get(key, 0.0) < FLOOR or self.pile.far_apart(*key):
                p = 0.0
            else:
                p = self.layer.probability(self.pile.features(*key))
            self.cache[key] = p
        return p


def _cluster(n: int, judge: _Judge) -> list[list[int]]:
    """Average-linkage merging, most probable pairs first, while the mean probability over all
    cross pairs of two groups reaches the grouping model's threshold."""
    threshold = judge.layer.threshold
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    of = list(range(n))
    for p, i, j in sorted(((p, i, j) for (i, j), p in judge.cache.items() if p >= threshold),
                          key=lambda t: (-t[0], t[1], t[2])):
        a, b = of[i], of[j]
        if a == b:
            continue
        cross = [judge(x, y) for x in groups[a] for y in groups[b]]
        if fsum(cross) / len(cross) < threshold:
            continue
        groups[a].extend(groups[b])
        for x in groups.pop(b):
            of[x] = a
    return [sorted(g) for g in groups.values()]


def _stories(articles: list[Article], clusters: list[list[int]], close: dict[tuple[int, int], float]) -> list[Story]:
    from reader.engine.event import parse_day

    def when(k: int):
        day = parse_day(articles[k].date)
        return (day is None, day.toordinal() if day else 0, k)

    def central(members: list[int]) -> int:
        if len(members) == 1:
            return members[0]
        return max(members, key=lambda k: (fsum(close.get((min(k, m), max(k, m)), 0.0) for m in members if m != k), -k))

    clusters = sorted(clusters, key=lambda g: (-len(g), min(when(k) for k in g)))
    out = []
    for sid, members in enumerate(clusters, 1):
        ordered = sorted(members, key=when)
        out.append(Story(sid, articles[central(members)].title, [articles[k] for k in ordered]))
    return out


def one_story(articles: list[Article], id: int = 1) -> Story:
    """``articles`` taken as one story (``reader story``: the user says they are): titled and
    ordered as :func:`group` would title and order a story of exactly these articles."""
    if not articles:
        return Story(id, "", [])
    pile = Pile(articles)
    [story] = _stories(articles, [list(range(len(articles)))], pile.close)
    story.id = id
    return story
