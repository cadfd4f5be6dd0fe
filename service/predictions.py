"""Predict and evaluate with a loaded model; every bad row is named in a 422."""

import io
import math

import numpy as np

from .errors import FieldError, PayloadTooLarge, Unprocessable, unprocessable
from .ingest import column_values, feature_matrix, from_parquet_bytes
from .schemas import PredictRequest
from .tables import Dataset
from .trained_models import LoadedModel

MAX_ERRORS_LISTED = 20  # a response names this many bad cells at most


def predict(model: LoadedModel, X: np.ndarray) -> dict:
    """The answer for the rows of X, with NumPy arrays where it holds numbers (serialised by
    orjson without a Python object per number)."""
    estimator = model.estimator
    out: dict = {"model_id": model.id}
    if model.task == "classification":
        proba = np.ascontiguousarray(estimator.predict_proba(X))
        classes = estimator.classes_
        out["predictions"] = classes[np.argmax(proba, axis=1)].tolist()
        out["classes"] = classes.tolist()
        out["probabilities"] = proba
    else:
        out["predictions"] = np.ascontiguousarray(estimator.predict(X))
    return out


def plain_instances(model: LoadedModel, body: object, raw: bytes, *, max_rows: int) -> np.ndarray | None:
    """The rows as a float matrix when the body is the plain case, `{"instances": [[numbers]]}` of
    the model's width with every number finite: one NumPy conversion, no loop in Python. None for
    anything else, which `checked_rows` then reads, naming what is wrong."""
    if not (isinstance(body, dict) and body.keys() == {"instances"} and isinstance(body["instances"], list)):
        return None
    rows = body["instances"]
    _check_row_count(len(rows), "instances", max_rows)
    if not rows or b"true" in raw or b"false" in raw:  # NumPy would take booleans for 1 and 0
        return None
    try:
        X = np.array(rows)
    except ValueError:  # rows of different lengths
        return None
    if X.ndim != 2 or X.dtype.kind not in "if" or X.shape[1] != len(model.features):
        return None  # strings, nulls, nesting, integers too large for int64, or the wrong width
    X = X.astype(np.float64, copy=False)
    return X if np.isfinite(X).all() else None


def npy_rows(model: LoadedModel, raw: bytes, *, max_rows: int) -> np.ndarray:
    """An `application/x-npy` body: one array written by `numpy.save`, rows by the model's features,
    read without parsing text (no pickles: object arrays are refused)."""
    try:
        X = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception as exc:  # untrusted bytes: whatever fails to read them is the sender's error
        raise unprocessable("body", f"not a .npy array (write one with numpy.save): {exc}") from None
    if not isinstance(X, np.ndarray):
        raise unprocessable("body", "an .npz archive; send one array written with numpy.save")
    width = len(model.features)
    if X.ndim != 2 or X.shape[1] != width:
        raise unprocessable(
            "body", f"an array of shape {X.shape}; the model takes (rows, {width}): {_names(model.features)}"
        )
    _check_row_count(X.shape[0], "body", max_rows)
    if X.shape[0] == 0:
        raise unprocessable("body", "no rows: send at least one")
    if X.dtype.kind not in "iuf":
        raise unprocessable("body", f"an array of {X.dtype}; send numbers (float64, float32 or integers)")
    X = X.astype(np.float64, copy=False)
    bad = ~np.isfinite(X)
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        raise unprocessable(
            "body", f"row {row}, feature {model.features[column]!r}: {X[row, column]} is not a finite number"
        )
    return X


def _check_row_count(count: int, field: str, max_rows: int) -> None:
    if count > max_rows:
        raise PayloadTooLarge(
            f"{field}: {count} rows in one request; the limit is {max_rows} "
            "(NNSERVICE_MAX_PREDICTION_ROWS): send them in batches"
        )


