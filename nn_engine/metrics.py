"""Classification and regression metrics, following scikit-learn's definitions.

Every metric takes optional `sample_weight` (n,): each row then counts by its weight, as in
scikit-learn (a weighted confusion matrix, weighted means).

`METRICS` (at the end) is the table of single-number metrics by name, with each one's task and
direction; `metrics_for(task)` lists a task's names and `score(name, ...)` computes one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from .exceptions import InvalidInputError


def _mean(values: np.ndarray, sample_weight: npt.ArrayLike | None) -> float:
    return float(np.mean(values) if sample_weight is None else np.average(values, weights=np.asarray(sample_weight)))


def accuracy(y_true: npt.ArrayLike, y_pred: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> float:
    return _mean(np.asarray(y_true) == np.asarray(y_pred), sample_weight)


def log_loss(
    y_true: npt.ArrayLike, proba: np.ndarray, classes: np.ndarray, sample_weight: npt.ArrayLike | None = None
) -> float:
    """Mean negative log-probability of the true class; proba is (n, k) in `classes` order."""
    codes = np.searchsorted(classes, np.asarray(y_true))
    eps = np.finfo(proba.dtype).eps
    p = np.clip(proba[np.arange(len(codes)), codes], eps, 1 - eps)
    return _mean(-np.log(p), sample_weight)


def confusion_matrix(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, classes: np.ndarray, sample_weight: npt.ArrayLike | None = None
) -> np.ndarray:
    """C[i, j] = rows (or their summed weights) of true class i predicted as class j, in `classes` order."""
    k = len(classes)
    t = np.searchsorted(classes, np.asarray(y_true))
    p = np.searchsorted(classes, np.asarray(y_pred))
    C = np.bincount(t * k + p, weights=sample_weight, minlength=k * k).reshape(k, k)
    return C if sample_weight is None else C.astype(float)


def precision_recall_f1(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, classes: np.ndarray, sample_weight: npt.ArrayLike | None = None
) -> dict[str, Any]:
    """Per-class precision, recall, F1 and support, and their unweighted (macro) means.

    A ratio whose denominator is 0 counts as 0, as scikit-learn's zero_division default does.
    """
    C = confusion_matrix(y_true, y_pred, classes, sample_weight)
    tp = np.diag(C).astype(float)
    predicted, actual = C.sum(axis=0), C.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(actual > 0, tp / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    support = np.bincount(np.searchsorted(classes, np.asarray(y_true)), minlength=len(classes))  # rows, not weights
    return {
        "per_class": {
            str(c): {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
            for c, p, r, f, s in zip(classes.tolist(), precision, recall, f1, support, strict=True)
        },
        "macro": {"precision": float(precision.mean()), "recall": float(recall.mean()), "f1": float(f1.mean())},
    }


def f1_macro(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, classes: np.ndarray, sample_weight: npt.ArrayLike | None = None
) -> float:
    return float(precision_recall_f1(y_true, y_pred, classes, sample_weight)["macro"]["f1"])


def _errors(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> np.ndarray:
    """(n, outputs) differences."""
    t, p = np.asarray(y_true, float), np.asarray(y_pred, float)
    diff: np.ndarray = (t - p.reshape(t.shape)).reshape(len(t), -1)
    return diff


def mean_squared_error(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None
) -> float:
    return _mean(np.mean(_errors(y_true, y_pred) ** 2, axis=1), sample_weight)


def mean_absolute_error(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None
) -> float:
    return _mean(np.mean(np.abs(_errors(y_true, y_pred)), axis=1), sample_weight)


def r2_score(y_true: npt.ArrayLike, y_pred: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> float:
    """1 - SS_res / SS_tot, averaged over outputs; 1.0 for a perfect fit of a constant target."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    if y_true.ndim == 1:
        y_true, y_pred = y_true[:, None], y_pred.reshape(len(y_pred), -1)
    w = np.ones(len(y_true)) if sample_weight is None else np.asarray(sample_weight, float)
    w = w[:, None]
    mean = (w * y_true).sum(axis=0) / w.sum()
    ss_res = (w * (y_true - y_pred) ** 2).sum(axis=0)
    ss_tot = (w * (y_true - mean) ** 2).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(ss_tot > 0, 1 - ss_res / ss_tot, np.where(ss_res == 0, 1.0, 0.0))
    return float(scores.mean())


