"""What clients send and receive, by resource and role (Create / Read). Tables are in `tables.py`."""

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

Status = Literal["queued", "running", "succeeded", "failed", "cancelled"]
Task = Literal["classification", "regression"]

MAX_LAYERS = 32
MAX_UNITS = 4096
MAX_EPOCHS = 100_000
MAX_FOLDS = 20  # cv: k-fold cross-validation, 2 <= k <= MAX_FOLDS
ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"  # every id is a lowercase UUID
# A model's name and an alias of it: lower case, so that "Cancer" and "cancer" are never two names.
NAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
NAME_RULE = "1 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or a digit"
ALIAS_RULE = NAME_RULE + ", and not all digits (digits name a version: cancer@3)"
# Where a model is named in a path: its id, or "name@alias", or "name@version".
MODEL_REF_PATTERN = (
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|[a-z0-9][a-z0-9_.-]{0,63}@[a-z0-9][a-z0-9_.-]{0,63})$"
)


class Strict(BaseModel):
    """Unknown fields are rejected, not ignored: a typo must not silently train with a default."""

    model_config = ConfigDict(extra="forbid")


# -- datasets -----------------------------------------------------------------------------------------------------


class ColumnStats(BaseModel):
    name: str
    type: Literal["numeric", "categorical"]
    dtype: str
    missing: int
    distinct: int
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    top_values: list[dict] | None = None


class DatasetRead(BaseModel):
    id: str
    name: str
    format: str
    row_count: int
    column_count: int
    size_bytes: int
    columns: list[ColumnStats]
    dropped_columns: list[str]
    created_at: datetime

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "66161fe0-afeb-4616-a2d8-271624920d10",
                    "name": "breast_cancer.csv",
                    "format": "csv",
                    "row_count": 569,
                    "column_count": 32,
                    "size_bytes": 126051,
                    "dropped_columns": ["column 33 (unnamed, empty)"],
                    "columns": [
                        {
                            "name": "diagnosis",
                            "type": "categorical",
                            "dtype": "string",
                            "missing": 0,
                            "distinct": 2,
                            "top_values": [{"value": "B", "count": 357}, {"value": "M", "count": 212}],
                        },
                        {
                            "name": "radius_mean",
                            "type": "numeric",
                            "dtype": "double",
                            "missing": 0,
                            "distinct": 456,
                            "min": 6.981,
                            "max": 28.11,
                            "mean": 14.127,
                        },
                    ],
                    "created_at": "2026-11-25T13:56:54.589031Z",
                }
            ]
        }
    )


class DatasetList(BaseModel):
    data: list[DatasetRead]
    count: int


# -- jobs ---------------------------------------------------------------------------------------------------------


