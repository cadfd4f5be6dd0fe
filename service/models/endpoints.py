"""/v1/models: list, get, delete, predict, evaluate, export."""

from collections.abc import Callable
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool

from service.api import json_body
from service.api.auth import PredictCallerDep, ReadCallerDep, WriteCallerDep
from service.api.deps import (
    JSON_BODY,
    DatabaseDep,
    Limit,
    ModelCacheDep,
    ModelRef,
    Offset,
    ResourceId,
    is_json,
    media_type,
)
from service.api.openapi import answer_headers
from service.api.problems import error_responses
from service.core.errors import NotFound, UnsupportedMediaType, unprocessable
from service.core.tables import Model
from service.datasets.service import get_or_raise as get_dataset
from service.models import names as model_names
from service.models import onnx_export
from service.models import predict as predictions
from service.models import service as trained_models
from service.models.schemas import (
    EvaluateRequest,
    EvaluateResponse,
    ModelList,
    ModelRead,
    PredictBody,
    PredictRequest,
    PredictResponse,
)

router = APIRouter(prefix="/v1/models", tags=["models"], route_class=json_body.JSONBodyRoute)
# predict reads its body itself (see below); its schema is added to the document's components by main.py
PREDICT_SCHEMA = {"$ref": "#/components/schemas/PredictBody"}
SCHEMAS_READ_BY_HAND = (PredictBody,)
NPY_MEDIA_TYPE = "application/x-npy"  # numpy.save's format
CSV_MEDIA_TYPE = "text/csv"
# MLflow 1's JSON content types, `application/json; format=...`: the body a bare DataFrame, as the
# MLflow 2 body key that holds it
PANDAS_FORMATS = {"pandas-split": "dataframe_split", "pandas-records": "dataframe_records"}
ACCEPTED = (
    "send application/json (with curl: -H 'Content-Type: application/json'; MLflow 1's "
    "'application/json; format=pandas-split' and 'format=pandas-records' too), "
    f"{CSV_MEDIA_TYPE} (a header row, then rows) or {NPY_MEDIA_TYPE} (an array from numpy.save)"
)
INLINE_BODY_BYTES = 64 * 1024  # a predict body up to this (some hundreds of rows) is answered on the event loop
EXPORT_FORMATS = ("onnx",)
EXPORT_MEDIA_TYPE = "application/octet-stream"  # ONNX has no registered media type


def model_read(model: Model, registration: model_names.Registration | None) -> ModelRead:
    return ModelRead(
        id=model.id,
        job_id=model.job_id,
        dataset_id=model.dataset_id,
        task=model.task,
        target=model.target,
        features=model.features,
        input_columns=input_columns(model),
        classes=model.classes,
        architecture=model.architecture,
        hyperparameters=model.hyperparameters,
        preprocessing=model.preprocessing,
        metrics=model.metrics,
        n_epochs=model.n_epochs,
        size_bytes=model.payload_bytes,
        partial=model.partial,
        reproducibility=model.reproducibility,
        created_at=model.created_at,
        name=registration.name if registration else None,
        version=registration.version if registration else None,
        aliases=registration.aliases if registration else [],
    )


def input_columns(model: Model) -> list[dict]:
    """From the encoder's report; a model from before encodings takes numbers only."""
    report = model.preprocessing.get("columns")
    if report is None:
        return [{"name": name, "type": "numeric"} for name in model.features]
    return [
        {"name": c["name"], "type": c["type"], **({"levels": c["levels_kept"]} if "levels_kept" in c else {})}
        for c in report
        if "left_out" not in c
    ]


@router.get("", response_model=ModelList, summary="List trained models")
def list_models(caller: PredictCallerDep, db: DatabaseDep, limit: Limit = 50, offset: Offset = 0):
    rows, count = trained_models.list_(db, owner=caller.sees, limit=limit, offset=offset)
    registered = model_names.registrations(db, model_ids=[m.id for m in rows])
    return {"data": [model_read(m, registered.get(m.id)) for m in rows], "count": count}


