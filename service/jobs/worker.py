"""A worker process: claims jobs from the queue and trains them, one at a time.

The worker owns the loop, the stop event and the final status of every job it claims. While
training, a heartbeat thread renews the lease, flushes the cost history gathered since the last
beat and reads the cancellation flag, once per HEARTBEAT interval: one small transaction per
second whatever the speed of the epochs. The training callback only appends to a list and reads
two flags, so the engine runs at full speed between beats.

The database may go away (a restart, a network cut): the worker then waits and retries, with
backoff. A job's final write (its model, or its hand-back) waits for the database for up to
FINAL_WRITE_PATIENCE (less when the worker is stopping): it is fenced by the lease token, so it
lands if no other worker took the job meanwhile and changes nothing if one did. A job whose final
write is given up is rescued by whichever worker claims it next: nothing is lost but that
attempt's work (on a job's last attempt, it then fails as lost).
"""

import logging
import os
import signal
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from nn_engine import ModelFormatError, model_from_bytes
from nn_engine.training import EpochStats
from service.core import blas
from service.core.config import Settings
from service.core.db import UNREACHABLE, Database, out_of_space
from service.core.status import AttemptOutcome, JobStatus
from service.core.tables import Job, Model
from service.datasets.storage import from_parquet_bytes
from service.jobs import queue
from service.jobs.heartbeat import Heartbeat
from service.jobs.presence import Presence
from service.jobs.queue import Claim, EpochCosts, EpochProgress, LeaseLost
from service.jobs.wakeup import wakeup_for
from service.observability import logs
from service.training import reproducibility
from service.training.runner import TrainingError, TrainingStopped, train_job

log = logging.getLogger("nnservice.worker")
PARENT_PID_ENV = "NNSERVICE_PARENT_PID"  # set by `serve` for the workers it starts
ORPHAN_CHECK_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 5.0  # between retries while the database is unreachable
FINAL_WRITE_PATIENCE = 300.0  # seconds a finished job's result waits for the database
SHUTDOWN_RETRY_SECONDS = 15.0  # the same once stopping: within serve's and compose's 30 s grace


class DatabaseUnavailable(Exception):
    """The database could not be reached in time; the job is left to its lease."""


class DatabaseFull(Exception):
    """The database has no space left for a write: waiting would not help, so the job fails at once."""


def out_of_space_reason(what: str, exc: BaseException) -> str:
    """The job's error when the database's disk is full: the reason itself, and what to do."""
    return (
        f"the database is out of space: {what} failed ({getattr(exc, 'orig', exc)}); "
        "free space on the database's disk, then submit the job again"
    )


def retrying(action: Callable, *, what: str, seconds: float, stop_event: threading.Event):
    """`action()`, retried with backoff while the database is unreachable, for up to `seconds`,
    or SHUTDOWN_RETRY_SECONDS once the worker is stopping (it must exit within its grace period)."""
    deadline, delay = time.monotonic() + seconds, 0.1
    while True:
        try:
            return action()
        except UNREACHABLE as exc:
            if out_of_space(exc):  # not unreachable: no retry frees the disk
                raise DatabaseFull(out_of_space_reason(what, exc)) from exc
            if stop_event.is_set():
                deadline = min(deadline, time.monotonic() + SHUTDOWN_RETRY_SECONDS)
            if time.monotonic() + delay > deadline:
                raise DatabaseUnavailable(f"{what}: {exc.orig}") from exc
            log.warning("%s: database unavailable (%s); retrying in %.1f s", what, type(exc.orig).__name__, delay)
            stop_event.wait(delay)
            delay = min(delay * 2, MAX_BACKOFF_SECONDS)