class Hyperparameters(Strict):
    """Every option of the engine. The defaults train the breast-cancer tutorial task well
    (97.7 % mean test accuracy over 8 seeds, in well under a second)."""

    hidden_layers: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_UNITS)]], Field(min_length=1, max_length=MAX_LAYERS)
    ] = Field(default=[14], description="widths of the hidden layers, input to output")
    activation: Literal["relu", "leaky_relu", "tanh", "sigmoid"] = "relu"
    optimizer: Literal["adam", "sgd", "momentum", "nesterov"] = "adam"
    learning_rate: float = Field(default=0.001, gt=0, le=10)
    epochs: int = Field(default=200, ge=1, le=MAX_EPOCHS)
    batch_size: int | None = Field(default=200, ge=1, le=2**31 - 1, description="rows per step; null for full batch")
    l2: float = Field(default=0.0001, ge=0, le=1e6, description="lambda of the L2 penalty on weights (not biases)")
    momentum: float = Field(default=0.9, ge=0, lt=1, description="for momentum and nesterov")
    beta_1: float = Field(default=0.9, ge=0, lt=1)
    beta_2: float = Field(default=0.999, ge=0, lt=1)
    epsilon: float = Field(default=1e-8, gt=0, le=1)
    lr_schedule: Literal["constant", "step", "invscaling", "cyclical"] = "constant"
    lr_step_size: int = Field(
        default=50, ge=1, le=MAX_EPOCHS, description="step: epochs between drops; cyclical: epochs from low to peak"
    )
    lr_gamma: float = Field(default=0.5, gt=0, le=1, description="step: factor at each drop")
    power_t: float = Field(default=0.5, ge=0, le=10, description="invscaling: lr / epoch ** power_t")
    max_learning_rate: float | None = Field(
        default=None, gt=0, le=10, description="cyclical peak; default 10 x learning_rate"
    )
    init: Literal[
        "auto", "xavier_uniform", "xavier_normal", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal"
    ] = "auto"
    shuffle: bool = True
    early_stopping: bool = False
    early_stopping_metric: Literal["loss", "accuracy", "f1_macro", "log_loss", "mse", "mae", "r2"] = Field(
        default="loss",
        description="what early stopping and the best epoch watch: the validation loss, or a validation metric "
        "(accuracy, f1_macro, log_loss for classifiers; mse, mae, r2 for regressors)",
    )
    dropout: (
        Annotated[float, Field(ge=0, lt=1)]
        | Annotated[list[Annotated[float, Field(ge=0, lt=1)]], Field(max_length=MAX_LAYERS)]
    ) = Field(
        default=0.0, description="inverted dropout rate per hidden layer (one number: every layer); off at prediction"
    )
    class_weight: Literal["balanced"] | dict[str, Annotated[float, Field(ge=0, le=1e6)]] | None = Field(
        default=None,
        description='classifiers: "balanced" (each class weighs the same in total) or {label: weight}; '
        "weighs the loss, its gradient and the metrics",
    )
    patience: int = Field(default=10, ge=1, le=MAX_EPOCHS)
    min_delta: float = Field(default=1e-4, ge=0, le=1e6)
    validation_fraction: float | None = Field(
        default=None,
        ge=0,
        lt=1,
        description="of the training rows, held out for a validation cost curve; null: 0.1 with early stopping, else 0",
    )
    test_fraction: float = Field(default=0.2, ge=0, lt=1, description="of all rows, held out for the model's metrics")
    standardize: bool = True
    seed: int = Field(default=0, ge=0, le=2**32 - 1, description="same seed, same data, same weights to the bit")
    dtype: Literal["float64", "float32"] = "float64"

    @model_validator(mode="after")
    def _check_combinations(self) -> "Hyperparameters":
        if self.max_learning_rate is not None and self.max_learning_rate < self.learning_rate:
            raise ValueError("max_learning_rate must be >= learning_rate")
        if isinstance(self.dropout, list) and len(self.dropout) != len(self.hidden_layers):
            raise ValueError(
                f"dropout gives {len(self.dropout)} rates for {len(self.hidden_layers)} hidden layers: "
                "give one per hidden layer, or one number for all"
            )
        if self.early_stopping_metric != "loss" and self.validation_fraction == 0:
            raise ValueError("early_stopping_metric is measured on validation rows: validation_fraction must be > 0")
        return self


class TrainingColumns(Strict):
    """The dataset and its columns that a job, or every trial of a sweep, trains on."""

    dataset_id: str = Field(pattern=ID_PATTERN, description="the dataset to train on")
    target: str = Field(min_length=1, description="the column to predict")
    features: list[str] | None = Field(
        default=None, min_length=1, description="columns to learn from; default: all others"
    )
    exclude: list[str] = Field(default_factory=list, description="columns to leave out, e.g. an id column")
    task: Task | None = Field(default=None, description="inferred from the target when absent")
    sample_weight_column: str | None = Field(
        default=None, min_length=1, description="a numeric column (>= 0) weighing each row; it is not a feature"
    )


class JobCreate(TrainingColumns):
    hyperparameters: Hyperparameters = Field(default_factory=Hyperparameters)
    init_model_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="warm start: continue from this model's weights (same features, layers, activation and dtype); "
        "layers, activation and dtype default to the model's",
    )
    cv: int | None = Field(
        default=None,
        ge=2,
        le=MAX_FOLDS,
        description="k-fold cross-validation on the training rows (stratified by class, shuffled with the seed) "
        "before the final model trains on all of them: the model's metrics gain `cv` (mean, std and value per fold "
        "of each metric); progress counts the k + 1 trainings' epochs; null: no cross-validation",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "dataset_id": "5d0f6a4e-3a43-4b1e-9d27-6f1f2b8f6c11",
                    "target": "diagnosis",
                    "exclude": ["id"],
                    "hyperparameters": {"hidden_layers": [14], "epochs": 200, "learning_rate": 0.001},
                }
            ]
        },
    )


