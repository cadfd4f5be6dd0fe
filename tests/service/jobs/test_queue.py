"""The queue's statements: claims, leases and their expiry, fencing, attempts, cancellation."""

import threading
from datetime import datetime, timedelta

from sqlalchemy import select, update

from service.core import tables
from service.core.tables import Dataset, EpochRecord, Job, JobClaim, Model, utcnow
from service.jobs import queue
from service.jobs import service as jobs
from service.jobs.queue import EpochCosts, LeaseLost

LEASE = 30.0


def add_job(db, **fields) -> str:
    with db.write_session() as session:
        dataset = Dataset(
            owner="alice", name="d", format="csv", row_count=1, column_count=1, columns=[], size_bytes=1, content=b""
        )
        session.add(dataset)
        session.flush()
        job = Job(
            owner="alice",
            dataset_id=dataset.id,
            target="y",
            features=["x"],
            task="regression",
            hyperparameters={},
            epochs=5,
            max_attempts=3,
            **fields,
        )
        session.add(job)
        session.flush()
        return job.id


def job(db, job_id) -> Job:
    with db.read_session() as session:
        return session.get(Job, job_id)


def expire_lease(db, job_id) -> None:
    with db.write_session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(lease_expires_at=utcnow() - timedelta(seconds=1)))


def test_claims_take_the_oldest_job_once_and_count_the_attempt(db):
    first, second = add_job(db), add_job(db)
    a = queue.claim(db, worker_id="a", lease_seconds=LEASE)
    b = queue.claim(db, worker_id="b", lease_seconds=LEASE)
    assert (a.job_id, b.job_id) == (first, second)
    assert a.token != b.token and a.attempt == 1
    assert queue.claim(db, worker_id="c", lease_seconds=LEASE) is None
    claimed = job(db, first)
    assert claimed.status == "running" and claimed.worker_id == "a" and claimed.attempts == 1
    assert claimed.lease_expires_at > utcnow()


def test_expired_lease_returns_the_job_and_the_late_worker_writes_nothing(db):
    job_id = add_job(db)
    lost = queue.claim(db, worker_id="a", lease_seconds=LEASE)
    queue.heartbeat(db, lost, lease_seconds=LEASE, costs=[EpochCosts(1, 0.5, None)])
    expire_lease(db, job_id)
    rescued = queue.claim(db, worker_id="b", lease_seconds=LEASE)
    assert rescued.job_id == job_id and rescued.attempt == 2
    assert jobs.cost_history(db, job_id=job_id, owner=None)[1] == []  # the new attempt's history starts afresh
    for late_write in (
        lambda: queue.heartbeat(db, lost, lease_seconds=LEASE, costs=[EpochCosts(2, 0.4, None)]),
        lambda: queue.fail(db, lost, error="late", costs=[]),
        lambda: queue.succeed(db, lost, model=_model(), costs=[]),
    ):
        try:
            late_write()
            raise AssertionError("a worker without the lease wrote")
        except LeaseLost:
            pass
    current = job(db, job_id)
    assert current.status == "running" and current.worker_id == "b" and current.error is None
    with db.read_session() as session:
        assert session.scalars(select(Model)).all() == []
        history = session.scalars(select(EpochRecord)).all()  # only the lost attempt's one epoch
        assert [(h.attempt, h.epoch) for h in history] == [(1, 1)]
    assert claims(db, job_id) == [("a", 1, "lost"), ("b", 2, None)]


def claims(db, job_id) -> list[tuple]:
    with db.read_session() as session:
        rows = session.scalars(select(JobClaim).where(JobClaim.job_id == job_id).order_by(JobClaim.attempt)).all()
        return [(c.worker_id, c.attempt, c.outcome) for c in rows]


def test_job_fails_as_lost_once_its_attempts_are_spent(db):
    job_id = add_job(db)
    for _ in range(3):
        assert queue.claim(db, worker_id="w", lease_seconds=LEASE).job_id == job_id
        expire_lease(db, job_id)
    assert queue.claim(db, worker_id="w", lease_seconds=LEASE) is None
    failed = job(db, job_id)
    assert failed.status == "failed" and failed.attempts == 3
    assert "worker running this job was lost" in failed.error
    assert [outcome for *_, outcome in claims(db, job_id)] == ["lost"] * 3


