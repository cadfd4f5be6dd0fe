"""Classification and regression metrics, following scikit-learn's definitions."""

import numpy as np


def accuracy(y_true, y_pred) -> float:
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def log_loss(y_true, proba: np.ndarray, classes: np.ndarray) -> float:
    """Mean negative log-probability of the true class; proba is (n, k) in `classes` order."""
    codes = np.searchsorted(classes, np.asarray(y_true))
    eps = np.finfo(proba.dtype).eps
    p = np.clip(proba[np.arange(len(codes)), codes], eps, 1 - eps)
    return float(-np.mean(np.log(p)))


def confusion_matrix(y_true, y_pred, classes: np.ndarray) -> np.ndarray:
    """C[i, j] = rows of true class i predicted as class j, in `classes` order."""
    k = len(classes)
    t = np.searchsorted(classes, np.asarray(y_true))
    p = np.searchsorted(classes, np.asarray(y_pred))
    return np.bincount(t * k + p, minlength=k * k).reshape(k, k)


def precision_recall_f1(y_true, y_pred, classes: np.ndarray) -> dict:
    """Per-class precision, recall, F1 and support, and their unweighted (macro) means.

    A ratio whose denominator is 0 counts as 0, as scikit-learn's zero_division default does.
    """
    C = confusion_matrix(y_true, y_pred, classes)
    tp = np.diag(C).astype(float)
    predicted, actual = C.sum(axis=0), C.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(actual > 0, tp / actual, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return {
        "per_class": {
            str(c): {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
            for c, p, r, f, s in zip(classes.tolist(), precision, recall, f1, actual)
        },
        "macro": {"precision": float(precision.mean()), "recall": float(recall.mean()), "f1": float(f1.mean())},
    }


def mean_squared_error(y_true, y_pred) -> float:
    return float(np.mean((np.asarray(y_true, float) - np.asarray(y_pred, float)) ** 2))


def mean_absolute_error(y_true, y_pred) -> float:
    return float(np.mean(np.abs(np.asarray(y_true, float) - np.asarray(y_pred, float))))


def r2_score(y_true, y_pred) -> float:
    """1 - SS_res / SS_tot, averaged over outputs; 1.0 for a perfect fit of a constant target."""
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    if y_true.ndim == 1:
        y_true, y_pred = y_true[:, None], y_pred.reshape(len(y_pred), -1)
    ss_res = ((y_true - y_pred) ** 2).sum(axis=0)
    ss_tot = ((y_true - y_true.mean(axis=0)) ** 2).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(ss_tot > 0, 1 - ss_res / ss_tot, np.where(ss_res == 0, 1.0, 0.0))
    return float(scores.mean())


def classification_report(y_true, y_pred, proba: np.ndarray, classes: np.ndarray) -> dict:
    """Every classification metric at once, JSON-ready."""
    return {
        "accuracy": accuracy(y_true, y_pred),
        "log_loss": log_loss(y_true, proba, classes),
        **precision_recall_f1(y_true, y_pred, classes),
        "confusion_matrix": confusion_matrix(y_true, y_pred, classes).tolist(),
        "classes": classes.tolist(),
    }


def regression_report(y_true, y_pred) -> dict:
    return {"mse": mean_squared_error(y_true, y_pred), "mae": mean_absolute_error(y_true, y_pred), "r2": r2_score(y_true, y_pred)}