class Progress(BaseModel):
    epoch: int = Field(description="epochs done; a cv job counts its folds' epochs first, then its final model's")
    epochs: int = Field(description="epochs in all: (cv + 1) x the hyperparameters' epochs for a cv job")
    train_cost: float | None
    validation_cost: float | None
    fold: int | None = Field(
        default=None,
        description="a cv job: the fold training now (1..cv); null once the final model trains, or without cv",
    )


class JobRead(BaseModel):
    id: str
    status: Status
    dataset_id: str | None
    target: str
    features: list[str]
    task: Task
    hyperparameters: dict[str, Any]
    progress: Progress
    attempts: int
    max_attempts: int
    cancel_requested: bool
    error: str | None
    model_id: str | None
    sample_weight_column: str | None = None
    init_model_id: str | None = None
    keep_partial: bool = Field(default=False, description="a cancel asked to keep the best weights as a partial model")
    replay_of: str | None = Field(default=None, description="the job this one runs again")
    replay: dict[str, Any] | None = Field(
        default=None, description="once a replay ends: whether its cost history and weights equal the original's"
    )
    request_id: str | None = Field(
        default=None, description="the X-Request-ID of the request that created it: its logs, API and worker, carry it"
    )
    cv: int | None = Field(default=None, description="k-fold cross-validation before the final training")
    sweep_id: str | None = Field(default=None, description="the sweep this job is a trial of")
    sweep_trial: int | None = Field(default=None, description="its trial's number in that sweep, from 1")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "16825308-25ee-48ce-afed-02b78f1ddefa",
                    "status": "running",
                    "dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10",
                    "target": "diagnosis",
                    "features": ["radius_mean", "texture_mean"],
                    "task": "classification",
                    "hyperparameters": {"hidden_layers": [14], "epochs": 200, "learning_rate": 0.001},
                    "progress": {"epoch": 57, "epochs": 200, "train_cost": 0.0931, "validation_cost": None},
                    "attempts": 1,
                    "max_attempts": 3,
                    "cancel_requested": False,
                    "error": None,
                    "model_id": None,
                    "created_at": "2026-11-25T13:58:08.368566Z",
                    "started_at": "2026-11-25T13:58:08.501413Z",
                    "finished_at": None,
                }
            ]
        }
    )


class JobList(BaseModel):
    data: list[JobRead]
    count: int  # of all jobs matching the filters, not only this page


class CostHistoryRow(BaseModel):
    epoch: int
    train_cost: float = Field(description="train_loss + train_l2")
    validation_cost: float | None = Field(description="the data loss on the validation rows")
    train_loss: float | None = Field(default=None, description="the data loss of the epoch's batches")
    train_l2: float | None = Field(default=None, description="the L2 penalty of the epoch's batches")
    validation_l2: float | None = Field(default=None, description="the L2 penalty of the epoch's final weights")
    grad_norms: list[float] | None = Field(
        default=None, description="per weight layer, the norm of the gradient on the epoch's first (full) batch"
    )
    dead_units: list[float] | None = Field(
        default=None, description="per ReLU hidden layer, the fraction of units that output 0 for every row"
    )
    saturation: list[float] | None = Field(
        default=None, description="per sigmoid/tanh hidden layer, the fraction of outputs within 0.01 of a bound"
    )


class CostHistory(BaseModel):
    job_id: str
    status: Status
    data: list[CostHistoryRow]
    count: int

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "16825308-25ee-48ce-afed-02b78f1ddefa",
                    "status": "succeeded",
                    "count": 2,
                    "data": [
                        {"epoch": 1, "train_cost": 0.6476, "validation_cost": None},
                        {"epoch": 2, "train_cost": 0.6198, "validation_cost": None},
                    ],
                }
            ]
        }
    )


# -- sweeps -------------------------------------------------------------------------------------------------------

Metric = Literal["accuracy", "f1_macro", "precision_macro", "recall_macro", "log_loss", "r2", "mse", "mae"]


class Range(Strict):
    """Random search: draw a number in [min, max], uniformly, or log-uniformly with `log`."""

    min: float = Field(allow_inf_nan=False)
    max: float = Field(allow_inf_nan=False)
    log: bool = Field(default=False, description="log-uniform: as likely 1e-4..1e-3 as 1e-2..1e-1; needs min > 0")


