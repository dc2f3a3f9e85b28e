"""Are two articles about the same event? (Links between different events must not exist.)

Two stories on one topic share names and vocabulary sentence by sentence ("Senate", "gun bill",
"Tuesday"), so a sentence-level model alone links articles about different events. This
article-level model decides first; between articles judged to be about different events only
verbatim lines (a shared boilerplate line, a stock sentence) are linked.

Its signals (``EVENT_FEATURES``) come from the whole of both articles and from the candidate
links already scored, so it costs almost nothing on top of matching. The logistic weights and
the threshold are fitted on real articles (PAC: the two outlets of one story against articles
of different stories) by ``benchmarks/train_matcher.py``; they live in ``data/matcher.json``.
When both articles carry a date, two reports more than ``max_days_apart`` days apart (fitted
from the same data: outlets cover one event within a day or two) are different events whatever
their words: next month's vote on the same bill is another event.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from math import fsum

from reader.engine import model, rarity
from reader.engine.features import SIGNALS, Unit

EVENT_FEATURES = (
    "general_cosine",  # cosine of the articles' stem vectors, general-English rarity weights
    "best_sentences",  # mean character cosine of the three closest pairs of different sentences
    "titles",  # general-rarity cosine of the two headlines
)
_CHAR = SIGNALS.index("char_cos")


def event_features(left: list[Unit], right: list[Unit], closeness: Iterable[tuple[int, int, float]]) -> list[float]:
    """The article-level signals. ``closeness``: (left position, right position, character
    cosine) of every candidate sentence pair — ``table_closeness`` of a link table, or
    ``match.candidate_closeness`` when no links are wanted (grouping many articles)."""
    # Identical lines say nothing about the event: a stock sentence or a boilerplate line can
    # stand in reports of different events (and wire copies share everything else too).
    closest = sorted((c for i, j, c in closeness if left[i].norm != right[j].norm), reverse=True)
    best = fsum(closest[:3]) / 3 if closest else 0.0
    ta = [u for u in left if u.title][:1]
    tb = [u for u in right if u.title][:1]
    titles = _cosine(_general(ta), _general(tb)) if ta and tb else 0.0
    return [_cosine(_general(left), _general(right)), best, titles]


def table_closeness(table) -> Iterable[tuple[int, int, float]]:
    """The character cosines of a link table's candidates (match.link_table)."""
    return ((x.i, x.j, x.features[_CHAR]) for x in table)


def same_event(features: list[float], left_date: str | None = None, right_date: str | None = None) -> float:
    """Probability that the two articles report the same event (0 when their dates are too far apart)."""
    gap = days_apart(left_date, right_date)
    if gap is not None and gap > max_days_apart():
        return 0.0
    return model.layer("event").probability(features)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two dates given as ISO text ("2022-06-08", "2022-06-08T10:00Z"); None if either is unknown."""
    da, db = parse_day(a), parse_day(b)
    return None if da is None or db is None else abs((da - db).days)


def parse_day(text: str | None):
    """The date at the start of an ISO text ("2022-06-08", "2022-06-08T10:00Z"), or None."""
    if not text:
        return None
    import datetime  # only when both articles are dated

    try:
        return datetime.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def max_days_apart() -> int:
    return int(model.data()["event"]["max_days_apart"])


def _general(units: list[Unit]) -> dict[str, float]:
    tf: dict[str, int] = {}
    zipf: dict[str, float] = {}
    for u in units:
        for s, z in u.general.items():
            tf[s] = tf.get(s, 0) + 1
            zipf[s] = z
    weight = rarity.weight
    return {s: (1.0 + math.log(n)) * weight(zipf[s]) for s, n in tf.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    na = math.sqrt(fsum(x * x for x in a.values()))
    nb = math.sqrt(fsum(x * x for x in b.values()))
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return fsum(x * b.get(s, 0.0) for s, x in a.items()) / (na * nb)
