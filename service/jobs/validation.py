"""Whether a job request fits its dataset and the service: its target, features, weight column and task,
its options for that task, and its size against the operator's limits. Each check raises the 422 a
client sees, naming the field; sweeps run the same checks on every trial."""

from dataclasses import dataclass

from nn_engine.estimators import DEFAULT_VALIDATION_FRACTION
from nn_engine.metrics import METRICS, metrics_for
from nn_engine.model_selection import held_out_count, rows_to_hold_out_one
from service.core import limits
from service.core.config import Settings
from service.core.db import Database
from service.core.errors import FieldError, NotFound, Unprocessable, unprocessable
from service.core.tables import Dataset
from service.datasets.service import get_or_raise as get_dataset
from service.jobs import encoding as column_encoding
from service.jobs.schemas import TrainingColumns
from service.training import cross_validation

MAX_CLASSES_FOR_NUMERIC_TARGET = 20  # a whole-number target with at most this many values is a class label


@dataclass(frozen=True)
class Columns:
    """What a job (or each trial of a sweep) learns from, checked against its dataset."""

    dataset: Dataset
    features: list[str]
    task: str
    target: dict  # the target column's statistics
    outputs: int  # units of the output layer
    stats: dict[str, dict]  # every column's statistics, by name


@dataclass(frozen=True)
class Inputs:
    """What a job's features become: the network's inputs, and the columns left out (reported)."""

    count: int
    columns: list[dict] | None  # each column's planned encoding (jobs/encoding.py); None before encodings


def resolve_columns(db: Database, request: TrainingColumns, dataset_owner: str | None) -> Columns:
    """The dataset, features and task of a request (a JobCreate, or a SweepCreate: the same fields),
    or a 422 naming the field that does not fit the dataset."""
    dataset = _dataset_for_job(db, request.dataset_id, dataset_owner)
    columns = {c["name"]: c for c in dataset.columns}
    if request.target not in columns:
        raise unprocessable(
            "target", f"no column {request.target!r} in dataset {dataset.id}; columns: {', '.join(columns)}"
        )
    _check_weight_column(request, columns)
    features = _features(request, columns)
    target = columns[request.target]
    task = request.task or _infer_task(target)
    _check_target(target, task)
    outputs = target["distinct"] if task == "classification" and target["distinct"] > 2 else 1
    return Columns(dataset=dataset, features=features, task=task, target=target, outputs=outputs, stats=columns)


def check_inputs(columns: Columns, encoding: dict | None) -> Inputs:
    """What the features become under the job's encoding, or a 422 listing every problem at once.
    `encoding` None: a job from before encodings (a replay, a warm start of such a model), which
    takes numeric columns without gaps, as it did."""
    if encoding is None:
        problems = [p for name in columns.features if (p := _numeric_only_problem(name, columns.stats[name]))]
        inputs = Inputs(len(columns.features), None)
    else:
        planned, problems = column_encoding.plan(encoding, columns.features, columns.stats)
        inputs = Inputs(sum(c.inputs for c in planned), column_encoding.planned_report(planned))
    if problems:  # every one at once, so a client fixes them in one go
        raise Unprocessable(
            f"{len(problems)} problem(s) with the feature columns: " + "; ".join(problems),
            errors=[FieldError("encoding" if encoding else "features", problem) for problem in problems],
        )
    return inputs


def check_work(settings: Settings, columns: Columns, inputs: Inputs, hyperparameters: dict, *, cv: int | None) -> None:
    """The service's limits on one job's size and work, and whether its folds can be cut (422)."""
    limits.check_job(
        settings,
        hyperparameters,
        rows=columns.dataset.row_count,
        features=inputs.count,
        outputs=columns.outputs,
        trainings=1 + (cv or 0),
    )
    check_splits(columns, hyperparameters, cv=cv)
    if cv:
        cross_validation.check_possible(
            k=cv,
            task=columns.task,
            target=columns.target,
            rows=columns.dataset.row_count - columns.target["missing"],  # rows without a target are dropped
            test_fraction=hyperparameters["test_fraction"],
        )


