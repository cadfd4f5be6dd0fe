"""/v1/jobs: create, list, get, cancel, cost history."""

import csv
import io
from functools import partial
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from service.api.auth import ReadCallerDep, StreamCallerDep, WriteCallerDep
from service.api.deps import JSON_BODY, DatabaseDep, IdempotencyKeyHeader, Limit, Offset, ResourceId, SettingsDep
from service.api.json_body import JSONBodyRoute
from service.api.openapi import answer_headers
from service.api.problems import error_responses
from service.core import idempotency
from service.core.schemas import ID_PATTERN, one_of
from service.core.status import JobStatus
from service.core.tables import Job
from service.jobs import events, history, plots
from service.jobs import service as jobs
from service.jobs.schemas import CostHistory, JobCreate, JobList, JobRead

router = APIRouter(prefix="/v1/jobs", tags=["jobs"], route_class=JSONBodyRoute)
if TYPE_CHECKING:
    ImageFormat = str
else:
    ImageFormat = one_of(plots.FORMATS)
COST_HISTORY_CSV = {  # what csv_table writes, for a network of one hidden ReLU layer
    "schema": {"type": "string"},
    "example": "epoch,train_cost,validation_cost,train_loss,train_l2,validation_l2,grad_norm_layer1,"
    "grad_norm_layer2,dead_units_layer1\n1,0.6931,0.6812,0.6929,0.0002,0.0002,0.41,0.27,0.0\n"
    "2,0.5204,0.5491,0.5201,0.0003,0.0003,0.33,0.21,0.0625\n",
}


def job_read(job: Job) -> JobRead:
    return JobRead(
        id=job.id,
        status=job.status,
        dataset_id=job.dataset_id,
        target=job.target,
        features=job.features,
        task=job.task,
        hyperparameters=job.hyperparameters,
        progress={
            "epoch": job.epoch,
            "epochs": job.epochs,
            "train_cost": job.train_cost,
            "validation_cost": job.validation_cost,
            "fold": _fold(job),
        },
        attempts=job.attempts,
        max_attempts=job.max_attempts,
        cancel_requested=job.cancel_requested_at is not None,
        error=job.error,
        model_id=job.model_id,
        sample_weight_column=job.sample_weight_column,
        init_model_id=job.init_model_id,
        keep_partial=job.keep_partial,
        replay_of=job.replay_of,
        replay=job.replay,
        request_id=job.request_id,
        cv=job.cv,
        encoding=job.encoding,
        columns=job.columns,
        sweep_id=job.sweep_id,
        sweep_trial=job.sweep_trial,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def _fold(job: Job) -> int | None:
    """The fold a cv job's last epoch belongs to (its epochs count the folds' first, each
    `epochs / (cv + 1)` long); None before its first epoch and once its final model trains."""
    if not job.cv or job.epoch <= 0:
        return None
    training = (job.epoch - 1) // (job.epochs // (job.cv + 1)) + 1
    return training if training <= job.cv else None


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobRead,
    summary="Start a training job",
    dependencies=[JSON_BODY],
    responses={
        202: answer_headers("Location", "Idempotent-Replayed", description="queued"),
        **error_responses(400, 413, 415, 422, 429),
    },
)
def create_job(
    body: JobCreate,
    response: Response,
    caller: WriteCallerDep,
    db: DatabaseDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKeyHeader = None,
):
    """Queue a job that trains a network on `dataset_id` to predict `target`. Every hyperparameter
    is optional (see the schema for defaults and ranges) and checked before anything is queued.
    Follow it at the `Location` it answers with. With an `Idempotency-Key`, a retry of the same
    request answers with the job the first one queued (`Idempotent-Replayed: true`)."""
    job, replayed = idempotency.earlier_or_create(
        db,
        key_header=idempotency_key,
        scope=idempotency.scope_for("jobs", caller.owner),
        request_fingerprint=jobs.request_fingerprint(body),
        ttl_hours=settings.idempotency_key_hours,
        earlier=lambda job_id: jobs.get_or_raise(db, job_id=job_id, owner=caller.owner),
        create=lambda key: jobs.create(
            db, owner=caller.owner, dataset_owner=caller.sees, request=body, settings=settings, idempotency_key=key
        ),
    )
    if replayed:
        response.headers[idempotency.REPLAYED_HEADER] = "true"
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return job_read(job)