def test_cancel_requested_on_a_job_whose_worker_died_ends_cancelled_not_retried(db):
    job_id = add_job(db)
    queue.claim(db, worker_id="w", lease_seconds=LEASE)
    with db.write_session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(cancel_requested_at=utcnow()))
    expire_lease(db, job_id)
    assert queue.claim(db, worker_id="w2", lease_seconds=LEASE) is None
    assert job(db, job_id).status == "cancelled"


def test_cancelling_a_job_whose_worker_died_ends_it_at_once(db):
    job_id = add_job(db)
    queue.claim(db, worker_id="dead", lease_seconds=LEASE)
    expire_lease(db, job_id)
    assert jobs.cancel(db, job_id=job_id, owner=None).status == "cancelled"
    assert claims(db, job_id) == [("dead", 1, "lost")]
    assert queue.claim(db, worker_id="w", lease_seconds=LEASE) is None  # not retried


def test_heartbeat_writes_costs_renews_and_reports_cancellation(db):
    job_id = add_job(db)
    claim = queue.claim(db, worker_id="w", lease_seconds=LEASE)
    before = job(db, job_id).lease_expires_at
    assert (
        queue.heartbeat(db, claim, lease_seconds=LEASE, costs=[EpochCosts(1, 0.9, 1.0), EpochCosts(2, 0.8, 0.95)])
        is False
    )
    beat = job(db, job_id)
    assert beat.lease_expires_at >= before and (beat.epoch, beat.train_cost, beat.validation_cost) == (2, 0.8, 0.95)
    with db.write_session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(cancel_requested_at=utcnow()))
    assert queue.heartbeat(db, claim, lease_seconds=LEASE, costs=[]) is True


def test_release_hands_the_job_back_without_spending_an_attempt(db):
    job_id = add_job(db)
    claim = queue.claim(db, worker_id="w", lease_seconds=LEASE)
    queue.heartbeat(db, claim, lease_seconds=LEASE, costs=[EpochCosts(1, 0.9, None)])
    queue.release(db, claim)
    released = job(db, job_id)
    assert released.status == "queued" and released.attempts == 0 and released.lease_token is None
    assert jobs.cost_history(db, job_id=job_id, owner=None)[1] == []  # queued again: nothing to show
    assert queue.claim(db, worker_id="w2", lease_seconds=LEASE).attempt == 1
    assert jobs.cost_history(db, job_id=job_id, owner=None)[1] == []  # the released attempt's epochs went with it
    assert claims(db, job_id) == [("w", 1, "released"), ("w2", 1, None)]


def test_a_job_whose_cancel_arrived_is_cancelled_not_handed_back(db):
    job_id = add_job(db)
    claim = queue.claim(db, worker_id="w", lease_seconds=LEASE)
    jobs.cancel(db, job_id=job_id, owner=None)
    assert queue.release(db, claim) == "cancelled"  # a queued job with the flag would never run
    assert job(db, job_id).status == "cancelled"
    assert claims(db, job_id) == [("w", 1, "cancelled")]


def test_a_beat_sent_again_after_a_lost_answer_changes_nothing(db):
    """The commit reached the database but its answer did not: the worker sends the same epochs
    again, and neither that beat nor the final write fails on them."""
    job_id = add_job(db)
    claim = queue.claim(db, worker_id="w", lease_seconds=LEASE)
    costs = [EpochCosts(1, 0.9, None), EpochCosts(2, 0.8, None)]
    queue.heartbeat(db, claim, lease_seconds=LEASE, costs=costs)
    queue.heartbeat(db, claim, lease_seconds=LEASE, costs=costs)
    assert queue.succeed(db, claim, model=_model(), costs=[*costs, EpochCosts(3, 0.7, None)]) == "succeeded"
    assert [row.epoch for row in jobs.cost_history(db, job_id=job_id, owner=None)[1]] == [1, 2, 3]


