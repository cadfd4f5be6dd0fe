"""Jobs as clients send and see them: the hyperparameters, the create body, status, progress and cost history."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from nn_engine import encoding as engine_encoding
from nn_engine.activations import HIDDEN_ACTIVATIONS
from nn_engine.estimators import DTYPES
from nn_engine.initializers import INITIALIZERS
from nn_engine.metrics import METRICS, metrics_for
from nn_engine.optimizers import OPTIMIZERS
from nn_engine.schedules import LR_SCHEDULES
from service.core.config import get_settings
from service.core.schemas import ID_PATTERN, MAX_NAME_LENGTH, Strict, Task, one_of
from service.core.status import JobStatus

# The operator's bounds (NNSERVICE_MAX_*), read once at import, so that what a request may ask and what
# /openapi.json says agree; `core/limits.py` checks the same settings of a running app again.
_settings = get_settings()
MAX_LAYERS = _settings.max_hidden_layers
MAX_UNITS = _settings.max_units_per_layer
MAX_EPOCHS = _settings.max_epochs
MAX_FOLDS = 20  # cv: k-fold cross-validation, 2 <= k <= MAX_FOLDS

if TYPE_CHECKING:  # a type checker sees plain strings; at run time each is a Literal of the engine's names
    Activation = str
    Optimizer = str
    LearningRateSchedule = str
    Initializer = str
    Dtype = str
    Metric = str
    StoppingMetric = str
    ColumnType = str
    Imputation = str
else:
    Activation = one_of(HIDDEN_ACTIVATIONS)
    Optimizer = one_of(OPTIMIZERS)
    LearningRateSchedule = one_of(LR_SCHEDULES)
    Initializer = one_of(("auto", *INITIALIZERS))  # auto: He for the ReLU family, Xavier otherwise
    Dtype = one_of(DTYPES)
    Metric = one_of(METRICS)
    StoppingMetric = one_of(("loss", *METRICS))
    ColumnType = one_of((*engine_encoding.TYPES, "drop"))  # drop: leave the column out
    Imputation = one_of(engine_encoding.IMPUTE)
MAX_CATEGORIES = 1000  # levels kept per categorical column, at most


class Hyperparameters(Strict):
    """Every option of the engine. The defaults train the breast-cancer tutorial task well
    (97.7 % mean test accuracy over 8 seeds, in well under a second)."""

    hidden_layers: Annotated[
        list[Annotated[int, Field(ge=1, le=MAX_UNITS)]], Field(min_length=1, max_length=MAX_LAYERS)
    ] = Field(default=[14], description="widths of the hidden layers, input to output")
    activation: Activation = "relu"
    optimizer: Optimizer = "adam"
    learning_rate: float = Field(default=0.001, gt=0, le=10)
    epochs: int = Field(default=200, ge=1, le=MAX_EPOCHS)
    batch_size: int | None = Field(default=200, ge=1, le=2**31 - 1, description="rows per step; null for full batch")
    l2: float = Field(default=0.0001, ge=0, le=1e6, description="lambda of the L2 penalty on weights (not biases)")
    momentum: float = Field(default=0.9, ge=0, lt=1, description="for momentum and nesterov")
    beta_1: float = Field(default=0.9, ge=0, lt=1)
    beta_2: float = Field(default=0.999, ge=0, lt=1)
    epsilon: float = Field(default=1e-8, gt=0, le=1)
    lr_schedule: LearningRateSchedule = "constant"
    lr_step_size: int = Field(
        default=50, ge=1, le=MAX_EPOCHS, description="step: epochs between drops; cyclical: epochs from low to peak"
    )
    lr_gamma: float = Field(default=0.5, gt=0, le=1, description="step: factor at each drop")
    power_t: float = Field(default=0.5, ge=0, le=10, description="invscaling: lr / epoch ** power_t")
    max_learning_rate: float | None = Field(
        default=None, gt=0, le=10, description="cyclical peak; default 10 x learning_rate"
    )
    init: Initializer = "auto"
    shuffle: bool = True
    early_stopping: bool = False
    early_stopping_metric: StoppingMetric = Field(
        default="loss",
        description="what early stopping and the best epoch watch: the validation loss, or a validation metric "
        f"({', '.join(metrics_for('classification'))} for classifiers; {', '.join(metrics_for('regression'))} for "
        "regressors)",
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
    dtype: Dtype = "float64"

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


class ColumnOptions(Strict):
    """How one column is encoded, overriding what its type and the job's defaults say."""

    type: ColumnType | None = Field(default=None, description="numeric, boolean, categorical, datetime or drop")
    impute: Imputation | None = Field(default=None, description="numeric: mean, median or constant (fill_value)")
    max_categories: int | None = Field(
        default=None, ge=1, le=MAX_CATEGORIES, description="categorical: levels kept, the most frequent"
    )
    missing_indicator: bool | None = Field(default=None, description="numeric: an input marking missing cells")


