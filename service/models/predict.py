"""Predict and evaluate with a loaded model; every bad row is named in a 422."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import numpy as np

from nn_engine import InvalidInputError, MLPClassifier
from nn_engine.exceptions import InvalidCellError, OutOfScaleError
from nn_engine.finite import is_finite_number, non_finite
from service.core.errors import FieldError, PayloadTooLarge, Unprocessable, unprocessable
from service.core.tables import Dataset
from service.datasets.parsing.csv import read_csv_columns, read_csv_numbers
from service.datasets.storage import column_values, feature_matrix, from_parquet_bytes, is_missing, raw_columns
from service.models.schemas import DataframeSplit, PredictRequest
from service.models.service import LoadedModel

MAX_ERRORS_LISTED = 20  # a response names this many bad cells at most


ABSENT = object()  # a cell of a column the record lacks: scored as missing, and warned about


@dataclass
class RawRows:
    """The rows of a body for a model with an encoder: each column's raw values, by name."""

    columns: dict[str, np.ndarray]  # (rows,) object arrays, None where missing
    absent: set[tuple[int, str]]  # (row, column) of the cells the body did not hold
    cell: Callable[[int, int], str] | None = None  # the field path of (row, column index), as sent

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    def row_field(self, row: int) -> str:
        """The field path of a row, as sent ("records.3"); "body" when it is not known."""
        return self.cell(row, 0).rsplit(".", 1)[0] if self.cell else "body"


Rows = np.ndarray | RawRows


def predict(model: LoadedModel, X: Rows) -> dict:
    """The answer for the rows of X, with NumPy arrays where it holds numbers (serialised by
    orjson without a Python object per number). For raw rows, `warnings` lists each cell scored
    as missing or as a level never seen in training."""
    estimator = model.estimator
    out: dict = {"model_id": model.id}
    found: list[dict] | None = None if isinstance(X, np.ndarray) else []
    try:
        if model.task == "classification":
            classifier = cast(MLPClassifier, estimator)
            proba = np.ascontiguousarray(classifier.predict_proba(_features(X), warnings=found))
            classes = classifier.classes_
            out["predictions"] = classes[np.argmax(proba, axis=1)].tolist()
            out["classes"] = classes.tolist()
            out["probabilities"] = proba
        else:
            out["predictions"] = np.ascontiguousarray(estimator.predict(_features(X), warnings=found))
    except InvalidCellError as exc:  # a value of the wrong kind: the encoder names its row and column
        cell = X.cell if isinstance(X, RawRows) else None
        raise unprocessable(
            "body" if cell is None else cell(exc.row, model.feature_index[exc.column]), str(exc)
        ) from None
    except OutOfScaleError as exc:  # finite values that overflow inside the model: the row, by the field it came in
        raise unprocessable(X.row_field(exc.row) if isinstance(X, RawRows) else "body", str(exc)) from None
    except InvalidInputError as exc:
        raise unprocessable("body", str(exc)) from None
    if isinstance(X, RawRows):
        assert found is not None
        for warning in found:
            if (warning["row"], warning["column"]) in X.absent:
                warning["message"] = f"not in the record; {warning['message']}"
        out["warnings"] = found
    return out


def _features(X: Rows) -> np.ndarray | dict[str, np.ndarray]:
    return X if isinstance(X, np.ndarray) else X.columns


def model_input(model: LoadedModel, X: np.ndarray) -> Rows:
    """A checked matrix of numbers as the model takes it: its columns by name for a model with an encoder."""
    if not model.takes_raw_columns:
        return X
    return RawRows({name: X[:, j] for j, name in enumerate(model.features)}, set())


def raw_rows(model: LoadedModel, request: PredictRequest, *, max_rows: int) -> RawRows:
    """The rows of any JSON body for a model with an encoder: values as sent, null for missing, a
    column a record lacks scored as missing; a 422 for a row of the wrong shape or an unknown field."""
    rows, cell = _rows_of(model, request, max_rows, absent=ABSENT)
    return _as_raw(model, rows, cell)


def _as_raw(model: LoadedModel, rows: list[list], cell: Callable[[int, int], str]) -> RawRows:
    columns: dict[str, np.ndarray] = {}
    absent: set[tuple[int, str]] = set()
    for j, name in enumerate(model.features):
        values = np.empty(len(rows), dtype=object)
        values[:] = [row[j] for row in rows]
        lacking = np.flatnonzero(values == np.array(ABSENT, dtype=object))  # identity: ABSENT equals itself only
        if lacking.size:
            values[lacking] = None
            absent.update((int(i), name) for i in lacking)
        columns[name] = values
    return RawRows(columns, absent, cell)


