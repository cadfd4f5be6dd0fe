"""The job queue: every database statement a worker makes about a job, in one place.

The jobs table is the queue. A worker claims the oldest runnable job in one statement (an
`UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING`; SQLite ignores the
lock clause and is serialised by `BEGIN IMMEDIATE` instead), takes a lease with a fresh token
(leases are set and compared on the database's clock, never a host's),
and fences every later write with that token: a worker that lost its lease changes nothing.
A running job whose lease ran out (its worker died) is claimed again until its attempts are
spent; attempts are counted at claim time, so a job that kills its worker cannot loop forever.
Every claim is recorded in `job_claim` with how it ended, so an operator (or a test) can see that
no job was ever held by two workers at once. On PostgreSQL, queueing a job sends a NOTIFY that
wakes idle workers (see `wakeup.py`). This module knows nothing of HTTP.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, delete, insert, or_, select, text, update

from service.core.db import Database, upsert_insert
from service.core.db_clock import db_now
from service.core.status import ClaimOutcome, JobStatus
from service.core.tables import Dataset, EpochRecord, Job, JobClaim, Model, new_id

JOB_QUEUED_CHANNEL = "nnservice_job_queued"  # PostgreSQL NOTIFY channel idle workers LISTEN on


@dataclass(frozen=True)
class Claim:
    job_id: str
    token: str  # the lease token: proof, on every write, that this worker still holds the job
    attempt: int
    request_id: str | None = None  # of the request that created the job, for the worker's logs


@dataclass(frozen=True)
class EpochCosts:
    epoch: int
    train_cost: float
    validation_cost: float | None
    train_loss: float | None = None
    train_l2: float | None = None
    validation_l2: float | None = None
    diagnostics: dict | None = None  # grad_norms, dead_units, saturation: lists per layer, where they apply

    @classmethod
    def of(cls, stats) -> "EpochCosts":
        """From the engine's EpochStats."""
        diagnostics = {
            name: getattr(stats, name)
            for name in ("grad_norms", "dead_units", "saturation")
            if getattr(stats, name) is not None
        }
        return cls(
            stats.epoch,
            stats.train_cost,
            stats.validation_cost,
            stats.train_loss,
            stats.train_l2,
            stats.validation_l2,
            diagnostics or None,
        )


@dataclass(frozen=True)
class EpochProgress:
    """Where a job's training stands: its epoch counted across all its trainings (a cross-validated
    job's folds first, then its final model), and that epoch's costs."""

    epoch: int
    train_cost: float
    validation_cost: float | None


class LeaseLost(Exception):
    """The job was taken from this worker (its lease expired and another claimed it, or it ended)."""