class Encoding(Strict):
    """How the feature columns become the network's inputs; each column by its type unless `columns` says."""

    max_categories: int = Field(
        default=20,
        ge=1,
        le=MAX_CATEGORIES,
        description="levels kept per categorical column (the most frequent); the rest pool into one `<other>` input",
    )
    numeric_impute: Imputation = Field(default="mean", description="missing numbers: mean, median or constant")
    fill_value: float = Field(default=0.0, allow_inf_nan=False, description="the constant of numeric_impute=constant")
    missing_indicator: bool = Field(default=False, description="numeric columns get a `name=<missing>` input too")
    columns: dict[str, ColumnOptions] = Field(
        default_factory=dict,
        description='per column overrides, e.g. {"zip": {"type": "categorical"}, "income": {"impute": "median"}}',
    )


class TrainingColumns(Strict):
    """The dataset and its columns that a job, or every trial of a sweep, trains on."""

    dataset_id: str = Field(pattern=ID_PATTERN, description="the dataset to train on")
    target: str = Field(min_length=1, max_length=MAX_NAME_LENGTH, description="the column to predict")
    features: list[str] | None = Field(
        default=None, min_length=1, description="columns to learn from; default: all others"
    )
    exclude: list[str] = Field(default_factory=list, description="columns to leave out, e.g. an id column")
    task: Task | None = Field(default=None, description="inferred from the target when absent")
    sample_weight_column: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_NAME_LENGTH,
        description="a numeric column (>= 0) weighing each row; it is not a feature",
    )
    encoding: Encoding = Field(
        default_factory=Encoding,
        description="numbers imputed and standardized, categories one-hot with a missing level, dates as numbers, "
        "identifiers and constant columns left out; overrides per column in `columns`",
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
                    "dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10",
                    "target": "diagnosis",
                    "exclude": ["id"],
                    "hyperparameters": {"hidden_layers": [14], "epochs": 200, "learning_rate": 0.001},
                }
            ]
        },
    )


