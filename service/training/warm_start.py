"""Warm starts: a job that continues from an existing model's weights must match its shape.

The architecture options a job leaves out (layers, activation, dtype) are taken from the model;
any it gives must equal the model's. The task must be the model's too, and so must the encoding: the
job keeps the model's fitted encoder, so its features must hold every column the model takes (a model
from before encodings: exactly its features). Classes are checked by the engine when the job runs
(the job's dataset may be another one)."""

from service.core.db import Database
from service.core.errors import unprocessable
from service.core.repository import get_owned
from service.core.tables import Model
from service.jobs.schemas import JobCreate

ARCHITECTURE = ("hidden_layers", "activation", "dtype")  # what the weights' shapes and meaning depend on
FIELD = "init_model_id"


def resolve(
    db: Database, request: JobCreate, *, owner: str | None, task: str, features: list[str]
) -> tuple[dict, dict | None]:
    """The job's hyperparameters with the model's architecture filled in, and the model's encoding
    (None for a model from before encodings); 422 on any mismatch."""
    assert request.init_model_id is not None  # called only for a job that names a model
    with db.read_session() as session:
        model = get_owned(session, Model, request.init_model_id, owner)
        if model is None:
            raise unprocessable(FIELD, f"model {request.init_model_id} does not exist")
        theirs, model_task, model_features = dict(model.hyperparameters), model.task, list(model.features)
        encoding = model.preprocessing.get("encoding")
    if model_task != task:
        raise unprocessable(FIELD, f"model {request.init_model_id} is a {model_task} model; this job is {task}")
    if encoding is not None:
        _check_same_encoding(request, encoding, model_features, features)
    elif model_features != features:
        raise unprocessable(
            FIELD,
            f"model {request.init_model_id} was trained on features {model_features}; this job has {features} "
            "(same names, same order)",
        )
    hyperparameters = request.hyperparameters.model_dump()
    given = request.hyperparameters.model_fields_set
    for name in ARCHITECTURE:
        if name not in given:
            hyperparameters[name] = theirs[name]
        elif hyperparameters[name] != theirs[name]:
            raise unprocessable(
                FIELD,
                f"model {request.init_model_id} has {name}={theirs[name]!r}; this job asks {hyperparameters[name]!r}",
            )
    if isinstance(hyperparameters["dropout"], list) and len(hyperparameters["dropout"]) != len(
        hyperparameters["hidden_layers"]
    ):
        raise unprocessable("hyperparameters.dropout", "give one dropout rate per hidden layer of the model")
    return hyperparameters, encoding


def _check_same_encoding(request: JobCreate, encoding: dict, model_features: list[str], features: list[str]) -> None:
    if "encoding" in request.model_fields_set and request.encoding.model_dump() != encoding:
        raise unprocessable(
            "encoding",
            f"model {request.init_model_id} encodes its columns as {encoding}; a warm start keeps that encoding "
            "(leave encoding out)",
        )
    absent = [name for name in model_features if name not in features]
    if absent:
        raise unprocessable(
            FIELD, f"model {request.init_model_id} takes the column(s) {absent}, which are not features of this job"
        )
