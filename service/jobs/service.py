"""Jobs as clients see them: create (validated against the dataset), read, list, cancel, history."""

import logging
from dataclasses import dataclass

from sqlalchemy import func, select, text, update

from nn_engine.metrics import METRICS, metrics_for
from service.core import idempotency, limits, repository
from service.core.config import Settings
from service.core.db import Database
from service.core.errors import Conflict, NotFound, TooManyRequests, unprocessable
from service.core.repository import get_owned, visible_to
from service.core.status import ACTIVE, JobStatus
from service.core.tables import Dataset, EpochRecord, Job, utcnow
from service.datasets.service import get_or_raise as get_dataset
from service.jobs.queue import announce_queued, end_if_abandoned
from service.jobs.schemas import JobCreate, TrainingColumns
from service.observability import logs
from service.training import cross_validation, warm_start

log = logging.getLogger("nnservice.jobs")
MAX_CLASSES_FOR_NUMERIC_TARGET = 20  # a whole-number target with at most this many values is a class label


@dataclass(frozen=True)
class Columns:
    """What a job (or each trial of a sweep) learns from, checked against its dataset."""

    dataset: Dataset
    features: list[str]
    task: str
    target: dict  # the target column's statistics
    outputs: int  # units of the output layer


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
    return Columns(dataset=dataset, features=features, task=task, target=target, outputs=outputs)


def check_work(settings: Settings, columns: Columns, hyperparameters: dict, *, cv: int | None) -> None:
    """The service's limits on one job's size and work, and whether its folds can be cut (422)."""
    limits.check_job(
        settings,
        hyperparameters,
        rows=columns.dataset.row_count,
        features=len(columns.features),
        outputs=columns.outputs,
        trainings=1 + (cv or 0),
    )
    if cv:
        cross_validation.check_possible(
            k=cv,
            task=columns.task,
            target=columns.target,
            rows=columns.dataset.row_count,
            test_fraction=hyperparameters["test_fraction"],
        )


def total_epochs(hyperparameters: dict, cv: int | None) -> int:
    """A job's epochs in all: a cv job trains k folds and then its model, each for `epochs`."""
    return hyperparameters["epochs"] * (1 + (cv or 0))


def new_job(
    settings: Settings,
    *,
    owner: str,
    dataset_id: str,
    target: str,
    features: list[str],
    task: str,
    hyperparameters: dict,
    cv: int | None,
    sample_weight_column: str | None = None,
    init_model_id: str | None = None,
    **origin: object,
) -> Job:
    """A queued job's row, the one place that sets what every new job starts with (status, attempts,
    total epochs, the request it came from). Creation, replays and sweeps' trials all build theirs
    here; `origin` says where a job came from (replay_of, sweep_id, sweep_trial, created_at)."""
    return Job(
        owner=owner,
        dataset_id=dataset_id,
        target=target,
        features=features,
        task=task,
        hyperparameters=hyperparameters,
        cv=cv,
        sample_weight_column=sample_weight_column,
        init_model_id=init_model_id,
        status=JobStatus.QUEUED,
        max_attempts=settings.max_attempts,
        epochs=total_epochs(hyperparameters, cv),
        request_id=logs.request_id.get(),
        **origin,
    )


def create(
    db: Database,
    *,
    owner: str,
    dataset_owner: str | None,
    request: JobCreate,
    settings: Settings,
    idempotency_key: str | None,
) -> tuple[Job, bool]:
    """Validate and queue the job, waking idle workers; with an idempotency key that a concurrent
    request used first, that request's job instead. The job, and whether it is that other one.
    Refused (429) when the owner already has `max_active_jobs_per_owner` queued or running."""
    columns = resolve_columns(db, request, dataset_owner)
    hyperparameters = request.hyperparameters.model_dump()
    check_task_options(hyperparameters, columns.task)
    if request.init_model_id is not None:
        hyperparameters = warm_start.resolve(
            db, request, owner=dataset_owner, task=columns.task, features=columns.features
        )
    check_work(settings, columns, hyperparameters, cv=request.cv)
    job = new_job(
        settings,
        owner=owner,
        dataset_id=columns.dataset.id,
        target=request.target,
        features=columns.features,
        task=columns.task,
        hyperparameters=hyperparameters,
        cv=request.cv,
        sample_weight_column=request.sample_weight_column,
        init_model_id=request.init_model_id,
    )

    job_id = idempotency.create_once(
        db,
        job,
        scope=idempotency.scope_for("jobs", owner),
        key=idempotency_key,
        request_fingerprint=request_fingerprint(request),
        ttl_hours=settings.idempotency_key_hours,
        also=_within_quota_then_announce(owner, settings),
    )
    if job_id != job.id:
        return get_or_raise(db, job_id=job_id, owner=owner), True
    with logs.job_context(job.id):
        log.info("job queued: %s on dataset %s, %d epochs", columns.task, columns.dataset.id, job.epochs)
    return job, False