class Worker:
    def __init__(self, db: Database, settings: Settings, *, worker_id: str | None = None):
        self.db, self.settings = db, settings
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.stop_event = threading.Event()

    def run(self) -> None:
        """Claim and train until the stop event is set."""
        blas.limit_threads(self.settings.blas_threads)
        log.info("worker %s started (BLAS: %s)", self.worker_id, blas.describe())
        presence = Presence(self.db, self.worker_id)
        presence.start()
        wakeup = wakeup_for(
            self.db.url,
            self.stop_event,
            listen=self.settings.listen_notify,
            poll_seconds=self.settings.poll_seconds,
            listen_poll_seconds=self.settings.listen_poll_seconds,
        )
        wakeup.listen()  # before the first claim, so no job queued after it goes unheard
        backoff = 0.0
        try:
            while not self.stop_event.is_set():
                try:
                    claim = queue.claim(self.db, worker_id=self.worker_id, lease_seconds=self.settings.lease_seconds)
                    backoff = 0.0
                except Exception as exc:  # unreachable, or not migrated yet: a worker waits, never dies
                    backoff = min(max(backoff * 2, 0.1), MAX_BACKOFF_SECONDS)
                    reason = f"database unavailable ({exc.orig})" if isinstance(exc, UNREACHABLE) else repr(exc)
                    if out_of_space(exc):  # nothing to fail yet: say so, and wait for space like for a database
                        reason = f"the database is out of space ({getattr(exc, 'orig', exc)})"
                    log.warning("claiming failed: %s; retrying in %.1f s", reason, backoff)
                    self.stop_event.wait(backoff)
                    continue
                if claim is None:
                    wakeup.wait()
                    continue
                presence.holding(claim.job_id)
                self.process(claim)
                presence.holding(None)
        finally:
            wakeup.close()
            presence.stop()
        log.info("worker %s stopped", self.worker_id)

    def process(self, claim: Claim) -> None:
        with logs.job_context(claim.job_id, claim.request_id):  # every record of this job carries its ids
            self._process(claim)

    def _process(self, claim: Claim) -> None:
        log.info("job %s claimed (attempt %d)", claim.job_id, claim.attempt)
        beat = Heartbeat(
            self.db, claim, interval=self.settings.heartbeat_seconds, lease_seconds=self.settings.lease_seconds
        )

        job, outcome, trained, error = None, AttemptOutcome.FAILED, None, None
        started = time.monotonic()

        def record(stats: EpochStats) -> None:
            beat.add(EpochCosts.of(stats))

        def on_epoch(epoch: int, train_cost: float, validation_cost: float | None) -> bool:
            beat.at(EpochProgress(epoch, train_cost, validation_cost))  # the job's epoch, across a cv job's trainings
            if beat.cancel_requested.is_set() or beat.lease_lost.is_set() or beat.out_of_space is not None:
                return True
            return self.stop_event.is_set() and not self._nearly_done(cast(Job, job), epoch, started)  # loaded by now

        beat.start()
        try:
            job, inputs = retrying(
                lambda: self._load(claim),
                what=f"loading job {claim.job_id}",
                seconds=self.settings.lease_seconds,
                stop_event=self.stop_event,
            )
            trained = train_job(
                table=inputs.table,
                target=job.target,
                features=job.features,
                task=job.task,
                hyperparameters=job.hyperparameters,
                callback=on_epoch,
                observer=record,
                sample_weight_column=job.sample_weight_column,
                init_model=inputs.init_model,
                cv=job.cv,
                encoding=job.encoding,
            )
            trained.reproducibility = reproducibility.record(
                dataset_hash=inputs.dataset_sha256,
                hyperparameters=job.hyperparameters,
                estimator=trained.estimator,
                init_model_id=job.init_model_id,
            )
            if job.replay_of is not None:
                trained.replay = reproducibility.compare(
                    inputs.original_payload,
                    trained.estimator,
                    original_job_id=job.replay_of,
                    original_record=inputs.original_record,
                )
            outcome = AttemptOutcome.SUCCEEDED
        except TrainingStopped as exc:  # a cross-validation fold was stopped: no model to keep
            outcome, error = AttemptOutcome.STOPPED, None
            log.info("job %s: %s", claim.job_id, exc)
        except TrainingError as exc:
            error = str(exc)
        except DatabaseFull as exc:  # reading the job needed space (it rarely does): fail it with that reason
            error = str(exc)
        except DatabaseUnavailable as exc:
            outcome, error = AttemptOutcome.UNREACHABLE, str(exc)
        except Exception as exc:  # a bug must fail the job, never kill the worker
            log.error("job %s crashed:\n%s", claim.job_id, traceback.format_exc())
            error = f"internal error while training ({type(exc).__name__}: {exc}); please report it"
        finally:
            costs = beat.stop()
        if beat.out_of_space is not None and not beat.cancel_requested.is_set():  # its history could not be written
            outcome, trained = AttemptOutcome.FAILED, None
            error = out_of_space_reason("writing the job's cost history", beat.out_of_space)
        if outcome == AttemptOutcome.UNREACHABLE:
            log.error("job %s not started: %s; it will be rescued when its lease runs out", claim.job_id, error)
            return
        self._finish(claim, job, outcome, trained, error, costs, beat)

    def _nearly_done(self, job: Job, epoch: int, started: float) -> bool:
        """Whether the job would end within `shutdown_finish_seconds` at its pace so far: then a
        stopping worker finishes it rather than hand it back."""
        per_epoch = (time.monotonic() - started) / max(epoch, 1)
        return (job.epochs - epoch) * per_epoch <= self.settings.shutdown_finish_seconds

    def _load(self, claim: Claim) -> tuple[Job, "JobInputs"]:
        stored = queue.load_inputs(self.db, claim)
        job = stored.job
        if stored.dataset_content is None:
            raise TrainingError(
                "the job's dataset was deleted before the job ran; upload it again and submit a new job"
            )
        if job.init_model_id is not None and stored.init_payload is None:
            raise TrainingError(f"model {job.init_model_id}, the warm start, was deleted before the job ran")
        return job, JobInputs(
            table=from_parquet_bytes(stored.dataset_content),
            dataset_sha256=reproducibility.dataset_sha256(stored.dataset_content),
            init_model=None if stored.init_payload is None else _estimator(stored.init_payload, job.init_model_id),
            original_payload=stored.original_payload,
            original_record=stored.original_record,
        )

    def _finish(
        self,
        claim: Claim,
        job: Job | None,
        outcome: AttemptOutcome,
        trained,
        error: str | None,
        costs: list[EpochCosts],
        beat: Heartbeat,
    ) -> None:
        try:
            retrying(
                lambda: self._write_end(claim, job, outcome, trained, error, costs, beat),
                what=f"storing the model of job {claim.job_id} ({len(trained.payload):,} bytes)"
                if outcome == AttemptOutcome.SUCCEEDED and trained is not None
                else f"ending job {claim.job_id}",
                seconds=FINAL_WRITE_PATIENCE,
                stop_event=self.stop_event,
            )
        except LeaseLost:
            log.warning("job %s: lease lost before the final write; it changed nothing", claim.job_id)
        except DatabaseFull as exc:
            log.error("job %s: %s", claim.job_id, exc)
            first = error if beat.out_of_space is not None and error else str(exc)  # the heartbeat's came first
            self._fail_out_of_space(claim, costs, beat, first)
        except DatabaseUnavailable as exc:
            log.error("job %s: %s; it will be rescued when its lease runs out", claim.job_id, exc)
        except Exception:  # a bug in the final write must not kill the worker; the lease rescues the job
            log.exception("job %s: the final write failed; it will be rescued when its lease runs out", claim.job_id)

    def _fail_out_of_space(self, claim: Claim, costs: list[EpochCosts], beat: Heartbeat, error: str) -> None:
        """Fail the job with the out-of-space reason: a small write, which the space left by the
        refused one (a model, a batch of costs) usually holds; with its history, else without it.
        When even that is refused, the job is left to its lease (and the log says why)."""
        for kept in (costs, []):
            reason = error if kept or not costs else f"{error} (its last {len(costs)} epochs' costs are not stored)"
            try:
                retrying(
                    lambda kept=kept, reason=reason: queue.fail(
                        self.db, claim, error=reason, costs=kept, progress=beat.latest()
                    ),
                    what=f"failing job {claim.job_id}",
                    seconds=self.settings.lease_seconds,
                    stop_event=self.stop_event,
                )
                log.info("job %s failed: %s", claim.job_id, reason)
                return
            except DatabaseFull:
                continue
            except (LeaseLost, DatabaseUnavailable) as exc:
                log.error("job %s: failing it as out of space did not land (%r)", claim.job_id, exc)
                return
        log.error("job %s: no space even to fail it; it will be rescued when its lease runs out", claim.job_id)

    def _write_end(self, claim, job, outcome, trained, error, costs, beat) -> None:
        if beat.lease_lost.is_set():
            log.warning("job %s: lease lost, nothing more is written", claim.job_id)
        elif (
            self.stop_event.is_set()
            and not beat.cancel_requested.is_set()
            and error is None
            and (outcome == AttemptOutcome.STOPPED or trained.stopped_early)
        ):
            ended = queue.release(self.db, claim)
            log.info(
                "job %s %s (shutting down)",
                claim.job_id,
                "handed back to the queue" if ended == JobStatus.QUEUED else ended,
            )
        elif beat.cancel_requested.is_set() or queue.cancel_requested(self.db, claim):
            partial = _model_row(job, trained, partial=True) if trained is not None else None
            kept = queue.cancelled(self.db, claim, costs=costs, partial_model=partial, progress=beat.latest())
            log.info("job %s cancelled%s", claim.job_id, f", its best weights kept as model {kept}" if kept else "")
        elif outcome == AttemptOutcome.SUCCEEDED:
            ended = queue.succeed(
                self.db,
                claim,
                model=_model_row(job, trained),
                costs=costs,
                replay=trained.replay,
                progress=beat.latest(),
            )
            log.info("job %s %s", claim.job_id, ended)
        else:
            error = error or "training stopped before it ended, and neither a cancellation nor a shutdown asked it to"
            queue.fail(self.db, claim, error=error, costs=costs, progress=beat.latest())
            log.info("job %s failed: %s", claim.job_id, error)


