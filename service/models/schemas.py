"""Models as clients see them, and the bodies of predict, evaluate and the names and aliases routes."""

import re
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    RootModel,
    Tag,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from service.core.schemas import ALIAS_PATTERN, ALIAS_RULE, ID_PATTERN, NAME_PATTERN, NAME_RULE, Strict, Task
from service.jobs.schemas import JOB_EXAMPLE

# The examples of the answers: the model that JobRead's example job trained (three features, three epochs),
# registered as cancer@production, then asked for predictions and evaluated on its whole dataset.
_EXAMPLE_METRICS: dict[str, Any] = {
    "split": "test",
    "rows": 113,
    "accuracy": 0.8761,
    "log_loss": 0.2515,
    "per_class": {
        "B": {"precision": 0.9014, "recall": 0.9014, "f1": 0.9014, "support": 71},
        "M": {"precision": 0.8333, "recall": 0.8333, "f1": 0.8333, "support": 42},
    },
    "macro": {"precision": 0.8674, "recall": 0.8674, "f1": 0.8674},
    "confusion_matrix": [[64, 7], [7, 35]],
    "classes": ["B", "M"],
}
MODEL_EXAMPLE: dict[str, Any] = {
    "id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
    "job_id": JOB_EXAMPLE["id"],
    "dataset_id": JOB_EXAMPLE["dataset_id"],
    "task": "classification",
    "target": "diagnosis",
    "features": JOB_EXAMPLE["features"],
    "input_columns": [{"name": name, "type": "numeric"} for name in JOB_EXAMPLE["features"]],
    "classes": ["B", "M"],
    "architecture": {
        "layers": [3, 8, 1],
        "hidden_activation": "relu",
        "output_activation": "sigmoid",
        "loss": "binary_cross_entropy",
        "n_params": 41,
        "n_epochs": 3,
        "best_epoch": None,
        "monitor": "loss",
        "best_score": None,
        "stop_reason": "max_epochs",
        "dropout": [0.0],
        "init": "he_uniform",
    },
    "hyperparameters": JOB_EXAMPLE["hyperparameters"],  # its job's
    "preprocessing": {
        "feature_scaling": {"method": "standard", "mean": [9.965e-17, 1.793e-16, -1.733e-17], "scale": [1.0, 1.0, 1.0]},
        "label_encoding": {"classes": ["B", "M"]},
        "rows_without_target": 0,
        "encoding": JOB_EXAMPLE["encoding"],
        "columns": JOB_EXAMPLE["columns"],  # what training did to each column, as its job says
    },
    "metrics": _EXAMPLE_METRICS,
    "n_epochs": 3,
    "size_bytes": 7735,
    "partial": False,
    "reproducibility": {
        "dataset_sha256": "9ad916ef4ce10e34d9caa512c74b60d84408a9dedee4ab24a2ddef6b97198b1a",
        # as the engine ran them: the initializer `auto` chose, a dropout rate per hidden layer
        "hyperparameters": JOB_EXAMPLE["hyperparameters"] | {"init": "he_uniform", "dropout": [0.0]},
        "seed": 0,
        "init_model_id": None,
        "versions": {
            "nn_engine": "0.1.0",
            "numpy": "2.4.6",
            "python": "3.11.7",
            "blas": [{"library": "openblas", "version": "0.3.31.188.0", "threads": 2}],
        },
    },
    "created_at": "2026-12-01T20:52:45.524862Z",
    "name": "cancer",
    "version": 1,
    "aliases": ["production"],
}


class ModelRead(BaseModel):
    id: str
    job_id: str | None
    dataset_id: str | None
    task: Task
    target: str
    features: list[str] = Field(description="the columns the model takes, in order")
    input_columns: list[dict[str, Any]] = Field(
        description="each column the model takes: its name, type (numeric, boolean, categorical, datetime) and, "
        "for a categorical column, the levels it knows; `preprocessing.columns` says how each was encoded"
    )
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

    model_config = ConfigDict(json_schema_extra={"examples": [MODEL_EXAMPLE]})


class ModelList(BaseModel):
    data: list[ModelRead]
    count: int

    model_config = ConfigDict(json_schema_extra={"examples": [{"data": [MODEL_EXAMPLE], "count": 1}]})


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

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _one_input(cls, body: object) -> object:
        """Exactly one input key, and no unknown key: answered with every key the body may hold,
        rather than pydantic's one error per stray field."""
        if isinstance(body, dict) and body:
            sent = [key for key in PREDICT_INPUTS if key in body]
            if len(sent) == 1 and body[sent[0]] is not None and body.keys() <= cls.model_fields.keys():
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


def _body_with(key: str) -> type[BaseModel]:
    """PredictRequest with only `key` (required, not null) and `params`: one member of its oneOf."""
    field = PredictRequest.model_fields[key]
    data = next(arg for arg in get_args(field.annotation) if arg is not type(None))  # X of X | None
    fields: dict[str, Any] = {
        key: (data, Field(description=field.description)),
        "params": (dict[str, Any] | None, PredictRequest.model_fields["params"]),
    }
    return create_model(
        f"PredictBy{key.title().replace('_', '')}",  # dataframe_split -> PredictByDataframeSplit
        __base__=Strict,
        __doc__=f"A prediction request by `{key}`.",
        **fields,
    )


