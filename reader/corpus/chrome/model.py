"""The fitted weights of the cues (``weights.json``, written by ``benchmarks/fit_boilerplate.py``).

The model weighs features (``cues.FEATURES``): one cue each, or a group of cues sharing a weight.

A unit's score is the logistic-regression logit ``bias + Σ weight·cue``; it is chrome when the
score is at least 0 (probability 0.5). Loaded on first use.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
import os

from reader.corpus.chrome.cues import EVIDENCE, FEATURES, NAMES

__all__ = ["Model", "model", "WEIGHTS_PATH"]

WEIGHTS_PATH = os.path.join(os.path.dirname(__file__), "weights.json")


class Model:
    """Feature weights (``cues.FEATURES``), spread over the cues (``cues.NAMES``) they group."""

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        names = {f for f, _ in FEATURES}
        unknown = set(weights) - names
        if unknown:
            raise ValueError(f"unknown features in weights: {sorted(unknown)}")
        self.bias = float(bias)
        self.features = {f: float(weights.get(f, 0.0)) for f, _ in FEATURES}
        per_cue = {c: self.features[f] for f, members in FEATURES for c in members}
        self.w = [per_cue[n] for n in NAMES]
        self.nlocal = NAMES.index("repeated")
        # weights of the evidence cues (0 for the shape and position cues)
        self.ev = [wi if n in EVIDENCE else 0.0 for n, wi in zip(NAMES, self.w)]

    @classmethod
    def from_list(cls, w: Sequence[float]) -> "Model":
        """From ``[bias, w1, ...]`` in the order of ``cues.FEATURES``."""
        return cls(dict(zip((f for f, _ in FEATURES), w[1:])), w[0])

    def score(self, local: Sequence[float], context: Sequence[float] = ()) -> tuple[float, float]:
        """(logit, evidence): the logit, and the part of it that chrome evidence gives."""
        s = self.bias
        ev = 0.0
        w, e = self.w, self.ev
        for i, x in enumerate(local):
            if x:
                s += w[i] * x
                if e[i] > 0:
                    ev += e[i] * x
        k = self.nlocal
        for i, x in enumerate(context):
            if x:
                s += w[k + i] * x
                if e[k + i] > 0:
                    ev += e[k + i] * x
        return s, ev


_cache: list[Model] = []


def model() -> Model:
    """The fitted model, read from ``weights.json`` on the first call."""
    if not _cache:
        with open(WEIGHTS_PATH, encoding="utf-8") as fh:
            data = json.load(fh)
        _cache.append(Model(data["weights"], data["bias"]))
    return _cache[0]
