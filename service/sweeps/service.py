"""Sweeps as clients see them: create (every trial checked first, then one job per trial in one
transaction), read with the leaderboard, list, cancel.

A sweep's trials are ordinary jobs (`job.sweep_id`): the queue and the workers know nothing of
sweeps, and a trial is followed, cancelled and replayed as any job. A sweep's status, counts and
leaderboard are read from its trials; only its cancellation is its own.

The per-owner quota of queued and running jobs (`max_active_jobs_per_owner`) counts the trials: a
sweep with more trials than the quota is refused (422), and one that does not fit beside the
owner's active jobs is refused whole (429, with the numbers), never queued in part.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from nn_engine.metrics import METRICS, metrics_for
from service.core import idempotency, repository
from service.core.config import Settings
from service.core.db import Database
from service.core.errors import Conflict, FieldError, NotFound, Unprocessable, unprocessable
from service.core.repository import visible_to
from service.core.status import ACTIVE, JobStatus
from service.core.tables import Job, Model, Sweep, utcnow
from service.jobs import service as jobs
from service.jobs import validation
from service.jobs.queue import announce_queued
from service.jobs.schemas import Hyperparameters
from service.observability import logs
from service.sweeps import search_space
from service.sweeps.schemas import SweepCreate
from service.training import cross_validation

log = logging.getLogger("nnservice.sweeps")


@dataclass
class Entry:
    """A trial that succeeded, ranked by the sweep's metric."""

    job_id: str
    trial: int
    parameters: dict[str, Any]
    value: float | None
    std: float | None
    model_id: str | None


@dataclass
class SweepView:
    sweep: Sweep
    status: str
    counts: dict[str, int]
    leaderboard: list[Entry]  # best first
    finished_at: datetime | None

    @property
    def greater_is_better(self) -> bool:
        return greater_is_better(self.sweep)


def greater_is_better(sweep: Sweep) -> bool:
    return METRICS[sweep.metric].greater_is_better


def request_fingerprint(request: SweepCreate) -> str:
    return idempotency.fingerprint(request.model_dump(mode="json"))


def create(
    db: Database,
    *,
    owner: str,
    dataset_owner: str | None,
    request: SweepCreate,
    settings: Settings,
    idempotency_key: str | None,
) -> tuple[SweepView, bool]:
    """Check every trial as a job would be checked, then queue them all with the sweep, in one
    transaction; with an idempotency key that a concurrent request used first, that request's
    sweep instead. The sweep, and whether it is that other one."""
    columns = validation.resolve_columns(db, request, dataset_owner)
    encoding = request.encoding.model_dump()
    inputs = validation.check_inputs(columns, encoding)
    metric = _metric(request.metric, columns.task)
    base = request.hyperparameters.model_dump()
    searched = set(request.search.parameters)

    def check_value(name: str, value: Any, where: str) -> None:
        _hyperparameters(base, {name: value}, searched, f"{where} of {name} ({value!r})")

    trials = search_space.expand(request.search, max_trials=settings.max_sweep_trials, check_value=check_value)
    allowed = settings.max_active_jobs_per_owner
    if len(trials) > allowed:
        raise unprocessable(
            "search",
            f"the sweep has {len(trials)} trials, and an owner may have at most {allowed} jobs queued or running "
            "(NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER): search fewer combinations",
        )
    trial_hyperparameters = []
    for number, parameters in enumerate(trials, start=1):
        what = f"trial {number} ({_describe(parameters)})"
        hyperparameters = _hyperparameters(base, parameters, searched, what)
        _as_trial(what, searched, lambda hp=hyperparameters: _check_trial(settings, columns, inputs, hp, request.cv))
        trial_hyperparameters.append(hyperparameters)

    sweep = Sweep(
        owner=owner,
        dataset_id=columns.dataset.id,
        target=request.target,
        features=columns.features,
        task=columns.task,
        hyperparameters=base,
        search=request.search.model_dump(mode="json"),
        cv=request.cv,
        encoding=encoding,
        metric=metric,
        trials=len(trials),
        request_id=logs.request_id.get(),
    )

    def queue_trials(session) -> None:
        created = utcnow()
        session.add_all(
            jobs.new_job(
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
                sweep_id=sweep.id,
                sweep_trial=number,
                created_at=created + timedelta(microseconds=number),  # claimed in trial order
            )
            for number, hyperparameters in enumerate(trial_hyperparameters, start=1)
        )
        jobs.check_active_jobs(session, owner, allowed, adding=len(trials))
        announce_queued(session)

    sweep_id = idempotency.create_once(
        db,
        sweep,
        scope=idempotency.scope_for("sweeps", owner),
        key=idempotency_key,
        request_fingerprint=request_fingerprint(request),
        ttl_hours=settings.idempotency_key_hours,
        also=queue_trials,
    )
    if sweep_id == sweep.id:
        log.info(
            "sweep %s queued: %d trials (%s search) on dataset %s",
            sweep_id,
            len(trials),
            request.search.method,
            columns.dataset.id,
        )
    return get_or_raise(db, sweep_id=sweep_id, owner=owner), sweep_id != sweep.id