def checked_rows(model: LoadedModel, request: PredictRequest, *, max_rows: int) -> np.ndarray:
    """The rows of `instances` or `records` as a float matrix; a 422 naming every bad row and cell."""
    if (request.instances is None) == (request.records is None):
        raise unprocessable(
            "body", 'send exactly one of "instances" (rows of numbers) or "records" (objects by feature name)'
        )
    sent, field = (request.instances, "instances") if request.instances is not None else (request.records, "records")
    _check_row_count(len(sent), field, max_rows)
    width = len(model.features)
    errors: list[FieldError] = []
    if request.instances is not None:
        rows, field = request.instances, "instances"
        if not rows:
            raise unprocessable("instances", "is empty: send at least one row")
        for i, row in enumerate(rows):
            if len(row) != width:
                errors.append(
                    FieldError(
                        f"instances.{i}",
                        f"row {i} has {len(row)} values; the model takes {width} ({_names(model.features)}), in that order",
                    )
                )
    else:
        rows, field = [], "records"
        if not request.records:
            raise unprocessable("records", "is empty: send at least one record")
        for i, record in enumerate(request.records):
            missing = [name for name in model.features if name not in record]
            extra = [name for name in record if name not in model.feature_index]
            if missing:
                errors.append(FieldError(f"records.{i}", f"record {i} lacks feature(s) {', '.join(missing[:10])}"))
            if extra:
                errors.append(FieldError(f"records.{i}", f"record {i} has unknown field(s) {', '.join(extra[:10])}"))
            rows.append([record.get(name) for name in model.features])
    if not errors:
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if not _is_finite_number(value):
                    column = model.features[j]
                    errors.append(
                        FieldError(
                            f"{field}.{i}.{j if field == 'instances' else column}",
                            f"row {i}, column {column!r}: {value!r} is not a finite number",
                        )
                    )
                    if len(errors) >= MAX_ERRORS_LISTED:
                        break
            if len(errors) >= MAX_ERRORS_LISTED:
                break
    if errors:
        raise Unprocessable(
            errors[0].message + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""), errors=errors
        )
    return np.array(rows, dtype=np.float64).reshape(len(rows), width)


def _names(features: list[str], shown: int = 5) -> str:
    more = f", ... {len(features) - shown} more (GET the model for all)" if len(features) > shown else ""
    return ", ".join(features[:shown]) + more


def _is_finite_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def evaluate(model: LoadedModel, dataset: Dataset) -> dict:
    """The model's metrics on every row of a dataset that holds its features and target."""
    target = model.target
    names = {c["name"]: c for c in dataset.columns}
    missing = [name for name in [*model.features, target] if name not in names]
    if missing:
        raise unprocessable(
            "dataset_id", f"dataset {dataset.id} lacks column(s) {', '.join(missing)} that the model needs"
        )
    for name in model.features:
        if names[name]["type"] != "numeric" or names[name]["missing"]:
            raise unprocessable("dataset_id", f"column {name!r} must be numeric with no missing values")
    if names[target]["missing"]:
        raise unprocessable("dataset_id", f"target column {target!r} has {names[target]['missing']} missing values")
    table = from_parquet_bytes(dataset.content)
    X = feature_matrix(table, model.features)
    y = column_values(table, target)
    estimator = model.estimator
    if model.task == "classification":
        y = _as_labels_of(y, estimator.classes_)
        unseen = sorted({str(v) for v in np.unique(y)} - {str(c) for c in estimator.classes_})
        if unseen:
            raise unprocessable("dataset_id", f"target holds labels the model never saw: {', '.join(unseen[:10])}")
    else:
        y = y.astype(np.float64)
    return estimator.evaluate(X, y)


def _as_labels_of(y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Labels in the type the model was trained with (whole floats as ints, objects as str)."""
    if classes.dtype.kind in "iu" and y.dtype.kind == "f":
        return y.astype(np.int64) if np.all(y == np.round(y)) else y
    if classes.dtype.kind == "U":
        return y.astype(str)
    return y