def test_succeed_stores_model_and_status_together(db):
    job_id = add_job(db)
    claim = queue.claim(db, worker_id="w", lease_seconds=LEASE)
    model = _model()
    queue.succeed(db, claim, model=model, costs=[EpochCosts(1, 0.5, None)])
    done = job(db, job_id)
    assert done.status == "succeeded" and done.model_id == model.id and done.lease_token is None
    with db.read_session() as session:
        assert session.get(Model, model.id).job_id == job_id
    assert claims(db, job_id) == [("w", 1, "succeeded")]


def test_a_cancel_that_lands_before_the_final_write_wins_over_success(db):
    job_id = add_job(db)
    claim = queue.claim(db, worker_id="w", lease_seconds=LEASE)
    jobs.cancel(db, job_id=job_id, owner=None)
    assert queue.succeed(db, claim, model=_model(), costs=[]) == "cancelled"
    ended = job(db, job_id)
    assert ended.status == "cancelled" and ended.model_id is None
    with db.read_session() as session:
        assert session.scalars(select(Model)).all() == []


def test_cancel_racing_completion_leaves_exactly_one_terminal_state(db):
    """Cancels and completions of the same jobs on two threads: each job ends once, with a model
    exactly when it succeeded, and a cancel after success is refused, never applied."""
    job_ids = [add_job(db) for _ in range(20)]
    held = [queue.claim(db, worker_id="w", lease_seconds=LEASE) for _ in job_ids]
    barrier = threading.Barrier(2)
    refused: list[str] = []

    def complete() -> None:
        barrier.wait()
        for claim in held:
            queue.succeed(db, claim, model=_model(), costs=[])

    def cancel() -> None:
        barrier.wait()
        for job_id in job_ids:
            try:
                jobs.cancel(db, job_id=job_id, owner=None)
            except Exception as exc:  # Conflict: it already succeeded
                refused.append(type(exc).__name__)

    threads = [threading.Thread(target=complete), threading.Thread(target=cancel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(refused) <= {"Conflict"}
    with db.read_session() as session:
        models = {m.job_id for m in session.scalars(select(Model)).all()}
    for job_id in job_ids:
        ended = job(db, job_id)
        assert ended.status in ("succeeded", "cancelled")
        assert (job_id in models) == (ended.status == "succeeded") == (ended.model_id is not None)
        assert [outcome for *_, outcome in claims(db, job_id)] == [ended.status]
    # every job was cancelled once: refused exactly when it had already succeeded
    assert len(refused) == sum(job(db, j).status == "succeeded" for j in job_ids)


def _model() -> Model:
    return Model(
        owner="alice",
        task="regression",
        target="y",
        features=["x"],
        classes=None,
        hyperparameters={},
        architecture={},
        preprocessing={},
        metrics={},
        n_epochs=1,
        payload=b"x",
        payload_bytes=1,
    )


def test_concurrent_claims_never_take_the_same_job(db):
    job_ids = {add_job(db) for _ in range(30)}
    claimed: list[str] = []
    lock = threading.Lock()

    def claim_until_empty(worker_id: str) -> None:
        while (claim := queue.claim(db, worker_id=worker_id, lease_seconds=LEASE)) is not None:
            with lock:
                claimed.append(claim.job_id)

    threads = [threading.Thread(target=claim_until_empty, args=(f"w{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(job_ids)  # every job once, none twice


def test_leases_follow_the_database_clock_not_the_hosts(db, monkeypatch):
    """A worker host whose clock runs an hour fast must not see live leases as expired."""
    job_id = add_job(db)
    queue.claim(db, worker_id="a", lease_seconds=LEASE)

    class FastClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(hours=1)

    monkeypatch.setattr(tables, "datetime", FastClock)  # the service's only source of host time
    assert queue.claim(db, worker_id="fast-clock", lease_seconds=LEASE) is None
    assert job(db, job_id).worker_id == "a"
    lease = job(db, job_id).lease_expires_at
    monkeypatch.undo()  # back to the real clock, to check the lease against it
    assert timedelta(seconds=LEASE - 5) < lease - utcnow() < timedelta(seconds=LEASE + 5)