def _metric(metric: str | None, task: str) -> str:
    suits = metrics_for(task)
    if metric is None:
        return "accuracy" if task == "classification" else "r2"
    if metric not in suits:
        raise unprocessable("metric", f"{metric!r} does not suit {task}; use one of {', '.join(suits)}")
    return metric


def _describe(parameters: dict) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in parameters.items())


def _hyperparameters(base: dict, parameters: dict, searched: set[str], what: str) -> dict:
    """The trial's hyperparameters, validated by the job's own schema; a 422 naming the
    searched parameter (or the base's field) and the trial."""
    try:
        return Hyperparameters.model_validate({**base, **parameters}).model_dump()
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            loc = ".".join(str(part) for part in error["loc"])
            name = str(error["loc"][0]) if error["loc"] else ""
            field = f"search.parameters.{loc}" if name in searched else "hyperparameters" + (f".{loc}" if loc else "")
            errors.append(FieldError(field, f"{what}: {error['msg']}"))
        raise Unprocessable(f"{errors[0].field}: {errors[0].message}", errors=errors) from None


def _check_trial(
    settings: Settings, columns: validation.Columns, inputs: validation.Inputs, hyperparameters: dict, cv: int | None
) -> None:
    validation.check_task_options(hyperparameters, columns.task)
    validation.check_work(settings, columns, inputs, hyperparameters, cv=cv)
    if cv is None and not hyperparameters["test_fraction"]:
        raise unprocessable(
            "hyperparameters.test_fraction",
            "is 0: without cv the trials are ranked on the test split; keep one (e.g. 0.2) or set cv",
        )


def _as_trial(what: str, searched: set[str], check) -> None:
    """Run a job check for a trial: its 422 says which trial, and names the searched parameter."""
    try:
        check()
    except Unprocessable as exc:
        errors = []
        for error in exc.errors or [FieldError("hyperparameters", exc.detail)]:
            field = error.field
            name = field.removeprefix("hyperparameters.").split(".")[0]
            if field.startswith("hyperparameters.") and name in searched:
                field = "search.parameters." + field.removeprefix("hyperparameters.")
            errors.append(FieldError(field, f"{what}: {error.message}"))
        raise Unprocessable(f"{what}: {exc.detail}", errors=errors) from None


def get_or_raise(db: Database, *, sweep_id: str, owner: str | None) -> SweepView:
    with db.read_session() as session:
        return _views(session, [repository.get_or_raise(session, Sweep, sweep_id, owner, what="sweep")])[0]


def list_(db: Database, *, owner: str | None, limit: int, offset: int) -> tuple[list[SweepView], int]:
    """Newest first."""
    with db.read_session() as session:
        sweeps, count = repository.paginate(session, repository.owned(Sweep, owner), limit=limit, offset=offset)
        return _views(session, sweeps), count


