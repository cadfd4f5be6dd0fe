"""/v1/sweeps: create a hyperparameter search, list, get with its leaderboard, cancel."""

from fastapi import APIRouter, Response, status

from service.api.auth import ReadCallerDep, WriteCallerDep
from service.api.deps import JSON_BODY, DatabaseDep, IdempotencyKeyHeader, Limit, Offset, ResourceId, SettingsDep
from service.api.json_body import JSONBodyRoute
from service.api.openapi import answer_headers
from service.api.problems import error_responses
from service.core import idempotency
from service.core.status import JobStatus
from service.sweeps import service as sweeps
from service.sweeps.schemas import LeaderboardRow, SweepCreate, SweepList, SweepRead
from service.sweeps.service import Entry, SweepView

router = APIRouter(prefix="/v1/sweeps", tags=["sweeps"], route_class=JSONBodyRoute)


def leaderboard_row(entry: Entry) -> LeaderboardRow:
    return LeaderboardRow(
        job_id=entry.job_id,
        trial=entry.trial,
        parameters=entry.parameters,
        value=entry.value,
        std=entry.std,
        model_id=entry.model_id,
    )


def sweep_read(view: SweepView) -> SweepRead:
    sweep = view.sweep
    board = [leaderboard_row(e) for e in view.leaderboard]
    return SweepRead(
        id=sweep.id,
        status=view.status,
        dataset_id=sweep.dataset_id,
        target=sweep.target,
        features=sweep.features,
        task=sweep.task,
        hyperparameters=sweep.hyperparameters,
        search=sweep.search,
        cv=sweep.cv,
        metric=sweep.metric,
        greater_is_better=view.greater_is_better,
        trials=sweep.trials,
        counts=view.counts,
        cancel_requested=sweep.cancel_requested_at is not None,
        leaderboard=board,
        best=board[0] if board else None,
        request_id=sweep.request_id,
        created_at=sweep.created_at,
        finished_at=view.finished_at,
    )


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SweepRead,
    summary="Start a hyperparameter search",
    dependencies=[JSON_BODY],
    responses={
        202: answer_headers("Location", "Idempotent-Replayed", description="its trials are queued"),
        **error_responses(400, 413, 415, 422, 429),
    },
)
def create_sweep(
    body: SweepCreate,
    response: Response,
    caller: WriteCallerDep,
    db: DatabaseDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKeyHeader = None,
):
    """Queue one job per trial: a `grid` runs every combination of the listed values, a `random`
    search draws `trials` from lists and ranges (`{"min", "max", "log"}`) with its `seed`. Every
    trial's hyperparameters are checked as a job's would be before anything is queued: a bad name
    or value, an empty list, a grid larger than NNSERVICE_MAX_SWEEP_TRIALS, a range on a
    parameter that is not a number answer 422 naming it. The trials count against the
    owner's queued and running jobs (NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER): a sweep that does not fit
    answers 429 (422 if it never could). Any worker runs the trials; follow them at the `Location`."""
    view, replayed = idempotency.earlier_or_create(
        db,
        key_header=idempotency_key,
        scope=idempotency.scope_for("sweeps", caller.owner),
        request_fingerprint=sweeps.request_fingerprint(body),
        ttl_hours=settings.idempotency_key_hours,
        earlier=lambda sweep_id: sweeps.get_or_raise(db, sweep_id=sweep_id, owner=caller.owner),
        create=lambda key: sweeps.create(
            db, owner=caller.owner, dataset_owner=caller.sees, request=body, settings=settings, idempotency_key=key
        ),
    )
    if replayed:
        response.headers[idempotency.REPLAYED_HEADER] = "true"
    response.headers["Location"] = f"/v1/sweeps/{view.sweep.id}"
    return sweep_read(view)


@router.get("", response_model=SweepList, summary="List sweeps")
def list_sweeps(caller: ReadCallerDep, db: DatabaseDep, limit: Limit = 50, offset: Offset = 0):
    """Newest first; `count` is the total."""
    views, count = sweeps.list_(db, owner=caller.sees, limit=limit, offset=offset)
    return {"data": [sweep_read(v) for v in views], "count": count}


@router.get(
    "/{sweep_id}",
    response_model=SweepRead,
    summary="Get a sweep's status, counts and leaderboard",
    responses=error_responses(404),
)
def get_sweep(sweep_id: ResourceId, caller: ReadCallerDep, db: DatabaseDep):
    """The leaderboard fills as trials succeed: each row the trial's job, its searched parameters,
    its value of the sweep's `metric` (the mean over the folds with `cv`, else on the test split)
    and its model, best first; `best` is the top row. Its trials are jobs: `GET /v1/jobs?sweep_id=`."""
    return sweep_read(sweeps.get_or_raise(db, sweep_id=sweep_id, owner=caller.sees))


@router.post(
    "/{sweep_id}/cancel",
    response_model=SweepRead,
    summary="Cancel a sweep's queued and running trials",
    responses={
        200: {"description": "no trial was running: the sweep is cancelled"},
        202: {"model": SweepRead, "description": "some trials were running: they stop at their next epoch boundary"},
        **error_responses(404, 409, e409="every trial has already succeeded or failed"),
    },
)
def cancel_sweep(sweep_id: ResourceId, response: Response, caller: WriteCallerDep, db: DatabaseDep):
    """Queued trials are cancelled at once; running ones are asked to stop (202 while any still
    runs) and end `cancelled` within about a second of their next epoch. The sweep ends
    `cancelled`; trials that succeeded stay on its leaderboard. Cancelling again changes nothing;
    a sweep whose trials all succeeded or failed answers 409."""
    view = sweeps.cancel(db, sweep_id=sweep_id, owner=caller.sees)
    if view.counts[JobStatus.RUNNING]:
        response.status_code = status.HTTP_202_ACCEPTED
    return sweep_read(view)
