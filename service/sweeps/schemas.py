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
                    "dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10",
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


# A real sweep on examples/breast_cancer.csv, trimmed: two trials of three epochs, ranked by 3-fold cv.
_BEST_TRIAL_EXAMPLE: dict[str, Any] = {
    "job_id": "e294600c-98c0-4dad-9ce8-4c620dd3031b",
    "trial": 1,
    "parameters": {"hidden_layers": [4]},
    "value": 0.9232,
    "std": 0.0082,
    "model_id": "25b140d1-f670-4eb5-b472-8200e2cf9e0f",
}
SWEEP_EXAMPLE: dict[str, Any] = {  # GET /v1/sweeps/{sweep_id} once its trials ended
    "id": "111a16f1-9590-4176-8f65-7391023de101",
    "status": "succeeded",
    "dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10",
    "target": "diagnosis",
    "features": ["radius_mean", "texture_mean", "smoothness_mean"],
    "task": "classification",
    "hyperparameters": Hyperparameters(epochs=3, learning_rate=0.05).model_dump(),  # defaults filled in
    "search": {"method": "grid", "parameters": {"hidden_layers": [[4], [8]]}, "trials": None, "seed": 0},
    "cv": 3,
    "metric": "accuracy",
    "greater_is_better": True,
    "trials": 2,
    "counts": {"queued": 0, "running": 0, "succeeded": 2, "failed": 0, "cancelled": 0},
    "cancel_requested": False,
    "leaderboard": [
        _BEST_TRIAL_EXAMPLE,
        {
            "job_id": "b952eece-4f6f-4b5c-b24e-f2a3b123be38",
            "trial": 2,
            "parameters": {"hidden_layers": [8]},
            "value": 0.75,
            "std": 0.0186,
            "model_id": "02484864-dc5d-430f-bbbd-b8cc49a258ec",
        },
    ],
    "best": _BEST_TRIAL_EXAMPLE,
    "request_id": "6b8b4a5bd6894e7a9f3f6fd1ded7b8d9",
    "created_at": "2026-12-01T20:52:45.597716Z",
    "finished_at": "2026-12-01T20:52:45.634000Z",
}


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

    model_config = ConfigDict(json_schema_extra={"examples": [SWEEP_EXAMPLE]})


class SweepList(BaseModel):
    data: list[SweepRead]
    count: int

    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [SWEEP_EXAMPLE], "count": 1}]})