@router.get("", response_model=JobList, summary="List jobs")
def list_jobs(
    caller: ReadCallerDep,
    db: DatabaseDep,
    status: JobStatus | None = None,
    dataset_id: str | None = Query(default=None, pattern=ID_PATTERN),
    sweep_id: str | None = Query(default=None, pattern=ID_PATTERN, description="the trials of this sweep"),
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Newest first; filter by `status`, `dataset_id` and `sweep_id`; `count` is the total that match."""
    rows, count = jobs.list_(
        db, owner=caller.sees, status=status, dataset_id=dataset_id, sweep_id=sweep_id, limit=limit, offset=offset
    )
    return {"data": [job_read(j) for j in rows], "count": count}


@router.get(
    "/{job_id}", response_model=JobRead, summary="Get a job's status and progress", responses=error_responses(404)
)
def get_job(job_id: ResourceId, caller: ReadCallerDep, db: DatabaseDep):
    return job_read(jobs.get_or_raise(db, job_id=job_id, owner=caller.sees))


@router.post(
    "/{job_id}/cancel",
    response_model=JobRead,
    summary="Cancel a job",
    responses={
        200: {"description": "the job was queued: it is cancelled"},
        202: {"model": JobRead, "description": "the job runs: its worker stops at the next epoch boundary"},
        **error_responses(404, 409, e409="the job has already succeeded or failed"),
    },
)
def cancel_job(
    job_id: ResourceId,
    response: Response,
    caller: WriteCallerDep,
    db: DatabaseDep,
    keep_partial: bool = Query(
        default=False,
        description="a running job stores its best weights so far as a model flagged `partial` (its `model_id`)",
    ),
):
    """A queued job is cancelled at once (200). A running job is asked to stop (202,
    `cancel_requested: true`) and ends `cancelled` within about a second of its next epoch; with
    `?keep_partial=true` it keeps what it learnt: its best weights (lowest validation cost, or
    training cost without a validation split, or best `early_stopping_metric`) become a model
    flagged `partial`. Cancelling again changes nothing (except that it may ask to keep the
    weights); a job that already succeeded or failed answers 409."""
    job = jobs.cancel(db, job_id=job_id, owner=caller.sees, keep_partial=keep_partial)
    if job.status == JobStatus.RUNNING:
        response.status_code = status.HTTP_202_ACCEPTED
    return job_read(job)


@router.post(
    "/{job_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobRead,
    summary="Train a finished job again and check that it reproduces",
    responses={
        202: answer_headers("Location", description="the replay is queued"),
        **error_responses(404, 409, 429, e409="the original has not succeeded, or its dataset is gone"),
    },
)
def replay_job(job_id: ResourceId, response: Response, caller: WriteCallerDep, db: DatabaseDep, settings: SettingsDep):
    """Queue a new job with the same dataset, columns, hyperparameters, seed and warm start. When it
    ends, its `replay` field says whether its cost history and weights are bit-identical to the
    original model's (`identical`), the first epoch that differs, the largest weight difference,
    and the BLAS of both runs. With one BLAS thread per worker (`NNSERVICE_BLAS_THREADS=1`) a
    replay is identical. The original must have succeeded and its dataset must still exist."""
    job = jobs.replay(db, job_id=job_id, owner=caller.owner, sees=caller.sees, settings=settings)
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return job_read(job)


@router.get(
    "/{job_id}/cost-history",
    response_model=CostHistory,
    summary="Every epoch's costs (data loss and L2 apart) and diagnostics",
    responses={
        200: {
            "description": "JSON, or CSV with `?format=csv` or `Accept: text/csv`",
            "content": {"text/csv": COST_HISTORY_CSV},
        },
        **error_responses(404),
    },
)
def get_cost_history(
    job_id: ResourceId,
    request: Request,
    caller: ReadCallerDep,
    db: DatabaseDep,
    format: Literal["json", "csv"] | None = Query(
        default=None, description="default: JSON, or CSV for Accept: text/csv"
    ),
):
    """JSON by default; CSV with `?format=csv` or `Accept: text/csv`. Available while the job runs.
    Each epoch: the training cost split into data loss and L2 penalty, the validation data loss and
    the L2 penalty on the epoch's final weights, the gradient norm of each weight layer, and for
    ReLU layers the fraction of dead units, for sigmoid/tanh layers the fraction of saturated outputs."""
    job, rows = jobs.cost_history(db, job_id=job_id, owner=caller.sees)
    wants_csv = format == "csv" or (format is None and "text/csv" in request.headers.get("accept", ""))
    if wants_csv:
        return _csv_answer(job_id, rows)
    data = [history.row(r) for r in rows]
    return {"job_id": job.id, "status": job.status, "data": data, "count": len(data)}


@router.get(
    "/{job_id}/cost-history.csv",
    summary="Every epoch's costs and diagnostics, as CSV",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": COST_HISTORY_CSV}, **answer_headers("Content-Disposition")},
        **error_responses(404),
    },
)
def get_cost_history_csv(job_id: ResourceId, caller: ReadCallerDep, db: DatabaseDep) -> Response:
    """The cost history as `?format=csv` answers it, at a path of its own: a generated client
    reads one media type per operation, and this one is CSV."""
    _, rows = jobs.cost_history(db, job_id=job_id, owner=caller.sees)
    return _csv_answer(job_id, rows)


def _csv_answer(job_id: str, rows: list) -> Response:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(history.csv_table(rows))
    return Response(
        out.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": f'inline; filename="cost-history-{job_id}.csv"'},
    )


@router.get(
    "/{job_id}/events",
    summary="Follow a job's progress (Server-Sent Events)",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    # OpenAPI 3.2's itemSchema: each event (`data` is JSON). No `schema`: a 3.1 reader would
                    # take it for the whole stream (a generated client parses it) or for one event.
                    "itemSchema": {
                        "type": "object",
                        "properties": {
                            "event": {"type": "string", "enum": ["progress", "status", "end", "error"]},
                            "id": {"type": "string", "pattern": events.POSITION_PATTERN},
                            "data": {"type": "string", "contentMediaType": "application/json"},
                        },
                        "required": ["event", "data"],
                    },
                    "example": 'event: progress\nid: 1.40\ndata: {"attempt": 1, "epochs_total": 200, "epochs": '
                    '[{"epoch": 39, "train_cost": 0.31, "validation_cost": null}, {"epoch": 40, "train_cost": 0.3, '
                    '"validation_cost": null}]}\n\nevent: end\ndata: {"status": "succeeded", "model_id": '
                    '"3fe1b0d2-5c7a-4e8b-9f10-2a3b4c5d6e7f", "error": null}\n\n',
                }
            }
        },
        **error_responses(404, 422),
    },
)
async def follow_job_events(
    job_id: ResourceId,
    request: Request,
    caller: StreamCallerDep,
    db: DatabaseDep,
    last_event_id: str | None = Header(
        default=None,
        alias="Last-Event-ID",
        pattern=events.POSITION_PATTERN,
        examples=["1.40"],
        description="resume after this event (EventSource sends it when it reconnects)",
    ),
):
    """A `progress` event per flushed batch of epochs (`id` is `attempt.epoch`, its data the
    epochs with their training and validation cost), a `status` event when the job starts or is
    handed back, and a last `end` event with the status and the model id; then the stream ends.
    Follow it with `curl -N` or a browser's `EventSource` (which cannot send headers: give it the key
    as `?access_token=`); a reconnection resumes after `Last-Event-ID`."""
    feeds = request.app.state.feeds
    await feeds.read(partial(jobs.get_or_raise, db, job_id=job_id, owner=caller.sees))
    stream = events.follow(feeds, job_id, events.Position.parse(last_event_id))
    return StreamingResponse(
        stream, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


@router.get(
    "/{job_id}/cost-history.{image_format}",
    summary="Plot a job's cost curves (SVG or PNG)",
    response_class=Response,
    responses={
        200: {
            "content": {
                "image/svg+xml": {"schema": {"type": "string"}, "example": '<svg xmlns="http://www.w3.org/2000/svg"/>'},
                "image/png": {"schema": {"type": "string", "format": "binary"}},
            }
        },
        **error_responses(404, 422),
    },
)
async def plot_cost_history(
    job_id: ResourceId,
    image_format: Annotated[ImageFormat, Path(description="svg or png")],
    caller: ReadCallerDep,
    db: DatabaseDep,
):
    """The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs)."""
    job, rows = await run_in_threadpool(jobs.cost_history, db, job_id=job_id, owner=caller.sees)
    image = await run_in_threadpool(plots.cost_history_plot, job, rows, image_format)
    return Response(image, media_type=plots.FORMATS[image_format], headers={"Cache-Control": "no-cache"})
