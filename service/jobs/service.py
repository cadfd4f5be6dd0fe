"""Jobs as clients see them: create (checked by `validation.py`), read, list, cancel, replay, history."""

import logging

from sqlalchemy import func, select, text, update

from service.core import idempotency, repository
from service.core.config import Settings
from service.core.db import Database
from service.core.errors import Conflict, NotFound, TooManyRequests
from service.core.repository import visible_to
from service.core.status import ACTIVE, JobStatus
from service.core.tables import EpochRecord, Job, utcnow
from service.jobs.queue import announce_queued, end_if_abandoned
from service.jobs.schemas import JobCreate
from service.jobs.validation import check_inputs, check_task_options, check_work, resolve_columns
from service.observability import logs
from service.training import warm_start

log = logging.getLogger("nnservice.jobs")


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
    encoding: dict | None,
    columns: list | None = None,
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
        encoding=encoding,
        columns=columns,
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
    encoding: dict | None = request.encoding.model_dump()
    check_task_options(hyperparameters, columns.task)
    if request.init_model_id is not None:
        hyperparameters, encoding = warm_start.resolve(
            db, request, owner=dataset_owner, task=columns.task, features=columns.features
        )
    inputs = check_inputs(columns, encoding)
    check_work(settings, columns, inputs, hyperparameters, cv=request.cv)
    job = new_job(
        settings,
        owner=owner,
        dataset_id=columns.dataset.id,
        target=request.target,
        features=columns.features,
        task=columns.task,
        hyperparameters=hyperparameters,
        cv=request.cv,
        encoding=encoding,
        columns=inputs.columns,
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
        encoding=original.encoding,
        columns=original.columns,
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
        job = repository.get_or_raise(session, Job, job_id, owner, what="job")
        if job.status == JobStatus.QUEUED:  # not started, or handed back: its next attempt starts afresh
            return job, []
        # The current attempt's epochs: a rescued job's earlier attempts do not show.
        rows = session.scalars(
            select(EpochRecord)
            .where(EpochRecord.job_id == job_id, EpochRecord.attempt == job.attempts)
            .order_by(EpochRecord.epoch)
        ).all()
        return job, list(rows)