PREDICT_BODIES = tuple(_body_with(key) for key in PREDICT_INPUTS)


def _one_of(schema: dict[str, Any]) -> None:
    schema["oneOf"] = schema.pop("anyOf")  # each body requires its own key and no other: exactly one matches
    schema["examples"] = [  # for the model of ModelRead's example; PredictResponse's first example answers the second
        {"records": [{"radius_mean": 17.99, "texture_mean": 10.38, "smoothness_mean": 0.1184}]},
        {"instances": [[17.99, 10.38, 0.1184], [13.54, 14.36, 0.09779]]},
        {
            "dataframe_split": {
                "columns": ["radius_mean", "texture_mean", "smoothness_mean"],
                "data": [[17.99, 10.38, 0.1184]],
            }
        },
    ]


if TYPE_CHECKING:
    AnyPredictBody = Any
else:
    AnyPredictBody = Union[PREDICT_BODIES]  # noqa: UP007 (a union built from a tuple)


class PredictBody(RootModel[AnyPredictBody]):
    """Exactly one of `instances`, `records`, or MLflow's `dataframe_split`, `dataframe_records` and
    `inputs`, with at most NNSERVICE_MAX_PREDICTION_ROWS rows: predict's JSON body as the document
    states it (PredictRequest checks it, with messages that say which keys were sent)."""

    model_config = ConfigDict(json_schema_extra=_one_of)


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "an empty object"
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")


class PredictWarning(BaseModel):
    row: int
    column: str
    message: str


class PredictResponse(BaseModel):
    model_id: str
    predictions: list[Any]
    classes: list[Any] | None = None
    probabilities: list[list[float]] | None = None  # per row, in `classes` order
    warnings: list[PredictWarning] | None = Field(
        default=None,
        description="models that take raw columns: each cell scored as missing (imputed, or its missing level) or "
        "as a level never seen in training, by row; never an error",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {  # two rows of `instances`
                    "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
                    "predictions": ["M", "B"],
                    "classes": ["B", "M"],
                    "probabilities": [[0.353, 0.647], [0.9705, 0.0295]],
                    "warnings": [],
                },
                {  # a record whose texture_mean is null
                    "model_id": "3fe19e89-dd60-40bd-a762-53f30a177cf5",
                    "predictions": ["M"],
                    "classes": ["B", "M"],
                    "probabilities": [[0.0153, 0.9847]],
                    "warnings": [
                        {"row": 0, "column": "texture_mean", "message": "missing value: imputed with 19.2268 (mean)"}
                    ],
                },
            ]
        }
    )


class EvaluateRequest(Strict):
    dataset_id: str = Field(pattern=ID_PATTERN)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"dataset_id": "66161fe0-afeb-4616-a2d8-271624920d10"}]}
    )


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
                    "metrics": {
                        "accuracy": 0.9016,
                        "log_loss": 0.2091,
                        "per_class": {
                            "B": {"precision": 0.9388, "recall": 0.902, "f1": 0.92, "support": 357},
                            "M": {"precision": 0.8451, "recall": 0.9009, "f1": 0.8721, "support": 212},
                        },
                        "macro": {"precision": 0.892, "recall": 0.9015, "f1": 0.8961},
                        "confusion_matrix": [[322, 35], [21, 191]],
                        "classes": ["B", "M"],
                    },
                }
            ]
        }
    )


def _check_name(value: str) -> str:
    if not re.fullmatch(NAME_PATTERN, value):
        raise ValueError(f"must be {NAME_RULE}")
    return value


def _check_alias(value: str) -> str:
    if not re.fullmatch(NAME_PATTERN, value) or value.isdigit():  # ALIAS_PATTERN, with a message
        raise ValueError(f"must be {ALIAS_RULE}")
    return value


# The rules are checked by a validator, for a message that says them; the pattern is for the schema.
ModelNameStr = Annotated[
    str, AfterValidator(_check_name), Field(json_schema_extra={"pattern": NAME_PATTERN, "maxLength": 64})
]
AliasStr = Annotated[
    str,
    AfterValidator(_check_alias),
    Field(description=ALIAS_RULE, json_schema_extra={"pattern": ALIAS_PATTERN, "maxLength": 64}),
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
                    "version": 1,
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
                            "version": 1,
                            "aliases": ["production"],
                            "task": "classification",
                            "metrics": {"split": "test", "rows": 113, "accuracy": 0.8761, "log_loss": 0.2515},
                            "created_at": "2026-12-01T20:52:45.581563Z",
                        }
                    ],
                    "aliases": {"production": 1},
                    "created_at": "2026-12-01T20:52:45.579491Z",
                }
            ]
        }
    )
