"""Sweeps as clients send and see them: the search space, the create body and the leaderboard."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
)

from nn_engine.metrics import METRICS, metrics_for
from service.core.config import get_settings
from service.core.schemas import Strict, Task
from service.jobs.schemas import MAX_FOLDS, Hyperparameters, Metric, TrainingColumns


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
    trials: int | None = Field(
        default=None,
        ge=1,
        le=1_000_000,
        description=f"random search: how many to draw, at most {get_settings().max_sweep_trials} on this service "
        "(NNSERVICE_MAX_SWEEP_TRIALS; a grid's combinations count the same)",
    )
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
        description=f"what ranks the trials: {', '.join(metrics_for('classification'))} (classification; default "
        f"accuracy), or {', '.join(metrics_for('regression'))} (regression; default r2); "
        f"{', '.join(n for n, m in METRICS.items() if not m.greater_is_better)} rank lowest first",
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