def check_splits(columns: Columns, hyperparameters: dict, *, cv: int | None) -> None:
    """Refuse (422) a job whose test split, validation split (asked for, or early stopping's default)
    or folds' validation splits would hold out no row, saying how many rows a class needs. The splits
    follow the engine's rule (`held_out_count`); where the statistics do not count every class (a
    numeric target), the largest class they allow stands for all, so only a job that must fail is
    refused here and the engine checks the rest (its InvalidInputError fails the job, as clearly)."""
    rows = columns.dataset.row_count - columns.target["missing"]  # rows without a target are dropped
    test_fraction = hyperparameters["test_fraction"]
    kept = _held_out_some(
        _class_counts(columns, rows),
        test_fraction,
        field="test_fraction",
        of="rows",
        way_out="raise test_fraction, or set it to 0",
    )
    fraction, field, default = hyperparameters["validation_fraction"], "validation_fraction", ""
    if fraction is None:  # the engine's default: named as such, since the job never set it
        watching = hyperparameters["early_stopping"] or hyperparameters["early_stopping_metric"] != "loss"
        fraction = DEFAULT_VALIDATION_FRACTION if watching else 0.0
        field, default = "early_stopping", " (early stopping's default)"
    way_out = "raise validation_fraction" + (", or turn early stopping off" if default else "")
    _held_out_some(
        kept, fraction, field=field, of="training rows after the test split", way_out=way_out, default=default
    )
    if fraction and cv:  # a fold trains on what its held-out part leaves: at most c - c // k rows of a class
        fold = [count - count // cv for count in kept]
        _held_out_some(
            fold, fraction, field=field, of=f"training rows of a cv={cv} fold", way_out=way_out, default=default
        )


def _class_counts(columns: Columns, rows: int) -> list[int]:
    """Rows per class (one stratum for a regressor); when the statistics do not list every class,
    the most the largest one can have."""
    if columns.task == "regression":
        return [rows]
    top = columns.target.get("top_values") or []
    if len(top) == columns.target["distinct"]:
        return [entry["count"] for entry in top]
    return [rows - (columns.target["distinct"] - 1)]


def _held_out_some(
    counts: list[int], fraction: float, *, field: str, of: str, way_out: str, default: str = ""
) -> list[int]:
    """The rows per class a split of `fraction` keeps, or a 422 on `field` when it holds none out."""
    held = [held_out_count(count, fraction) for count in counts]
    if fraction and not any(held):
        option = "test_fraction" if field == "test_fraction" else "validation_fraction"
        raise unprocessable(
            f"hyperparameters.{field}",
            f"{option}={fraction}{default} holds out no row of the {sum(counts)} {of}: every class keeps one row "
            f"to learn from, and a class needs {rows_to_hold_out_one(fraction)} rows for one to be held out "
            f"(the largest has {max(counts)}); add rows, {way_out}",
        )
    return [count - h for count, h in zip(counts, held, strict=True)]


def _dataset_for_job(db: Database, dataset_id: str, owner: str | None):
    try:
        return get_dataset(db, dataset_id=dataset_id, owner=owner)
    except NotFound:
        raise unprocessable(
            "dataset_id", f"dataset {dataset_id} does not exist; upload one with POST /v1/datasets"
        ) from None


def _features(request: TrainingColumns, columns: dict) -> list[str]:
    if request.features is not None:
        unknown = [f for f in request.features if f not in columns]
        if unknown:
            raise unprocessable("features", f"no such column(s): {', '.join(map(repr, unknown))}")
        features = list(dict.fromkeys(request.features))
        if request.target in features:
            raise unprocessable("features", f"the target {request.target!r} cannot also be a feature")
        if request.sample_weight_column in features:
            raise unprocessable(
                "features", f"the weight column {request.sample_weight_column!r} cannot also be a feature"
            )
    else:
        unknown = [f for f in request.exclude if f not in columns]
        if unknown:
            raise unprocessable("exclude", f"no such column(s): {', '.join(map(repr, unknown))}")
        left_out = {request.target, request.sample_weight_column, *request.exclude}
        features = [name for name in columns if name not in left_out]
    if not features:
        raise unprocessable("features", "no feature columns are left to learn from")
    return features


def _numeric_only_problem(name: str, column: dict) -> str | None:
    """The rule of the jobs stored before encodings."""
    if column["type"] != "numeric":
        return f"column {name!r} is {column['type']}; this job (from before encodings) takes numeric columns only"
    if column["missing"]:
        return f"column {name!r} has {column['missing']} missing values; this job (from before encodings) takes none"
    return None


def _check_weight_column(request: TrainingColumns, columns: dict) -> None:
    name = request.sample_weight_column
    if name is None:
        return
    if name not in columns:
        raise unprocessable("sample_weight_column", f"no column {name!r} in the dataset; columns: {', '.join(columns)}")
    column = columns[name]
    if name == request.target:
        raise unprocessable("sample_weight_column", f"{name!r} is the target; weights need a column of their own")
    if column["type"] != "numeric":
        raise unprocessable("sample_weight_column", f"column {name!r} is {column['type']}; weights must be numbers")
    if column["missing"]:
        raise unprocessable("sample_weight_column", f"column {name!r} has {column['missing']} missing values")
    if column["min"] is not None and column["min"] < 0:
        raise unprocessable("sample_weight_column", f"column {name!r} has negative values (min {column['min']})")
    if column["max"] is not None and column["max"] <= 0:
        raise unprocessable("sample_weight_column", f"every weight in {name!r} is 0: nothing would be learnt")


def check_task_options(hyperparameters: dict, task: str) -> None:
    metric = hyperparameters["early_stopping_metric"]
    if metric != "loss" and METRICS[metric].task != task:
        suits = ", ".join(metrics_for(task))
        raise unprocessable(
            "hyperparameters.early_stopping_metric", f"{metric!r} does not suit {task}; use loss or one of {suits}"
        )
    if hyperparameters["class_weight"] is not None and task != "classification":
        raise unprocessable(
            "hyperparameters.class_weight", "class_weight is for classification; use sample_weight_column"
        )


def _infer_task(target: dict) -> str:
    """Text labels, or few whole numbers, are classes; any other number is a quantity."""
    if target["type"] in ("categorical", "boolean"):
        return "classification"
    whole = target["dtype"].startswith(("int", "uint"))
    return "classification" if whole and target["distinct"] <= MAX_CLASSES_FOR_NUMERIC_TARGET else "regression"


def _check_target(target: dict, task: str) -> None:
    name = target["name"]
    if target["type"] == "datetime":
        raise unprocessable(
            "target",
            f"column {name!r} holds dates or times: neither classes nor a quantity to learn; "
            "predict a number or a label derived from it instead",
        )
    if target["type"] == "text":
        raise unprocessable(
            "target",
            f"column {name!r} has distinct values on most rows ({target['distinct']} distinct): "
            "an identifier or free text, with no classes to learn",
        )
    if target["missing"] and target["distinct"] == 0:
        raise unprocessable("target", f"every value of column {name!r} is missing: there is nothing to learn")
    if task == "classification" and target["distinct"] < 2:
        raise unprocessable("target", f"column {name!r} has a single class: a classifier needs at least two")
    if task == "regression" and target["type"] != "numeric":
        raise unprocessable("task", f"regression needs a numeric target; {name!r} is {target['type']}")