def _values_or_range(value: Any) -> "list[Any] | Range":
    """A searched parameter's values: a non-empty list, or a range; one message that says which was meant."""
    if isinstance(value, Range):
        return value
    if isinstance(value, dict):
        try:
            return Range.model_validate(value)
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'range'}: {e['msg']}" for e in exc.errors())
            raise ValueError(f"a range is {{min, max, log}}: {reasons}") from None
    if isinstance(value, list):
        if not value:
            raise ValueError("an empty list: give at least 1 value")
        return value
    raise ValueError("give a list of values, or (random search) a range {min, max, log}")


SearchValues = Annotated[
    Any,  # list[Any] | Range, checked and serialised by hand: a union here names its members in errors
    PlainValidator(_values_or_range),
    PlainSerializer(lambda value: value.model_dump() if isinstance(value, Range) else value),
    WithJsonSchema({"oneOf": [{"type": "array", "items": {}, "minItems": 1}, Range.model_json_schema()]}),
]


class Search(Strict):
    method: Literal["grid", "random"] = Field(
        description="grid: every combination of the lists; random: `trials` draws from lists and ranges"
    )
    parameters: dict[str, SearchValues] = Field(
        min_length=1,
        description="hyperparameter name: a list of values, or (random) a range {min, max, log}; "
        "the other hyperparameters are the sweep's `hyperparameters`",
    )
    trials: int | None = Field(default=None, ge=1, le=1_000_000, description="random search: how many to draw")
    seed: int = Field(default=0, ge=0, le=2**32 - 1, description="of the random draws: the same seed, the same trials")


class SweepCreate(TrainingColumns):
    """A hyperparameter search: one job per trial, on the same dataset and columns."""

    hyperparameters: Hyperparameters = Field(
        default_factory=Hyperparameters, description="the base of every trial; the search's parameters vary on it"
    )
    search: Search
    cv: int | None = Field(
        default=None,
        ge=2,
        le=MAX_FOLDS,
        description="rank the trials by k-fold cross-validation (the mean over the folds); null: by the test split",
    )
    metric: Metric | None = Field(
        default=None,
        description="what ranks the trials: accuracy, f1_macro, precision_macro, recall_macro, log_loss "
        "(classification; default accuracy), or r2, mse, mae (regression; default r2); log_loss, mse and mae rank "
        "lowest first",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "dataset_id": "5d0f6a4e-3a43-4b1e-9d27-6f1f2b8f6c11",
                    "target": "diagnosis",
                    "exclude": ["id"],
                    "hyperparameters": {"epochs": 100},
                    "search": {
                        "method": "random",
                        "parameters": {
                            "learning_rate": {"min": 0.0001, "max": 0.1, "log": True},
                            "hidden_layers": [[8], [16, 8]],
                        },
                        "trials": 8,
                        "seed": 1,
                    },
                    "cv": 3,
                    "metric": "accuracy",
                }
            ]
        },
    )


class LeaderboardRow(BaseModel):
    job_id: str
    trial: int = Field(description="the trial's number, from 1")
    parameters: dict[str, Any] = Field(description="the searched hyperparameters' values in this trial")
    value: float | None = Field(
        description="the sweep's metric: the mean over the folds with cv, else on the test split"
    )
    std: float | None = Field(default=None, description="with cv: its standard deviation over the folds")
    model_id: str | None


class SweepCounts(BaseModel):
    queued: int = 0
    running: int = 0
    succeeded: int = 0
    failed: int = 0
    cancelled: int = 0


class SweepRead(BaseModel):
    id: str
    status: Literal["running", "succeeded", "failed", "cancelled"] = Field(
        description="running while a trial is queued or running; then cancelled if the sweep was cancelled, "
        "succeeded if a trial succeeded, cancelled if its trials were, else failed"
    )
    dataset_id: str | None
    target: str
    features: list[str]
    task: Task
    hyperparameters: dict[str, Any] = Field(description="the base of every trial")
    search: dict[str, Any]
    cv: int | None
    metric: Metric
    greater_is_better: bool = Field(description="the metric's direction: the leaderboard's order")
    trials: int = Field(description="trials (child jobs) in all: see GET /v1/jobs?sweep_id=")
    counts: SweepCounts = Field(description="the trials by status")
    cancel_requested: bool
    leaderboard: list[LeaderboardRow] = Field(description="the trials that succeeded, best first")
    best: LeaderboardRow | None = Field(description="the top of the leaderboard: its model is the sweep's best")
    request_id: str | None = None
    created_at: datetime
    finished_at: datetime | None = Field(description="when its last trial ended, once none is queued or running")


