"""A worker process: claims jobs from the queue and trains them, one at a time.

The worker owns the loop, the stop event and the final status of every job it claims. While
training, a heartbeat thread renews the lease, flushes the cost history gathered since the last
beat and reads the cancellation flag, once per HEARTBEAT interval: one small transaction per
second whatever the speed of the epochs. The training callback only appends to a list and reads
two flags, so the engine runs at full speed between beats.
"""

import logging
import os
import signal
import socket
import threading
import traceback

from . import queue
from .config import Settings
from .db import Database
from .ingest import from_parquet_bytes
from .queue import Claim, EpochCosts, LeaseLost
from .tables import Dataset, Job, Model
from .training import TrainingError, train_job

log = logging.getLogger("nnservice.worker")
PARENT_PID_ENV = "NNSERVICE_PARENT_PID"  # set by `serve` for the workers it starts
ORPHAN_CHECK_SECONDS = 1.0


class Heartbeat(threading.Thread):
    """Renews the lease and flushes costs every `interval` seconds until stopped."""

    def __init__(self, db: Database, claim: Claim, *, interval: float, lease_seconds: float):
        super().__init__(name=f"heartbeat-{claim.job_id[:8]}", daemon=True)
        self.db, self.claim, self.interval, self.lease_seconds = db, claim, interval, lease_seconds
        self.pending: list[EpochCosts] = []  # appended by the training thread
        self.lock = threading.Lock()
        self.cancel_requested = threading.Event()
        self.lease_lost = threading.Event()
        self._stop_beating = threading.Event()

    def add(self, costs: EpochCosts) -> None:
        with self.lock:
            self.pending.append(costs)

    def take(self) -> list[EpochCosts]:
        with self.lock:
            taken, self.pending = self.pending, []
        return taken

    def run(self) -> None:
        while not self._stop_beating.wait(self.interval):
            costs = self.take()
            try:
                if queue.heartbeat(self.db, self.claim, lease_seconds=self.lease_seconds, costs=costs):
                    self.cancel_requested.set()
            except LeaseLost:
                self.lease_lost.set()
                return
            except Exception:  # a busy or briefly unreachable database: keep the costs, try next beat
                log.exception("heartbeat failed for job %s", self.claim.job_id)
                with self.lock:
                    self.pending[:0] = costs

    def stop(self) -> list[EpochCosts]:
        """Stop beating; return the costs not yet written."""
        self._stop_beating.set()
        self.join()
        return self.take()


class Worker:
    def __init__(self, db: Database, settings: Settings, *, worker_id: str | None = None):
        self.db, self.settings = db, settings
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.stop_event = threading.Event()

    def run(self) -> None:
        """Claim and train until the stop event is set."""
        log.info("worker %s started", self.worker_id)
        while not self.stop_event.is_set():
            try:
                claim = queue.claim(self.db, worker_id=self.worker_id, lease_seconds=self.settings.lease_seconds)
            except Exception:
                log.exception("claiming a job failed; retrying")
                claim = None
            if claim is None:
                self.stop_event.wait(self.settings.poll_seconds)
                continue
            self.process(claim)
        log.info("worker %s stopped", self.worker_id)

    def process(self, claim: Claim) -> None:
        log.info("job %s claimed (attempt %d)", claim.job_id, claim.attempt)
        beat = Heartbeat(
            self.db, claim, interval=self.settings.heartbeat_seconds, lease_seconds=self.settings.lease_seconds
        )

        def on_epoch(epoch: int, train_cost: float, validation_cost: float | None) -> bool:
            beat.add(EpochCosts(epoch, train_cost, validation_cost))
            return beat.cancel_requested.is_set() or beat.lease_lost.is_set() or self.stop_event.is_set()

        job, outcome, trained, error = None, "failed", None, None
        beat.start()
        try:
            job, table = self._load(claim)
            trained = train_job(
                table=table,
                target=job.target,
                features=job.features,
                task=job.task,
                hyperparameters=job.hyperparameters,
                callback=on_epoch,
            )
            outcome = "succeeded"
        except TrainingError as exc:
            error = str(exc)
        except Exception as exc:  # a bug must fail the job, never kill the worker
            log.error("job %s crashed:\n%s", claim.job_id, traceback.format_exc())
            error = f"internal error while training ({type(exc).__name__}: {exc}); please report it"
        finally:
            costs = beat.stop()
            self._finish(claim, job, outcome, trained, error, costs, beat)

    def _load(self, claim: Claim):
        with self.db.read_session() as session:
            job = session.get(Job, claim.job_id)
            dataset = session.get(Dataset, job.dataset_id) if job.dataset_id else None
            if dataset is None:
                raise TrainingError(
                    "the job's dataset was deleted before the job ran; upload it again and submit a new job"
                )
            content = dataset.content
        return job, from_parquet_bytes(content)

    def _finish(
        self,
        claim: Claim,
        job: Job | None,
        outcome: str,
        trained,
        error: str | None,
        costs: list[EpochCosts],
        beat: Heartbeat,
    ) -> None:
        try:
            if beat.lease_lost.is_set():
                log.warning("job %s: lease lost, nothing more is written", claim.job_id)
            elif (
                self.stop_event.is_set()
                and not beat.cancel_requested.is_set()
                and (trained is None or trained.stopped_early)
            ):
                queue.release(self.db, claim)
                log.info("job %s handed back to the queue (shutting down)", claim.job_id)
            elif beat.cancel_requested.is_set() or queue.cancel_requested(self.db, claim):
                queue.cancelled(self.db, claim, costs=costs)
                log.info("job %s cancelled", claim.job_id)
            elif outcome == "succeeded":
                queue.succeed(self.db, claim, model=_model_row(job, trained), costs=costs)
                log.info("job %s succeeded", claim.job_id)
            else:
                queue.fail(self.db, claim, error=error, costs=costs)
                log.info("job %s failed: %s", claim.job_id, error)
        except LeaseLost:
            log.warning("job %s: lease lost before the final write; it changed nothing", claim.job_id)


def _model_row(job: Job, trained) -> Model:
    return Model(
        dataset_id=job.dataset_id,
        task=job.task,
        target=job.target,
        features=job.features,
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
    goes back to the queue, and the process exits."""
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
