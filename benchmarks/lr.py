"""A tiny logistic regression (batch gradient descent with L2), pure Python.

Used offline by train_matcher.py; the engine only evaluates the fitted weights.
"""

from __future__ import annotations

import math


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def fit(X: list[list[float]], y: list[int], l2: float = 1e-3, epochs: int = 400, lr: float = 0.5,
        weights: list[float] | None = None, class_weight: float = 1.0) -> list[float]:
    """Weights [bias, w1, ...] minimising mean log loss + l2 * |w|^2."""
    d = len(X[0])
    w = list(weights) if weights else [0.0] * (d + 1)
    n = len(X)
    for _ in range(epochs):
        g = [0.0] * (d + 1)
        for x, t in zip(X, y):
            z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))
            err = (sigmoid(z) - t) * (class_weight if t else 1.0)
            g[0] += err
            for k, xi in enumerate(x):
                g[k + 1] += err * xi
        w[0] -= lr * g[0] / n
        for k in range(d):
            w[k + 1] -= lr * (g[k + 1] / n + 2 * l2 * w[k + 1])
    return w


def predict(w: list[float], x: list[float]) -> float:
    return sigmoid(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x)))


def pearson(a: list[float], b: list[float]) -> float:
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = math.sqrt(sum((x - ma) ** 2 for x in a))
    vb = math.sqrt(sum((y - mb) ** 2 for y in b))
    return cov / (va * vb) if va and vb else 0.0