@router.get("/{model_id}", response_model=ModelRead, summary="Get a model", responses=error_responses(404))
def get_model(model_id: ModelRef, caller: PredictCallerDep, db: DatabaseDep):
    """Architecture, hyperparameters, feature names, classes, preprocessing, the metrics on the
    held-out test split, and the name, version and aliases it is registered under. Name it by id,
    or as `name@alias` or `name@version`."""
    if model_names.is_ref(model_id):
        model_id = model_names.resolve(db, model_ref=model_id, owner=caller.owner)
    model = trained_models.get_or_raise(db, model_id=model_id, owner=caller.sees)
    return model_read(model, model_names.registrations(db, model_ids=[model_id]).get(model_id))


@router.delete(
    "/{model_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a model", responses=error_responses(404)
)
def delete_model(model_id: ResourceId, caller: WriteCallerDep, db: DatabaseDep, cache: ModelCacheDep) -> Response:
    trained_models.delete(db, model_id=model_id, owner=caller.sees)
    cache.evict(model_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{model_id}/predict",
    response_model=PredictResponse,
    response_model_exclude_none=True,
    summary="Predict",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": PREDICT_SCHEMA},
                CSV_MEDIA_TYPE: {"schema": {"type": "string"}},
                NPY_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
    responses=error_responses(400, 404, 413, 415, 422),
)
async def predict(model_id: ModelRef, request: Request, caller: PredictCallerDep):
    """Send `instances` (rows of numbers in the model's feature order) or `records` (objects keyed
    by feature name), at most NNSERVICE_MAX_PREDICTION_ROWS rows. MLflow's scoring bodies are
    taken too, as `mlflow models serve` takes them: `dataframe_split`, `dataframe_records`,
    `inputs`, `instances` of objects, MLflow 1's `application/json; format=pandas-split` (or
    `pandas-records`), and `text/csv` with a header row; columns by name in any order, others
    besides ignored. Or, for many rows, send the matrix as `application/x-npy` (`numpy.save` of a
    (rows, features) array): read without parsing text. Classifiers answer labels as in the
    training data (e.g. "M") with each class's probability; regressors answer numbers. Name the
    model by id, or as `name@alias` (`cancer@production`: the version the alias points at now) or
    `name@version` (`cancer@3`); the answer's `model_id` says which model answered."""
    # The hot path: the body is read here rather than by FastAPI's model validation (a Python
    # object per number), a small request is answered on the event loop without a thread hop, and
    # the app's state is read directly rather than through a dependency each (they cost a third).
    sent = media_type(request.headers)
    read_rows: Callable[..., predictions.Rows]
    if sent == NPY_MEDIA_TYPE:
        read_rows = _npy_rows
    elif sent == CSV_MEDIA_TYPE:
        read_rows = _csv_rows
    elif is_json(sent):
        read_rows = partial(_json_rows, wrap_in=_pandas_format(request.headers.get("content-type", "")))
    else:
        raise UnsupportedMediaType(f"content type {sent or '(none)'!r} is not accepted; {ACCEPTED}")
    state = request.app.state
    cache, metrics, max_rows = state.model_cache, state.metrics, state.settings.max_prediction_rows
    raw = await request.body()
    if model_names.is_ref(model_id):  # looked up on every request: an alias that moves is followed at once
        model_id = await run_in_threadpool(model_names.resolve, state.db, model_ref=model_id, owner=caller.owner)
    loaded = cache.get_loaded(model_id, owner=caller.sees) or await run_in_threadpool(
        cache.get, model_id, owner=caller.sees
    )
    work = partial(_answer, read_rows, loaded, raw, max_rows)
    with metrics.prediction_seconds.time():
        answer, rows = work() if len(raw) <= INLINE_BODY_BYTES else await run_in_threadpool(work)
    metrics.rows_predicted.inc(rows)
    return Response(answer, media_type="application/json")


def _answer(read_rows, loaded, raw: bytes, max_rows: int) -> tuple[bytes, int]:
    X = read_rows(loaded, raw, max_rows=max_rows)
    return json_body.dumps(predictions.predict(loaded, X)), len(X)


def _npy_rows(loaded, raw: bytes, *, max_rows: int):
    return predictions.model_input(loaded, predictions.npy_rows(loaded, raw, max_rows=max_rows))


