"""The decision model: logistic layers over the similarity signals.

``pair_probability`` scores two texts on their own (what ``reader score-pairs`` uses);
``link_probability`` weighs the same signals for alignment, with where the two sit in
their articles. Weights are fitted
by ``benchmarks/train_matcher.py`` on development data (STS-B and hand-made gold
alignments, never the bundled seed articles) and pasted here.
"""

from __future__ import annotations

import math

# Pair layer: bias, then one weight per name in features.FEATURES.
PAIR_WEIGHTS = [-2.878, 3.523, 1.612, -1.618, 1.700, 0.536, -0.856, -1.415, -0.825, 0.380, 2.449, -0.818]
# Link layer: bias; pair logit/10, gap in relative position; then one weight per pair
# feature (features.FEATURES).
LINK_WEIGHTS = [-4.743, 1.723, -2.415, 2.707, 2.672, 1.441, 2.136, 0.787, -0.332, 0.455, 1.490, 0.001, 1.665, 1.200]
# A pair is "the same thing" at or above this probability.
PAIR_THRESHOLD = 0.5
LINK_THRESHOLD = 0.4


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _logit(weights: list[float], x: list[float]) -> float:
    """Bias plus the weighted sum of ``x``."""
    z = weights[0]
    for w, v in zip(weights[1:], x):
        z += w * v
    return z


def pair_logit(features: list[float]) -> float:
    return _logit(PAIR_WEIGHTS, features)


def pair_probability(features: list[float]) -> float:
    return _sigmoid(pair_logit(features))


def link_logit(context: list[float]) -> float:
    return _logit(LINK_WEIGHTS, context)


def link_probability(context: list[float]) -> float:
    return _sigmoid(link_logit(context))
