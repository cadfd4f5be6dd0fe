"""k-fold cross-validation of a job: the folds, their trainings in turn, and the summary of their metrics.

A job with `cv: k` trains k + 1 networks, one after the other, with the job's hyperparameters:

- one per fold of the training rows (the rows left after the test split), stratified by class for
  a classifier, shuffled with the job's seed; each is measured on the rows its fold held out;
- then the job's model, on all the training rows, exactly as a job without `cv` (its test-split
  metrics as usual).

The model's metrics gain `cv`: for each single-number metric, its mean, standard deviation
(population, ddof 0, as scikit-learn's `cv_results_`) and value per fold. Progress counts the
epochs of all k + 1 trainings: the job's `epochs` is (k + 1) x the hyperparameters' epochs, the
folds' epochs first. The cost history is the final model's training only (epochs 1..epochs), as
the model's own history is.

Pure computation, like `training.py`, which owns the estimators and hands in `fit_and_measure`.
"""

from collections.abc import Callable

import numpy as np

from nn_engine.metrics import metrics_for
from nn_engine.model_selection import held_out_count, stratified_k_fold
from service.core.errors import unprocessable

MIN_HELD_OUT_REGRESSION = 2  # rows each fold holds out for a regressor: R² of one row says nothing


class TooFewRows(ValueError):
    """The training rows cannot be cut into k folds that each learn every class."""


# (train rows, held-out rows, epoch callback) -> the engine's metrics report on the held-out rows,
# or None when the callback stopped the training.
FitAndMeasure = Callable[[np.ndarray, np.ndarray, Callable], dict | None]


def scalar_metrics(report: dict, task: str) -> dict[str, float]:
    """The single-number metrics of an `evaluate` report (macro precision, recall and F1 flattened)."""
    flat = dict(report)
    for name, value in (report.get("macro") or {}).items():
        flat[f"{name}_macro"] = value
    return {name: float(flat[name]) for name in metrics_for(task) if name in flat and flat[name] is not None}


def summarize(per_fold: list[dict[str, float]], rows: int) -> dict:
    """{"folds": k, "rows": rows cross-validated, metric: {"mean", "std", "per_fold"}, ...}."""
    summary: dict = {"folds": len(per_fold), "rows": rows}
    for name in per_fold[0]:
        values = np.array([fold[name] for fold in per_fold], dtype=np.float64)
        summary[name] = {"mean": float(values.mean()), "std": float(values.std()), "per_fold": values.tolist()}
    return summary


def run(
    *,
    k: int,
    strata: np.ndarray,
    labels: list,
    task: str,
    rng: np.random.Generator,
    fit_and_measure: FitAndMeasure,
    callback: Callable[[int, float, float | None], object],
    epochs: int,
) -> dict | None:
    """Train and measure each of the k folds of the rows whose classes are `strata` (codes into
    `labels`); their summary, or None when `callback` stopped a training (cancellation, shutdown).
    Fold i's epochs reach `callback` numbered from i * epochs + 1, the job's own count."""
    check_rows(k, strata, labels, task)
    per_fold = []
    for i, (kept, held_out) in enumerate(stratified_k_fold(strata, k, rng)):
        offset = i * epochs

        def fold_callback(epoch: int, train_cost: float, validation_cost: float | None, offset: int = offset):
            return callback(offset + epoch, train_cost, validation_cost)

        report = fit_and_measure(kept, held_out, fold_callback)
        if report is None:
            return None
        per_fold.append(scalar_metrics(report, task))
    return summarize(per_fold, len(strata))


def check_rows(k: int, strata: np.ndarray, labels: list, task: str) -> None:
    """Raise TooFewRows, saying how many rows are missing, when k folds cannot be cut."""
    if task == "regression":
        if len(strata) < MIN_HELD_OUT_REGRESSION * k:
            raise TooFewRows(
                f"cv={k} needs at least {MIN_HELD_OUT_REGRESSION * k} training rows (2 held out per fold); "
                f"there are {len(strata)} after the test split: lower cv or test_fraction"
            )
        return
    counts = np.bincount(strata, minlength=len(labels))
    short = [f"{labels[code]!r} ({int(count)})" for code, count in enumerate(counts) if count < k]
    if short:
        raise TooFewRows(
            f"cv={k} needs at least {k} training rows of each class (after the test split); too few: "
            f"{', '.join(short)}: lower cv or test_fraction, or add rows"
        )


def check_possible(*, k: int, task: str, target: dict, rows: int, test_fraction: float) -> None:
    """At the job's creation: refuse (422 on `cv`) folds that the dataset's column statistics show
    cannot be cut. The class counts are known when the target is text with at most
    `datasets.stats.TOP_VALUES` classes; otherwise the worker checks the data itself, and the job fails
    with the same message."""
    if task == "regression":
        counts = {"rows": rows}
    else:
        top = target.get("top_values") or []
        if len(top) != target["distinct"]:
            return
        counts = {entry["value"]: entry["count"] for entry in top}
    kept = {label: count - held_out_count(count, test_fraction) for label, count in counts.items()}
    labels = list(kept)
    strata = np.repeat(np.arange(len(labels)), [kept[label] for label in labels])
    try:
        check_rows(k, strata, labels, task)
    except TooFewRows as exc:
        raise unprocessable("cv", str(exc)) from None