def _csv_rows(loaded, raw: bytes, *, max_rows: int):
    if loaded.takes_raw_columns:
        return predictions.csv_raw_rows(loaded, raw, max_rows=max_rows)
    return predictions.csv_rows(loaded, raw, max_rows=max_rows)


def _json_rows(loaded, raw: bytes, *, max_rows: int, wrap_in: str | None):
    body = json_body.parse(raw)
    if wrap_in:  # MLflow 1: the bare DataFrame, its orientation in the content type
        body = {wrap_in: body}
    X = None
    if loaded.numeric_inputs:  # the plain case: finite numbers in the model's order, one NumPy conversion
        X = predictions.plain_instances(loaded, body, raw, max_rows=max_rows)
        if X is None:
            X = predictions.plain_dataframe_split(loaded, body, raw, max_rows=max_rows)
    if X is not None:
        return predictions.model_input(loaded, X)
    if loaded.takes_raw_columns:  # text, nulls and dates: the encoder reads them, and warns
        return predictions.raw_rows(loaded, json_body.validate(PredictRequest, body), max_rows=max_rows)
    # records, or something to refuse: the checks that name each bad row and cell
    return predictions.checked_rows(loaded, json_body.validate(PredictRequest, body), max_rows=max_rows)


def _pandas_format(content_type: str) -> str | None:
    """The body's key for MLflow 1's `application/json; format=pandas-split` (or `pandas-records`);
    None without a `format` parameter; 415 for another."""
    if ";" not in content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "format":
            value = value.strip().strip('"').lower()
            if value not in PANDAS_FORMATS:
                raise UnsupportedMediaType(f"format {value!r} is not accepted; {ACCEPTED}")
            return PANDAS_FORMATS[value]
    return None


@router.post(
    "/{model_id}/evaluate",
    response_model=EvaluateResponse,
    summary="Evaluate on a dataset",
    dependencies=[JSON_BODY],
    responses=error_responses(400, 404, 413, 415, 422),
)
def evaluate_model(
    model_id: ResourceId, body: EvaluateRequest, caller: ReadCallerDep, db: DatabaseDep, cache: ModelCacheDep
):
    """The model's metrics on every row of a dataset holding its features and target column."""
    loaded = cache.get(model_id, owner=caller.sees)
    try:
        dataset = get_dataset(db, dataset_id=body.dataset_id, owner=caller.sees, with_content=True)
    except NotFound:
        raise unprocessable("dataset_id", f"dataset {body.dataset_id} does not exist") from None
    metrics = predictions.evaluate(loaded, dataset)
    return {"model_id": model_id, "dataset_id": dataset.id, "rows": dataset.row_count, "metrics": metrics}


@router.get(
    "/{model_id}/export",
    summary="Export a model (ONNX)",
    response_class=Response,
    responses={
        200: {
            "description": "the model as an ONNX file, `model-<id>.onnx`",
            "content": {EXPORT_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            **answer_headers("Content-Disposition"),
        },
        **error_responses(404, 422),
    },
)
def export_model(
    model_id: ResourceId,
    caller: ReadCallerDep,
    cache: ModelCacheDep,
    format: Annotated[
        str, Query(description="the file format: onnx", json_schema_extra={"enum": list(EXPORT_FORMATS)})
    ],
) -> Response:
    """The trained model as a file to run elsewhere. `onnx`: a graph taking `input`, float32 (rows,
    features) in the model's feature order, with the same preprocessing as predict; a classifier
    answers `probabilities` (columns in class order) and `label`, a regressor `predictions`. The
    file's metadata_props name the model, its features and its classes. A model trained on a raw
    table takes one input per column instead, encoded in the graph; metadata `inputs` describes them."""
    if format not in EXPORT_FORMATS:
        raise unprocessable(
            "format", f"{format!r} is not an export format; the accepted formats: {', '.join(EXPORT_FORMATS)}"
        )
    loaded = cache.get(model_id, owner=caller.sees)
    return Response(
        onnx_export.to_onnx(loaded),
        media_type=EXPORT_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="model-{model_id}.onnx"'},
    )
