"""The decision model: logistic layers over the similarity signals.

``pair_probability`` scores two texts on their own (what ``reader score-pairs`` uses);
``link_probability`` adds the context of an alignment: how a candidate ranks among each
sentence's other candidates, and where the two sit in their articles. Weights are fitted
by ``benchmarks/train_matcher.py`` on development data (STS-B and hand-made gold
alignments, never the bundled seed articles) and pasted here.
"""

from __future__ import annotations

import math

# Pair layer: bias, then one weight per name in features.FEATURES.
PAIR_WEIGHTS = [-2.426, 3.413, 1.648, -0.793, 2.334, 0.523, -0.858, -1.381, -0.914, 0.386, 2.335, -0.584]
# Link layer: bias; pair logit/10, smaller margin, larger margin (over each side's other
# candidates), best on both sides, best on either side, position gap;
# then one weight per pair feature (features.FEATURES).
LINK_WEIGHTS = [-4.738, 1.284, 1.389, 0.813, 0.563, 0.553, -2.360, 1.852, 1.558, 1.021, 1.723, 0.837, 0.163, 0.500, 1.654, 0.001, 1.280, 0.856]
# A pair is "the same thing" at or above this probability.
PAIR_THRESHOLD = 0.5
LINK_THRESHOLD = 0.4


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def pair_logit(features: list[float], weights: list[float] = PAIR_WEIGHTS) -> float:
    z = weights[0]
    for w, x in zip(weights[1:], features):
        z += w * x
    return z


def pair_probability(features: list[float]) -> float:
    return _sigmoid(pair_logit(features))


def link_logit(context: list[float], weights: list[float] = LINK_WEIGHTS) -> float:
    z = weights[0]
    for w, x in zip(weights[1:], context):
        z += w * x
    return z


def link_probability(context: list[float]) -> float:
    return _sigmoid(link_logit(context))