class SweepList(BaseModel):
    data: list[SweepRead]
    count: int


# -- models -------------------------------------------------------------------------------------------------------


class ModelRead(BaseModel):
    id: str
    job_id: str | None
    dataset_id: str | None
    task: Task
    target: str
    features: list[str]
    classes: list[Any] | None
    architecture: dict[str, Any]
    hyperparameters: dict[str, Any]
    preprocessing: dict[str, Any]
    metrics: dict[str, Any]
    n_epochs: int
    size_bytes: int
    partial: bool = Field(default=False, description="the best weights of a cancelled job, kept on request")
    reproducibility: dict[str, Any] | None = Field(
        default=None,
        description="the dataset's SHA-256, the resolved hyperparameters and seed, and the versions of the engine, "
        "NumPy, Python and the BLAS with its thread count",
    )
    created_at: datetime
    name: str | None = Field(default=None, description="the name it is registered under; null if none")
    version: int | None = Field(default=None, description="its version of that name")
    aliases: list[str] = Field(default_factory=list, description="the aliases of that name pointing at it")


class ModelList(BaseModel):
    data: list[ModelRead]
    count: int


PREDICT_INPUTS = ("instances", "records", "dataframe_split", "dataframe_records", "inputs")  # send one


def _row_shape(value: object) -> str | None:
    return "values" if isinstance(value, list) else "by_name" if isinstance(value, dict) else None


def _inputs_shape(value: object) -> str | None:
    return "rows" if isinstance(value, list) else "columns" if isinstance(value, dict) else None


# A row of `instances` or `inputs`: values in the model's feature order, or an object by feature name.
Row = Annotated[
    Annotated[list[Any], Tag("values")] | Annotated[dict[str, Any], Tag("by_name")],
    Discriminator(
        _row_shape,
        custom_error_type="row_shape",
        custom_error_message="a row is a list of values in the model's feature order, or an object of feature name to value",
    ),
]
# MLflow's `inputs`: rows, or columns (an object of feature name to a list of values, one per row).
Inputs = Annotated[
    Annotated[list[Row], Tag("rows")] | Annotated[dict[str, list[Any]], Tag("columns")],
    Discriminator(
        _inputs_shape,
        custom_error_type="inputs_shape",
        custom_error_message="a list of rows, or an object of feature name to a list of values (one per row)",
    ),
]


class DataframeSplit(Strict):
    """A pandas DataFrame as `df.to_dict(orient="split")` writes it: MLflow's `dataframe_split`."""

    columns: list[str] | None = Field(
        default=None,
        description="the name of each value in a row, in any order, others besides the features allowed; "
        "default: the model's features in order",
    )
    data: list[list[Any]] = Field(description="the rows")
    index: list[Any] | None = Field(default=None, description="row labels: ignored")


class PredictRequest(Strict):
    """Exactly one of `instances`, `records`, or MLflow's `dataframe_split`, `dataframe_records` and
    `inputs` (as `mlflow models serve` takes them), with at most NNSERVICE_MAX_PREDICTION_ROWS rows."""

    instances: list[Row] | None = Field(
        default=None, description="rows of numbers in the model's feature order, or objects by feature name (MLflow)"
    )
    records: list[dict[str, Any]] | None = Field(
        default=None, description="objects of exactly the model's features, by name"
    )
    dataframe_split: DataframeSplit | None = Field(default=None, description="MLflow: a split-oriented DataFrame")
    dataframe_records: list[dict[str, Any]] | None = Field(
        default=None, description="MLflow: a records-oriented DataFrame, objects by name; other fields ignored"
    )
    inputs: Inputs | None = Field(
        default=None, description="MLflow: as `instances`, or columns: an object of feature name to a list of values"
    )
    params: dict[str, Any] | None = Field(
        default=None, description="MLflow's inference parameters: accepted and ignored (these models take none)"
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"instances": [[17.99, 10.38, 122.8]]},
                {"records": [{"radius_mean": 17.99}]},
                {"dataframe_split": {"columns": ["radius_mean", "texture_mean"], "data": [[17.99, 10.38]]}},
            ]
        },
    )

    @model_validator(mode="before")
    @classmethod
    def _one_input(cls, body: object) -> object:
        """Exactly one input key, and no unknown key: answered with every key the body may hold,
        rather than pydantic's one error per stray field."""
        if isinstance(body, dict) and body:
            sent = [key for key in PREDICT_INPUTS if body.get(key) is not None]
            if len(sent) == 1 and body.keys() <= cls.model_fields.keys():
                return body
            got = "got " + ", ".join(repr(key) + (" (null)" if body[key] is None else "") for key in body)
        else:
            got = f"got {_json_kind(body)}"
        raise PydanticCustomError(
            "predict_body",
            "the body must be a JSON object with exactly one of {accepted} (and optionally 'params'); {got}",
            {"accepted": ", ".join(map(repr, PREDICT_INPUTS)), "got": got},
        )

    def input(self) -> tuple[str, Any]:
        """The one input key that was sent, and its value."""
        return next((key, value) for key in PREDICT_INPUTS if (value := getattr(self, key)) is not None)


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "an empty object"
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")


