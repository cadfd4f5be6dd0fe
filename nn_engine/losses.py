"""Losses: the data cost of one batch, averaged over its rows.

Each output activation is paired with the loss whose gradient with respect to the
pre-activation is simply (A - Y) / m; `network.py` uses that shortcut, so these
functions only compute the cost value. Probabilities are floored at the dtype's eps
so log(0) never happens. Classification targets are exactly 0 or 1.

Each takes optional per-row `weights` (batch,): the cost is then sum_i w_i cost_i / m. The
estimators scale weights to a mean of 1 over the training rows, so a weighted cost stays on the
scale of an unweighted one.
"""

import numpy as np


def binary_cross_entropy(Y: np.ndarray, P: np.ndarray, weights: np.ndarray | None = None) -> float:
    """-mean(y log p + (1 - y) log(1 - p)) for 0/1 targets: the log of the probability given
    to the true class, p where y = 1 and 1 - p where y = 0. Y and P are (batch, 1)."""
    p_true = np.where(Y > 0.5, P, 1 - P)  # (batch, 1) the probability of the true class
    np.maximum(p_true, np.finfo(P.dtype).eps, out=p_true)  # floored: log never sees 0
    np.log(p_true, out=p_true)  # y log p + (1 - y) log(1 - p), one term being 0
    # sum_i log p_i, or sum_i w_i log p_i
    total = np.add.reduce(p_true, axis=None) if weights is None else np.dot(p_true.ravel(), weights)
    return -float(total) / len(P)


def categorical_cross_entropy(Y: np.ndarray, P: np.ndarray, weights: np.ndarray | None = None) -> float:
    """-mean over rows of sum_k y_k log p_k; Y is one-hot (batch, k)."""
    log_p = np.maximum(P, np.finfo(P.dtype).eps)  # (batch, k), floored: log never sees 0
    np.log(log_p, out=log_p)  # log p_k
    if weights is None:
        return -float(np.vdot(Y, log_p)) / len(P)  # vdot: sum over rows and classes of y_k log p_k
    log_p *= Y  # y_k log p_k
    return -float(np.dot(log_p.sum(axis=1), weights)) / len(P)  # -sum_i w_i sum_k y_ik log p_ik / m


def half_squared_error(Y: np.ndarray, P: np.ndarray, weights: np.ndarray | None = None) -> float:
    """(1 / 2m) sum (p - y)^2: the tutorials' squared-error cost, whose gradient is (P - Y) / m."""
    if weights is None:
        diff = (P - Y).ravel()  # (batch * n_outputs,)
        return float(np.dot(diff, diff)) / (2 * len(P))  # dot(d, d) = sum (p - y)^2
    per_row = np.square(P - Y).sum(axis=1)  # (batch,) sum over outputs of (p - y)^2
    return float(np.dot(per_row, weights)) / (2 * len(P))  # sum_i w_i (p_i - y_i)^2 / 2m


LOSS_FUNCTIONS = {
    "binary_cross_entropy": binary_cross_entropy,
    "categorical_cross_entropy": categorical_cross_entropy,
    "squared_error": half_squared_error,
}

# The output activation each loss is paired with (canonical link: gradient is A - Y).
OUTPUT_ACTIVATION = {
    "binary_cross_entropy": "sigmoid",
    "categorical_cross_entropy": "softmax",
    "squared_error": "identity",
}