def classification_report(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    proba: np.ndarray,
    classes: np.ndarray,
    sample_weight: npt.ArrayLike | None = None,
) -> dict[str, Any]:
    """Every classification metric at once, JSON-ready."""
    report = {
        "accuracy": accuracy(y_true, y_pred, sample_weight),
        "log_loss": log_loss(y_true, proba, classes, sample_weight),
        **precision_recall_f1(y_true, y_pred, classes, sample_weight),
        "confusion_matrix": confusion_matrix(y_true, y_pred, classes, sample_weight).tolist(),
        "classes": classes.tolist(),
    }
    if sample_weight is not None:
        report["weighted"] = True
    return report


def regression_report(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None
) -> dict[str, Any]:
    report = {
        "mse": mean_squared_error(y_true, y_pred, sample_weight),
        "mae": mean_absolute_error(y_true, y_pred, sample_weight),
        "r2": r2_score(y_true, y_pred, sample_weight),
    }
    if sample_weight is not None:
        report["weighted"] = True
    return report


# -- the metric table -------------------------------------------------------------------

Task = Literal["classification", "regression"]


@dataclass(frozen=True)
class Metric:
    """One single-number metric: its name, task, direction, and how to compute it.

    `compute(y_true, y_pred, proba, classes, sample_weight)` returns the metric as a float.
    Classification metrics take labels (y_pred) or, when `needs_proba`, the (n, k) probabilities
    in `classes` order (proba); regression metrics take y_pred in the targets' units, and ignore
    proba and classes.
    """

    name: str
    task: Task
    greater_is_better: bool  # accuracy, f1, r2: True; losses and errors: False
    needs_proba: bool  # True: computed from proba (and classes), not from predicted labels
    compute: Callable[[Any, Any, np.ndarray | None, np.ndarray | None, Any], float] = field(repr=False, compare=False)


def _macro(part: str) -> Callable[[Any, Any, np.ndarray | None, np.ndarray | None, Any], float]:
    def compute(y_true: Any, y_pred: Any, proba: np.ndarray | None, classes: np.ndarray | None, w: Any) -> float:
        return float(precision_recall_f1(y_true, y_pred, _required(classes, "classes"), w)["macro"][part])

    return compute


def _required(value: np.ndarray | None, what: str) -> np.ndarray:
    if value is None:
        raise InvalidInputError(f"this metric needs {what}")
    return value


METRICS: dict[str, Metric] = {
    metric.name: metric
    for metric in (
        Metric("accuracy", "classification", True, False, lambda t, p, proba, c, w: accuracy(t, p, w)),
        Metric("f1_macro", "classification", True, False, _macro("f1")),
        Metric("precision_macro", "classification", True, False, _macro("precision")),
        Metric("recall_macro", "classification", True, False, _macro("recall")),
        Metric(
            "log_loss",
            "classification",
            False,
            True,
            lambda t, p, proba, c, w: log_loss(t, _required(proba, "proba"), _required(c, "classes"), w),
        ),
        Metric("mse", "regression", False, False, lambda t, p, proba, c, w: mean_squared_error(t, p, w)),
        Metric("mae", "regression", False, False, lambda t, p, proba, c, w: mean_absolute_error(t, p, w)),
        Metric("r2", "regression", True, False, lambda t, p, proba, c, w: r2_score(t, p, w)),
    )
}
"""Every single-number metric, by name: the one table the estimators' early stopping, sweeps'
ranking and cross-validation summaries read. Keys are the accepted names, classification first."""


def metrics_for(task: str) -> list[str]:
    """The names of `task`'s metrics ("classification" or "regression"), in table order."""
    if task not in ("classification", "regression"):
        raise InvalidInputError(f"task must be 'classification' or 'regression', got {task!r}")
    return [name for name, metric in METRICS.items() if metric.task == task]


def score(
    name: str,
    y_true: Any,
    y_pred: Any = None,
    proba: np.ndarray | None = None,
    classes: np.ndarray | None = None,
    sample_weight: Any = None,
) -> float:
    """The metric `name` of predictions against y_true: y_pred (labels or values), or for a metric
    that `needs_proba`, proba (n, k) with `classes`, its columns' labels."""
    if name not in METRICS:
        raise InvalidInputError(f"unknown metric {name!r}; choose one of {', '.join(METRICS)}")
    metric = METRICS[name]
    if not metric.needs_proba and y_pred is None:
        raise InvalidInputError(f"metric {name!r} needs y_pred")
    return metric.compute(y_true, y_pred, proba, classes, sample_weight)
