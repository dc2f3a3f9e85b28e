"""L2-regularised logistic regression by Newton's method (numpy), for the training scripts.

Deterministic: the objective is strictly convex, and Newton steps are run to convergence, so a
re-fit from the same table gives the same weights to ~1e-9 whatever the machine. Features are
standardised for fitting and the weights are returned on the features' own scale, so the engine
needs no scaler: ``p = sigmoid(bias + sum(w * x))``.
"""

from __future__ import annotations

import math


def fit(X: list[list[float]], y: list[int], l2: float = 1.0, weights: list[float] | None = None,
        tol: float = 1e-10, max_iter: int = 100) -> tuple[float, list[float]]:
    """(bias, weights) minimising sum(log loss) + l2/2 * |w|^2 on standardised features.

    ``weights`` optionally weighs each example (e.g. to balance two sources of data).
    """
    import numpy as np

    A = np.asarray(X, dtype=float)
    t = np.asarray(y, dtype=float)
    sw = np.ones(len(t)) if weights is None else np.asarray(weights, dtype=float)
    mu = A.mean(axis=0)
    sd = A.std(axis=0)
    sd[sd == 0] = 1.0
    Z = np.hstack([np.ones((len(A), 1)), (A - mu) / sd])
    reg = np.full(Z.shape[1], l2)
    reg[0] = 0.0  # the bias is not shrunk
    beta = np.zeros(Z.shape[1])
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-(Z @ beta)))
        grad = Z.T @ (sw * (p - t)) + reg * beta
        H = (Z * (sw * p * (1 - p))[:, None]).T @ Z + np.diag(reg)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.max(np.abs(step)) < tol:
            break
    w = beta[1:] / sd
    bias = beta[0] - float(np.sum(beta[1:] * mu / sd))
    return float(bias), [float(x) for x in w]


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def predict(bias: float, w: list[float], x: list[float]) -> float:
    return sigmoid(bias + sum(a * b for a, b in zip(w, x)))


def pearson(a: list[float], b: list[float]) -> float:
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = math.sqrt(sum((x - ma) ** 2 for x in a))
    vb = math.sqrt(sum((y - mb) ** 2 for y in b))
    return cov / (va * vb) if va and vb else 0.0