class PredictResponse(BaseModel):
    model_id: str
    predictions: list[Any]
    classes: list[Any] | None = None
    probabilities: list[list[float]] | None = None  # per row, in `classes` order

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
                    "predictions": ["B"],
                    "classes": ["B", "M"],
                    "probabilities": [[0.9601, 0.0399]],
                }
            ]
        }
    )


class EvaluateRequest(Strict):
    dataset_id: str = Field(pattern=ID_PATTERN)


class EvaluateResponse(BaseModel):
    model_id: str
    dataset_id: str
    rows: int
    metrics: dict[str, Any]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
                    "dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10",
                    "rows": 569,
                    "metrics": {"accuracy": 0.984, "confusion_matrix": [[354, 3], [6, 206]]},
                }
            ]
        }
    )


# -- model names and aliases --------------------------------------------------------------------------------------


def _check_name(value: str) -> str:
    if not re.fullmatch(NAME_PATTERN, value):
        raise ValueError(f"must be {NAME_RULE}")
    return value


def _check_alias(value: str) -> str:
    if not re.fullmatch(NAME_PATTERN, value) or value.isdigit():
        raise ValueError(f"must be {ALIAS_RULE}")
    return value


# The rules are checked by a validator, for a message that says them; the pattern is for the schema.
ModelNameStr = Annotated[str, AfterValidator(_check_name), Field(json_schema_extra={"pattern": NAME_PATTERN})]
AliasStr = Annotated[
    str, AfterValidator(_check_alias), Field(description=ALIAS_RULE, json_schema_extra={"pattern": NAME_PATTERN})
]


class AliasCreate(Strict):
    name: ModelNameStr = Field(description=f"the name to register the model under: {NAME_RULE}")
    alias: AliasStr | None = Field(
        default=None, description="an alias of that name to point at this model's version; none: register only"
    )

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "cancer", "alias": "production"}]}
    )


class ModelRegistration(BaseModel):
    """A model's name, its version of it, and the aliases of that name pointing at it."""

    model_id: str
    name: str
    version: int
    aliases: list[str]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
                    "name": "cancer",
                    "version": 2,
                    "aliases": ["production"],
                }
            ]
        }
    )


class ModelVersionRead(BaseModel):
    model_id: str
    version: int
    aliases: list[str]
    task: Task
    metrics: dict[str, Any] = Field(description="the model's single-number test metrics (accuracy, log_loss; r2, mse)")
    created_at: datetime = Field(description="when the model was registered as this version")


class ModelNameRead(BaseModel):
    name: str
    versions: list[ModelVersionRead] = Field(description="newest first")
    aliases: dict[str, int] = Field(description="each alias and the version it points at")
    created_at: datetime

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "cancer",
                    "versions": [
                        {
                            "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
                            "version": 2,
                            "aliases": ["production"],
                            "task": "classification",
                            "metrics": {"split": "test", "rows": 113, "accuracy": 0.9558, "log_loss": 0.1401},
                            "created_at": "2026-11-25T14:02:11.120466Z",
                        }
                    ],
                    "aliases": {"production": 2},
                    "created_at": "2026-11-25T14:01:40.882154Z",
                }
            ]
        }
    )