def cancel(db: Database, *, sweep_id: str, owner: str | None) -> SweepView:
    """Cancel every queued or running trial as `jobs.cancel` does (queued ones end at once, running
    ones stop at their next epoch); cancelling a cancelled sweep changes nothing; one whose trials
    all ended otherwise (succeeded or failed) is a conflict."""
    with db.write_session() as session:
        sweep = session.scalars(
            select(Sweep).where(Sweep.id == sweep_id, visible_to(Sweep, owner)).with_for_update()
        ).first()
        if sweep is None:
            raise NotFound(f"sweep {sweep_id} does not exist")
        active = session.scalars(
            select(Job.id).where(Job.sweep_id == sweep_id, Job.status.in_(ACTIVE)).with_for_update()
        ).all()
        if not active:  # every trial ended: cancelled, it stays so; otherwise there is nothing to cancel
            status = _views(session, [sweep])[0].status
            if status != JobStatus.CANCELLED:
                raise Conflict(
                    f"sweep {sweep_id} already {status}; only a sweep with queued or running trials can be cancelled"
                )
        else:
            sweep.cancel_requested_at = sweep.cancel_requested_at or utcnow()
            jobs.cancel_active(session, Job.sweep_id == sweep_id)
    log.info("sweep %s cancelled: %d trials were queued or running", sweep_id, len(active))
    return get_or_raise(db, sweep_id=sweep_id, owner=owner)


def _views(session, sweeps: list[Sweep]) -> list[SweepView]:
    """Each sweep with its trials' counts and leaderboard, from two queries for all of them."""
    ids = [s.id for s in sweeps]
    counts: dict[str, dict[str, int]] = {i: dict.fromkeys(JobStatus, 0) for i in ids}
    finished: dict[str, datetime | None] = {}
    for sweep_id, status, n, last in session.execute(
        select(Job.sweep_id, Job.status, func.count(), func.max(Job.finished_at))
        .where(Job.sweep_id.in_(ids))
        .group_by(Job.sweep_id, Job.status)
    ):
        counts[sweep_id][status] = n
        if last is not None and (finished.get(sweep_id) is None or last > finished[sweep_id]):
            finished[sweep_id] = last
    succeeded = session.execute(
        select(Job.sweep_id, Job.id, Job.sweep_trial, Job.hyperparameters, Job.model_id, Model.metrics)
        .outerjoin(Model, Model.id == Job.model_id)
        .where(Job.sweep_id.in_(ids), Job.status == JobStatus.SUCCEEDED)
    ).all()
    by_sweep = {s.id: s for s in sweeps}
    boards: dict[str, list[Entry]] = {i: [] for i in ids}
    for sweep_id, job_id, trial, hyperparameters, model_id, metrics in succeeded:
        sweep = by_sweep[sweep_id]
        value, std = _score(sweep, metrics)
        parameters = {name: hyperparameters.get(name) for name in sweep.search["parameters"]}
        boards[sweep_id].append(Entry(job_id, trial, parameters, value, std, model_id if metrics else None))
    views = []
    for sweep in sweeps:
        sign = -1 if greater_is_better(sweep) else 1
        board = sorted(boards[sweep.id], key=lambda e: (e.value is None, sign * (e.value or 0.0), e.trial))
        status = _status(sweep, counts[sweep.id])
        ended = finished.get(sweep.id) if status != JobStatus.RUNNING else None
        views.append(SweepView(sweep, status, counts[sweep.id], board, ended))
    return views


def _score(sweep: Sweep, metrics: dict | None) -> tuple[float | None, float | None]:
    """The trial's value of the sweep's metric (the folds' mean and std with cv), from its model's
    metrics; None when the model is gone or the metric could not be measured."""
    if not metrics:
        return None, None
    if sweep.cv:
        summary = (metrics.get("cv") or {}).get(sweep.metric)
        return (summary["mean"], summary["std"]) if summary else (None, None)
    return cross_validation.scalar_metrics(metrics, sweep.task).get(sweep.metric), None


def _status(sweep: Sweep, counts: dict[str, int]) -> str:
    if counts[JobStatus.QUEUED] or counts[JobStatus.RUNNING]:
        return JobStatus.RUNNING
    if sweep.cancel_requested_at is not None:
        return JobStatus.CANCELLED
    if counts[JobStatus.SUCCEEDED]:
        return JobStatus.SUCCEEDED
    return JobStatus.CANCELLED if counts[JobStatus.CANCELLED] else JobStatus.FAILED
