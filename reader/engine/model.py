"""The fitted decision models, loaded from ``data/matcher.json``.

Three logistic models:

* the **pair** model judges two sentences on their own (what ``reader score-pairs`` uses);
* the **link** model judges a candidate link inside its two articles (the signals plus
  position, rank and margin among each sentence's candidates, agreement of the neighbours);
* the **event** model judges whether two articles report the same event at all
  (:mod:`reader.engine.event`); between different events only verbatim lines link.

``benchmarks/train_matcher.py`` fits both and writes the file (weights on the features' own
scale, the decision threshold, and what each was fitted on); ``tests/test_model_fit.py``
re-fits from the committed training tables and checks the file. Nothing here is set by hand.
"""

from __future__ import annotations

import json
import math
import os

PATH = os.path.join(os.path.dirname(__file__), "data", "matcher.json")


class Layer:
    """One logistic model: a bias, a weight per named feature, and a threshold."""

    __slots__ = ("features", "weights", "bias", "threshold")

    def __init__(self, features: list[str], weights: list[float], bias: float, threshold: float):
        self.features = tuple(features)
        self.weights = list(weights)
        self.bias = bias
        self.threshold = threshold

    @classmethod
    def from_dict(cls, d: dict) -> "Layer":
        return cls(d["features"], d["weights"], d["bias"], d["threshold"])

    def logit(self, x: list[float]) -> float:
        z = self.bias
        for w, v in zip(self.weights, x):
            z += w * v
        return z

    def probability(self, x: list[float]) -> float:
        return sigmoid(self.logit(x))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_DATA: dict = {}
_LAYERS: dict[str, Layer] = {}


def data() -> dict:
    """The whole fitted-parameter file (loaded once)."""
    if not _DATA:
        with open(PATH, encoding="utf-8") as fh:
            _DATA.update(json.load(fh))
    return _DATA


def layer(name: str) -> Layer:
    """The fitted ``pair``, ``link``, ``event`` or ``group`` model."""
    if name not in _LAYERS:
        _LAYERS[name] = Layer.from_dict(data()[name])
    return _LAYERS[name]