def claim(db: Database, *, worker_id: str, lease_seconds: float) -> Claim | None:
    """Take the oldest runnable job, or None. Expired leases are settled first."""
    token = str(uuid.uuid4())
    with db.write_session() as session:
        _settle_expired(session)
        runnable = or_(
            Job.status == JobStatus.QUEUED, and_(Job.status == JobStatus.RUNNING, Job.lease_expires_at < db_now())
        )
        candidate = (
            select(Job.id)
            .where(runnable, Job.attempts < Job.max_attempts, Job.cancel_requested_at.is_(None))
            .order_by(Job.created_at, Job.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        row = session.execute(
            update(Job)
            .where(Job.id == candidate)
            .values(
                status=JobStatus.RUNNING,
                attempts=Job.attempts + 1,
                lease_token=token,
                worker_id=worker_id,
                lease_expires_at=db_now(lease_seconds),
                heartbeat_at=db_now(),
                started_at=db_now(),
                epoch=0,
                train_cost=None,
                validation_cost=None,
            )
            .returning(Job.id, Job.attempts, Job.request_id)
        ).first()
        if row is None:
            return None
        _end_claims(session, JobClaim.job_id == row.id, ClaimOutcome.LOST)  # a rescued job's earlier holder
        session.execute(
            insert(JobClaim).values(
                token=token, job_id=row.id, attempt=row.attempts, worker_id=worker_id, claimed_at=db_now()
            )
        )
        return Claim(job_id=row.id, token=token, attempt=row.attempts, request_id=row.request_id)


@dataclass(frozen=True)
class StoredInputs:
    """A claimed job's row and the stored bytes it trains from, read in one transaction."""

    job: Job
    dataset_content: bytes | None  # the dataset as Parquet; None: it was deleted
    init_payload: bytes | None  # the warm start's model; None: the job has none, or it was deleted
    original_payload: bytes | None  # a replay's original model, to compare with
    original_record: dict | None  # and its reproducibility record


def load_inputs(db: Database, claim: Claim) -> StoredInputs:
    with db.read_session() as session:
        job = session.get(Job, claim.job_id)
        assert job is not None  # claimed: the row exists
        dataset = session.get(Dataset, job.dataset_id) if job.dataset_id else None
        init = session.get(Model, job.init_model_id) if job.init_model_id else None
        original = session.scalar(select(Model).where(Model.job_id == job.replay_of)) if job.replay_of else None
        return StoredInputs(
            job=job,
            dataset_content=None if dataset is None else dataset.content,
            init_payload=None if init is None else init.payload,
            original_payload=None if original is None else original.payload,
            original_record=None if original is None else original.reproducibility,
        )


def announce_queued(session) -> None:
    """Wake idle workers: on PostgreSQL a NOTIFY, delivered when the transaction commits.
    (SQLite's workers poll.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": JOB_QUEUED_CHANNEL})


def _end_claims(session, where, outcome: str) -> None:
    session.execute(
        update(JobClaim).where(where, JobClaim.outcome.is_(None)).values(outcome=outcome, ended_at=db_now())
    )


def _settle_expired(session) -> None:
    """End running jobs whose worker is gone and that must not run again."""
    expired = and_(Job.status == JobStatus.RUNNING, Job.lease_expires_at < db_now())
    cancelled = session.scalars(
        update(Job)
        .where(expired, Job.cancel_requested_at.is_not(None))
        .values(status=JobStatus.CANCELLED, finished_at=db_now(), lease_token=None, lease_expires_at=None)
        .returning(Job.id)
    ).all()
    failed = session.scalars(
        update(Job)
        .where(expired, Job.attempts >= Job.max_attempts)
        .values(
            status=JobStatus.FAILED,
            finished_at=db_now(),
            lease_token=None,
            lease_expires_at=None,
            error="the worker running this job was lost (it stopped renewing its lease) on every attempt; "
            "check the workers' logs and memory limits, then submit the job again",
        )
        .returning(Job.id)
    ).all()
    if cancelled or failed:  # the claims of exactly the jobs ended here
        _end_claims(session, JobClaim.job_id.in_([*cancelled, *failed]), ClaimOutcome.LOST)


def end_if_abandoned(session, job_id: str) -> None:
    """Cancel at once a running job whose lease ran out (its worker is gone): nobody else would
    until a worker next claims. Called with the cancellation request, in its transaction."""
    ended = session.scalars(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.RUNNING, Job.lease_expires_at < db_now())
        .values(status=JobStatus.CANCELLED, finished_at=db_now(), lease_token=None, lease_expires_at=None)
        .returning(Job.id)
    ).all()
    if ended:
        _end_claims(session, JobClaim.job_id == job_id, ClaimOutcome.LOST)


def heartbeat(
    db: Database, claim: Claim, *, lease_seconds: float, costs: list[EpochCosts], progress: EpochProgress | None = None
) -> bool:
    """Renew the lease, record progress and the epochs since the last beat; True if cancellation
    was requested. Raises LeaseLost when this worker no longer holds the job."""
    with db.write_session() as session:
        row = session.execute(
            update(Job)
            .where(Job.id == claim.job_id, Job.lease_token == claim.token, Job.status == JobStatus.RUNNING)
            .values(lease_expires_at=db_now(lease_seconds), heartbeat_at=db_now(), **_progress(costs, progress))
            .returning(Job.cancel_requested_at)
        ).first()
        if row is None:
            raise LeaseLost(claim.job_id)
        _insert_costs(session, claim, costs)
        return row.cancel_requested_at is not None


def _progress(costs: list[EpochCosts], progress: EpochProgress | None = None) -> dict:
    """The job's progress columns: `progress`, else the latest epoch among `costs` (neither: leave
    them). They differ for a cross-validated job, whose folds write no costs."""
    last = progress or (costs[-1] if costs else None)
    if last is None:
        return {}
    return {"epoch": last.epoch, "train_cost": last.train_cost, "validation_cost": last.validation_cost}


def _insert_costs(session, claim: Claim, costs: list[EpochCosts]) -> None:
    """Insert the epochs' costs; an epoch already written is kept (a beat whose commit reached the
    database but whose answer was lost is sent again, and must not fail every later beat)."""
    if costs:
        session.execute(
            upsert_insert(session, EpochRecord).on_conflict_do_nothing(),
            [
                {
                    "job_id": claim.job_id,
                    "attempt": claim.attempt,
                    "epoch": c.epoch,
                    "train_cost": c.train_cost,
                    "validation_cost": c.validation_cost,
                    "train_loss": c.train_loss,
                    "train_l2": c.train_l2,
                    "validation_l2": c.validation_l2,
                    "diagnostics": c.diagnostics,
                }
                for c in costs
            ],
        )


def _end(
    session,
    claim: Claim,
    costs: list[EpochCosts],
    *conditions,
    status: str,
    progress: EpochProgress | None = None,
    **values,
) -> bool:
    """Write the job's terminal state, fenced by the lease token, with the last epochs' costs.
    False if `conditions` do not hold; raises LeaseLost if this worker no longer holds the job."""
    held = and_(Job.id == claim.job_id, Job.lease_token == claim.token, Job.status == JobStatus.RUNNING)
    row = session.execute(
        update(Job)
        .where(held, *conditions)
        .values(
            status=status,
            finished_at=db_now(),
            lease_token=None,
            lease_expires_at=None,
            **_progress(costs, progress),
            **values,
        )
        .returning(Job.id)
    ).first()
    if row is None:
        if conditions and session.scalar(select(Job.id).where(held)) is not None:
            return False
        raise LeaseLost(claim.job_id)
    _insert_costs(session, claim, costs)
    _end_claims(session, JobClaim.token == claim.token, status)
    return True


def succeed(
    db: Database,
    claim: Claim,
    *,
    model: Model,
    costs: list[EpochCosts],
    replay: dict | None = None,
    progress: EpochProgress | None = None,
) -> str:
    """Store the model and mark the job succeeded, in one transaction; the status written.
    A cancellation that arrived before this commit wins: the job ends cancelled, with no model
    (or, if the cancel asked for it, this model flagged partial), so a cancel racing a completion
    leaves exactly one terminal state."""
    model.id = model.id or new_id()
    with db.write_session() as session:
        if not _end(
            session,
            claim,
            costs,
            Job.cancel_requested_at.is_(None),
            status=JobStatus.SUCCEEDED,
            progress=progress,
            model_id=model.id,
            error=None,
            replay=replay,
            **_trained_columns(model),
        ):
            model.partial = True
            _end_cancelled(session, claim, costs, model, progress)
            return JobStatus.CANCELLED
        model.job_id = claim.job_id
        session.add(model)
        return JobStatus.SUCCEEDED


def _trained_columns(model: Model) -> dict:
    """The job's `columns` as training encoded them (kept as planned for a job from before encodings)."""
    columns = model.preprocessing.get("columns")
    return {} if columns is None else {"columns": columns}