def csv_raw_rows(model: LoadedModel, raw: bytes, *, max_rows: int) -> RawRows:
    """A `text/csv` body for a model with an encoder: read as an upload is (types per column, the
    common spellings of a missing cell); a column the header lacks is scored as missing."""
    if not raw or raw.isspace():
        raise unprocessable("body", f"is empty: send a header row naming the columns ({_names(model.features)})")
    table = read_csv_columns(raw, model.features)
    if table.num_columns == 0:
        raise unprocessable("body", f"the header row names none of the model's columns ({_names(model.features)})")
    _check_row_count(table.num_rows, "body", max_rows)
    if table.num_rows == 0:
        raise unprocessable("body", "has a header row but no rows: send at least one")
    columns = raw_columns(table, table.column_names)
    absent: set[tuple[int, str]] = set()
    for name in model.features:
        if name not in columns:
            columns[name] = np.full(table.num_rows, None, dtype=object)
            absent.update((i, name) for i in range(table.num_rows))
    return RawRows(
        {name: columns[name] for name in model.features}, absent, lambda i, j: f"body.{i}.{model.features[j]}"
    )


def plain_instances(model: LoadedModel, body: object, raw: bytes, *, max_rows: int) -> np.ndarray | None:
    """The rows as a float matrix when the body is the plain case, `{"instances": [[numbers]]}` (or
    MLflow's `inputs`) of the model's width with every number finite: one NumPy conversion, no loop
    in Python. None for anything else, which `checked_rows` then reads, naming what is wrong."""
    if not (isinstance(body, dict) and len(body) == 1):
        return None
    ((field, rows),) = body.items()
    if field not in ("instances", "inputs") or not isinstance(rows, list):
        return None
    _check_row_count(len(rows), field, max_rows)
    X = _numbers(rows, raw)
    return X if X is not None and X.shape[1] == len(model.features) else None


def plain_dataframe_split(model: LoadedModel, body: object, raw: bytes, *, max_rows: int) -> np.ndarray | None:
    """As `plain_instances`, for MLflow's `{"dataframe_split": {"columns": [names], "data": [[numbers]]}}`
    (what pandas writes), its columns in any order and others besides: the model's taken by index."""
    split = body.get("dataframe_split") if isinstance(body, dict) and len(body) == 1 else None
    if not (isinstance(split, dict) and split.keys() <= {"columns", "data", "index"}):
        return None
    rows, columns = split.get("data"), split.get("columns")
    if not (isinstance(rows, list) and isinstance(columns, list | None) and isinstance(split.get("index", []), list)):
        return None
    _check_row_count(len(rows), "dataframe_split.data", max_rows)
    X = _numbers(rows, raw)
    if X is None:
        return None
    if columns is None:
        return X if X.shape[1] == len(model.features) else None
    position = {name: j for j, name in enumerate(columns) if isinstance(name, str)}
    order = [position.get(name) for name in model.features]
    if len(position) != len(columns) or len(columns) != X.shape[1] or None in order:
        return None  # names that are not strings or repeat, a row of another width, or a feature missing
    return X if order == list(range(X.shape[1])) else X[:, cast(list[int], order)]  # no None: checked above


def _numbers(rows: list, raw: bytes) -> np.ndarray | None:
    """Rows of finite numbers as a (rows, width) float64 matrix, or None."""
    if not rows or b"true" in raw or b"false" in raw:  # NumPy would take booleans for 1 and 0
        return None
    try:
        X = np.array(rows)
    except ValueError:  # rows of different lengths
        return None
    if X.ndim != 2 or X.dtype.kind not in "if":
        return None  # strings, nulls, objects, nesting, or integers too large for int64
    X = X.astype(np.float64, copy=False)
    return None if len(non_finite(X)) else X


def npy_rows(model: LoadedModel, raw: bytes, *, max_rows: int) -> np.ndarray:
    """An `application/x-npy` body: one array written by `numpy.save`, rows by the model's features,
    read without parsing text (no pickles: object arrays are refused)."""
    if not model.numeric_inputs:
        raise unprocessable("body", "this model takes text or dates among its columns: send JSON or CSV")
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
    bad = non_finite(X)
    if len(bad):
        row, column = (int(i) for i in bad[0])
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


