"""The one place a job's spec becomes an engine estimator: build it, train it, measure it.

Pure computation: no database, no HTTP. The worker hands in the dataset table and the job's
fields, and gets back everything the model row needs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy as np
import pyarrow as pa

from nn_engine import InvalidInputError, MLPClassifier, MLPRegressor, TrainingDivergedError, model_to_bytes
from nn_engine.model_selection import stratified_split
from nn_engine.training import EpochStats
from service.datasets.storage import column_values, feature_matrix, is_missing, raw_columns
from service.jobs.encoding import encoder_for
from service.training import cross_validation

# Options of the job's hyperparameters that are not the estimator's own.
SPLIT_OPTIONS = ("test_fraction",)


class TrainingError(Exception):
    """The job cannot train on this data, or training failed: the message tells the user why."""


class TrainingStopped(Exception):
    """The callback stopped a cross-validation fold (cancellation, shutdown): there is no model."""


# A job's features: a float matrix (jobs from before encodings) or the raw columns its encoder takes.
Features = np.ndarray | dict[str, np.ndarray]


@dataclass
class TrainedModel:
    estimator: MLPClassifier | MLPRegressor
    features: list[str]  # the columns the model takes (an encoder leaves some out)
    payload: bytes  # the engine's npz + JSON bytes
    classes: list | None
    architecture: dict
    preprocessing: dict
    metrics: dict
    stopped_early: bool  # the callback asked to stop (cancellation or shutdown)
    reproducibility: dict | None = None  # filled in by the worker, which knows the dataset and the BLAS
    replay: dict | None = None  # a replay's comparison with its original


def train_job(
    *,
    table: pa.Table,
    target: str,
    features: list[str],
    task: str,
    hyperparameters: dict,
    callback: Callable[[int, float, float | None], object],
    observer: Callable[[EpochStats], None] | None = None,
    sample_weight_column: str | None = None,
    init_model: MLPClassifier | MLPRegressor | None = None,
    cv: int | None = None,
    encoding: dict | None = None,
) -> TrainedModel:
    """Train the job's model on its training rows, measure it on its test rows; with `cv`, first
    cross-validate on the training rows (see `cross_validation.py`). `callback(epoch, ...)` sees
    the job's epochs counted across all its trainings; `observer` the final training's only.
    With `encoding` (the job's, see jobs/encoding.py) the estimator takes the raw columns and fits
    its encoder on the rows it trains on; without, a job from before encodings, a float matrix.
    Raises TrainingError (a message for the user) or TrainingStopped."""
    X: Features = feature_matrix(table, features) if encoding is None else raw_columns(table, features)
    y = column_values(table, target)
    weights = _weights(table, sample_weight_column)
    labelled = ~is_missing(y)  # rows without a target are dropped, and counted in the model
    if not labelled.all():
        X, y, weights = _rows(X, labelled), y[labelled], None if weights is None else weights[labelled]
    if len(y) == 0:
        raise TrainingError(f"every value of the target {target!r} is missing: there is nothing to learn")
    if isinstance(X, np.ndarray):
        _check_complete(X, features)
    if task == "classification":
        y = _labels(y)
        strata = np.unique(y, return_inverse=True)[1]
    else:
        y = y.astype(np.float64)
        strata = np.zeros(len(y), dtype=int)

    rng = np.random.default_rng(hyperparameters["seed"])
    test_fraction = hyperparameters["test_fraction"]
    try:
        train_rows, test_rows = stratified_split(strata, test_fraction, rng, option="test_fraction")
    except InvalidInputError as exc:  # too few rows to hold any out: the data's fault, said as such
        raise TrainingError(f"cannot train on this data: {exc}, or set test_fraction to 0") from None

    params = {k: v for k, v in hyperparameters.items() if k not in SPLIT_OPTIONS}
    params["encoder"] = None if encoding is None else encoder_for(encoding)
    make = MLPClassifier if task == "classification" else MLPRegressor

    def fit(rows: np.ndarray, fit_callback, fit_observer=None, stage: str = "") -> MLPClassifier | MLPRegressor:
        """A new estimator trained on `rows`; `stage` names a fold in error messages."""
        try:
            return make(**params).fit(
                _rows(X, rows),
                y[rows],
                sample_weight=None if weights is None else weights[rows],
                callback=fit_callback,
                observer=fit_observer,
                init_model=init_model,
            )
        except TrainingDivergedError as exc:
            raise TrainingError(f"{stage}{exc}") from exc
        except InvalidInputError as exc:  # the engine's own checks: say what is wrong with the data; any other
            # error is a bug, and the worker fails the job as an internal error
            raise TrainingError(f"{stage}cannot train on this data: {exc}") from exc

    cv_summary, epochs_before = None, 0
    if cv:
        cv_summary = _cross_validate(cv, fit, X, y, weights, train_rows, task, rng, callback, hyperparameters["epochs"])
        epochs_before = cv * hyperparameters["epochs"]  # the folds' epochs come first in the job's count

        def final_callback(epoch: int, train_cost: float, validation_cost: float | None):
            return callback(epochs_before + epoch, train_cost, validation_cost)

    estimator = fit(train_rows, final_callback if cv else callback, observer)

    has_test = len(test_rows) > 0
    eval_rows = test_rows if has_test else train_rows
    eval_weights = estimator.row_weights(y[eval_rows], None if weights is None else weights[eval_rows])
    metrics = estimator.evaluate(_rows(X, eval_rows), y[eval_rows], eval_weights)
    metrics = {"split": "test" if has_test else "train", "rows": int(len(eval_rows)), **metrics}
    if cv_summary is not None:
        metrics["cv"] = cv_summary
    encoder = estimator.encoder_
    preprocessing = {**_preprocessing(estimator, task), "rows_without_target": int(np.sum(~labelled))}
    if encoder is not None:
        preprocessing.update(encoding=encoding, columns=encoder.report_)
    return TrainedModel(
        estimator=estimator,
        features=features if encoder is None else [plan.name for plan in encoder.plans_ if plan.outputs()],
        payload=model_to_bytes(estimator),
        classes=cast(MLPClassifier, estimator).classes_.tolist() if task == "classification" else None,
        architecture=_architecture(estimator),
        preprocessing=preprocessing,
        metrics=metrics,
        stopped_early=estimator.stop_reason_ == "callback",
    )


def _cross_validate(k, fit, X, y, weights, train_rows, task, rng, callback, epochs) -> dict:
    """Fit and measure each of the k folds of `train_rows` (the folds' indices are positions in it)."""
    if task == "classification":
        unique_labels, codes = np.unique(y[train_rows], return_inverse=True)
        labels = unique_labels.tolist()
    else:
        labels, codes = [None], np.zeros(len(train_rows), dtype=int)
    folds_done = 0

    def fit_and_measure(kept: np.ndarray, held_out: np.ndarray, fold_callback) -> dict | None:
        nonlocal folds_done
        folds_done += 1
        estimator = fit(train_rows[kept], fold_callback, stage=f"cross-validation fold {folds_done} of {k}: ")
        if estimator.stop_reason_ == "callback":
            return None
        rows = train_rows[held_out]
        fold_weights = estimator.row_weights(y[rows], None if weights is None else weights[rows])
        return estimator.evaluate(_rows(X, rows), y[rows], fold_weights)

    try:
        summary = cross_validation.run(
            k=k,
            strata=codes,
            labels=labels,
            task=task,
            rng=rng,
            fit_and_measure=fit_and_measure,
            callback=callback,
            epochs=epochs,
        )
    except cross_validation.TooFewRows as exc:
        raise TrainingError(str(exc)) from None
    if summary is None:
        raise TrainingStopped(f"stopped during cross-validation fold {folds_done} of {k}")
    return summary


def _rows(X: Features, rows: np.ndarray) -> Features:
    """The rows `rows` (indices or a mask) of a matrix or of every raw column."""
    if isinstance(X, np.ndarray):
        return X[rows]
    return {name: values[rows] for name, values in X.items()}


def _weights(table: pa.Table, column: str | None) -> np.ndarray | None:
    """The rows' weights, checked: numbers >= 0, none missing (the job's creation checked the
    column's statistics; this is the data itself)."""
    if column is None:
        return None
    if column not in table.column_names:
        raise TrainingError(f"the weight column {column!r} is not in the dataset")
    try:
        w = column_values(table, column).astype(np.float64)
    except (TypeError, ValueError):
        raise TrainingError(f"the weight column {column!r} must hold numbers") from None
    if not np.isfinite(w).all() or (w < 0).any():
        raise TrainingError(f"the weight column {column!r} must hold finite numbers >= 0, none missing")
    return w


def _check_complete(X: np.ndarray, features: list[str]) -> None:
    missing = np.isnan(X).sum(axis=0)
    if missing.any():
        column = int(np.argmax(missing > 0))
        raise TrainingError(
            f"feature {features[column]!r} has {int(missing[column])} missing values; fill them or exclude the column"
        )


def _labels(y: np.ndarray) -> np.ndarray:
    """Class labels as clients will see them: strings stay strings, whole floats become ints."""
    if y.dtype.kind == "f" and np.all(y == np.round(y)):
        return y.astype(np.int64)
    if y.dtype == object:
        return y.astype(str)
    return y


def _architecture(estimator) -> dict:
    network = estimator.network_
    return {
        "layers": network.sizes,
        "hidden_activation": network.hidden_activation,
        "output_activation": network.output_activation,
        "loss": estimator.loss_,
        "n_params": int(network.n_params),
        "n_epochs": estimator.n_epochs_,
        "best_epoch": estimator.best_epoch_,
        "monitor": estimator.monitor_,
        "best_score": estimator.best_score_,
        "stop_reason": estimator.stop_reason_,
        "dropout": estimator.dropout_,
        "init": estimator.init_,
    }


def _preprocessing(estimator, task: str) -> dict:
    scaler = estimator.scaler_
    out: dict = {
        "feature_scaling": None
        if scaler is None
        else {"method": "standard", "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist()},
    }
    if task == "classification":
        out["label_encoding"] = {"classes": estimator.classes_.tolist()}
    else:
        y_scaler = estimator.y_scaler_
        out["target_scaling"] = (
            None
            if y_scaler is None
            else {"method": "standard", "mean": y_scaler.mean_.tolist(), "scale": y_scaler.scale_.tolist()}
        )
    return out