def fail(
    db: Database, claim: Claim, *, error: str, costs: list[EpochCosts], progress: EpochProgress | None = None
) -> None:
    with db.write_session() as session:
        _end(session, claim, costs, status=JobStatus.FAILED, progress=progress, error=error)


def cancelled(
    db: Database,
    claim: Claim,
    *,
    costs: list[EpochCosts],
    partial_model: Model | None = None,
    progress: EpochProgress | None = None,
) -> str | None:
    """End the job cancelled; with `partial_model` (its best weights so far) stored and linked when
    the cancel asked to keep them. The kept model's id, or None."""
    with db.write_session() as session:
        return _end_cancelled(session, claim, costs, partial_model, progress)


def _end_cancelled(
    session, claim: Claim, costs: list[EpochCosts], partial_model: Model | None, progress: EpochProgress | None = None
) -> str | None:
    keep = partial_model is not None and session.scalar(select(Job.keep_partial).where(Job.id == claim.job_id))
    if not keep:
        _end(session, claim, costs, status=JobStatus.CANCELLED, progress=progress)
        return None
    assert partial_model is not None  # keep is false without one
    partial_model.id = partial_model.id or new_id()
    _end(session, claim, costs, status=JobStatus.CANCELLED, progress=progress, model_id=partial_model.id)
    partial_model.job_id = claim.job_id
    session.add(partial_model)
    return partial_model.id


def release(db: Database, claim: Claim) -> str:
    """Hand the job back to the queue (the worker is shutting down): this attempt does not count,
    and its partial history goes (the next attempt starts from scratch). A job whose cancellation
    was asked ends cancelled instead: a queued job with the flag would never be claimed. The
    status written."""
    with db.write_session() as session:
        row = session.execute(
            update(Job)
            .where(
                Job.id == claim.job_id,
                Job.lease_token == claim.token,
                Job.status == JobStatus.RUNNING,
                Job.cancel_requested_at.is_(None),
            )
            .values(
                status=JobStatus.QUEUED,
                attempts=Job.attempts - 1,
                lease_token=None,
                lease_expires_at=None,
                worker_id=None,
                epoch=0,
                train_cost=None,
                validation_cost=None,
            )
            .returning(Job.id)
        ).first()
        if row is None:
            _end(session, claim, [], status=JobStatus.CANCELLED)  # raises LeaseLost if it is not ours
            return JobStatus.CANCELLED
        # the next claim reuses this attempt's number: its history goes
        session.execute(
            delete(EpochRecord).where(EpochRecord.job_id == claim.job_id, EpochRecord.attempt == claim.attempt)
        )
        _end_claims(session, JobClaim.token == claim.token, ClaimOutcome.RELEASED)
        announce_queued(session)
        return JobStatus.QUEUED


def cancel_requested(db: Database, claim: Claim) -> bool:
    """Whether cancellation was asked for the claimed job (read once more at its end, since the
    last heartbeat may predate the request)."""
    with db.read_session() as session:
        return session.scalar(select(Job.cancel_requested_at).where(Job.id == claim.job_id)) is not None