def csv_rows(model: LoadedModel, raw: bytes, *, max_rows: int) -> np.ndarray:
    """A `text/csv` body: a header row naming the columns (the model's features in any order, others
    besides, which are skipped), then rows of numbers."""
    if not raw or raw.isspace():
        raise unprocessable(
            "body", f"is empty: send a header row naming the features ({_names(model.features)}), then rows"
        )
    X = read_csv_numbers(raw, model.features)  # (rows, features), NaN where a cell is empty
    _check_row_count(X.shape[0], "body", max_rows)
    if X.shape[0] == 0:
        raise unprocessable("body", "has a header row but no rows: send at least one")
    bad = non_finite(X)
    if len(bad):
        errors = []
        for row, j in bad[:MAX_ERRORS_LISTED].tolist():
            value, where = X[row, j], f"row {row}, column {model.features[j]!r}"
            problem = f"{where} is empty or NaN" if np.isnan(value) else f"{where}: {value} is not a finite number"
            errors.append(FieldError(f"body.{row}.{model.features[j]}", f"{problem}; every cell must be a number"))
        raise _unprocessable_cells(errors, total=len(bad))
    return X


def checked_rows(model: LoadedModel, request: PredictRequest, *, max_rows: int) -> np.ndarray:
    """The rows of any JSON body (`instances`, `records`, or MLflow's `dataframe_split`,
    `dataframe_records`, `inputs`) as a float matrix in the model's feature order; a 422 naming
    every bad row and cell."""
    rows, cell = _rows_of(model, request, max_rows)
    errors: list[FieldError] = []
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if not is_finite_number(value):
                errors.append(
                    FieldError(cell(i, j), f"row {i}, column {model.features[j]!r}: {value!r} is not a finite number")
                )
                if len(errors) >= MAX_ERRORS_LISTED:
                    raise _unprocessable_cells(errors)
    if errors:
        raise _unprocessable_cells(errors)
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(model.features))


def _rows_of(model: LoadedModel, request: PredictRequest, max_rows: int, absent: object | None = None):
    """The rows of whichever input the body holds, and the field path of each cell. With `absent`,
    a column a record lacks is that value in its row rather than a 422."""
    field, sent = request.input()
    if isinstance(sent, DataframeSplit):
        return _split_rows(model, sent, max_rows, absent)
    if isinstance(sent, dict):  # `inputs` as columns
        return _column_rows(model, sent, max_rows, absent)
    _check_row_count(len(sent), field, max_rows)
    if not sent:
        raise unprocessable(field, "is empty: send at least one row")
    if isinstance(sent[0], list):  # the first row says which, as in MLflow
        return _value_rows(model, sent, field)
    # objects by name: only `records` refuses the fields that are not features
    return _named_rows(model, sent, field, allow_extra=field != "records", absent=absent)


# Each reader below answers the rows in the model's feature order, and the field path of cell (row
# i, feature j) as the client sent it; or a 422 naming every row of the wrong shape.


def _value_rows(model: LoadedModel, rows: list[list], field: str):
    width = len(model.features)
    errors = []
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            errors.append(FieldError(f"{field}.{i}", f"row {i} is an object but row 0 is a list: send every row alike"))
        elif len(row) != width:
            message = (
                f"row {i} has {len(row)} values; the model takes {width} ({_names(model.features)}), in that order"
            )
            errors.append(FieldError(f"{field}.{i}", message))
    _raise_if(errors)
    return rows, lambda i, j: f"{field}.{i}.{j}"


def _named_rows(model: LoadedModel, records: list, field: str, *, allow_extra: bool, absent: object | None = None):
    errors: list[FieldError] = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            errors.append(FieldError(f"{field}.{i}", f"row {i} is a list but row 0 is an object: send every row alike"))
            continue
        missing = [] if absent is not None else [name for name in model.features if name not in record]
        extra = [] if allow_extra else [name for name in record if name not in model.known_columns]
        if missing:
            errors.append(FieldError(f"{field}.{i}", f"record {i} lacks feature(s) {', '.join(missing[:10])}"))
        if extra:
            errors.append(FieldError(f"{field}.{i}", f"record {i} has unknown field(s) {', '.join(extra[:10])}"))
    _raise_if(errors)
    rows = [[record.get(name, absent) for name in model.features] for record in records]
    return rows, lambda i, j: f"{field}.{i}.{model.features[j]}"