@dataclass
class JobInputs:
    """What a job trains on, read in one transaction."""

    table: object  # the dataset as a pyarrow Table
    dataset_sha256: str
    init_model: object | None  # the warm start's estimator
    original_payload: bytes | None  # a replay's original model
    original_record: dict | None


def _estimator(payload: bytes, model_id: str | None):
    try:
        return model_from_bytes(payload)
    except ModelFormatError as exc:
        raise TrainingError(f"model {model_id}, the warm start, cannot be read: {exc}") from None


def _model_row(job: Job, trained, *, partial: bool = False) -> Model:
    return Model(
        partial=partial,
        reproducibility=trained.reproducibility,
        owner=job.owner,
        dataset_id=job.dataset_id,
        task=job.task,
        target=job.target,
        features=trained.features,
        classes=trained.classes,
        hyperparameters=job.hyperparameters,
        architecture=trained.architecture,
        preprocessing=trained.preprocessing,
        metrics=trained.metrics,
        n_epochs=trained.architecture["n_epochs"],
        payload=trained.payload,
        payload_bytes=len(trained.payload),
    )


def run_worker(db: Database, settings: Settings) -> None:
    """Run one worker in this process until SIGTERM or SIGINT: the current epoch ends, the job
    goes back to the queue (or is finished, when nearly done), and the process exits."""
    worker = Worker(db, settings)

    def request_stop(signum, _frame):
        log.info("worker %s: signal %d, stopping after the current epoch", worker.worker_id, signum)
        worker.stop_event.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    parent = os.environ.get(PARENT_PID_ENV)
    if parent:
        threading.Thread(target=_stop_when_orphaned, args=(worker, int(parent)), daemon=True).start()
    worker.run()


def _stop_when_orphaned(worker: Worker, parent_pid: int) -> None:
    """A worker started by `serve` stops if `serve` dies without stopping it (SIGKILL, a crash)."""
    while not worker.stop_event.wait(ORPHAN_CHECK_SECONDS):
        if os.getppid() != parent_pid:
            log.warning("worker %s: its parent process %d is gone, stopping", worker.worker_id, parent_pid)
            worker.stop_event.set()