def _within_quota_then_announce(owner: str, settings: Settings):
    """What a new job's transaction also does: check the owner's quota, then wake idle workers."""

    def also(session) -> None:
        check_active_jobs(session, owner, settings.max_active_jobs_per_owner)
        announce_queued(session)

    return also


def check_active_jobs(session, owner: str, allowed: int, *, adding: int = 1) -> None:
    """Count the owner's queued and running jobs, the `adding` new ones included (added to the
    session already), in its own transaction. On PostgreSQL a per-owner lock makes concurrent
    creations count one after another (SQLite's writers are serial already), so no burst gets
    past the limit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext('nnservice.jobs.' || :owner))"), {"owner": owner})
    active = session.scalar(select(func.count()).select_from(Job).where(Job.owner == owner, Job.status.in_(ACTIVE)))
    if active > allowed:
        adds = f", and this sweep would add {adding}" if adding > 1 else ""
        raise TooManyRequests(
            f"{active - adding} of your jobs are queued or running{adds}; the limit is {allowed} "
            "(NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER): wait for some to finish or cancel some",
            headers={"Retry-After": "10"},
        )


def request_fingerprint(request: JobCreate) -> str:
    return idempotency.fingerprint(request.model_dump(mode="json"))


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
    for name in features:
        column = columns[name]
        if column["type"] != "numeric":
            raise unprocessable(
                "features", f"column {name!r} is {column['type']} (e.g. text); numeric features only: exclude it"
            )
        if column["missing"]:
            raise unprocessable(
                "features", f"column {name!r} has {column['missing']} missing values; fill them or exclude it"
            )
    if all(columns[name]["distinct"] <= 1 for name in features):
        raise unprocessable(
            "features", f"every feature is constant ({', '.join(features[:10])}): there is nothing to learn from"
        )
    return features


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
    if target["type"] == "categorical":
        return "classification"
    whole = target["dtype"].startswith(("int", "uint"))
    return "classification" if whole and target["distinct"] <= MAX_CLASSES_FOR_NUMERIC_TARGET else "regression"


def _check_target(target: dict, task: str) -> None:
    name = target["name"]
    if target["missing"]:
        raise unprocessable("target", f"column {name!r} has {target['missing']} missing values; drop those rows")
    if task == "classification" and target["distinct"] < 2:
        raise unprocessable("target", f"column {name!r} has a single class: a classifier needs at least two")
    if task == "regression" and target["type"] != "numeric":
        raise unprocessable("task", f"regression needs a numeric target; {name!r} is {target['type']}")


def get_or_raise(db: Database, *, job_id: str, owner: str | None) -> Job:
    with db.read_session() as session:
        return repository.get_or_raise(session, Job, job_id, owner, what="job")


def list_(
    db: Database,
    *,
    owner: str | None,
    status: str | None,
    dataset_id: str | None,
    limit: int,
    offset: int,
    sweep_id: str | None = None,
) -> tuple[list[Job], int]:
    query = repository.owned(Job, owner)
    if status:
        query = query.where(Job.status == status)
    if dataset_id:
        query = query.where(Job.dataset_id == dataset_id)
    if sweep_id:
        query = query.where(Job.sweep_id == sweep_id)
    with db.read_session() as session:
        return repository.paginate(session, query, limit=limit, offset=offset)


def replay(db: Database, *, job_id: str, owner: str, sees: str | None, settings: Settings) -> Job:
    """Queue the job again, as it was (dataset, columns, hyperparameters, seed, warm start), marked
    as a replay of it; the worker compares the two when the replay ends."""
    original = get_or_raise(db, job_id=job_id, owner=sees)
    if original.status != JobStatus.SUCCEEDED or original.model_id is None:
        raise Conflict(
            f"job {job_id} is {original.status}"
            + ("" if original.model_id is None else " (its model is partial)")
            + "; only a job that succeeded, with its model, can be replayed"
        )
    if original.dataset_id is None:
        raise Conflict(f"job {job_id}'s dataset was deleted: there is nothing to train on again")
    job = new_job(
        settings,
        owner=owner,
        dataset_id=original.dataset_id,
        target=original.target,
        features=list(original.features),
        task=original.task,
        hyperparameters=dict(original.hyperparameters),
        cv=original.cv,
        sample_weight_column=original.sample_weight_column,
        init_model_id=original.init_model_id,
        replay_of=original.id,
    )

    idempotency.create_once(
        db,
        job,
        scope="",
        key=None,
        request_fingerprint="",
        ttl_hours=0,
        also=_within_quota_then_announce(owner, settings),
    )
    with logs.job_context(job.id):
        log.info("job queued: a replay of job %s", job_id)
    return job


def cancel(db: Database, *, job_id: str, owner: str | None, keep_partial: bool = False) -> Job:
    """A queued job ends cancelled at once; a running one is flagged and its worker stops at the
    next epoch boundary (keeping its best weights as a partial model with `keep_partial`).
    Cancelling a cancelled job changes nothing; a finished one is a conflict."""
    with db.write_session() as session:
        job = session.scalars(select(Job).where(Job.id == job_id, visible_to(Job, owner)).with_for_update()).first()
        if job is None:
            raise NotFound(f"job {job_id} does not exist")
        if job.status in (JobStatus.SUCCEEDED, JobStatus.FAILED):
            raise Conflict(f"job {job_id} already {job.status}; only queued or running jobs can be cancelled")
        cancel_active(session, Job.id == job_id, keep_partial=keep_partial)
    return get_or_raise(db, job_id=job_id, owner=owner)


def cancel_active(session, which, *, keep_partial: bool = False) -> None:
    """Cancel the queued and running jobs among `which` (a condition on Job), in the caller's
    transaction (whose rows it has locked): queued ones end cancelled at once, running ones are
    flagged for their worker (and one whose worker is gone ends at once)."""
    now = utcnow()
    session.execute(
        update(Job)
        .where(which, Job.status == JobStatus.QUEUED)
        .values(status=JobStatus.CANCELLED, cancel_requested_at=now, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    running = session.scalars(select(Job.id).where(which, Job.status == JobStatus.RUNNING)).all()
    if not running:
        return
    if keep_partial:
        session.execute(
            update(Job)
            .where(Job.id.in_(running))
            .values(keep_partial=True)
            .execution_options(synchronize_session=False)
        )
    session.execute(
        update(Job)
        .where(Job.id.in_(running), Job.cancel_requested_at.is_(None))
        .values(cancel_requested_at=now)
        .execution_options(synchronize_session=False)
    )
    for job_id in running:
        end_if_abandoned(session, job_id)


def cost_history(db: Database, *, job_id: str, owner: str | None) -> tuple[Job, list[EpochRecord]]:
    with db.read_session() as session:
        job = get_owned(session, Job, job_id, owner)
        if job is None:
            raise NotFound(f"job {job_id} does not exist")
        if job.status == JobStatus.QUEUED:  # not started, or handed back: its next attempt starts afresh
            return job, []
        # The current attempt's epochs: a rescued job's earlier attempts do not show.
        rows = session.scalars(
            select(EpochRecord)
            .where(EpochRecord.job_id == job_id, EpochRecord.attempt == job.attempts)
            .order_by(EpochRecord.epoch)
        ).all()
        return job, list(rows)