def _split_rows(model: LoadedModel, split: DataframeSplit, max_rows: int, absent: object | None = None):
    field = "dataframe_split.data"
    _check_row_count(len(split.data), field, max_rows)
    if not split.data:
        raise unprocessable(field, "is empty: send at least one row")
    if split.columns is None:  # then the rows are in the model's feature order, as `instances`
        return _value_rows(model, split.data, field)
    columns = split.columns
    missing = [] if absent is not None else [name for name in model.features if name not in columns]
    if missing:
        raise unprocessable(
            "dataframe_split.columns",
            f"lacks feature(s) {', '.join(missing[:10])}; the model takes {_names(model.features)}",
        )
    repeated = sorted({name for name in model.features if columns.count(name) > 1})
    if repeated:
        raise unprocessable("dataframe_split.columns", f"names {', '.join(repeated[:10])} more than once")
    errors = [
        FieldError(f"{field}.{i}", f"row {i} has {len(row)} values but there are {len(columns)} columns")
        for i, row in enumerate(split.data)
        if len(row) != len(columns)
    ]
    _raise_if(errors)
    order = [columns.index(name) if name in columns else -1 for name in model.features]
    rows = [[row[k] if k >= 0 else absent for k in order] for row in split.data]
    return rows, lambda i, j: f"{field}.{i}.{order[j]}"


def _column_rows(model: LoadedModel, columns: dict[str, list], max_rows: int, absent: object | None = None):
    """MLflow's `inputs` as columns: `{"x1": [values], "x2": [values]}`, others besides ignored."""
    missing = [name for name in model.features if name not in columns]
    if missing and absent is None:
        raise unprocessable(
            "inputs", f"lacks feature(s) {', '.join(missing[:10])}; the model takes {_names(model.features)}"
        )
    sent = [name for name in model.features if name in columns]
    lengths = {len(columns[name]) for name in sent}
    _check_row_count(max(lengths, default=0), "inputs", max_rows)
    if len(lengths) != 1 or 0 in lengths:
        counts = ", ".join(f"{name}: {len(columns[name])}" for name in sent[:10])
        raise unprocessable("inputs", f"every feature needs one value per row, and at least one row; got {counts}")
    n = lengths.pop()
    rows = [list(row) for row in zip(*(columns.get(name, [absent] * n) for name in model.features), strict=True)]
    return rows, lambda i, j: f"inputs.{model.features[j]}.{i}"


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise _unprocessable_cells(errors[:MAX_ERRORS_LISTED], total=len(errors))


def _unprocessable_cells(errors: list[FieldError], total: int | None = None) -> Unprocessable:
    """A 422 whose detail is the first error, and how many more there are."""
    more = (total or len(errors)) - 1
    return Unprocessable(errors[0].message + (f" (and {more} more)" if more else ""), errors=errors)


def _names(features: list[str], shown: int = 5) -> str:
    more = f", ... {len(features) - shown} more (GET the model for all)" if len(features) > shown else ""
    return ", ".join(features[:shown]) + more


def evaluate(model: LoadedModel, dataset: Dataset) -> dict:
    """The model's metrics on every row of a dataset that holds its features and target."""
    target = model.target
    names = {c["name"]: c for c in dataset.columns}
    missing = [name for name in [*model.features, target] if name not in names]
    if missing:
        raise unprocessable(
            "dataset_id", f"dataset {dataset.id} lacks column(s) {', '.join(missing)} that the model needs"
        )
    raw = model.takes_raw_columns  # else a model from before encodings: numbers without gaps only
    for name in model.features:
        if not raw and (names[name]["type"] != "numeric" or names[name]["missing"]):
            raise unprocessable("dataset_id", f"column {name!r} must be numeric with no missing values")
    if names[target]["missing"] and not raw:
        raise unprocessable("dataset_id", f"target column {target!r} has {names[target]['missing']} missing values")
    table = from_parquet_bytes(dataset.content)
    X: np.ndarray | dict[str, np.ndarray] = (
        raw_columns(table, model.features) if raw else feature_matrix(table, model.features)
    )
    y = column_values(table, target)
    if raw:  # rows without a target are left out, as in training
        labelled = ~is_missing(y)
        if not labelled.any():
            raise unprocessable("dataset_id", f"every value of the target {target!r} is missing")
        X, y = {name: values[labelled] for name, values in cast(dict, X).items()}, y[labelled]
    estimator = model.estimator
    if model.task == "classification":
        classes = cast(MLPClassifier, estimator).classes_
        y = _as_labels_of(y, classes)
        unseen = sorted({str(v) for v in np.unique(y)} - {str(c) for c in classes})
        if unseen:
            raise unprocessable("dataset_id", f"target holds labels the model never saw: {', '.join(unseen[:10])}")
    else:
        y = y.astype(np.float64)
    try:
        return estimator.evaluate(X, y)
    except InvalidInputError as exc:
        raise unprocessable("dataset_id", f"dataset {dataset.id}: {exc}") from None


def _as_labels_of(y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Labels in the type the model was trained with (whole floats as ints, objects as str)."""
    if classes.dtype.kind in "iu" and y.dtype.kind == "f":
        return y.astype(np.int64) if np.all(y == np.round(y)) else y
    if classes.dtype.kind == "U":
        return y.astype(str)
    return y