# The examples of the answers: one real run on examples/breast_cancer.csv, trimmed to three features and
# three epochs, with a validation split (POST /v1/jobs with `features` and these hyperparameters).
_EXAMPLE_HYPERPARAMETERS = Hyperparameters(hidden_layers=[8], learning_rate=0.05, epochs=3, validation_fraction=0.1)
_EXAMPLE_FEATURES = ["radius_mean", "texture_mean", "smoothness_mean"]
_EXAMPLE_FILL_VALUES = {"radius_mean": 14.1002, "texture_mean": 19.2268, "smoothness_mean": 0.0966}  # training means
JOB_EXAMPLE: dict[str, Any] = {  # GET /v1/jobs/{job_id} once a worker trained it
    "id": "16825308-25ee-48ce-afed-02b78f1ddefa",
    "status": "succeeded",
    "dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10",
    "target": "diagnosis",
    "features": _EXAMPLE_FEATURES,
    "task": "classification",
    "hyperparameters": _EXAMPLE_HYPERPARAMETERS.model_dump(),  # every option, defaults filled in
    "progress": {"epoch": 3, "epochs": 3, "train_cost": 0.2341, "validation_cost": 0.1157, "fold": None},
    "attempts": 1,
    "max_attempts": 3,
    "cancel_requested": False,
    "error": None,
    "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
    "sample_weight_column": None,
    "init_model_id": None,
    "keep_partial": False,
    "replay_of": None,
    "replay": None,
    "request_id": "27566bde9ab84957a1d5c4a3a84ee91d",
    "cv": None,
    "encoding": Encoding().model_dump(),
    "columns": [
        {
            "name": name,
            "type": "numeric",
            "strategy": "impute mean, standardize",
            "outputs": [name],
            "missing_in_training": 0,
            "values_imputed": 0,
            "fill_value": mean,
        }
        for name, mean in _EXAMPLE_FILL_VALUES.items()
    ],
    "sweep_id": None,
    "sweep_trial": None,
    "created_at": "2026-12-01T20:52:45.492123Z",
    "started_at": "2026-12-01T20:52:45.501000Z",
    "finished_at": "2026-12-01T20:52:45.522000Z",
}
QUEUED_JOB_EXAMPLE: dict[str, Any] = JOB_EXAMPLE | {  # what POST /v1/jobs answered (202), before a worker claimed it
    "status": "queued",
    "progress": {"epoch": 0, "epochs": 3, "train_cost": None, "validation_cost": None, "fold": None},
    "attempts": 0,
    "model_id": None,
    "columns": [{"name": name, "type": "numeric", "inputs": 1} for name in _EXAMPLE_FEATURES],  # as planned
    "started_at": None,
    "finished_at": None,
}


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
    status: JobStatus
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
    encoding: dict[str, Any] | None = Field(
        default=None, description="how the columns are encoded, defaults filled in; null for jobs from before encodings"
    )
    columns: list[dict[str, Any]] | None = Field(
        default=None,
        description="per feature column: its type and the inputs it becomes, or why it is left out; planned from the "
        "dataset's statistics when queued, then what training did (strategy, levels kept and pooled, values imputed)",
    )
    sweep_id: str | None = Field(default=None, description="the sweep this job is a trial of")
    sweep_trial: int | None = Field(default=None, description="its trial's number in that sweep, from 1")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    model_config = ConfigDict(json_schema_extra={"examples": [JOB_EXAMPLE, QUEUED_JOB_EXAMPLE]})


class JobList(BaseModel):
    data: list[JobRead]
    count: int  # of all jobs matching the filters, not only this page

    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [JOB_EXAMPLE], "count": 1}]})


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
    status: JobStatus
    data: list[CostHistoryRow]
    count: int

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {  # the job of JobRead's example: ReLU units (none dead), so no saturation
                    "job_id": "16825308-25ee-48ce-afed-02b78f1ddefa",
                    "status": "succeeded",
                    "data": [
                        {
                            "epoch": 1,
                            "train_cost": 0.6345,
                            "validation_cost": 0.2743,
                            "train_loss": 0.6345,
                            "train_l2": 6.537e-06,
                            "validation_l2": 4.83e-06,
                            "grad_norms": [0.4345, 0.6728],
                            "dead_units": [0.0],
                            "saturation": None,
                        },
                        {
                            "epoch": 2,
                            "train_cost": 0.322,
                            "validation_cost": 0.1603,
                            "train_loss": 0.322,
                            "train_l2": 7.44e-06,
                            "validation_l2": 5.662e-06,
                            "grad_norms": [0.1916, 0.2931],
                            "dead_units": [0.0],
                            "saturation": None,
                        },
                        {
                            "epoch": 3,
                            "train_cost": 0.2341,
                            "validation_cost": 0.1157,
                            "train_loss": 0.2341,
                            "train_l2": 8.753e-06,
                            "validation_l2": 6.508e-06,
                            "grad_norms": [0.084, 0.0795],
                            "dead_units": [0.0],
                            "saturation": None,
                        },
                    ],
                    "count": 3,
                }
            ]
        }
    )
